//! A whole table as one string, so that a browser hands it over in one call.
//!
//! Layout (the separators are ASCII's own and are removed from page text
//! before encoding, so text can never forge them; cleaning would drop them
//! anyway, as control characters):
//! - rows are separated by U+001E; the first "row" is the table's own data;
//! - within a row, cells are separated by U+001F; a row's first cell is the
//!   row's class and, after U+001D, `h` when the row is in `thead`;
//! - within a cell, fields are separated by U+001D: `h` (th) or `d` (td), the
//!   text, the link (`+` then the href, or empty for none) and the form field
//!   value (`+` then the value, or empty for none);
//! - the table's own data is `L` when it is page layout (else empty), then one
//!   cell per hidden input: name U+001D value.

use super::{HiddenInput, TableCell, TableCells, TableRow};

pub const ROW: char = '\u{1e}';
pub const CELL: char = '\u{1f}';
pub const FIELD: char = '\u{1d}';

/// The reverse of the browser's encoding; malformed parts read as empty.
pub fn decode_table(encoded: &str) -> TableCells {
    let mut rows = encoded.split(ROW);
    let mut table = rows.next().unwrap_or_default().split(CELL);
    let is_layout = table.next() == Some("L");
    let hidden_inputs = table
        .filter_map(|input| input.split_once(FIELD))
        .map(|(name, value)| HiddenInput {
            name: name.to_string(),
            value: value.to_string(),
        })
        .collect();
    let rows = rows
        .map(|row| {
            let mut cells = row.split(CELL);
            let (class, head) = cells
                .next()
                .unwrap_or_default()
                .split_once(FIELD)
                .unwrap_or_default();
            TableRow {
                class: class.to_string(),
                in_head: head == "h",
                cells: cells.map(decode_cell).collect(),
            }
        })
        .collect();
    TableCells {
        rows,
        is_layout,
        hidden_inputs,
    }
}

fn decode_cell(cell: &str) -> TableCell {
    let mut fields = cell.splitn(4, FIELD);
    let kind = fields.next().unwrap_or_default();
    let text = fields.next().unwrap_or_default();
    let optional =
        |field: Option<&str>| field.and_then(|f| f.strip_prefix('+')).map(str::to_string);
    let href = optional(fields.next());
    let control = optional(fields.next());
    TableCell {
        text: text.to_string(),
        href,
        control,
        is_header: kind == "h",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_rows_cells_links_and_controls() {
        let encoded = "\u{1f}recNo\u{1d}1001\u{1e}\u{1d}h\u{1f}h\u{1d}Name\u{1d}\u{1d}\u{1f}h\u{1d}Type\u{1d}\u{1d}\
                       \u{1e}starred\u{1d}\u{1f}d\u{1d}Lee, Ann\u{1d}+c.htm?id=2\u{1d}\u{1f}d\u{1d}\u{1d}\u{1d}+Cousin";
        let table = decode_table(encoded);
        assert!(!table.is_layout);
        assert_eq!(
            table.hidden_inputs,
            vec![HiddenInput {
                name: "recNo".into(),
                value: "1001".into()
            }]
        );
        assert_eq!(table.rows.len(), 2);
        assert!(table.rows[0].in_head && table.rows[0].cells.iter().all(|c| c.is_header));
        let row = &table.rows[1];
        assert_eq!(row.class, "starred");
        assert_eq!(row.cells[0].href.as_deref(), Some("c.htm?id=2"));
        assert_eq!(row.cells[0].control, None);
        assert_eq!(row.cells[1].control.as_deref(), Some("Cousin"));
    }

    #[test]
    fn empty_and_malformed_input_reads_as_empty() {
        assert_eq!(decode_table(""), TableCells::default());
        assert!(decode_table("L").is_layout);
        let odd = decode_table("x\u{1e}\u{1e}\u{1f}\u{1f}");
        assert_eq!(odd.rows.len(), 2);
    }
}
