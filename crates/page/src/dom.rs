//! The snapshot's [`Dom`] over the browser's elements.
//!
//! A table is handed over in one call (see `snapshot::encoded`): crossing
//! from wasm into JavaScript once per cell would make a 1,000-row household
//! many times slower than the page's own scripts.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

use smartoffice_snapshot::encoded::decode_table;
use smartoffice_snapshot::{Dom, TableCells};

#[wasm_bindgen(inline_js = r#"
const SEPARATORS = /[\u001c-\u001f]/g;
const HAS_SEPARATOR = /[\u001c-\u001f]/;
const clean = (text) => (HAS_SEPARATOR.test(text) ? text.replace(SEPARATORS, '') : text);
const SKIPPED = new Set(['script', 'style', 'select', 'textarea', 'template']);

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

// What makes a cell's text differ from its textContent, or gives it a form field.
const SPECIAL = 'br,script,style,select,textarea,template,input';

// One pass over a cell: its text (as soText), its first link, its first form field.
function readCell(cell) {
  // Most cells are text, or text in a link: the browser's own walks.
  if (cell.firstElementChild === null) return { text: cell.textContent, href: null, control: undefined };
  if (cell.querySelector(SPECIAL) === null) {
    return { text: cell.textContent, href: cell.querySelector('a[href]')?.getAttribute('href') ?? null, control: undefined };
  }
  let text = '';
  let href = null;
  let control;
  const walk = (parent) => {
    for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text += child.data;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.localName;
      if (href === null && tag === 'a' && child.hasAttribute('href')) href = child.getAttribute('href');
      if (control === undefined) {
        if (tag === 'select') control = soSelectedText(child);
        else if (tag === 'input' || tag === 'textarea') control = soControlValue(child);
      }
      if (tag === 'br') text += ' ';
      else if (!SKIPPED.has(tag)) walk(child);
    }
  };
  walk(cell);
  return { text, href, control };
}

export function soReadTable(table, limit) {
  const layout = table.querySelector('table,h1,h2,h3,h4,h5,h6,legend,fieldset') !== null;
  const own = [layout ? 'L' : ''];
  for (const input of table.querySelectorAll('input')) {
    if ((input.getAttribute('type') || '').toLowerCase() !== 'hidden') continue;
    const name = input.getAttribute('name') ?? input.getAttribute('id');
    if (name !== null) own.push(clean(name) + '\u001d' + clean(input.getAttribute('value') ?? ''));
  }
  let out = own.join('\u001f');
  // Cleaning every cell's text costs more than the rest of the read; one
  // look at the whole table tells whether any cell needs it.
  const cleanText = HAS_SEPARATOR.test(table.textContent) ? clean : (text) => text;
  let left = limit;
  for (const row of table.rows) {
    if (left-- === 0) break;
    const inHead = row.parentNode !== null && row.parentNode.localName === 'thead';
    out += '\u001e' + clean(row.getAttribute('class') ?? '') + '\u001d' + (inHead ? 'h' : '');
    for (const cell of row.cells) {
      const { text, href, control } = readCell(cell);
      out += '\u001f' + (cell.localName === 'th' ? 'h' : 'd') + '\u001d' + cleanText(text) + '\u001d' +
        (href !== null ? '+' + clean(href) : '') + '\u001d' +
        (control !== undefined ? '+' + clean(control) : '');
    }
  }
  return out;
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
    fn read_table(table: &Element, limit: u32) -> String;
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
        let limit = u32::try_from(rows).unwrap_or(u32::MAX);
        decode_table(&read_table(table, limit))
    }
}
