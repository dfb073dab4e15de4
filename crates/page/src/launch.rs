//! The eMoney window, on the client's record. The content script opens it
//! (Chromium's pop-up blocker does not apply to content scripts); when the
//! page's own rules block it (a frame sandboxed without `allow-popups`,
//! Firefox's blocker, a pop-up-blocking extension), an alert in the page says
//! so and offers a button that has the service worker open it instead.
//! Nothing is written again either way: the export is done by then.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::actions::{CLOSE_PANEL, OPEN_EMONEY};
use crate::panel::{close_around, Panel};
use crate::{reply, status};
use smartoffice_browser::{i18n::message, timers};
use smartoffice_snapshot::protocol::{Reply, Request};

/// Each export gets a window of its own: reusing a named window would send
/// the address to a window the advisor may be closing, and report it blocked.
const WINDOW_NAME: &str = "_blank";
const WINDOW_FEATURES: &str = "popup,width=1200,height=860";
/// A window a blocker closes is closed well within this.
const CLOSED_AT_ONCE_MS: u64 = 400;

pub async fn open(flow_id: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let launch = reply::ask(&Request::FlowLaunch {
        flow_id: flow_id.clone(),
    })
    .await;
    let url = match launch {
        Ok(Reply::LaunchReady { url, summary }) => {
            status::show(&summary);
            url
        }
        Ok(_) => return status::show(&reply::unexpected()),
        Err(sentence) => return status::show(&sentence),
    };
    let opened = window
        .open_with_url_and_target_and_features(&url, WINDOW_NAME, WINDOW_FEATURES)
        .ok()
        .flatten();
    let blocked = match opened {
        Some(emoney_window) => {
            timers::sleep(CLOSED_AT_ONCE_MS).await;
            emoney_window.closed().unwrap_or(true)
        }
        None => true,
    };
    if blocked {
        if let Some(document) = window.document() {
            if let Err(error) = show_blocked(&document, &flow_id) {
                web_sys::console::warn_2(
                    &"SmartOffice → eMoney could not show its alert:".into(),
                    &error,
                );
            }
        }
    }
}

fn show_blocked(document: &Document, flow_id: &str) -> Result<(), JsValue> {
    let panel = Panel::new(
        document,
        "blocked",
        "alert",
        &message("pagePopupBlockedTitle", &[]),
    )?;
    panel.paragraph(&message("pagePopupBlocked", &[]))?;
    panel.paragraph(&message("pagePopupHowToAllow", &[]))?;
    let open = panel.button(
        &message("pageOpenEmoney", &[]),
        OPEN_EMONEY,
        &[("data-flow", flow_id)],
    )?;
    panel.button(&message("pageClose", &[]), CLOSE_PANEL, &[])?;
    panel.show(Some(&open))?;
    Ok(())
}

/// The alert's button: the service worker opens the window, which no page
/// rule can block.
pub async fn open_from_worker(button: Element, flow_id: String) {
    match reply::ask(&Request::FlowOpenWindow { flow_id }).await {
        Ok(Reply::WindowOpened) => close_around(&button),
        Ok(_) => status::show(&reply::unexpected()),
        Err(sentence) => status::show(&sentence),
    }
}
