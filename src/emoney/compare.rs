//! What an export would change in eMoney, compared with what eMoney holds
//! now, and the update that writes exactly that.
//!
//! The contract replaces each object an update sends as a whole, so an
//! update built from SmartOffice alone would erase every value SmartOffice
//! leaves blank. Here the update starts from eMoney's own copy: a value
//! SmartOffice has replaces eMoney's, a value only eMoney has is kept
//! (listed apart, so the advisor may tick its removal), and nothing else is
//! sent. Assets and policies are compared with eMoney's listings the same
//! way, so any browser sends only what changed, and an item SmartOffice no
//! longer lists is never deleted.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::shapes::{Asset, Client, Policy};
use crate::fingerprint::fnv1a;
use crate::parse::money::parse_money;
use crate::record::Date;

/// How a field's values are compared and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Date,
    Money,
    /// A marital status, in the contract's words.
    Status,
    /// An owner (`Client`, `Spouse`, `Joint`, `Other`).
    Owner,
    /// An address object, compared and replaced as a whole.
    Address,
    /// A list of words (an asset's type of funds), in any order.
    List,
}

/// One value, as the advisor is shown it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Value {
    Text(String),
    /// `YYYY-MM-DD`.
    Date(String),
    /// Two-place decimal, as the contract writes money.
    Money(String),
    Status(String),
    Owner(String),
    /// The address's parts, in order, blanks left out.
    Address(Vec<String>),
    List(Vec<String>),
    /// A whole person (the spouse), by name.
    Person(String),
}

/// A value SmartOffice would change: `from` is eMoney's (`None`: it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The contract's path (`client.email`, `address`, `holdingsValue`).
    pub path: String,
    pub from: Option<Value>,
    pub to: Value,
    /// SmartOffice's value as the update writes it.
    pub write: Json,
}

/// A value eMoney holds where SmartOffice is blank: kept, unless the advisor
/// ticks its removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kept {
    pub path: String,
    pub value: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemKind {
    Asset,
    Policy,
}

impl ItemKind {
    /// The contract's collection name in paths.
    pub fn collection(self) -> &'static str {
        match self {
            ItemKind::Asset => "assets",
            ItemKind::Policy => "policies",
        }
    }
}

/// An asset or policy an export would add or change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    pub kind: ItemKind,
    pub external_id: String,
    /// The asset's name, or the policy's name and masked number.
    pub name: String,
    /// New in eMoney (else: changed, with `changes`).
    pub added: bool,
    pub changes: Vec<Change>,
    /// The item as the update puts it (eMoney's copy with SmartOffice's values).
    pub body: Json,
}

/// What eMoney holds for a client, as read for the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub client: Map<String, Json>,
    pub assets: Vec<Json>,
    pub policies: Vec<Json>,
}

impl Held {
    /// A stable hash of what was compared: an update goes ahead only while
    /// eMoney still holds what the advisor was shown.
    pub fn fingerprint(&self) -> String {
        let text = serde_json::to_string(&(&self.client, &self.assets, &self.policies))
            .unwrap_or_default();
        format!("{:016x}", fnv1a(&text))
    }
}

/// Everything an export would change in one eMoney client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub changes: Vec<Change>,
    pub kept: Vec<Kept>,
    pub items: Vec<ItemChange>,
    /// The record's external id is not on the client yet: confirming writes it.
    pub links: bool,
    /// [`Held::fingerprint`] of what this was compared with.
    pub previewed: String,
}

impl Comparison {
    /// Nothing would be written (kept values write nothing).
    pub fn changes_nothing(&self) -> bool {
        self.changes.is_empty() && self.items.is_empty()
    }

    /// The paths of the values kept, which the advisor may remove.
    pub fn removable(&self) -> impl Iterator<Item = &str> {
        self.kept.iter().map(|kept| kept.path.as_str())
    }
}

const HOUSEHOLD_FIELDS: [(&str, Kind); 4] = [
    ("maritalStatus", Kind::Status),
    ("address", Kind::Address),
    ("homePhone", Kind::Text),
    ("fax", Kind::Text),
];

