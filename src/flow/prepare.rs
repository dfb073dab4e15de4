//! From what the page read to an export ready to run: bounded, interpreted,
//! checked and mapped, or what stops it.

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::limits::oversized;
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::protocol::LinkedPage;
use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::Snapshot;

use crate::emoney::ExportPayload;
use crate::findings::{blocks_export, of_severity, Finding, Severity};
use crate::interpret::{interpret, linked_snapshots};
use crate::mapping;
use crate::record::Record;
use crate::settings::Settings;

/// A record that can go to eMoney.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prepared {
    pub payload: ExportPayload,
    /// "Last, First", as eMoney lists its clients.
    pub client_name: String,
    /// What the advisor may want to fix first; the export can go ahead.
    pub warnings: Vec<Text>,
    /// Worth knowing, shown with the summary.
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preparation {
    Ready(Box<Prepared>),
    /// What stops the export, and what else is worth fixing.
    Blocked {
        blocking: Vec<Text>,
        warnings: Vec<Text>,
    },
}

/// Checks what the page sent and maps it as the settings say.
pub fn prepare(
    page: &Snapshot,
    linked: Vec<LinkedPage>,
    profile: &RecordProfile,
    settings: &Settings,
) -> Preparation {
    let too_large = std::iter::once(page)
        .chain(linked.iter().filter_map(|linked| linked.page.as_ref()))
        .find_map(oversized);
    if let Some(too_large) = too_large {
        return Preparation::Blocked {
            blocking: vec![too_large],
            warnings: Vec::new(),
        };
    }
    let (record, findings) = interpret(page, &linked_snapshots(linked), profile);
    if blocks_export(&findings) {
        return blocked(&findings);
    }
    let mapped = match mapping::map(&record, &profile.owner_words) {
        Ok(mapped) => mapped,
        Err(error) => {
            return Preparation::Blocked {
                blocking: vec![error.text()],
                warnings: of_severity(&findings, Severity::Warns),
            }
        }
    };
    let payload = ExportPayload {
        external_id: mapped.external_id,
        client: mapped.client,
        assets: if settings.send_investments {
            mapped.assets
        } else {
            Vec::new()
        },
        policies: if settings.send_policies {
            mapped.policies
        } else {
            Vec::new()
        },
    };
    Preparation::Ready(Box::new(Prepared {
        payload,
        client_name: display_name(&record),
        warnings: of_severity(&findings, Severity::Warns),
        notes: of_severity(&findings, Severity::Informs),
    }))
}

fn blocked(findings: &[Finding]) -> Preparation {
    Preparation::Blocked {
        blocking: of_severity(findings, Severity::Blocks),
        warnings: of_severity(findings, Severity::Warns),
    }
}

/// "Last, First", as eMoney lists its clients.
pub fn display_name(record: &Record) -> String {
    let names: Vec<&str> = [&record.client.last_name, &record.client.first_name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    names.join(", ")
}
