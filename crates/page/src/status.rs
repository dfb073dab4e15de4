//! A short, polite status line in the SmartOffice page, read out by screen
//! readers. Text is always set as text, never parsed as markup.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::panel::style;

/// Marks our status line, so there is only ever one.
const STATUS_MARK: &str = "data-so-emoney-status";

/// Shows `text` in the status line, creating it on first use.
pub fn show(text: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    // A page without a body has nowhere to show status: nothing to do.
    if let Ok(line) = status_line(&document) {
        line.set_text_content(Some(text));
    }
}

fn status_line(document: &Document) -> Result<Element, JsValue> {
    if let Some(line) = document.query_selector(&format!("[{STATUS_MARK}]"))? {
        return Ok(line);
    }
    let line = document.create_element("div")?;
    line.set_attribute(STATUS_MARK, "")?;
    line.set_attribute("role", "status")?;
    line.set_attribute("aria-live", "polite")?;
    style(
        &line,
        &[
            ("position", "fixed"),
            ("right", "16px"),
            ("bottom", "16px"),
            ("z-index", "2147483647"),
            ("max-width", "28em"),
            ("padding", "10px 14px"),
            ("border-radius", "6px"),
            ("background", "#1f3a5f"),
            ("color", "#ffffff"),
            ("font", "14px/1.4 system-ui, sans-serif"),
            ("box-shadow", "0 2px 8px rgba(0,0,0,.3)"),
        ],
    )?;
    document.body().ok_or("no body")?.append_child(&line)?;
    Ok(line)
}

/// Takes the status line away.
pub fn hide() {
    let line = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(&format!("[{STATUS_MARK}]"))
                .ok()
                .flatten()
        });
    if let Some(line) = line {
        line.remove();
    }
}
