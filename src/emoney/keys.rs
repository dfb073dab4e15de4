//! The names of what the client keeps in the vaults, one place for all.
//!
//! Everything is per eMoney domain; record-level entries are per SmartOffice
//! record (its external id, `smartoffice:<host>:<contactId>`).

use super::domain::Domain;

/// The access token and when it expires (session storage only).
pub fn access_token(domain: &Domain) -> String {
    format!("emoney.accessToken|{}", domain.as_str())
}

/// The refresh token: in session storage, or in the secrets vault when the
/// advisor asked to stay signed in.
pub fn refresh_token(domain: &Domain) -> String {
    format!("emoney.refreshToken|{}", domain.as_str())
}

/// The idempotency key of a create not yet confirmed.
pub fn pending_create(domain: &Domain, record: &str) -> String {
    format!("emoney.pendingCreate|{}|{record}", domain.as_str())
}

/// The eMoney client a record was last exported to, so the next export
/// reads it directly instead of searching first.
pub fn known_client(domain: &Domain, record: &str) -> String {
    format!("emoney.knownClient|{}|{record}", domain.as_str())
}

/// The eMoney client the advisor chose for a record among several candidates.
pub fn chosen_client(domain: &Domain, record: &str) -> String {
    format!("emoney.chosenClient|{}|{record}", domain.as_str())
}
