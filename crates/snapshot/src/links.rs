//! What the worker needs to name the linked records a page points to (the
//! household's head, the spouse): the page without the rows of its
//! investments and policies, which can be thousands and name no one. The
//! whole page follows with the export itself, so a household crosses to the
//! worker once, not twice.

use crate::profile::record::{RecordProfile, SectionKind};
use crate::{Section, Snapshot, Table};

/// `page` with the rows of its Investments and Policies tables left out
/// (their headers stay).
pub fn links_view(page: &Snapshot, profile: &RecordProfile) -> Snapshot {
    Snapshot {
        address: page.address.clone(),
        hidden_inputs: page.hidden_inputs.clone(),
        sections: page
            .sections
            .iter()
            .map(
                |section| match profile.sections.kind_of(section.heading.as_deref()) {
                    SectionKind::Investments | SectionKind::Policies => Section {
                        heading: section.heading.clone(),
                        fields: section.fields.clone(),
                        tables: section
                            .tables
                            .iter()
                            .map(|table| Table {
                                header: table.header.clone(),
                                rows: Vec::new(),
                            })
                            .collect(),
                    },
                    _ => section.clone(),
                },
            )
            .collect(),
    }
}
