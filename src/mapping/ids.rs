//! External ids: how eMoney recognises the same SmartOffice record, account
//! and policy on the next export, from any browser.

use crate::fingerprint::fnv1a;
use crate::record::{Investment, Policy, RecordKind, Source};

/// `smartoffice:<host>:<contactId>`; a household is `household-<id>`, since
/// households and contacts number their records apart.
pub fn external_id(source: &Source) -> String {
    let host = source.office_host.to_ascii_lowercase();
    match source.kind {
        RecordKind::Contact => format!("smartoffice:{host}:{}", source.id),
        RecordKind::Household => format!("smartoffice:{host}:household-{}", source.id),
    }
}

/// One id per investment, from what identifies the account on the page (its
/// name and owner, not its values, which change between exports). The same
/// account listed twice gets `-2`, `-3`, in page order.
pub fn asset_ids(investments: &[Investment]) -> Vec<String> {
    numbered(investments.iter().map(|investment| {
        let key = [key(&investment.account_name), key(&investment.owner)].join("\u{1f}");
        format!("inv-{:016x}", fnv1a(&key))
    }))
}

/// One id per policy, from its carrier, plan and masked number.
pub fn policy_ids(policies: &[Policy]) -> Vec<String> {
    numbered(policies.iter().map(|policy| {
        let number = policy
            .policy_number
            .as_ref()
            .map(|number| number.as_str().to_owned());
        let key = [key(&policy.carrier), key(&policy.plan_name), key(&number)].join("\u{1f}");
        format!("pol-{:016x}", fnv1a(&key))
    }))
}

/// Case and spacing do not make another account.
fn key(value: &Option<String>) -> String {
    value
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn numbered(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    ids.map(|id| {
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            id
        } else {
            format!("{id}-{count}")
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::masked_policy_number;

    fn investment(name: &str, owner: &str) -> Investment {
        Investment {
            account_name: Some(name.into()),
            account_value: None,
            loan_balance: None,
            net_value: None,
            options: Vec::new(),
            owner: Some(owner.into()),
        }
    }

    #[test]
    fn record_ids_name_the_office_and_the_kind() {
        let mut source = Source {
            office_host: "PMGcloud.ez-data.com".into(),
            kind: RecordKind::Contact,
            id: "1001".into(),
            id_derived: false,
        };
        assert_eq!(
            external_id(&source),
            "smartoffice:pmgcloud.ez-data.com:1001"
        );
        source.kind = RecordKind::Household;
        assert_eq!(
            external_id(&source),
            "smartoffice:pmgcloud.ez-data.com:household-1001"
        );
    }

    #[test]
    fn account_ids_ignore_values_case_and_spacing_and_number_repeats() {
        let mut a = investment("Joint  Brokerage", "Joint");
        let b = investment("joint brokerage", "JOINT");
        a.account_value = crate::parse::money::parse_money("$1.00").ok().flatten();
        let ids = asset_ids(&[a, b, investment("IRA", "Client")]);
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_ne!(ids[2], ids[0]);
        assert!(ids[0].starts_with("inv-") && ids[0].len() == 20);
    }

    #[test]
    fn policy_ids_come_from_the_masked_number_only() {
        let policy = |number: &str| Policy {
            carrier: Some("Pacific Life".into()),
            plan_name: Some("PL Promise Term".into()),
            policy_number: masked_policy_number(number),
            primary_insured: None,
            owner: None,
            total_death_benefits: None,
        };
        let ids = policy_ids(&[policy("UL-2045-A7"), policy("ZZ99-5-A7")]);
        // Same last four, same carrier and plan: the same policy as far as
        // anything outside the page can tell, so numbered apart.
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        let other = policy_ids(&[policy("T-0001")]);
        assert_ne!(other[0], ids[0]);
    }
}
