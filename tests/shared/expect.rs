//! How a read record is compared with its `*.expected.json`, shared by the
//! native tests and the browser tests (`#[path]`-included by both, with
//! `shared/words.rs` as their `words` module): findings are compared as the
//! English sentences the advisor reads.

use serde_json::{json, Value};

use super::words::findings_as_sentences;

/// Fixtures whose expectation is counts and spot checks rather than the
/// whole record (it would be megabytes of JSON).
pub const LARGE: &[&str] = &["household-large.html"];

/// The part of `{record, findings}` that the fixture's expectation holds.
pub fn comparable(name: &str, mut read: Value) -> Value {
    read["findings"] = findings_as_sentences(&read["findings"]);
    if !LARGE.contains(&name) {
        return read;
    }
    let record = &read["record"];
    let list = |key: &str| record[key].as_array().cloned().unwrap_or_default();
    let (investments, policies) = (list("investments"), list("policies"));
    let pick = |items: &[Value], at: usize| items.get(at).cloned().unwrap_or(Value::Null);
    json!({
        "source": record["source"],
        "client": record["client"],
        "spouse": record["spouse"],
        "investmentCount": investments.len(),
        "policyCount": policies.len(),
        "investmentSamples": [pick(&investments, 0), pick(&investments, 499), pick(&investments, 999)],
        "policySamples": [pick(&policies, 0), pick(&policies, 499), pick(&policies, 999)],
        "findings": read["findings"],
    })
}

/// The expectation file of a fixture.
// Shared by two test crates; the browser one names its files with include_str!.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub fn expected_name(name: &str) -> String {
    format!("{}.expected.json", name.trim_end_matches(".html"))
}
