//! The full policy number never leaves the page: before a snapshot is sent
//! anywhere, every cell under a Policy # column keeps only `***` and its last
//! four characters (or `***` alone when it is too short to mask), and loses
//! its link, whose address could carry the number too.

use crate::clean::label_is;
use crate::profile::record::RecordProfile;
use crate::Snapshot;

/// `***` and the last four characters of a policy number as written, or
/// `None` when it is blank or so short (four characters or fewer) that its
/// last four would show it whole.
pub fn masked_policy_number(full: &str) -> Option<String> {
    let kept: Vec<char> = full.chars().filter(|c| !c.is_whitespace()).collect();
    if kept.len() <= 4 {
        return None;
    }
    let last_four: String = kept[kept.len() - 4..].iter().collect();
    Some(format!("***{last_four}"))
}

pub fn mask_policy_numbers(snapshot: &mut Snapshot, profile: &RecordProfile) {
    let tables = snapshot
        .sections
        .iter_mut()
        .flat_map(|section| section.tables.iter_mut());
    for table in tables {
        let columns: Vec<usize> = table
            .header
            .iter()
            .enumerate()
            .filter(|(_, header)| label_is(header, profile.columns.policy_number))
            .map(|(index, _)| index)
            .collect();
        for row in &mut table.rows {
            for &column in &columns {
                if let Some(cell) = row.cells.get_mut(column) {
                    cell.text = match masked_policy_number(&cell.text) {
                        Some(masked) => masked,
                        None if cell.text.trim().is_empty() => String::new(),
                        None => "***".to_owned(),
                    };
                    cell.href = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::record::SMARTOFFICE;
    use crate::{Cell, Row, Section, Table};

    fn cell(text: &str, href: Option<&str>) -> Cell {
        Cell {
            text: text.into(),
            href: href.map(Into::into),
        }
    }

    fn table(header: &[&str], rows: &[&[(&str, Option<&str>)]]) -> Table {
        Table {
            header: header.iter().map(|h| (*h).into()).collect(),
            rows: rows
                .iter()
                .map(|cells| Row {
                    class: String::new(),
                    cells: cells.iter().map(|(text, href)| cell(text, *href)).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn policy_numbers_keep_their_last_four_only() {
        let columns = &SMARTOFFICE.columns;
        let number_header = format!("{}:", columns.policy_number[0]);
        let mut page = Snapshot {
            sections: vec![Section {
                heading: None,
                fields: Vec::new(),
                tables: vec![
                    table(
                        &[columns.carrier[0], &number_header, columns.owner[0]],
                        &[
                            &[
                                ("Transamerica", None),
                                ("UL-2045-A7", Some("policy.htm?no=UL-2045-A7")),
                                ("Clarence", None),
                            ],
                            &[("Pacific Life", None), ("Z9", None), ("Clarence", None)],
                            &[("Genworth", None), ("  ", None), ("Clarence", None)],
                        ],
                    ),
                    table(
                        &[columns.account_name[0], columns.account_value[0]],
                        &[&[("UL-2045-A7 brokerage", None), ("$1.00", None)]],
                    ),
                ],
            }],
            ..Snapshot::default()
        };
        mask_policy_numbers(&mut page, &SMARTOFFICE);
        let policies = &page.sections[0].tables[0];
        let numbers: Vec<(&str, Option<&str>)> = policies
            .rows
            .iter()
            .map(|row| (row.cells[1].text.as_str(), row.cells[1].href.as_deref()))
            .collect();
        assert_eq!(numbers, [("***5-A7", None), ("***", None), ("", None)]);
        assert_eq!(policies.rows[0].cells[0].text, "Transamerica");
        // Other tables are left as they are.
        assert_eq!(
            page.sections[0].tables[1].rows[0].cells[0].text,
            "UL-2045-A7 brokerage"
        );
    }
}
