//! The walk from a document to a [`Snapshot`].

use super::{Cell, Dom, Field, HiddenInput, Row, Section, Snapshot, Table, TableCell, TableRow};
use crate::clean::{clean, clean_owned};
use crate::limits::MAX_FIELD_CHARS;

/// Deeper than any real page; stops a hostile page from exhausting the stack.
const MAX_DEPTH: usize = 200;

/// `value` cut after [`MAX_FIELD_CHARS`] + 1 characters: still over the
/// limit when it was, never longer.
fn capped(value: String) -> String {
    match value.char_indices().nth(MAX_FIELD_CHARS + 1) {
        Some((at, _)) => value.get(..at).unwrap_or_default().to_owned(),
        None => value,
    }
}

/// A label whose control (`<label for=id>`) is looked up once the whole page
/// has been walked, because the control may come after it.
struct PendingLabel {
    section: usize,
    field: usize,
    control_id: String,
}

pub(super) struct Walk<'d, D: Dom> {
    dom: &'d D,
    sections: Vec<Section>,
    hidden_inputs: Vec<HiddenInput>,
    /// Form fields' values by their id, in document order (a list: a page
    /// has few, and a hash map costs the page module kilobytes).
    control_values: Vec<(String, String)>,
    pending_labels: Vec<PendingLabel>,
    /// The rows read of each table.
    rows: usize,
}

impl<'d, D: Dom> Walk<'d, D> {
    pub(super) fn new(dom: &'d D, rows: usize) -> Self {
        Walk {
            dom,
            sections: vec![Section::default()],
            hidden_inputs: Vec::new(),
            control_values: Vec::new(),
            pending_labels: Vec::new(),
            rows,
        }
    }

    pub(super) fn run(mut self, root: &D::Node) -> Snapshot {
        self.element(root, 0);
        for pending in &self.pending_labels {
            // The last field with the id wins, as it did in a map.
            let value = self
                .control_values
                .iter()
                .rev()
                .find(|(id, _)| *id == pending.control_id)
                .map(|(_, value)| value);
            if let (Some(value), Some(field)) = (
                value,
                self.sections
                    .get_mut(pending.section)
                    .and_then(|s| s.fields.get_mut(pending.field)),
            ) {
                field.value.clone_from(value);
            }
        }
        let sections = self
            .sections
            .into_iter()
            .filter(|s| s.heading.is_some() || !s.fields.is_empty() || !s.tables.is_empty())
            .collect();
        Snapshot {
            address: String::new(),
            hidden_inputs: self.hidden_inputs,
            sections,
        }
    }

