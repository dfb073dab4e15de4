//! Browser extension APIs, one small module each, so the rest of the crate
//! never calls `chrome.*` directly.

pub mod convert;
pub mod crypto;
pub mod i18n;
pub mod runtime;
pub mod storage;
pub mod timers;
pub mod windows;