const PERSON_FIELDS: [(&str, Kind); 10] = [
    ("firstName", Kind::Text),
    ("lastName", Kind::Text),
    ("dateOfBirth", Kind::Date),
    ("email", Kind::Text),
    ("cellPhone", Kind::Text),
    ("job.companyName", Kind::Text),
    ("job.jobTitle", Kind::Text),
    ("job.businessPhone", Kind::Text),
    ("job.businessFax", Kind::Text),
    ("job.address", Kind::Address),
];

const ASSET_FIELDS: [(&str, Kind); 6] = [
    ("name", Kind::Text),
    ("holdingsValue", Kind::Money),
    ("cashBalance", Kind::Money),
    ("totalValue", Kind::Money),
    ("typeOfFunds", Kind::List),
    ("owner", Kind::Owner),
];

const POLICY_FIELDS: [(&str, Kind); 4] = [
    ("policyName", Kind::Text),
    ("policyNumber", Kind::Text),
    ("owner", Kind::Owner),
    ("currentDeathBenefit", Kind::Money),
];

/// Every client field the comparison knows, by contract path: for naming
/// them (the advisor's words live with the caller) and for tests.
pub fn client_paths() -> Vec<String> {
    let mut paths: Vec<String> = HOUSEHOLD_FIELDS
        .iter()
        .map(|(path, _)| (*path).to_owned())
        .collect();
    for person in ["client", "spouse"] {
        paths.extend(
            PERSON_FIELDS
                .iter()
                .filter(|(field, _)| !spouse_skips(person, field))
                .map(|(field, _)| format!("{person}.{field}")),
        );
    }
    paths.push("spouse".to_owned());
    paths
}

/// The seed's table sends the spouse no e-mail: eMoney's is neither
/// compared nor touched.
fn spouse_skips(person: &str, field: &str) -> bool {
    person == "spouse" && field == "email"
}

/// Compares SmartOffice's client (and items) with what eMoney holds.
/// `external_id`: the record's, which `links` says is missing.
pub fn compare(
    held: &Held,
    proposed: &Client,
    assets: &[Asset],
    policies: &[Policy],
    external_id: &str,
) -> Comparison {
    let ours = to_object(proposed);
    let theirs = Json::Object(held.client.clone());
    let ours = Json::Object(ours);
    let mut changes = Vec::new();
    let mut kept = Vec::new();
    for (path, kind) in HOUSEHOLD_FIELDS {
        field(&theirs, &ours, path, kind, &mut changes, &mut kept);
    }
    for (path, kind) in PERSON_FIELDS {
        field(
            &theirs,
            &ours,
            &format!("client.{path}"),
            kind,
            &mut changes,
            &mut kept,
        );
    }
    match (present(&theirs, "spouse"), present(&ours, "spouse")) {
        (Some(spouse), None) => kept.push(Kept {
            path: "spouse".to_owned(),
            value: Value::Person(person_name(spouse)),
        }),
        (_, Some(_)) => {
            for (path, kind) in PERSON_FIELDS {
                if !spouse_skips("spouse", path) {
                    let path = format!("spouse.{path}");
                    field(&theirs, &ours, &path, kind, &mut changes, &mut kept);
                }
            }
        }
        (None, None) => {}
    }
    let mut items = item_changes(ItemKind::Asset, &held.assets, assets);
    items.extend(item_changes(ItemKind::Policy, &held.policies, policies));
    let links = !held
        .client
        .get("externalIds")
        .and_then(Json::as_array)
        .is_some_and(|ids| ids.iter().any(|id| id.as_str() == Some(external_id)));
    Comparison {
        changes,
        kept,
        items,
        links,
        previewed: held.fingerprint(),
    }
}

