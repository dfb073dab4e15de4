//! A table as the browser hands it over: the live values of its form fields,
//! then its HTML serialization (`outerHTML`), read here in one pass.
//!
//! Serializing a household's table is one call into the browser, several
//! times faster than the page's own scripts reading its cells one by one.
//! And what the serializer writes is regular: every element but the void
//! ones is closed, attribute values are double-quoted, and text escapes `&`,
//! `<`, `>` and no-break spaces (attribute values `&`, `"` and no-break
//! spaces, newer browsers `<` and `>` too). The one text it writes as it is,
//! that of comments, `script`, `style`, `xmp`, `iframe`, `noembed`,
//! `noframes`, `plaintext` and (where scripts run) `noscript`, is not in what
//! the browser hands over: a table holding any is serialized from a copy
//! without it (`crates/page/src/dom.rs`), since a page's script could write
//! such text to read as markup. (Comments are passed over all the same.)
//!
//! What the markup cannot say comes first: for each `input`, `select` and
//! `textarea` of the table, in document order, the value the advisor sees
//! (a checkbox `✓` or empty, a select its chosen option's text, a hidden input
//! empty), separated by U+001F and ended by U+001E, characters the browser
//! removes from the values. A table that is page layout is `L` alone.

use super::{HiddenInput, TableCell, TableCells, TableRow};

const VALUES_END: char = '\u{1e}';
const VALUE: char = '\u{1f}';

/// The first `limit` rows of the table the browser wrote as `read`, in the
/// order `HTMLTableElement.rows` gives them (head rows, body rows, foot rows).
pub fn decode_table(read: &str, limit: usize) -> TableCells {
    let Some((values, html)) = read.split_once(VALUES_END) else {
        return TableCells {
            is_layout: read == "L",
            ..TableCells::default()
        };
    };
    let mut reader = Reader {
        limit,
        width: 0,
        values: values.split(VALUE),
        open: Vec::new(),
        skipped: 0,
        in_template: 0,
        row: None,
        cell: None,
        head: Vec::new(),
        body: Vec::new(),
        foot: Vec::new(),
        hidden_inputs: Vec::new(),
    };
    reader.read(html);
    let mut rows = reader.head;
    rows.append(&mut reader.body);
    rows.append(&mut reader.foot);
    rows.truncate(limit);
    TableCells {
        rows,
        is_layout: false,
        hidden_inputs: reader.hidden_inputs,
    }
}

/// An element the reader is inside.
struct Open<'a> {
    tag: &'a str,
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
    limit: usize,
    /// The cells of the last row read.
    width: usize,
    values: std::str::Split<'a, char>,
    open: Vec<Open<'a>>,
    /// How many open elements hide their text (`Dom::text`).
    skipped: usize,
    /// How many open `template`s: their contents are no part of the table.
    in_template: usize,
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
        while !rest.is_empty() {
            let (text, markup) = cut(rest, end_of(rest, |b| b == b'<'));
            if !text.is_empty() {
                self.text(&unescape(text));
            }
            rest = if let Some(comment) = markup.strip_prefix("<!--") {
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
        let mut section = None;
        if self.in_template == 0 {
            match (tag, parent) {
                // The table's own rows are its body's.
                (_, None) => section = Some(Section::Body),
                ("thead", Some(("table", _))) => section = Some(Section::Head),
                ("tbody", Some(("table", _))) => section = Some(Section::Body),
                ("tfoot", Some(("table", _))) => section = Some(Section::Foot),
                // Rows past the first `limit` are not built (their cells
                // neither): the outline reads 100 rows of a thousand.
                ("tr", Some((_, Some(into)))) if self.before(into) < self.limit => {
                    let row = TableRow {
                        class: attribute(attributes, "class").unwrap_or_default(),
                        in_head: into == Section::Head,
                        cells: Vec::new(),
                    };
                    self.row = Some((row, into, depth));
                }
                ("td" | "th", Some(("tr", _))) if self.row.is_some() => {
                    if let Some((row, _, _)) =
                        self.row.as_mut().filter(|(r, _, _)| r.cells.is_empty())
                    {
                        // As wide as the row before, as a rule.
                        row.cells.reserve(self.width);
                    }
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
        }
        if matches!(
            tag,
            "area"
                | "base"
                | "basefont"
                | "bgsound"
                | "br"
                | "col"
                | "embed"
                | "frame"
                | "hr"
                | "img"
                | "input"
                | "keygen"
                | "link"
                | "meta"
                | "param"
                | "source"
                | "track"
                | "wbr"
        ) {
            return;
        }
        if hides_text(tag) {
            self.skipped += 1;
        }
        if tag == "template" {
            self.in_template += 1;
        }
        self.open.push(Open { tag, section });
    }

    /// How many rows the table's `rows` lists before a row now read into `section`.
    fn before(&self, section: Section) -> usize {
        match section {
            Section::Head => self.head.len(),
            Section::Body => self.head.len() + self.body.len(),
            Section::Foot => self.head.len() + self.body.len() + self.foot.len(),
        }
    }

    /// A form field: its value is the next of the values.
    fn field(&mut self, tag: &str, attributes: &str) {
        let value = self.values.next().unwrap_or_default();
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
            if hides_text(open.tag) {
                self.skipped = self.skipped.saturating_sub(1);
            }
            if open.tag == "template" {
                self.in_template = self.in_template.saturating_sub(1);
            }
            if self.cell.as_ref().is_some_and(|(_, at)| *at == depth) {
                if let (Some((cell, _)), Some((row, _, _))) = (self.cell.take(), self.row.as_mut())
                {
                    row.cells.push(cell);
                }
            }
            if self.row.as_ref().is_some_and(|(_, _, at)| *at == depth) {
                if let Some((row, into, _)) = self.row.take() {
                    self.width = row.cells.len();
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

/// Whose text `Dom::text` leaves out.
fn hides_text(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "select" | "textarea" | "template")
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
/// starts. (Checked all the same, and
/// without the formatting a failed slice would bring into the page module.)
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
