//! A snapshot seen through the page profile: which section is which, which
//! field is which, which column is which.

use crate::record::MaritalStatus;
use smartoffice_snapshot::clean::{clean, known, label_is};
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::{Field, Row, Section, Snapshot, Table};

pub(super) use smartoffice_snapshot::profile::record::SectionKind;

pub(super) struct Page<'a> {
    pub snapshot: &'a Snapshot,
    pub profile: &'a RecordProfile,
}

impl<'a> Page<'a> {
    pub fn new(snapshot: &'a Snapshot, profile: &'a RecordProfile) -> Self {
        Page { snapshot, profile }
    }

    pub fn kind_of(&self, section: &Section) -> SectionKind {
        self.profile.sections.kind_of(section.heading.as_deref())
    }

    pub fn sections(&self, kinds: &'a [SectionKind]) -> impl Iterator<Item = &'a Section> + '_ {
        self.snapshot
            .sections
            .iter()
            .filter(move |s| kinds.contains(&self.kind_of(s)))
    }

    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.snapshot
            .sections
            .iter()
            .any(|s| self.kind_of(s) == kind)
    }

    /// The first field in those sections with one of the labels and a value.
    pub fn field(&self, kinds: &'a [SectionKind], labels: &[String]) -> Option<&'a Field> {
        self.sections(kinds)
            .flat_map(|s| s.fields.iter())
            .find(|f| label_is(&f.label, labels) && !f.value.is_empty())
    }

    pub fn text(&self, kinds: &'a [SectionKind], labels: &[String]) -> Option<String> {
        self.field(kinds, labels).and_then(|f| known(&f.value))
    }

    /// The first table in sections of that kind.
    pub fn table(&self, kind: SectionKind) -> Option<&'a Table> {
        self.snapshot
            .sections
            .iter()
            .filter(|s| self.kind_of(s) == kind)
            .flat_map(|s| s.tables.iter())
            .next()
    }

    /// Among rows whose type column names one of `types`, the preferred one,
    /// else the first.
    pub fn row_of_type(&self, table: &'a Table, types: &[String]) -> Option<&'a Row> {
        let kind = column(table, &self.profile.columns.kind)?;
        let mut rows = table
            .rows
            .iter()
            .filter(|row| cell(row, Some(kind)).is_some_and(|t| label_is(&t, types)));
        let first = rows.next()?;
        Some(
            std::iter::once(first)
                .chain(rows)
                .find(|row| self.is_preferred(table, row))
                .unwrap_or(first),
        )
    }

    pub fn is_preferred(&self, table: &Table, row: &Row) -> bool {
        let preferred = &self.profile.preferred;
        let by_column = cell(row, column(table, &self.profile.columns.preferred))
            .is_some_and(|t| label_is(&t, &preferred.marks));
        let by_class = row.class.split_whitespace().any(|c| {
            preferred
                .row_classes
                .iter()
                .any(|p| c.eq_ignore_ascii_case(p))
        });
        by_column || by_class
    }
}

/// The statuses eMoney knows, each with how the profile writes it.
pub(super) fn marital_statuses(profile: &RecordProfile) -> [(MaritalStatus, &[String]); 6] {
    let words = &profile.marital_statuses;
    [
        (MaritalStatus::Married, &words.married),
        (MaritalStatus::Single, &words.single),
        (MaritalStatus::Divorced, &words.divorced),
        (MaritalStatus::Widowed, &words.widowed),
        (MaritalStatus::Separated, &words.separated),
        (MaritalStatus::DomesticPartner, &words.domestic_partner),
    ]
}

/// The index of the column whose header names one of the synonyms.
pub(super) fn column(table: &Table, synonyms: &[String]) -> Option<usize> {
    table.header.iter().position(|h| label_is(h, synonyms))
}

/// A cell's cleaned text; `None` when the column is absent or the cell blank.
pub(super) fn cell(row: &Row, column: Option<usize>) -> Option<String> {
    row.cells.get(column?).and_then(|c| known(&c.text))
}

/// A cell's text exactly as cleaned, blank included, for parsers that tell
/// blank (unknown) from unreadable.
pub(super) fn raw_cell(row: &Row, column: Option<usize>) -> String {
    column
        .and_then(|c| row.cells.get(c))
        .map(|c| clean(&c.text))
        .unwrap_or_default()
}

/// The first link in the row.
pub(super) fn row_link(row: &Row, preferred_column: Option<usize>) -> Option<&str> {
    preferred_column
        .and_then(|c| row.cells.get(c))
        .and_then(|c| c.href.as_deref())
        .or_else(|| row.cells.iter().find_map(|c| c.href.as_deref()))
}
