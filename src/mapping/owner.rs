//! Who owns an account or policy, in eMoney's terms: the office writes a name
//! ("Lucia Delgado", "Delgado, Rafael"), both names, or a role ("Joint");
//! eMoney wants Client, Spouse, Joint or Other.

use crate::record::Person;
use smartoffice_snapshot::profile::record::OwnerWords;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Client,
    Spouse,
    Joint,
    Other,
}

impl Owner {
    /// The contract's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Client => "Client",
            Owner::Spouse => "Spouse",
            Owner::Joint => "Joint",
            Owner::Other => "Other",
        }
    }
}

/// The client's and spouse's names, ready to be matched, with the words the
/// office writes for a role instead of a name (split once: a household has
/// a thousand Owner cells).
pub struct Names {
    client: Vec<String>,
    spouse: Option<Vec<String>>,
    joint: Vec<Vec<String>>,
    client_role: Vec<Vec<String>>,
    spouse_role: Vec<Vec<String>>,
}

impl Names {
    pub fn of(client: &Person, spouse: Option<&Person>, words: &OwnerWords) -> Names {
        let split = |synonyms: &[String]| {
            synonyms
                .iter()
                .map(|synonym| words_of(synonym))
                .filter(|words| !words.is_empty())
                .collect()
        };
        Names {
            client: name_words(client),
            spouse: spouse.map(name_words).filter(|words| !words.is_empty()),
            joint: split(&words.joint),
            client_role: split(&words.client),
            spouse_role: split(&words.spouse),
        }
    }

    pub fn resolve(&self, written: &str) -> Owner {
        resolve_owner(written, self)
    }
}

/// Resolves an Owner cell. A name matches a person when every word of that
/// person's first and last name appears in it, in any order and case, so
/// "Okafor, Margaret" and "MARGARET OKAFOR" are both Margaret; both people
/// named, or a joint word, make it Joint; anyone else is Other.
pub fn resolve_owner(written: &str, names: &Names) -> Owner {
    let written_words = words_of(written);
    let says = |synonyms: &[Vec<String>]| synonyms.contains(&written_words);
    if says(&names.joint) {
        return Owner::Joint;
    }
    if says(&names.client_role) {
        return Owner::Client;
    }
    if says(&names.spouse_role) {
        return Owner::Spouse;
    }
    let names_client = names_person(&written_words, &names.client);
    let names_spouse = names
        .spouse
        .as_ref()
        .is_some_and(|spouse| names_person(&written_words, spouse));
    match (names_client, names_spouse) {
        (true, true) => Owner::Joint,
        (true, false) => Owner::Client,
        (false, true) => Owner::Spouse,
        (false, false) => Owner::Other,
    }
}

fn names_person(written: &[String], person: &[String]) -> bool {
    !person.is_empty() && person.iter().all(|word| written.contains(word))
}

fn name_words(person: &Person) -> Vec<String> {
    let mut words = Vec::new();
    for name in [&person.first_name, &person.last_name]
        .into_iter()
        .flatten()
    {
        words.extend(words_of(name));
    }
    words
}

/// Lowercase words of letters and digits in any script; punctuation, commas
/// and ampersands only separate them.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use smartoffice_snapshot::profile::record::smartoffice;

    fn person(first: &str, last: &str) -> Person {
        Person {
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            ..Person::default()
        }
    }

    fn names() -> Names {
        Names::of(
            &person("Rafael", "Delgado"),
            Some(&person("Lucía", "Delgado-Ruiz")),
            &smartoffice().owner_words,
        )
    }

    #[test]
    fn names_resolve_to_the_people_they_name() {
        let names = names();
        assert_eq!(names.resolve("Rafael Delgado"), Owner::Client);
        assert_eq!(names.resolve("DELGADO, RAFAEL"), Owner::Client);
        assert_eq!(names.resolve("Lucía Delgado-Ruiz"), Owner::Spouse);
        assert_eq!(names.resolve("Delgado-Ruiz, lucía"), Owner::Spouse);
        assert_eq!(names.resolve("Rafael & Lucía Delgado-Ruiz"), Owner::Joint);
    }

    #[test]
    fn roles_resolve_by_the_profiles_words() {
        let names = names();
        assert_eq!(names.resolve("Joint"), Owner::Joint);
        assert_eq!(names.resolve(" jtwros "), Owner::Joint);
        assert_eq!(names.resolve("Client"), Owner::Client);
        assert_eq!(names.resolve("Spouse"), Owner::Spouse);
    }

    #[test]
    fn anyone_else_is_other() {
        let names = names();
        assert_eq!(names.resolve("Delgado Family Trust"), Owner::Other);
        assert_eq!(names.resolve("Mateo Delgado"), Owner::Other);
        assert_eq!(names.resolve("Rafael"), Owner::Other);
        assert_eq!(names.resolve(""), Owner::Other);
        // Without a spouse, the spouse's words mean nothing.
        let alone = Names::of(
            &person("Rafael", "Delgado"),
            None,
            &smartoffice().owner_words,
        );
        assert_eq!(alone.resolve("Lucía Delgado-Ruiz"), Owner::Other);
    }
}
