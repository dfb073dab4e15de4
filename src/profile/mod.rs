//! Everything assumed about SmartOffice's markup, as data. Nothing else in the
//! crate names a SmartOffice label or selector.

pub mod record;
// The record window, its Menu and the record frame's selectors: `pub mod page;` (the lead's).
