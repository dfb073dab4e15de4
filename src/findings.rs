//! What the user should know before a record goes to eMoney: SmartOffice's
//! "Data Setup" checklist, checked automatically. Each finding is one plain
//! sentence naming the field and where to fix it in SmartOffice.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The record cannot be exported until this is fixed.
    Blocks,
    /// The export can go ahead, but eMoney will miss or lack something.
    Warns,
    /// Worth knowing; nothing is wrong with the record.
    Informs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    pub fn blocks(message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Blocks,
            message: message.into(),
        }
    }

    pub fn warns(message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warns,
            message: message.into(),
        }
    }

    pub fn informs(message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Informs,
            message: message.into(),
        }
    }
}

/// Whether any finding stops the export.
pub fn blocks_export(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Blocks)
}
