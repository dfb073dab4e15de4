//! What choosing Menu > Integrations > eMoney does in the page: read the open
//! record (and the records it links to) into plain data and hand it to the
//! service worker, which checks and maps it and runs the export (in its own
//! window when the advisor has to say something). Then either what stops the
//! export is shown, or eMoney opens.

use smartoffice_snapshot::links::links_view;
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::protocol::{Reply, Request, Summary};
use smartoffice_snapshot::Snapshot;
use wasm_bindgen::JsValue;
use web_sys::Document;

use crate::kit::action::{Action, Dispatch};
use crate::kit::ask::ask;
use crate::kit::panel::PanelBuilder;
use crate::kit::words::message;
use crate::reader;

/// How an export went, for the router to show.
pub enum Outcome {
    /// A sentence for the status line.
    Said(String),
    /// What stops the export, ready to show.
    Blocked(PanelBuilder),
    /// eMoney's one-time address, to open now.
    Launch { url: String, summary: Summary },
}

pub async fn run(document: &Document, dispatch: Dispatch) -> Outcome {
    let address = document.url().unwrap_or_default();
    let (page, linked) = reader::read_pages(document, &address, links_of, reader::fetch_page).await;
    let started = ask(&Request::ExportStart {
        page: Box::new(page),
        linked,
    })
    .await;
    match started {
        Ok(Reply::Blocked { blocking, warnings }) => {
            match blocked(document, &blocking, &warnings, dispatch) {
                Ok(panel) => Outcome::Blocked(panel),
                // No room for the panel: the first reason, at least.
                Err(_) => Outcome::Said(blocking.first().cloned().unwrap_or_default()),
            }
        }
        Ok(Reply::Dialog { said }) => Outcome::Said(said),
        Ok(Reply::Launch { url, summary }) => Outcome::Launch { url, summary },
        Ok(_) => Outcome::Said(message("pageUnreadable", &[])),
        Err(said) => Outcome::Said(said),
    }
}

/// The linked records the service worker needs (none when it cannot say).
fn links_of(page: &Snapshot) -> impl std::future::Future<Output = Vec<String>> {
    let request = Request::RecordLinks {
        page: Box::new(links_view(page, smartoffice())),
    };
    async move {
        match ask(&request).await {
            Ok(Reply::Links { hrefs }) => hrefs,
            _ => Vec::new(),
        }
    }
}

/// The findings that stop the export, with the warnings worth fixing too.
fn blocked(
    document: &Document,
    blocking: &[String],
    warnings: &[String],
    dispatch: Dispatch,
) -> Result<PanelBuilder, JsValue> {
    let mut panel = PanelBuilder::new(document, &message("pageBlockedTitle", &[]), true, dispatch)?;
    panel.paragraph(&message("pageBlockedLead", &[]))?;
    panel.list(blocking)?;
    if !warnings.is_empty() {
        panel.paragraph(&message("pageAlsoWorthFixing", &[]))?;
        panel.list(warnings)?;
    }
    panel.button(&message("pageClose", &[]), Action::ClosePanel, true)?;
    Ok(panel)
}
