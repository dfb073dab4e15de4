//! Profile overrides: the words a firm's policy adds to the page profile
//! (the managed setting `profileOverrides`, see ARCHITECTURE.md), such as
//! "Mobile" as one more label of the cell phone. They only add: a word the
//! profile has already is left as it is, and nothing is taken away.
//!
//! The shape is the profile's own JSON (`crates/snapshot/src/profile/record.rs`,
//! camelCase): a group, then a list name, then words:
//! `{"labels": {"cellPhone": ["Mobile"]}, "spousalRelations": ["Partner"]}`.
//! Each part that is wrong is left out with a sentence saying why; the rest
//! is used.

use serde_json::{Map, Value};
use smartoffice_snapshot::clean::label_is;
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

/// The most words one list may gain, and all lists together.
pub const MAX_PER_LIST: usize = 20;
pub const MAX_WORDS: usize = 200;
/// The longest word, in characters.
pub const MAX_LENGTH: usize = 100;

/// What stays as built: the profile's name and licences (not lists), the
/// characters that split options, and the Policy # column, by whose
/// built-in words the page hides policy numbers before anything leaves it.
const FIXED: &[&str] = &[
    "name",
    "investmentLicence",
    "policyLicence",
    "optionSeparators",
    "columns.policyNumber",
];

/// The profile with the firm's words added.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub profile: RecordProfile,
    /// How many words were added.
    pub added: usize,
    /// What was left out, and why.
    pub problems: Vec<Text>,
}

/// `base` with the valid parts of `overrides` (the managed value, if the
/// firm set one) added.
pub fn apply(base: &RecordProfile, overrides: Option<&Value>) -> Applied {
    let unchanged = |problems| Applied {
        profile: base.clone(),
        added: 0,
        problems,
    };
    let Some(overrides) = overrides else {
        return unchanged(Vec::new());
    };
    let Value::Object(overrides) = overrides else {
        return unchanged(vec![text!("overrideNotObject")]);
    };
    let Ok(Value::Object(mut profile)) = serde_json::to_value(base) else {
        return unchanged(Vec::new());
    };
    let mut merge = Merge::default();
    // The parts a firm may extend: lists of words, alone or in groups.
    let known: Vec<String> = profile
        .iter()
        .filter(|(key, value)| {
            !FIXED.contains(&key.as_str()) && (value.is_array() || value.is_object())
        })
        .map(|(key, _)| key.clone())
        .collect();
    for (group, value) in overrides {
        // The page profile's selectors are built into the loader and the
        // page module, which take nothing from the worker before they run.
        if group == "selectors" {
            merge.problems.push(text!("overrideSelectors"));
            continue;
        }
        if FIXED.contains(&group.as_str()) {
            merge.problems.push(text!("overrideFixed", group.as_str()));
            continue;
        }
        match profile.get_mut(group) {
            Some(list) if list.is_array() => merge.list(group, list, value),
            Some(Value::Object(lists)) => match value {
                Value::Object(added) => merge.group(group, lists, added),
                _ => merge
                    .problems
                    .push(text!("overrideNotGroup", group.as_str())),
            },
            _ => merge
                .problems
                .push(text!("overrideUnknown", group.as_str(), known.join(", "))),
        }
    }
    match serde_json::from_value::<RecordProfile>(Value::Object(profile)) {
        Ok(profile) => Applied {
            profile,
            added: merge.added,
            problems: merge.problems,
        },
        // Only words were added to lists of words: it reads back.
        Err(_) => unchanged(merge.problems),
    }
}

#[derive(Default)]
struct Merge {
    added: usize,
    full: bool,
    problems: Vec<Text>,
}

impl Merge {
    fn group(&mut self, group: &str, lists: &mut Map<String, Value>, added: &Map<String, Value>) {
        for (name, words) in added {
            let path = format!("{group}.{name}");
            match lists.get_mut(name) {
                Some(list) if list.is_array() => self.list(&path, list, words),
                _ => {
                    let known: Vec<&str> = lists
                        .iter()
                        .filter(|(_, v)| v.is_array())
                        .map(|(k, _)| k.as_str())
                        .collect();
                    self.problems
                        .push(text!("overrideUnknown", &path, known.join(", ")));
                }
            }
        }
    }

