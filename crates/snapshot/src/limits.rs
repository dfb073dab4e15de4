//! Sizes no real SmartOffice record reaches. A page that sends more (a
//! hostile script padding the record, a broken page) gets a finding the
//! advisor reads, and nothing of it is kept or sent to eMoney.

use crate::words::Text;
use crate::{text, Snapshot};

/// The longest field value, cell, label or link kept.
pub const MAX_FIELD_CHARS: usize = 2_000;
/// The most rows a table may have.
pub const MAX_TABLE_ROWS: usize = 5_000;
/// The most sections, fields, tables and hidden inputs of one page.
pub const MAX_PARTS: usize = 5_000;

/// A page's label or heading as a sentence names it: its first 60
/// characters (a heading may be up to [`MAX_FIELD_CHARS`] long).
fn shown(text: &str) -> String {
    text.chars().take(60).collect()
}

/// Why `page` is larger than any real record, or `None`.
pub fn oversized(page: &Snapshot) -> Option<Text> {
    let long = |text: &str| text.chars().count() > MAX_FIELD_CHARS;
    let parts = page.sections.len()
        + page.hidden_inputs.len()
        + page
            .sections
            .iter()
            .map(|section| section.fields.len() + section.tables.len())
            .sum::<usize>();
    if parts > MAX_PARTS {
        return Some(text!("limitParts", MAX_PARTS));
    }
    if long(&page.address)
        || page
            .hidden_inputs
            .iter()
            .any(|input| long(&input.name) || long(&input.value))
    {
        return Some(text!("limitField", MAX_FIELD_CHARS));
    }
    for section in &page.sections {
        let heading = section.heading.as_deref().unwrap_or_default();
        if long(heading) {
            return Some(text!("limitField", MAX_FIELD_CHARS));
        }
        for field in &section.fields {
            if long(&field.label) || long(&field.value) {
                return Some(text!(
                    "limitFieldNamed",
                    MAX_FIELD_CHARS,
                    shown(&field.label)
                ));
            }
        }
        for table in &section.tables {
            if table.rows.len() > MAX_TABLE_ROWS {
                return Some(text!("limitRows", MAX_TABLE_ROWS, shown(heading)));
            }
            let cells = table.rows.iter().flat_map(|row| &row.cells);
            let too_long = table.header.iter().any(|header| long(header))
                || table.rows.iter().any(|row| long(&row.class))
                || cells
                    .clone()
                    .any(|cell| long(&cell.text) || cell.href.as_deref().is_some_and(long));
            if too_long {
                return Some(text!("limitCell", MAX_FIELD_CHARS, shown(heading)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, Field, Row, Section, Table};

    fn page(field: &str, rows: usize) -> Snapshot {
        Snapshot {
            sections: vec![Section {
                heading: Some("Business".into()),
                fields: vec![Field {
                    label: "Company".into(),
                    value: field.into(),
                }],
                tables: vec![Table {
                    header: vec!["Account Name".into()],
                    rows: (0..rows)
                        .map(|n| Row {
                            class: String::new(),
                            cells: vec![Cell {
                                text: format!("Account {n}"),
                                href: None,
                            }],
                        })
                        .collect(),
                }],
            }],
            ..Snapshot::default()
        }
    }

    #[test]
    fn real_records_fit() {
        assert_eq!(oversized(&page("Acme", 1_000)), None);
        assert_eq!(
            oversized(&page(&"x".repeat(MAX_FIELD_CHARS), MAX_TABLE_ROWS)),
            None
        );
    }

    #[test]
    fn what_no_record_reaches_is_said() {
        let long = oversized(&page(&"x".repeat(100_000), 1)).map(|text| text.key);
        assert_eq!(long.as_deref(), Some("limitFieldNamed"));
        let rows = oversized(&page("Acme", MAX_TABLE_ROWS + 1)).map(|text| text.key);
        assert_eq!(rows.as_deref(), Some("limitRows"));
    }
}
