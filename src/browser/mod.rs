//! Browser extension APIs, one small module each, so the rest of the crate
//! never calls `chrome.*` directly.

pub mod convert;
pub mod runtime;
