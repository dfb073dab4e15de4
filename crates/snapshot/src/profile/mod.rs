//! The page profile: everything assumed about SmartOffice's markup, as data.
//!
//! Nothing outside this module names a SmartOffice label or selector, so that
//! meeting a real office that differs from our fixtures is a data change here,
//! not a code change elsewhere. `tests/tidy.rs` enforces it.

pub mod page;
pub mod record;