    fn list(&mut self, path: &str, list: &mut Value, words: &Value) {
        if FIXED.contains(&path) {
            self.problems.push(text!("overrideFixed", path));
            return;
        }
        let Some(words) = words.as_array() else {
            self.problems.push(text!("overrideNotList", path));
            return;
        };
        let Some(list) = list.as_array_mut() else {
            return;
        };
        if words.len() > MAX_PER_LIST {
            self.problems
                .push(text!("overrideTooMany", path, MAX_PER_LIST));
            return;
        }
        for word in words {
            let Some(word) = word.as_str().map(str::trim) else {
                self.problems.push(text!("overrideNotList", path));
                continue;
            };
            if word.is_empty() {
                self.problems.push(text!("overrideEmpty", path));
                continue;
            }
            if word.chars().count() > MAX_LENGTH {
                self.problems
                    .push(text!("overrideTooLong", path, MAX_LENGTH));
                continue;
            }
            let known: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
            if label_is(word, &known) {
                continue;
            }
            if self.added == MAX_WORDS {
                if !self.full {
                    self.problems.push(text!("overrideTooManyWords", MAX_WORDS));
                    self.full = true;
                }
                return;
            }
            list.push(Value::String(word.to_owned()));
            self.added += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use smartoffice_snapshot::profile::record::smartoffice;

    fn keys(applied: &Applied) -> Vec<&str> {
        applied.problems.iter().map(|t| t.key.as_str()).collect()
    }

    #[test]
    fn words_are_added_once_and_nothing_else_changes() {
        let applied = apply(
            smartoffice(),
            Some(&json!({"labels": {"cellPhone": ["Portable", "mobile", "Portable"]}})),
        );
        assert_eq!(keys(&applied), Vec::<&str>::new());
        assert_eq!(applied.added, 1);
        let mut expected = smartoffice().clone();
        expected.labels.cell_phone.push("Portable".into());
        assert_eq!(applied.profile, expected);
    }

    #[test]
    fn each_wrong_part_is_left_out_with_its_sentence_and_the_rest_is_used() {
        let long = "x".repeat(MAX_LENGTH + 1);
        let many: Vec<String> = (0..=MAX_PER_LIST).map(|n| format!("w{n}")).collect();
        let applied = apply(
            smartoffice(),
            Some(&json!({
                "labels": {
                    "cellphone": ["Portable"],
                    "homePhone": ["", "Landline", long, 7],
                    "fax": many,
                    "email": "Courriel",
                },
                "columns": {"policyNumber": ["Contract"], "carrier": ["Company"]},
                "phoneTypes": ["Portable"],
                "colours": {"red": ["Rouge"]},
                "name": ["Mine"],
                "selectors": {"menuButton": "#{window}-actions"},
            })),
        );
        assert_eq!(
            keys(&applied),
            // In the order of their names.
            [
                "overrideUnknown",
                "overrideFixed",
                "overrideUnknown",
                "overrideNotList",
                "overrideTooMany",
                "overrideEmpty",
                "overrideTooLong",
                "overrideNotList",
                "overrideFixed",
                "overrideNotGroup",
                "overrideSelectors",
            ]
        );
        assert_eq!(applied.added, 2);
        assert!(applied
            .profile
            .labels
            .home_phone
            .contains(&"Landline".to_owned()));
        assert!(applied
            .profile
            .columns
            .carrier
            .contains(&"Company".to_owned()));
        assert_eq!(
            applied.profile.columns.policy_number,
            smartoffice().columns.policy_number
        );
        assert_eq!(applied.problems[0].args[0], "colours".into());
    }

    #[test]
    fn not_an_object_is_said_and_nothing_is_added() {
        let applied = apply(smartoffice(), Some(&json!(["Mobile"])));
        assert_eq!(keys(&applied), ["overrideNotObject"]);
        assert_eq!(&applied.profile, smartoffice());
    }

    #[test]
    fn too_many_words_in_all_is_said_once() {
        let lists: serde_json::Map<String, Value> = [
            "homePhone",
            "cellPhone",
            "fax",
            "email",
            "company",
            "jobTitle",
            "businessPhone",
            "businessFax",
            "householdAddress",
            "residenceAddress",
            "businessAddress",
        ]
        .iter()
        .map(|key| {
            let words: Vec<String> = (0..MAX_PER_LIST).map(|n| format!("{key} {n}")).collect();
            ((*key).to_owned(), json!(words))
        })
        .collect();
        let applied = apply(smartoffice(), Some(&json!({ "labels": lists })));
        assert_eq!(keys(&applied), ["overrideTooManyWords"]);
        assert_eq!(applied.added, MAX_WORDS);
    }

    #[test]
    fn no_overrides_is_the_profile() {
        let applied = apply(smartoffice(), None);
        assert_eq!((&applied.profile, applied.added), (smartoffice(), 0));
        assert!(applied.problems.is_empty());
    }
}
