//! The snapshot's [`Dom`] over the browser's elements.
//!
//! A table is handed over in one call (see `snapshot::serialized`): crossing
//! from wasm into JavaScript once per cell would make a 1,000-row household
//! many times slower than the page's own scripts.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

use smartoffice_snapshot::serialized::decode_table;
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
// could read as markup (a comment holding `--><td>…`): a table holding any is
// read from a copy where each is plain text, or nothing for text a reader
// does not see. (A copy keeps its fields' values, checks and choices.)
const RAW = 'script,style,xmp,iframe,noembed,noframes,plaintext';

function withoutRawText(table, raw) {
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

// A table as `snapshot::serialized` reads it: its form fields' values as
// shown, then its serialization, one call of the browser's own; UTF-8
// encoded here, since wasm-bindgen copies a string of ASCII one character at
// a time in JavaScript (5 ms a household).
export function soReadTable(table) {
  if (table.querySelector('table,h1,h2,h3,h4,h5,h6,legend,fieldset') !== null) return UTF8.encode('L');
  const scripting = table.ownerDocument.defaultView !== null;
  const raw = scripting ? RAW + ',noscript' : RAW;
  const read = table.querySelector(raw) !== null ||
    table.ownerDocument.createTreeWalker(table, NodeFilter.SHOW_COMMENT).nextNode() !== null
    ? withoutRawText(table, raw)
    : table;
  const values = [];
  for (const field of read.querySelectorAll('input,select,textarea')) {
    const value = field.localName === 'select' ? soSelectedText(field) : soControlValue(field);
    values.push(value === undefined ? '' : clean(value));
  }
  return UTF8.encode(values.join('\u001f') + '\u001e' + read.outerHTML);
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
    fn read_table(table: &Element) -> Vec<u8>;
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
        let read = read_table(table);
        // TextEncoder writes UTF-8 only: nothing is lost here.
        decode_table(std::str::from_utf8(&read).unwrap_or_default(), rows)
    }
}
