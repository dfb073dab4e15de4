//! The browser side of reading a record (page module only).

pub mod dom;
pub mod reader;
