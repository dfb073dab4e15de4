//! A table as the browser hands it over: its HTML serialization
//! (`outerHTML`), read here in one pass.
//!
//! Serializing a household's table is one call into the browser, several
//! times faster than the page's own scripts reading its cells one by one.
//! And what the serializer writes is regular: every element but the void
//! ones is closed, attribute values are double-quoted, and text escapes `&`,
//! `<`, `>` and no-break spaces (attribute values `&`, `"` and no-break
//! spaces, newer browsers `<` and `>` too).
//!
//! The browser first hands over the serialization alone (the quick form,
//! [`decode_quick`]). It says all there is of a table of text and links, as
//! a household's holdings are; a table with form fields, a template, a
//! comment or raw text (`script`, `style`, `xmp`, `iframe`, `noembed`,
//! `noframes`, `plaintext`, `noscript`) is asked for again whole
//! ([`decode_table`]): for each `input`, `select` and `textarea`, in
//! document order, the value the advisor sees (a checkbox `✓` or empty, a
//! select its chosen option's text, a hidden input empty), separated by
//! U+001F and ended by U+001E (characters the browser removes from the
//! values), then the serialization of a copy where raw text and comments,
//! which a serializer writes as they are and a page's script could make read
//! as markup, are plain text or gone, and templates are gone
//! (`crates/page/src/dom.rs`). A table holding a table is page layout, `L`
//! alone, told before anything is serialized.

use super::{HiddenInput, TableCell, TableCells, TableRow};

const VALUES_END: char = '\u{1e}';
const VALUE: char = '\u{1f}';

/// The first `limit` rows of the table the browser wrote as `read` (its
/// fields' values, then its serialization), in the order
/// `HTMLTableElement.rows` gives them (head rows, body rows, foot rows).
pub fn decode_table(read: &str, limit: usize) -> TableCells {
    match read.split_once(VALUES_END) {
        Some((values, html)) => decode(html, Some(values), limit).unwrap_or_default(),
        None => TableCells {
            is_layout: read == "L",
            ..TableCells::default()
        },
    }
}

/// A table's serialization alone, read as [`decode_table`] reads it when it
/// holds nothing more to ask for: `None` when it has form fields (whose
/// values it does not say), a template, a comment or raw text, for which the
/// browser hands over the whole form. A household's holdings have none.
pub fn decode_quick(html: &str, limit: usize) -> Option<TableCells> {
    if html == "L" {
        return Some(TableCells {
            is_layout: true,
            ..TableCells::default()
        });
    }
    decode(html, None, limit)
}

fn decode(html: &str, values: Option<&str>, limit: usize) -> Option<TableCells> {
    let mut reader = Reader {
        values: values.map(|values| values.split(VALUE)),
        stop: None,
        open: Vec::new(),
        skipped: 0,
        row: None,
        cell: None,
        head: Vec::new(),
        body: Vec::new(),
        foot: Vec::new(),
        hidden_inputs: Vec::new(),
    };
    reader.read(html);
    match reader.stop {
        Some(Stop::Layout) => {
            return Some(TableCells {
                is_layout: true,
                ..TableCells::default()
            })
        }
        Some(Stop::NeedsWhole) => return None,
        None => {}
    }
    let mut rows = reader.head;
    rows.append(&mut reader.body);
    rows.append(&mut reader.foot);
    rows.truncate(limit);
    Some(TableCells {
        rows,
        is_layout: false,
        hidden_inputs: reader.hidden_inputs,
    })
}

/// Why the reading stopped before the end.
#[derive(Clone, Copy)]
enum Stop {
    /// The table holds a heading, a legend or a fieldset (or a table, which
    /// the browser tells before serializing): page layout, walked element by
    /// element instead.
    Layout,
    /// The quick form met what only the whole form tells.
    NeedsWhole,
}

/// An element the reader is inside.
struct Open<'a> {
    tag: &'a str,
    kind: u8,
    /// Where its rows go, for a table section (or the table itself).
    section: Option<Section>,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Head,
    Body,
    Foot,
}

struct Reader<'a> {
    /// The fields' values, in the whole form.
    values: Option<std::str::Split<'a, char>>,
    stop: Option<Stop>,
    open: Vec<Open<'a>>,
    /// How many open elements hide their text (`Dom::text`).
    skipped: usize,
    /// The row being read, where it goes, and how deep it is open.
    row: Option<(TableRow, Section, usize)>,
    /// The cell being read, and how deep it is open.
    cell: Option<(TableCell, usize)>,
    head: Vec<TableRow>,
    body: Vec<TableRow>,
    foot: Vec<TableRow>,
    hidden_inputs: Vec<HiddenInput>,
}

