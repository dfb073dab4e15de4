//! Everything assumed about SmartOffice's markup, as data. Nothing else in the
//! crate names a SmartOffice label or selector.
