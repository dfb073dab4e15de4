//! What choosing Menu > Integrations > eMoney does in the page: read and check
//! the open record, stop with the reasons when it cannot go, and otherwise
//! hand it to the service worker and open the export's dialog.

use super::{overlay, panel::Panel, reader, reply, status};
use crate::browser::{i18n::message, runtime};
use crate::findings::{blocks_export, Finding, Severity};
use crate::message::{Reply, Request};

pub async fn run() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    status::show(&message("pageReading", &[]));
    let (record, findings) = reader::read_open_record(&document).await;
    if blocks_export(&findings) {
        status::hide();
        if let Err(error) = show_blocking(&document, &findings) {
            web_sys::console::warn_2(
                &"SmartOffice → eMoney could not show its findings:".into(),
                &error,
            );
        }
        return;
    }
    let started = runtime::send(&Request::ExportStart {
        record: Box::new(record),
        findings,
    })
    .await;
    match started.and_then(|answer| reply::read(&answer)) {
        Ok(Reply::FlowStarted { flow_id }) => {
            status::hide();
            if let Err(error) = overlay::open(&document, &flow_id) {
                web_sys::console::warn_2(
                    &"SmartOffice → eMoney could not open its dialog:".into(),
                    &error,
                );
                status::show(&message("pageDialogFailed", &[]));
            }
        }
        Ok(Reply::Refused { message } | Reply::Failed { message }) => status::show(&message),
        Ok(_) => status::show(&runtime::MessageError::Unreadable.to_string()),
        Err(error) => status::show(&error.to_string()),
    }
}

/// The findings that stop the export, with the warnings worth fixing too.
fn show_blocking(
    document: &web_sys::Document,
    findings: &[Finding],
) -> Result<(), wasm_bindgen::JsValue> {
    let of = |severity: Severity| -> Vec<String> {
        findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .map(|finding| finding.message.clone())
            .collect()
    };
    let panel = Panel::new(
        document,
        "findings",
        "alert",
        &message("pageBlockedTitle", &[]),
    )?;
    panel.paragraph(&message("pageBlockedLead", &[]))?;
    panel.list(&of(Severity::Blocks))?;
    let warnings = of(Severity::Warns);
    if !warnings.is_empty() {
        panel.paragraph(&message("pageAlsoWorthFixing", &[]))?;
        panel.list(&warnings)?;
    }
    let close = panel.button(&message("pageClose", &[]), super::actions::CLOSE_PANEL, &[])?;
    panel.show(Some(&close))?;
    Ok(())
}
