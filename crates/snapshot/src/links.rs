//! What the worker needs to name the linked records a page points to (the
//! household's head, the spouse): the page without the rows of its
//! investments and policies, which can be thousands and name no one. The
//! whole page follows with the export itself, so a household crosses to the
//! worker once, not twice.

use crate::clean::without_numbers;
use crate::profile::record::{RecordProfile, SectionKind};
use crate::{Cell, Field, Row, Section, Snapshot, Table};

/// `page` with the rows of its Investments and Policies tables left out
/// (their headers stay), and without the numbers its texts write: the view
/// goes before the linked records are read, so a policy number only they
/// list (and the page names in a note) is not known yet to be masked.
/// Links keep their addresses, which name the records to read.
pub fn links_view(page: &Snapshot, profile: &RecordProfile) -> Snapshot {
    Snapshot {
        address: page.address.clone(),
        hidden_inputs: page.hidden_inputs.clone(),
        sections: page
            .sections
            .iter()
            .map(|section| {
                let holdings = matches!(
                    profile.sections.kind_of(section.heading.as_deref()),
                    SectionKind::Investments | SectionKind::Policies
                );
                Section {
                    heading: section.heading.clone(),
                    fields: section
                        .fields
                        .iter()
                        .map(|field| Field {
                            label: field.label.clone(),
                            value: without_numbers(&field.value),
                        })
                        .collect(),
                    tables: section
                        .tables
                        .iter()
                        .map(|table| Table {
                            header: table.header.clone(),
                            rows: if holdings {
                                Vec::new()
                            } else {
                                table.rows.iter().map(row_without_numbers).collect()
                            },
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

fn row_without_numbers(row: &Row) -> Row {
    Row {
        class: row.class.clone(),
        cells: row
            .cells
            .iter()
            .map(|cell| Cell {
                text: without_numbers(&cell.text),
                href: cell.href.clone(),
            })
            .collect(),
    }
}
