//! The small kit the page's features are built on: the one [`action::Action`]
//! enum and the registry of the extension's own elements, listeners with a
//! lifetime, modal panels, the status line, styles, the page's words and its
//! requests to the worker. Features use the kit, never each other.

pub mod action;
pub mod ask;
pub mod listen;
pub mod panel;
pub mod status;
pub mod style;
pub mod words;
