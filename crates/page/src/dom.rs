//! The snapshot's [`Dom`] over the browser's elements.
//!
//! A table is handed over in one call (see `snapshot::serialized`): crossing
//! from wasm into JavaScript once per cell would make a 1,000-row household
//! many times slower than the page's own scripts.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

use smartoffice_snapshot::serialized::{decode_quick, decode_table};
use smartoffice_snapshot::{Dom, TableCells};

#[wasm_bindgen(inline_js = r#"
const SEPARATORS = /[\u001c-\u001f]/g;
const HAS_SEPARATOR = /[\u001c-\u001f]/;
const clean = (text) => (HAS_SEPARATOR.test(text) ? text.replace(SEPARATORS, '') : text);
const SKIPPED = new Set(['script', 'style', 'select', 'textarea', 'template']);
const UTF8 = new TextEncoder();

export function soText(node) {
  let out = '';
  const walk = (parent) => {
    for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        out += child.data;
      } else if (child.nodeType === 1) {
        if (child.localName === 'br') out += ' ';
        else if (!SKIPPED.has(child.localName)) walk(child);
      }
    }
  };
  walk(node);
  return out;
}

export function soControlValue(node) {
  if (node.localName === 'textarea') return node.value;
  if (node.localName !== 'input') return undefined;
  const type = (node.getAttribute('type') || '').toLowerCase();
  if (type === 'hidden') return undefined;
  if (type === 'checkbox' || type === 'radio') return node.checked ? '\u2713' : '';
  return node.value;
}

export function soSelectedText(node) {
  if (node.localName !== 'select') return undefined;
  const option = node.selectedIndex >= 0 ? node.options[node.selectedIndex] : null;
  return option ? option.text : '';
}

// What a serialization writes as it is: a comment's text, and the text of
// these (a noscript's where scripts run). Made by a page's script, such text
// could read as markup (a comment holding `--><td>…`): the whole form reads
// a copy where each is plain text, or gone for text a reader does not see
// (templates too, no part of the table). A copy keeps its fields' values,
// checks and choices.
const RAW = 'script,style,xmp,iframe,noembed,noframes,plaintext,template';

function withoutRawText(table) {
  const raw = table.ownerDocument.defaultView !== null ? RAW + ',noscript' : RAW;
  const copy = table.cloneNode(true);
  const walker = copy.ownerDocument.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode() !== null) comments.push(walker.currentNode);
  for (const comment of comments) comment.remove();
  for (const element of copy.querySelectorAll(raw)) {
    element.replaceWith(SKIPPED.has(element.localName) ? '' : element.textContent);
  }
  return copy;
}

// A table as `snapshot::serialized` reads it, UTF-8 encoded here (wasm-bindgen
// copies a string of ASCII one character at a time in JavaScript, 5 ms a
// household): its serialization (the quick form), or its fields' values and
// the serialization of its copy (the whole form, asked for only after a
// quick one); `L` for a table holding a table, told without serializing it
// (the page's layout, walked instead).
export function soReadTable(table, whole) {
  if (!whole) {
    const layout = table.getElementsByTagName('table')[0] !== undefined;
    return UTF8.encode(layout ? 'L' : table.outerHTML);
  }
  const copy = withoutRawText(table);
  const values = [];
  for (const field of copy.querySelectorAll('input,select,textarea')) {
    const value = field.localName === 'select' ? soSelectedText(field) : soControlValue(field);
    values.push(value === undefined ? '' : clean(value));
  }
  return UTF8.encode(values.join('\u001f') + '\u001e' + copy.outerHTML);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = soText)]
    fn visible_text(node: &Element) -> String;
    #[wasm_bindgen(js_name = soControlValue)]
    fn control_value(node: &Element) -> Option<String>;
    #[wasm_bindgen(js_name = soSelectedText)]
    fn selected_text(node: &Element) -> Option<String>;
    #[wasm_bindgen(js_name = soReadTable)]
    fn read_table(table: &Element, whole: bool) -> Vec<u8>;
}

/// Reads elements of the record frame's document (or one fetched and parsed).
pub struct BrowserDom;

impl Dom for BrowserDom {
    type Node = Element;

    fn tag_name(&self, node: &Element) -> String {
        node.local_name().to_ascii_lowercase()
    }

    fn attribute(&self, node: &Element, name: &str) -> Option<String> {
        node.get_attribute(name)
    }

    fn children(&self, node: &Element) -> Vec<Element> {
        let children = node.children();
        (0..children.length())
            .filter_map(|i| children.item(i))
            .collect()
    }

    fn text(&self, node: &Element) -> String {
        visible_text(node)
    }

    fn control_value(&self, node: &Element) -> Option<String> {
        control_value(node)
    }

    fn selected_option_text(&self, node: &Element) -> Option<String> {
        selected_text(node)
    }

    fn table_cells(&self, table: &Element, rows: usize) -> TableCells {
        // TextEncoder writes UTF-8 only: nothing is lost here.
        let quick = read_table(table, false);
        decode_quick(std::str::from_utf8(&quick).unwrap_or_default(), rows).unwrap_or_else(|| {
            let whole = read_table(table, true);
            decode_table(std::str::from_utf8(&whole).unwrap_or_default(), rows)
        })
    }
}
