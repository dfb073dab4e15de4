//! Styles set through the CSSOM, which a page's `style-src` policy does not
//! block (unlike a `<style>` element or a style attribute in markup).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

pub fn style(element: &Element, properties: &[(&str, &str)]) -> Result<(), JsValue> {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let style = element.style();
        for (property, value) in properties {
            style.set_property(property, value)?;
        }
    }
    Ok(())
}

/// The extension's look, shared by its panels and status line.
pub const FONT: &str = "14px/1.45 system-ui, sans-serif";
pub const INK: &str = "#1b1b1b";
pub const ACCENT: &str = "#1f3a5f";
pub const ALERT: &str = "#a4001d";
pub const PAPER: &str = "#ffffff";

/// A button's look: `primary` ones are filled.
pub fn button(element: &Element, primary: bool) -> Result<(), JsValue> {
    style(
        element,
        &[
            ("margin", "8px 8px 0 0"),
            ("padding", "5px 14px"),
            ("font", "inherit"),
            ("border-radius", "4px"),
            ("border", &["1px solid ", ACCENT].concat()),
            ("background", if primary { ACCENT } else { PAPER }),
            ("color", if primary { PAPER } else { ACCENT }),
            ("cursor", "pointer"),
        ],
    )
}
