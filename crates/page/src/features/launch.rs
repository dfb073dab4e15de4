//! The eMoney window, on the client's record. The content script opens it
//! (Chromium's pop-up blocker does not apply to content scripts; Firefox's
//! does, past a few seconds after the advisor's click); when a rule blocks it
//! (a frame sandboxed without `allow-popups`, Firefox's blocker, a
//! pop-up-blocking extension), an alert says so and offers a button that has
//! the service worker open it instead, once. Nothing is written again either
//! way: the export is done by then.

use smartoffice_browser::timers;
use smartoffice_snapshot::protocol::{Reply, Request};
use web_sys::Document;

use crate::kit::action::{Action, Dispatch};
use crate::kit::ask::ask;
use crate::kit::panel::PanelBuilder;
use crate::kit::words::message;

/// Each export gets a window of its own: reusing a named window would send
/// the address to a window the advisor may be closing, and report it blocked.
const WINDOW_NAME: &str = "_blank";
const WINDOW_FEATURES: &str = "popup,width=1200,height=860";
/// A window a blocker closes is closed well within this.
const CLOSED_AT_ONCE_MS: u64 = 400;

pub enum Opened {
    Yes,
    /// Blocked: the alert, ready to show.
    Blocked(PanelBuilder),
    /// Blocked, and no room for the alert either.
    Said(String),
}

pub async fn open(document: &Document, url: &str, dispatch: Dispatch) -> Opened {
    let Some(window) = web_sys::window() else {
        return Opened::Said(message("pagePopupBlocked", &[]));
    };
    let opened = window
        .open_with_url_and_target_and_features(url, WINDOW_NAME, WINDOW_FEATURES)
        .ok()
        .flatten();
    let blocked = match opened {
        Some(emoney) => {
            timers::sleep(CLOSED_AT_ONCE_MS).await;
            emoney.closed().unwrap_or(true)
        }
        None => true,
    };
    if !blocked {
        // The export is over; a failure to say so only lets it expire.
        let _ = ask(&Request::EmoneyOpened).await;
        return Opened::Yes;
    }
    match alert(document, dispatch) {
        Ok(panel) => Opened::Blocked(panel),
        Err(_) => Opened::Said(message("pagePopupBlocked", &[])),
    }
}

fn alert(document: &Document, dispatch: Dispatch) -> Result<PanelBuilder, wasm_bindgen::JsValue> {
    let mut panel = PanelBuilder::new(
        document,
        &message("pagePopupBlockedTitle", &[]),
        true,
        dispatch,
    )?;
    panel.paragraph(&message("pagePopupBlocked", &[]))?;
    panel.paragraph(&message("pagePopupHowToAllow", &[]))?;
    panel.button(&message("pageOpenEmoney", &[]), Action::OpenEmoney, true)?;
    panel.button(&message("pageClose", &[]), Action::ClosePanel, false)?;
    Ok(panel)
}

/// The alert's button: the service worker opens the window, which no page
/// rule can block. `Err`: the sentence to show.
pub async fn open_from_worker() -> Result<(), String> {
    match ask(&Request::OpenEmoney).await {
        Ok(Reply::WindowOpened) => Ok(()),
        Ok(_) => Err(message("pageUnreadable", &[])),
        Err(said) => Err(said),
    }
}
