//! The SmartOffice page as plain data, shared by the content script and the
//! service worker:
//! - [`profile`]: everything assumed about SmartOffice's markup, as data;
//! - the snapshot (this module): the record frame as label/value pairs per
//!   section and tables with their header cells. Taking a snapshot knows HTML
//!   structure only (headings, labels, tables, form fields), never
//!   SmartOffice's words: the interpreter gives it meaning through the profile.
//!   The walk is written once, generic over [`Dom`], so the browser's elements
//!   and native tests (an HTML parser) run the same code;
//! - [`clean`]: page text made comparable; [`mask`]: the full policy number
//!   never leaves the page; [`links`] and [`outline`]: the narrower views of
//!   a page sent before an export.

pub mod clean;
pub mod json;
pub mod limits;
pub mod links;
pub mod mask;
pub mod outline;
pub mod profile;
pub mod protocol;
pub mod serialized;
mod walk;
pub mod words;

pub use mask::mask_policy_numbers;

use serde::{Deserialize, Serialize};

/// One record page, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The record frame's address (absolute), from which the office host and
    /// the record id are read.
    pub address: String,
    pub hidden_inputs: Vec<HiddenInput>,
    pub sections: Vec<Section>,
}

/// A hidden form input, where some pages keep the record's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HiddenInput {
    pub name: String,
    pub value: String,
}

/// What follows one heading or legend, up to the next. Content before the
/// first heading has no heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub heading: Option<String>,
    pub fields: Vec<Field>,
    pub tables: Vec<Table>,
}

/// A label and its value, both cleaned of extra whitespace; the label may
/// still carry markers such as a trailing colon or asterisk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A table whose first row is header cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The row's class attribute (some pages mark the preferred row so).
    pub class: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    /// The cell's text, or the value of the form field it holds.
    pub text: String,
    /// The first link in the cell, as written in its `href`.
    pub href: Option<String>,
}

/// The few things the walk needs from a document. Implemented over the
/// browser's elements in `web::dom` and over an HTML parser in tests; both
/// must follow the contracts below so that they give the same snapshot.
pub trait Dom {
    type Node: Clone;

    /// The element's tag name in lower case ("td", "h3").
    fn tag_name(&self, node: &Self::Node) -> String;
    fn attribute(&self, node: &Self::Node, name: &str) -> Option<String>;
    /// Child elements, in document order (text nodes left out).
    fn children(&self, node: &Self::Node) -> Vec<Self::Node>;
    /// The text a reader sees: all descendant text, except inside `script`,
    /// `style`, `select`, `textarea` and `template`; not yet cleaned.
    fn text(&self, node: &Self::Node) -> String;
    /// The value of an `input` (not hidden; a checkbox or radio gives "✓"
    /// when checked and "" when not) or a `textarea`; `None` for other elements.
    fn control_value(&self, node: &Self::Node) -> Option<String>;
    /// The text of a `select`'s selected option ("" when none is); `None` for
    /// other elements.
    fn selected_option_text(&self, node: &Self::Node) -> Option<String>;
    /// The first `rows` rows of a table at once: a browser crosses into
    /// JavaScript once per table here rather than once per cell, which keeps
    /// a 1,000-row table fast.
    fn table_cells(&self, table: &Self::Node, rows: usize) -> TableCells;
}

/// A whole table as [`Dom::table_cells`] returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCells {
    /// Rows of this table (`thead`, `tbody`, `tfoot` included), not of tables nested in it.
    pub rows: Vec<TableRow>,
    /// The table holds another table, a heading, a legend or a fieldset:
    /// it is page layout, and is walked element by element instead.
    pub is_layout: bool,
    /// Hidden inputs anywhere inside the table.
    pub hidden_inputs: Vec<HiddenInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRow {
    pub class: String,
    /// The row is inside `thead`.
    pub in_head: bool,
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCell {
    /// As [`Dom::text`].
    pub text: String,
    /// The first link's `href` attribute, as written.
    pub href: Option<String>,
    /// The first form field's value (input, textarea, or select's selected
    /// option text), as [`Dom::control_value`] and [`Dom::selected_option_text`].
    pub control: Option<String>,
    /// A `th` cell.
    pub is_header: bool,
}

/// Reads the record frame under `root` (its body or document element).
/// `address` is the frame's address.
pub fn snapshot<D: Dom>(dom: &D, root: &D::Node, address: &str) -> Snapshot {
    let mut snapshot = walk::Walk::new(dom, usize::MAX).run(root);
    snapshot.address = address.to_string();
    snapshot
}
