//! What choosing Menu > Integrations > eMoney does in the page: read the open
//! record (and the records it links to) into plain data, hand it to the
//! service worker, which checks and maps it, and then either show what stops
//! the export or open the export's dialog.

use wasm_bindgen::JsValue;
use web_sys::Document;

use crate::{overlay, panel::Panel, reader, reply, status};
use smartoffice_browser::i18n::message;
use smartoffice_snapshot::protocol::{Reply, Request};
use smartoffice_snapshot::Snapshot;

pub async fn run() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    status::show(&message("pageReading", &[]));
    let address = document.url().unwrap_or_default();
    let (page, linked) =
        reader::read_pages(&document, &address, links_of, reader::fetch_page).await;
    let started = reply::ask(&Request::ExportStart {
        page: Box::new(page),
        linked,
    })
    .await;
    match started {
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
        Ok(Reply::Blocked { blocking, warnings }) => {
            status::hide();
            if let Err(error) = show_blocking(&document, &blocking, &warnings) {
                web_sys::console::warn_2(
                    &"SmartOffice → eMoney could not show its findings:".into(),
                    &error,
                );
            }
        }
        Ok(_) => status::show(&reply::unexpected()),
        Err(sentence) => status::show(&sentence),
    }
}

/// The linked records the service worker needs (none when it cannot say).
fn links_of(page: &Snapshot) -> impl std::future::Future<Output = Vec<String>> {
    let request = Request::RecordLinks {
        page: Box::new(page.clone()),
    };
    async move {
        match reply::ask(&request).await {
            Ok(Reply::Links { hrefs }) => hrefs,
            _ => Vec::new(),
        }
    }
}

/// The findings that stop the export, with the warnings worth fixing too.
fn show_blocking(
    document: &Document,
    blocking: &[String],
    warnings: &[String],
) -> Result<(), JsValue> {
    let panel = Panel::new(
        document,
        "findings",
        "alert",
        &message("pageBlockedTitle", &[]),
    )?;
    panel.paragraph(&message("pageBlockedLead", &[]))?;
    panel.list(blocking)?;
    if !warnings.is_empty() {
        panel.paragraph(&message("pageAlsoWorthFixing", &[]))?;
        panel.list(warnings)?;
    }
    let close = panel.button(&message("pageClose", &[]), crate::actions::CLOSE_PANEL, &[])?;
    panel.show(Some(&close))?;
    Ok(())
}