impl<'a> Reader<'a> {
    fn read(&mut self, html: &'a str) {
        let mut rest = html;
        while !rest.is_empty() && self.stop.is_none() {
            let (text, markup) = cut(rest, end_of(rest, |b| b == b'<'));
            if !text.is_empty() {
                self.text(&unescape(text));
            }
            rest = if let Some(comment) = markup.strip_prefix("<!--") {
                if self.values.is_none() {
                    self.stop = Some(Stop::NeedsWhole);
                }
                find_ascii(comment, b"-->").map_or("", |at| cut(comment, at + 3).1)
            } else if let Some(end) = markup.strip_prefix("</") {
                let (tag, after) = cut(end, end_of(end, |b| b == b'>'));
                self.close(tag);
                cut(after, 1).1
            } else if let Some(start) = markup.strip_prefix('<') {
                self.start_tag(start)
            } else {
                ""
            };
        }
        // A cut serialization: what is open ends here.
        while !self.open.is_empty() {
            self.pop();
        }
    }

    /// Reads a start tag (after its `<`) and what it opens; returns what follows.
    fn start_tag(&mut self, start: &'a str) -> &'a str {
        let (tag, rest) = cut(
            start,
            end_of(start, |b| b.is_ascii_whitespace() || b == b'>'),
        );
        let (attributes, rest) = attributes_of(rest);
        self.open_element(tag, attributes);
        rest
    }

    fn open_element(&mut self, tag: &'a str, attributes: &str) {
        let parent = self.open.last().map(|open| (open.tag, open.section));
        let depth = self.open.len();
        let kind = kind_of(tag);
        if kind & LAYOUT != 0 || (tag == "table" && depth > 0) {
            self.stop = Some(Stop::Layout);
            return;
        }
        if kind & NOT_QUICK != 0 && self.values.is_none() {
            self.stop = Some(Stop::NeedsWhole);
            return;
        }
        let mut section = None;
        match (tag, parent) {
            // The table's own rows are its body's.
            (_, None) => section = Some(Section::Body),
            ("thead", Some(("table", _))) => section = Some(Section::Head),
            ("tbody", Some(("table", _))) => section = Some(Section::Body),
            ("tfoot", Some(("table", _))) => section = Some(Section::Foot),
            ("tr", Some((_, Some(into)))) => {
                let row = TableRow {
                    class: attribute(attributes, "class").unwrap_or_default(),
                    in_head: into == Section::Head,
                    cells: Vec::new(),
                };
                self.row = Some((row, into, depth));
            }
            ("td" | "th", Some(("tr", _))) if self.row.is_some() => {
                let cell = TableCell {
                    is_header: tag == "th",
                    ..TableCell::default()
                };
                self.cell = Some((cell, depth));
            }
            ("a", _) => {
                if let Some((cell, _)) = self.cell.as_mut().filter(|(c, _)| c.href.is_none()) {
                    cell.href = attribute(attributes, "href");
                }
            }
            ("br", _) => self.text(" "),
            ("input" | "select" | "textarea", _) => self.field(tag, attributes),
            _ => {}
        }
        if kind & VOID != 0 {
            return;
        }
        if kind & HIDES != 0 {
            self.skipped += 1;
        }
        self.open.push(Open { tag, kind, section });
    }

    /// A form field: its value is the next of the values.
    fn field(&mut self, tag: &str, attributes: &str) {
        let value = self
            .values
            .as_mut()
            .and_then(Iterator::next)
            .unwrap_or_default();
        let hidden = tag == "input"
            && attribute(attributes, "type")
                .is_some_and(|kind| kind.eq_ignore_ascii_case("hidden"));
        if hidden {
            let name = attribute(attributes, "name").or_else(|| attribute(attributes, "id"));
            if let Some(name) = name {
                self.hidden_inputs.push(HiddenInput {
                    name,
                    value: attribute(attributes, "value").unwrap_or_default(),
                });
            }
            return;
        }
        if self.skipped == 0 {
            if let Some((cell, _)) = self.cell.as_mut().filter(|(c, _)| c.control.is_none()) {
                cell.control = Some(value.to_string());
            }
        }
    }

    /// An end tag, which a serialization writes for the element last opened
    /// (any other is no serializer's, and is passed over).
    fn close(&mut self, tag: &str) {
        if self.open.last().is_some_and(|open| open.tag == tag) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if let Some(open) = self.open.pop() {
            let depth = self.open.len();
            if open.kind & HIDES != 0 {
                self.skipped = self.skipped.saturating_sub(1);
            }
            if self.cell.as_ref().is_some_and(|(_, at)| *at == depth) {
                if let (Some((cell, _)), Some((row, _, _))) = (self.cell.take(), self.row.as_mut())
                {
                    row.cells.push(cell);
                }
            }
            if self.row.as_ref().is_some_and(|(_, _, at)| *at == depth) {
                if let Some((row, into, _)) = self.row.take() {
                    match into {
                        Section::Head => self.head.push(row),
                        Section::Body => self.body.push(row),
                        Section::Foot => self.foot.push(row),
                    }
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipped == 0 {
            if let Some((cell, _)) = self.cell.as_mut() {
                cell.text.push_str(text);
            }
        }
    }
}

// What a tag is to the reader, in bits (`kind_of`: one `match` for all).
/// No end tag, no contents.
const VOID: u8 = 1;
/// Its text is not the cell's (`Dom::text`).
const HIDES: u8 = 2;
/// A heading, legend or fieldset: the table is page layout.
const LAYOUT: u8 = 4;
/// What the quick form does not say (fields' values), or may not say truly
/// (raw text, which the whole form has as plain text); templates are no part
/// of the table, and gone from the whole form.
const NOT_QUICK: u8 = 8;

fn kind_of(tag: &str) -> u8 {
    match tag {
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr"
        | "img" | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr" => VOID,
        "input" => VOID | NOT_QUICK,
        "select" | "textarea" | "template" | "script" | "style" => HIDES | NOT_QUICK,
        "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript" => NOT_QUICK,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "legend" | "fieldset" => LAYOUT,
        _ => 0,
    }
}

/// A start tag's attributes (what follows its name) and what follows the tag.
fn attributes_of(tag: &str) -> (&str, &str) {
    let mut quoted = false;
    for (at, byte) in tag.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'>' if !quoted => {
                let (attributes, rest) = cut(tag, at);
                return (attributes, cut(rest, 1).1);
            }
            _ => {}
        }
    }
    (tag, "")
}

/// The value of the attribute `wanted` in `attributes` (as `attributes_of`
/// gives them), unescaped; `None` when the tag has no such attribute.
fn attribute(attributes: &str, wanted: &str) -> Option<String> {
    let mut rest = attributes;
    loop {
        rest = cut(
            rest,
            end_of(rest, |b| !b.is_ascii_whitespace() && b != b'/'),
        )
        .1;
        if rest.is_empty() {
            return None;
        }
        let name_end = end_of(rest, |b| b.is_ascii_whitespace() || b == b'=');
        // A stray `=` is a name of its own: the reading moves on.
        let (name, after) = cut(rest, name_end.max(1));
        rest = after;
        let mut value = "";
        if let Some(after) = rest.strip_prefix("=\"") {
            let (quoted, after) = cut(after, end_of(after, |b| b == b'"'));
            value = quoted;
            rest = cut(after, 1).1;
        }
        if name == wanted {
            return Some(unescape(value).into_owned());
        }
    }
}

/// `text` cut at byte `at`, which the reader only ever puts where a character
/// starts. (Checked all the same, and without the formatting a failed slice
/// would bring into the page module.)
fn cut(text: &str, at: usize) -> (&str, &str) {
    (
        text.get(..at).unwrap_or(text),
        text.get(at..).unwrap_or_default(),
    )
}

/// Where the ASCII `wanted` first appears in `text`.
fn find_ascii(text: &str, wanted: &[u8]) -> Option<usize> {
    text.as_bytes()
        .windows(wanted.len())
        .position(|window| window == wanted)
}

/// The first byte of `text` that `stop` takes, or its end: where a character
/// starts, as `stop` takes ASCII bytes only, or any byte but some of ASCII's.
fn end_of(text: &str, stop: impl Fn(u8) -> bool) -> usize {
    text.bytes().position(stop).unwrap_or(text.len())
}

/// Text or an attribute value as the serializer escaped it, unescaped.
fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let (before, from) = cut(rest, at);
        out.push_str(before);
        rest = from;
        let entity = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&nbsp;", "\u{a0}"),
        ]
        .into_iter()
        .find(|(entity, _)| rest.starts_with(entity));
        match entity {
            Some((entity, character)) => {
                out.push_str(character);
                rest = cut(rest, entity.len()).1;
            }
            None => {
                out.push('&');
                rest = cut(rest, 1).1;
            }
        }
    }
    out.push_str(rest);
    out.into()
}
