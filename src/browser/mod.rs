//! Browser extension APIs, one small module each, so the rest of the crate
//! never calls `chrome.*` directly.

pub mod convert;
#[cfg(feature = "worker")]
pub mod crypto;
pub mod runtime;
#[cfg(feature = "worker")]
pub mod storage;
#[cfg(feature = "worker")]
pub mod timers;
