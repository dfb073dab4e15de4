//! The page's outline: what the worker needs to tell whether a frame shows a
//! record (when the advisor first opens its Menu) and nothing more. Its
//! headings, its field labels, the names of its hidden inputs and its
//! address's path and parameter names: no value of any field, cell or
//! parameter, so no client data and no policy number, and no holdings' rows,
//! which can be thousands (a 1,000 + 1,000 household took over 100 ms of the
//! page's time to read and mask whole at each Menu's first opening).

use crate::clean::without_numbers;
use crate::walk::Walk;
use crate::{Dom, HiddenInput, Section, Snapshot};

/// Rows read of each table: field tables are shorter, holdings are cut.
pub const ROWS: usize = 100;

/// The outline of the page under `root` at `address`.
pub fn outline<D: Dom>(dom: &D, root: &D::Node, address: &str) -> Snapshot {
    outline_of(&Walk::new(dom, ROWS).run(root), address)
}

/// The outline of a page already read.
fn outline_of(page: &Snapshot, address: &str) -> Snapshot {
    Snapshot {
        address: without_values(address),
        hidden_inputs: page
            .hidden_inputs
            .iter()
            .map(|input| HiddenInput {
                name: without_numbers(&input.name),
                // Whether it has one is what is recognised.
                value: if input.value.is_empty() { "" } else { "1" }.to_owned(),
            })
            .collect(),
        sections: page
            .sections
            .iter()
            .map(|section| Section {
                heading: section.heading.as_deref().map(without_numbers),
                fields: section
                    .fields
                    .iter()
                    .map(|field| crate::Field {
                        label: without_numbers(&field.label),
                        value: String::new(),
                    })
                    .collect(),
                tables: Vec::new(),
            })
            .collect(),
    }
}

/// The address with its query's values and its fragment left out.
fn without_values(address: &str) -> String {
    let address = address.split_once('#').map_or(address, |(kept, _)| kept);
    let Some((path, query)) = address.split_once('?') else {
        return address.to_owned();
    };
    let names: Vec<&str> = query
        .split('&')
        .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
        .collect();
    [path, "?", &names.join("&")].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, Field, Row, Table};

    #[test]
    fn keeps_words_and_names_and_leaves_every_value_out() {
        let page = Snapshot {
            address: "https://x.example/Contact.aspx?contactId=1005&no=VUL100234#top".into(),
            hidden_inputs: vec![
                HiddenInput {
                    name: "householdId".into(),
                    value: "77".into(),
                },
                HiddenInput {
                    name: "spouseId".into(),
                    value: String::new(),
                },
            ],
            sections: vec![Section {
                heading: Some("Policy VUL-100234 details".into()),
                fields: vec![Field {
                    label: "First Name".into(),
                    value: "Rafael".into(),
                }],
                tables: vec![Table {
                    header: vec!["Policy #".into()],
                    rows: vec![Row {
                        class: String::new(),
                        cells: vec![Cell {
                            text: "VUL-100234".into(),
                            href: None,
                        }],
                    }],
                }],
            }],
        };
        let outline = outline_of(&page, &page.address);
        assert_eq!(
            outline.address,
            "https://x.example/Contact.aspx?contactId&no"
        );
        assert_eq!(outline.hidden_inputs[0].value, "1");
        assert_eq!(outline.hidden_inputs[1].value, "");
        assert_eq!(
            outline.sections[0].heading.as_deref(),
            Some("Policy  details")
        );
        assert_eq!(outline.sections[0].fields[0].label, "First Name");
        assert_eq!(outline.sections[0].fields[0].value, "");
        assert!(outline.sections[0].tables.is_empty());
        let json = crate::json::snapshot(&outline);
        for value in ["Rafael", "100234", "1005", "77"] {
            assert!(!json.contains(value), "{value} in {json}");
        }
    }

    #[test]
    fn an_address_without_a_query_stays_whole() {
        assert_eq!(
            without_values("https://x.example/a/b"),
            "https://x.example/a/b"
        );
        assert_eq!(
            without_values("https://x.example/a?"),
            "https://x.example/a?"
        );
        assert_eq!(without_numbers("Spouse 2"), "Spouse 2");
    }
}
