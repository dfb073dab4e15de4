//! What the advisor should know before a record goes to eMoney: SmartOffice's
//! "Data Setup" checklist, checked automatically. Each finding is one
//! message (see `smartoffice_snapshot::words`) naming the field and where to
//! fix it in SmartOffice.

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::words::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The record cannot be exported until this is fixed.
    Blocks,
    /// The export can go ahead, but eMoney will miss or lack something.
    Warns,
    /// Worth knowing; nothing is wrong with the record (shown with the summary).
    Informs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    pub text: Text,
}

impl Finding {
    pub fn blocks(text: Text) -> Finding {
        Finding {
            severity: Severity::Blocks,
            text,
        }
    }

    pub fn warns(text: Text) -> Finding {
        Finding {
            severity: Severity::Warns,
            text,
        }
    }

    pub fn informs(text: Text) -> Finding {
        Finding {
            severity: Severity::Informs,
            text,
        }
    }
}

/// Whether any finding stops the export.
pub fn blocks_export(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Blocks)
}

/// The findings of one severity, as messages.
pub fn of_severity(findings: &[Finding], severity: Severity) -> Vec<Text> {
    findings
        .iter()
        .filter(|finding| finding.severity == severity)
        .map(|finding| finding.text.clone())
        .collect()
}