/// The update's body: each changed value, each removal the advisor ticked,
/// and the record's external id when `link`. Objects sent are eMoney's own,
/// with SmartOffice's values in them, so nothing else in them changes.
/// `None` when there is nothing to write.
pub fn update_body(
    held: &Held,
    comparison: &Comparison,
    removals: &[String],
    external_id: &str,
    link: bool,
) -> Option<Map<String, Json>> {
    let mut body = Map::new();
    let removed = |path: &str| {
        comparison.removable().any(|kept| kept == path) && removals.iter().any(|r| r == path)
    };
    for (path, _) in HOUSEHOLD_FIELDS {
        if let Some(change) = comparison.changes.iter().find(|change| change.path == path) {
            body.insert(path.to_owned(), change.write.clone());
        } else if removed(path) {
            body.insert(path.to_owned(), Json::Null);
        }
    }
    for person in ["client", "spouse"] {
        if person == "spouse" && removed("spouse") {
            body.insert("spouse".to_owned(), Json::Null);
            continue;
        }
        let prefix = format!("{person}.");
        let touched = comparison
            .changes
            .iter()
            .any(|change| change.path.starts_with(&prefix))
            || comparison
                .removable()
                .any(|path| path.starts_with(&prefix) && removed(path));
        if !touched {
            continue;
        }
        let mut object = held
            .client
            .get(person)
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        for change in &comparison.changes {
            if let Some(field) = change.path.strip_prefix(&prefix) {
                set(&mut object, field, Some(change.write.clone()));
            }
        }
        for path in comparison.removable() {
            if let Some(field) = path.strip_prefix(&prefix) {
                if removed(path) {
                    set(&mut object, field, None);
                }
            }
        }
        body.insert(person.to_owned(), Json::Object(object));
    }
    if link {
        let mut ids: Vec<Json> = held
            .client
            .get("externalIds")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        if !ids.iter().any(|id| id.as_str() == Some(external_id)) {
            ids.push(Json::String(external_id.to_owned()));
            body.insert("externalIds".to_owned(), Json::Array(ids));
        }
    }
    (!body.is_empty()).then_some(body)
}

fn to_object<T: Serialize>(value: &T) -> Map<String, Json> {
    match serde_json::to_value(value) {
        Ok(Json::Object(object)) => object,
        _ => Map::new(),
    }
}

/// The value at a dotted path, blank and `null` read as absent.
fn present<'v>(root: &'v Json, path: &str) -> Option<&'v Json> {
    let mut at = root;
    for part in path.split('.') {
        at = at.get(part)?;
    }
    match at {
        Json::Null => None,
        Json::String(text) if text.trim().is_empty() => None,
        Json::Array(list) if list.is_empty() => None,
        Json::Object(object) if object.values().all(Json::is_null) => None,
        value => Some(value),
    }
}

fn field(
    theirs: &Json,
    ours: &Json,
    path: &str,
    kind: Kind,
    changes: &mut Vec<Change>,
    kept: &mut Vec<Kept>,
) {
    let theirs = present(theirs, path).map(|value| shown(value, kind));
    let written = present(ours, path);
    let ours = written.map(|value| shown(value, kind));
    match (theirs, ours) {
        (theirs, Some(ours)) if !same(theirs.as_ref(), &ours) => changes.push(Change {
            path: path.to_owned(),
            from: theirs,
            to: ours,
            write: written.cloned().unwrap_or(Json::Null),
        }),
        (Some(theirs), None) => kept.push(Kept {
            path: path.to_owned(),
            value: theirs,
        }),
        _ => {}
    }
}

/// Whether two values say the same (dates as dates, money as amounts, lists
/// in any order, text trimmed).
fn same(theirs: Option<&Value>, ours: &Value) -> bool {
    let Some(theirs) = theirs else {
        return false;
    };
    match (theirs, ours) {
        (Value::Date(a), Value::Date(b)) => match (Date::from_iso(a), Date::from_iso(b)) {
            (Some(a), Some(b)) => a == b,
            _ => a == b,
        },
        // eMoney may write an amount another way ("200" for "200.00").
        (Value::Money(a), Value::Money(b)) => match (parse_money(a), parse_money(b)) {
            (Ok(Some(a)), Ok(Some(b))) => a == b,
            _ => a == b,
        },
        (Value::List(a), Value::List(b)) => {
            let sorted = |list: &[String]| {
                let mut list = list.to_vec();
                list.sort();
                list
            };
            sorted(a) == sorted(b)
        }
        (a, b) => a == b,
    }
}

