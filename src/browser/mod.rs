//! Browser extension APIs, one small module each, so the rest of the crate
//! never calls `chrome.*` directly.

pub mod convert;
#[cfg(feature = "worker")]
pub mod crypto;
pub mod i18n;
pub mod runtime;
#[cfg(feature = "worker")]
pub mod storage;
pub mod timers;
#[cfg(feature = "worker")]
pub mod windows;