    fn section(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn add_field(&mut self, label: &str, value: &str) -> usize {
        let section = self.section();
        section.fields.push(Field {
            label: clean(label),
            value: clean(value),
        });
        section.fields.len() - 1
    }

    fn element(&mut self, node: &D::Node, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let tag = self.dom.tag_name(node);
        match tag.as_str() {
            "script" | "style" | "template" | "noscript" => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "legend" => {
                let heading = clean(&self.dom.text(node));
                self.sections.push(Section {
                    heading: Some(heading),
                    ..Section::default()
                });
            }
            "table" => self.table(node, depth),
            "tr" => self.layout_row(node, depth),
            "label" => self.label(node, None),
            "dl" => self.definition_list(node),
            "input" | "select" | "textarea" => self.control(node),
            _ => self.children(node, depth),
        }
    }

    /// Walks children; a `<label>` with neither a `for` nor a control of its
    /// own takes its value from the element that follows it.
    fn children(&mut self, node: &D::Node, depth: usize) {
        let children = self.dom.children(node);
        let mut index = 0;
        while let Some(child) = children.get(index) {
            index += 1;
            let is_bare_label = self.dom.tag_name(child) == "label"
                && self.dom.attribute(child, "for").is_none()
                && self.find_control(child, 0).is_none();
            if is_bare_label {
                let next = children
                    .get(index)
                    .filter(|n| self.dom.tag_name(n) != "label");
                if next.is_some() {
                    index += 1;
                }
                self.label(child, next);
            } else {
                self.element(child, depth + 1);
            }
        }
    }

    fn label(&mut self, label: &D::Node, next: Option<&D::Node>) {
        let text = self.dom.text(label);
        if let Some(control_id) = self.dom.attribute(label, "for") {
            let field = self.add_field(&text, "");
            let section = self.sections.len() - 1;
            self.pending_labels.push(PendingLabel {
                section,
                field,
                control_id,
            });
        } else if let Some(value) = self.find_control(label, 0) {
            self.add_field(&text, &value);
        } else {
            let value = next.map(|n| self.value_of(n)).unwrap_or_default();
            self.add_field(&text, &value);
        }
    }

    /// A cell's or element's value: its form field's, else its text.
    fn value_of(&self, node: &D::Node) -> String {
        self.find_control(node, 0)
            .unwrap_or_else(|| self.dom.text(node))
    }

    /// The value of the first form field at or under `node`.
    fn find_control(&self, node: &D::Node, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let value = self.control_value(node);
        if value.is_some() {
            return value;
        }
        self.dom
            .children(node)
            .iter()
            .find_map(|child| self.find_control(child, depth + 1))
    }

    fn control_value(&self, node: &D::Node) -> Option<String> {
        self.dom
            .control_value(node)
            .or_else(|| self.dom.selected_option_text(node))
    }

    /// Remembers a form field for the labels that name it by id, and hidden
    /// inputs for the record id.
    fn control(&mut self, node: &D::Node) {
        let is_hidden = self
            .dom
            .attribute(node, "type")
            .is_some_and(|t| t.eq_ignore_ascii_case("hidden"));
        if is_hidden {
            if let Some(name) = self
                .dom
                .attribute(node, "name")
                .or_else(|| self.dom.attribute(node, "id"))
            {
                let value = self.dom.attribute(node, "value").unwrap_or_default();
                self.hidden_inputs.push(HiddenInput { name, value });
            }
            return;
        }
        if let (Some(id), Some(value)) = (self.dom.attribute(node, "id"), self.control_value(node))
        {
            // Every `<label for>` naming it gets a copy: kept no longer than
            // the limits need to see it is too long.
            self.control_values.push((id, capped(value)));
        }
    }

    fn definition_list(&mut self, list: &D::Node) {
        let mut label: Option<String> = None;
        for child in self.dom.children(list) {
            match self.dom.tag_name(&child).as_str() {
                "dt" => label = Some(self.dom.text(&child)),
                "dd" => {
                    if let Some(label) = label.take() {
                        let value = self.value_of(&child);
                        self.add_field(&label, &value);
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, node: &D::Node, depth: usize) {
        let cells = self.dom.table_cells(node, self.rows);
        if cells.is_layout {
            // Hidden inputs are collected again as the walk meets them.
            self.children(node, depth);
            return;
        }
        self.hidden_inputs.extend(cells.hidden_inputs);
        let mut rows = cells.rows.into_iter().peekable();
        let is_header = |row: &TableRow| {
            row.in_head || (row.cells.len() >= 2 && row.cells.iter().all(|c| c.is_header))
        };
        if rows.peek().is_some_and(is_header) {
            let header = rows
                .next()
                .map(|row| row.cells.iter().map(|c| clean(&c.text)).collect())
                .unwrap_or_default();
            let rows = rows
                .filter(|row| !row.cells.is_empty())
                .map(|row| Row {
                    class: row.class,
                    cells: row.cells.into_iter().map(cell).collect(),
                })
                .collect();
            self.section().tables.push(Table { header, rows });
        } else {
            for row in rows {
                self.pairs(&row.cells);
            }
        }
    }

    /// Label/value pairs in one row: a label cell then its value cell, or one
    /// cell holding both a label and its form field.
    fn pairs(&mut self, cells: &[TableCell]) {
        let mut index = 0;
        while let Some(current) = cells.get(index) {
            let label = clean(&current.text);
            match (&current.control, cells.get(index + 1)) {
                (Some(value), _) if !label.is_empty() => {
                    self.add_field(&label, value);
                    index += 1;
                }
                (None, Some(next)) if !label.is_empty() => {
                    let value = next.control.clone().unwrap_or_else(|| next.text.clone());
                    self.add_field(&label, &value);
                    index += 2;
                }
                _ => index += 1,
            }
        }
    }

    /// A row of a layout table: cells holding headings or tables are walked,
    /// the others read as label/value pairs.
    fn layout_row(&mut self, row: &D::Node, depth: usize) {
        let mut plain: Vec<TableCell> = Vec::new();
        for cell in self.dom.children(row) {
            if self.holds_structure(&cell, 0) {
                self.pairs(&std::mem::take(&mut plain));
                self.children(&cell, depth + 1);
            } else {
                plain.push(TableCell {
                    text: self.dom.text(&cell),
                    href: None,
                    control: self.find_control(&cell, 0),
                    is_header: self.dom.tag_name(&cell) == "th",
                });
            }
        }
        self.pairs(&plain);
    }

    fn holds_structure(&self, node: &D::Node, depth: usize) -> bool {
        depth <= MAX_DEPTH
            && self.dom.children(node).iter().any(|child| {
                matches!(
                    self.dom.tag_name(child).as_str(),
                    "table"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "legend"
                        | "fieldset"
                        | "dl"
                ) || self.holds_structure(child, depth + 1)
            })
    }
}

fn cell(cell: TableCell) -> Cell {
    Cell {
        text: clean_owned(cell.control.unwrap_or(cell.text)),
        href: cell
            .href
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty()),
    }
}
