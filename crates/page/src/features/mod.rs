//! What the extension adds to a SmartOffice record page, one feature each:
//! the menu entry, the export it starts, and the eMoney window. Features use
//! the kit and never each other; the router in `lib.rs` wires them.

pub mod export;
pub mod launch;
pub mod menu;
