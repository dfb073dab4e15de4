//! The state every handler shares: the database, the advisors, the rate
//! limiter, the test faults, call and write counts, and the settings from the
//! command line. It imports no handler, so handlers can all import it.

use crate::calls::{Calls, Writes};
use crate::faults::Faults;
use crate::limits::RateLimiter;
use crate::store::Store;
use crate::users::Users;

pub struct App {
    pub store: Store,
    pub users: Users,
    pub limiter: RateLimiter,
    pub faults: Faults,
    pub calls: Calls,
    pub writes: Writes,
    pub token_ttl: u64,
    pub refresh_ttl: u64,
    /// Where launch links point, without a trailing `/`.
    pub web_base: String,
}
