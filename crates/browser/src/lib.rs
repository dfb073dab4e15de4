//! Browser extension APIs, one small module each, so the rest of the
//! extension never calls `chrome.*` directly. Knows none of the app's types:
//! callers convert their messages at the edge (`convert`).

pub mod convert;
pub mod crypto;
pub mod events;
pub mod i18n;
pub mod permissions;
pub mod runtime;
pub mod scripting;
pub mod secrets;
pub mod storage;
pub mod tabs;
pub mod timers;
pub mod windows;
