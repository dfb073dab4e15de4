//! Parsers for what a SmartOffice page shows as text: money, dates, addresses,
//! names. Pure functions; each error names what was wrong.

pub mod address;
pub mod date;
pub mod money;
pub mod name;