/// A JSON value as the advisor is shown it.
fn shown(value: &Json, kind: Kind) -> Value {
    let text = || match value {
        Json::String(text) => text.trim().to_owned(),
        other => other.to_string(),
    };
    match kind {
        Kind::Text => Value::Text(text()),
        Kind::Date => Value::Date(text()),
        Kind::Money => Value::Money(text()),
        Kind::Status => Value::Status(text()),
        Kind::Owner => Value::Owner(text()),
        Kind::Address => Value::Address(
            [
                "street1",
                "street2",
                "city",
                "state",
                "postalCode",
                "country",
            ]
            .iter()
            .filter_map(|part| present(value, part))
            .map(|part| {
                part.as_str()
                    .map_or_else(|| part.to_string(), |s| s.trim().to_owned())
            })
            .collect(),
        ),
        Kind::List => Value::List(
            value
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(Json::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
        ),
    }
}

/// Sets (or, with `None`, removes) a dotted field inside `object`; an object
/// left empty by a removal goes too.
fn set(object: &mut Map<String, Json>, path: &str, value: Option<Json>) {
    match path.split_once('.') {
        None => match value {
            Some(value) => {
                object.insert(path.to_owned(), value);
            }
            None => {
                object.remove(path);
            }
        },
        Some((head, rest)) => {
            let mut inner = object
                .get(head)
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            set(&mut inner, rest, value);
            if inner.values().all(Json::is_null) {
                object.remove(head);
            } else {
                object.insert(head.to_owned(), Json::Object(inner));
            }
        }
    }
}

fn person_name(person: &Json) -> String {
    let name = |field: &str| {
        present(person, field)
            .and_then(Json::as_str)
            .unwrap_or_default()
    };
    format!("{} {}", name("firstName"), name("lastName"))
        .trim()
        .to_owned()
}

fn item_changes<T: Serialize + HasExternalId>(
    kind: ItemKind,
    held: &[Json],
    ours: &[T],
) -> Vec<ItemChange> {
    let fields: &[(&str, Kind)] = match kind {
        ItemKind::Asset => &ASSET_FIELDS,
        ItemKind::Policy => &POLICY_FIELDS,
    };
    let mut out = Vec::new();
    for item in ours {
        let ours = Json::Object(to_object(item));
        let external_id = item.external_id().to_owned();
        let theirs = held
            .iter()
            .find(|held| held.get("externalId").and_then(Json::as_str) == Some(&external_id));
        let name = item_name(kind, &ours, &external_id);
        match theirs {
            None => out.push(ItemChange {
                kind,
                external_id,
                name,
                added: true,
                changes: Vec::new(),
                body: ours,
            }),
            Some(theirs) => {
                let mut changes = Vec::new();
                let mut unused = Vec::new();
                let mut body = theirs.as_object().cloned().unwrap_or_default();
                for (path, field_kind) in fields {
                    let before = changes.len();
                    field(theirs, &ours, path, *field_kind, &mut changes, &mut unused);
                    if let Some(change) = changes.get(before..).and_then(|new| new.first()) {
                        body.insert((*path).to_owned(), change.write.clone());
                    }
                }
                if !changes.is_empty() {
                    out.push(ItemChange {
                        kind,
                        external_id,
                        name,
                        added: false,
                        changes,
                        body: Json::Object(body),
                    });
                }
            }
        }
    }
    out
}

fn item_name(kind: ItemKind, item: &Json, external_id: &str) -> String {
    let text = |field: &str| {
        present(item, field)
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    match kind {
        ItemKind::Asset => text("name"),
        ItemKind::Policy => match (text("policyName"), text("policyNumber")) {
            (Some(name), Some(number)) => Some(format!("{name} {number}")),
            (name, number) => name.or(number),
        },
    }
    .unwrap_or_else(|| external_id.to_owned())
}

/// An asset or a policy, by its external id.
pub trait HasExternalId {
    fn external_id(&self) -> &str;
}

impl HasExternalId for Asset {
    fn external_id(&self) -> &str {
        &self.external_id
    }
}

impl HasExternalId for Policy {
    fn external_id(&self) -> &str {
        &self.external_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emoney::shapes::{Address, Job, Person};
    use serde_json::json;

    fn held(client: Json) -> Held {
        Held {
            client: client.as_object().cloned().unwrap_or_default(),
            assets: Vec::new(),
            policies: Vec::new(),
        }
    }

    fn clarence() -> Client {
        Client {
            external_ids: vec!["smartoffice:x:1".into()],
            home_phone: Some("555-1000".into()),
            client: Person {
                first_name: "Clarence".into(),
                last_name: "Okafor".into(),
                date_of_birth: Some("1955-10-31".into()),
                job: Some(Job {
                    company_name: Some("Acme".into()),
                    ..Job::default()
                }),
                ..Person::default()
            },
            ..Client::default()
        }
    }

    fn in_emoney() -> Json {
        json!({
            "id": "c1",
            "externalIds": ["crm:9"],
            "homePhone": "555-0000",
            "address": {"street1": "1 Elm", "city": "Springfield", "state": "IL", "postalCode": "62704"},
            "client": {
                "firstName": "Clarence", "lastName": "Okafor", "dateOfBirth": "1955-10-31",
                "email": "clarence@old.example",
                "job": {"companyName": "Acme", "jobTitle": "Engineer", "businessPhone": "555-7000"}
            },
            "spouse": {"firstName": "Ada", "lastName": "Okafor"},
            "assets": []
        })
    }

    #[test]
    fn blanks_in_smartoffice_keep_emoneys_values() {
        let held = held(in_emoney());
        let comparison = compare(&held, &clarence(), &[], &[], "smartoffice:x:1");
        assert_eq!(
            comparison.changes,
            vec![Change {
                path: "homePhone".into(),
                from: Some(Value::Text("555-0000".into())),
                to: Value::Text("555-1000".into()),
                write: json!("555-1000"),
            }]
        );
        let kept: Vec<&str> = comparison.removable().collect();
        assert_eq!(
            kept,
            [
                "address",
                "client.email",
                "client.job.jobTitle",
                "client.job.businessPhone",
                "spouse"
            ]
        );
        assert!(comparison.links);
        // The update sends the changed phone only: the client object is not
        // sent at all, so its e-mail, title and business phone stay.
        let body = update_body(&held, &comparison, &[], "smartoffice:x:1", false)
            .expect("something to write");
        assert_eq!(Json::Object(body), json!({"homePhone": "555-1000"}));
    }

    #[test]
    fn removals_the_advisor_ticked_are_sent_and_nothing_else_changes() {
        let held = held(in_emoney());
        let comparison = compare(&held, &clarence(), &[], &[], "smartoffice:x:1");
        let removals = vec![
            "client.email".to_owned(),
            "spouse".to_owned(),
            "nope".to_owned(),
        ];
        let body = update_body(&held, &comparison, &removals, "smartoffice:x:1", true)
            .expect("something to write");
        assert_eq!(
            Json::Object(body),
            json!({
                "homePhone": "555-1000",
                "client": {
                    "firstName": "Clarence", "lastName": "Okafor", "dateOfBirth": "1955-10-31",
                    "job": {"companyName": "Acme", "jobTitle": "Engineer", "businessPhone": "555-7000"}
                },
                "spouse": null,
                "externalIds": ["crm:9", "smartoffice:x:1"]
            })
        );
    }

    #[test]
    fn the_same_client_changes_nothing() {
        let mut proposed = clarence();
        proposed.client.job = None;
        let held = held(json!({
            "id": "c1", "externalIds": ["smartoffice:x:1"], "homePhone": " 555-1000 ",
            "client": {"firstName": "Clarence", "lastName": "Okafor", "dateOfBirth": "1955-10-31"}
        }));
        let comparison = compare(&held, &proposed, &[], &[], "smartoffice:x:1");
        assert!(comparison.changes_nothing(), "{comparison:?}");
        assert!(!comparison.links);
        assert_eq!(
            update_body(&held, &comparison, &[], "smartoffice:x:1", true),
            None
        );
    }

    #[test]
    fn a_new_spouse_and_a_new_address_are_changes_from_nothing() {
        let mut proposed = clarence();
        proposed.address = Some(Address {
            street1: Some("2 Oak".into()),
            city: Some("Peoria".into()),
            ..Address::default()
        });
        proposed.spouse = Some(Person {
            first_name: "Bo".into(),
            last_name: "Okafor".into(),
            email: Some("never@sent.example".into()),
            ..Person::default()
        });
        let held =
            held(json!({"id": "c1", "client": {"firstName": "Clarence", "lastName": "Okafor"}}));
        let comparison = compare(&held, &proposed, &[], &[], "smartoffice:x:1");
        let paths: Vec<&str> = comparison.changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "address",
                "homePhone",
                "client.dateOfBirth",
                "client.job.companyName",
                "spouse.firstName",
                "spouse.lastName"
            ]
        );
        assert_eq!(
            comparison.changes[0].to,
            Value::Address(vec!["2 Oak".into(), "Peoria".into()])
        );
        let body = update_body(&held, &comparison, &[], "smartoffice:x:1", false).expect("body");
        assert_eq!(
            body["address"],
            json!({"street1": "2 Oak", "city": "Peoria"})
        );
        assert_eq!(
            body["spouse"],
            json!({"firstName": "Bo", "lastName": "Okafor"})
        );
    }

    #[test]
    fn items_are_compared_with_emoneys_listing() {
        let asset = |id: &str, value: &str| Asset {
            external_id: id.into(),
            name: Some(format!("Account {id}")),
            holdings_value: Some(value.into()),
            owner: Some("Client".into()),
            ..Asset::default()
        };
        let held = Held {
            client: Map::new(),
            assets: vec![
                json!({"externalId": "a1", "name": "Account a1", "holdingsValue": "100.00", "owner": "Client", "cashBalance": "5.00"}),
                json!({"externalId": "a2", "name": "Account a2", "holdingsValue": "200", "owner": "Client"}),
                json!({"externalId": "gone", "name": "Sold"}),
            ],
            policies: Vec::new(),
        };
        let ours = [
            asset("a1", "150.00"),
            asset("a2", "200.00"),
            asset("a3", "1.00"),
        ];
        let comparison = compare(&held, &Client::default(), &ours, &[], "x");
        let items: Vec<(&str, bool)> = comparison
            .items
            .iter()
            .map(|item| (item.external_id.as_str(), item.added))
            .collect();
        // a2 is the same amount written differently; "gone" is never deleted.
        assert_eq!(items, [("a1", false), ("a3", true)]);
        let changed = &comparison.items[0];
        assert_eq!(
            changed.changes,
            vec![Change {
                path: "holdingsValue".into(),
                from: Some(Value::Money("100.00".into())),
                to: Value::Money("150.00".into()),
                write: json!("150.00"),
            }]
        );
        // eMoney's cash balance, which SmartOffice left blank, stays.
        assert_eq!(
            changed.body,
            json!({"externalId": "a1", "name": "Account a1", "holdingsValue": "150.00", "owner": "Client", "cashBalance": "5.00"})
        );
    }

    #[test]
    fn what_was_compared_is_fingerprinted() {
        let one = held(json!({"id": "c1", "homePhone": "1"}));
        let two = held(json!({"id": "c1", "homePhone": "2"}));
        assert_ne!(one.fingerprint(), two.fingerprint());
        assert_eq!(one.fingerprint(), one.clone().fingerprint());
    }
}
