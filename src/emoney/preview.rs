//! What an update would change, field by field, for the advisor to confirm.

use serde::{Deserialize, Serialize};

use super::fields::leaves;
use super::shapes::Client;

/// One field an update changes: eMoney's current value → SmartOffice's.
/// `None` is "not known" (shown as empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// In words: "Client's birth date", "Home phone".
    pub field: String,
    pub current: Option<String>,
    pub proposed: Option<String>,
}

/// The fields `proposed` would change in `current`. eMoney replaces each
/// top-level field sent whole and keeps the ones left out, so inside a field
/// that is sent, a value SmartOffice does not know clears eMoney's.
pub fn preview(current: &Client, proposed: &Client) -> Vec<FieldChange> {
    let sent = |top: &str| match top {
        "maritalStatus" => proposed.marital_status.is_some(),
        "address" => proposed.address.is_some(),
        "homePhone" => proposed.home_phone.is_some(),
        "fax" => proposed.fax.is_some(),
        "spouse" => proposed.spouse.is_some(),
        _ => true,
    };
    leaves(current)
        .into_iter()
        .zip(leaves(proposed))
        .filter(|(now, next)| sent(next.top()) && now.value != next.value)
        .map(|(now, next)| FieldChange {
            field: next.words,
            current: now.value,
            proposed: next.value,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emoney::shapes::{Job, Person};

    fn ann() -> Client {
        Client {
            home_phone: Some("555-1000".into()),
            fax: Some("555-1001".into()),
            client: Person {
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                date_of_birth: Some("1970-02-03".into()),
                email: Some("ann@example.com".into()),
                job: Some(Job {
                    company_name: Some("Acme".into()),
                    ..Job::default()
                }),
                ..Person::default()
            },
            ..Client::default()
        }
    }

    #[test]
    fn the_same_client_changes_nothing() {
        assert_eq!(preview(&ann(), &ann()), vec![]);
    }

    #[test]
    fn changes_are_named_with_both_values() {
        let mut proposed = ann();
        proposed.home_phone = Some("555-2000".into());
        proposed.client.date_of_birth = Some("1970-02-04".into());
        proposed.fax = None; // not sent: eMoney keeps its fax
        proposed.client.email = None; // sent inside `client`: cleared
        assert_eq!(
            preview(&ann(), &proposed),
            vec![
                FieldChange {
                    field: "Home phone".into(),
                    current: Some("555-1000".into()),
                    proposed: Some("555-2000".into()),
                },
                FieldChange {
                    field: "Client's birth date".into(),
                    current: Some("1970-02-03".into()),
                    proposed: Some("1970-02-04".into()),
                },
                FieldChange {
                    field: "Client's e-mail".into(),
                    current: Some("ann@example.com".into()),
                    proposed: None,
                },
            ]
        );
    }

    #[test]
    fn a_new_spouse_shows_each_of_its_fields() {
        let mut proposed = ann();
        proposed.spouse = Some(Person {
            first_name: "Bo".into(),
            last_name: "Lee".into(),
            ..Person::default()
        });
        let fields: Vec<String> = preview(&ann(), &proposed)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["Spouse's first name", "Spouse's last name"]);
    }
}
