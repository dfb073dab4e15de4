//! Shared by the native tests: the snapshot `Dom` over the `scraper` HTML
//! parser, and the fixture records with their addresses.

#![allow(dead_code)] // each test file uses a different part

use std::collections::HashMap;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html};
use smartoffice_emoney::interpret::{interpret, links_needed, LinkedSnapshots};
use smartoffice_snapshot::profile::record::smartoffice;
use smartoffice_snapshot::protocol::LinkedReadError;
use smartoffice_snapshot::{snapshot, Dom, HiddenInput, Snapshot, TableCell, TableCells, TableRow};

/// Reads elements of one parsed document (`'a` is the document's lifetime).
pub struct ScraperDom<'a>(pub PhantomData<&'a Html>);

fn tag(node: &ElementRef) -> String {
    node.value().name().to_ascii_lowercase()
}

fn elements<'a>(node: &ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    node.children().filter_map(ElementRef::wrap)
}

/// Descendant elements in document order, as a browser's `querySelectorAll`
/// finds them: a template's contents (its children here) are not the page's.
fn descendants<'a>(node: &ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    let root = node.id();
    node.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(move |element| {
            !element
                .ancestors()
                .take_while(|ancestor| ancestor.id() != root)
                .any(|ancestor| {
                    ancestor
                        .value()
                        .as_element()
                        .is_some_and(|e| e.name() == "template")
                })
        })
}

fn is_hidden_input(node: &ElementRef) -> bool {
    tag(node) == "input"
        && node
            .value()
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
}

fn push_text(node: &ElementRef, out: &mut String) {
    for child in node.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
        } else if let Some(element) = ElementRef::wrap(child) {
            match tag(&element).as_str() {
                "script" | "style" | "select" | "textarea" | "template" => {}
                "br" => out.push(' '),
                _ => push_text(&element, out),
            }
        }
    }
}

impl<'a> Dom for ScraperDom<'a> {
    type Node = ElementRef<'a>;

    fn tag_name(&self, node: &Self::Node) -> String {
        tag(node)
    }

    fn attribute(&self, node: &Self::Node, name: &str) -> Option<String> {
        node.value().attr(name).map(str::to_string)
    }

    fn children(&self, node: &Self::Node) -> Vec<Self::Node> {
        elements(node).collect()
    }

    fn text(&self, node: &Self::Node) -> String {
        let mut out = String::new();
        push_text(node, &mut out);
        out
    }

    fn control_value(&self, node: &Self::Node) -> Option<String> {
        match tag(node).as_str() {
            "input" if !is_hidden_input(node) => {
                let kind = node
                    .value()
                    .attr("type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if kind == "checkbox" || kind == "radio" {
                    let checked = node.value().attr("checked").is_some();
                    Some(if checked { "✓" } else { "" }.to_string())
                } else {
                    Some(node.value().attr("value").unwrap_or_default().to_string())
                }
            }
            "textarea" => Some(node.text().collect()),
            _ => None,
        }
    }

    fn selected_option_text(&self, node: &Self::Node) -> Option<String> {
        if tag(node) != "select" {
            return None;
        }
        // As a browser does: the last option marked selected, else the first.
        let options: Vec<ElementRef> = descendants(node).filter(|e| tag(e) == "option").collect();
        let chosen = options
            .iter()
            .rfind(|o| o.value().attr("selected").is_some())
            .or(options.first());
        Some(chosen.map(|o| o.text().collect()).unwrap_or_default())
    }

    fn table_cells(&self, table: &Self::Node, limit: usize) -> TableCells {
        let is_layout = descendants(table).any(|e| {
            matches!(
                tag(&e).as_str(),
                "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "legend" | "fieldset"
            )
        });
        let hidden_inputs = descendants(table)
            .filter(is_hidden_input)
            .filter_map(|e| {
                let name = e.value().attr("name").or(e.value().attr("id"))?;
                Some(HiddenInput {
                    name: name.to_string(),
                    value: e.value().attr("value").unwrap_or_default().to_string(),
                })
            })
            .collect();
        // HTMLTableElement.rows order: thead rows, then body rows, then tfoot rows.
        let mut head = Vec::new();
        let mut body = Vec::new();
        let mut foot = Vec::new();
        for child in elements(table) {
            match tag(&child).as_str() {
                "tr" => body.push((child, false)),
                "thead" => head.extend(
                    elements(&child)
                        .filter(|r| tag(r) == "tr")
                        .map(|r| (r, true)),
                ),
                "tbody" => body.extend(
                    elements(&child)
                        .filter(|r| tag(r) == "tr")
                        .map(|r| (r, false)),
                ),
                "tfoot" => foot.extend(
                    elements(&child)
                        .filter(|r| tag(r) == "tr")
                        .map(|r| (r, false)),
                ),
                _ => {}
            }
        }
        let rows = head
            .into_iter()
            .chain(body)
            .chain(foot)
            .take(limit)
            .map(|(row, in_head)| TableRow {
                class: row.value().attr("class").unwrap_or_default().to_string(),
                in_head,
                cells: elements(&row)
                    .filter(|c| matches!(tag(c).as_str(), "td" | "th"))
                    .map(|c| cell(self, &c))
                    .collect(),
            })
            .collect();
        TableCells {
            rows,
            is_layout,
            hidden_inputs,
        }
    }
}

fn cell<'a>(dom: &ScraperDom<'a>, cell: &ElementRef<'a>) -> TableCell {
    let href = descendants(cell)
        .find(|e| tag(e) == "a" && e.value().attr("href").is_some())
        .and_then(|a| a.value().attr("href").map(str::to_string));
    let control = descendants(cell).find_map(|e| field_value(dom, &e));
    TableCell {
        text: dom.text(cell),
        href,
        control,
        is_header: tag(cell) == "th",
    }
}

/// What a form field shows: an input's or textarea's value, a select's
/// chosen option; `None` for anything else (a hidden input too).
fn field_value<'a>(dom: &ScraperDom<'a>, element: &ElementRef<'a>) -> Option<String> {
    dom.control_value(element)
        .or_else(|| dom.selected_option_text(element))
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records")
}

pub fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Fixture file name → the address the record frame would have had.
pub fn fixture_addresses() -> Vec<(String, String)> {
    read_fixture("addresses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, address) = l.split_once(' ').expect("name and address");
            (name.to_string(), address.trim().to_string())
        })
        .collect()
}

pub fn snapshot_of(html: &str, address: &str) -> Snapshot {
    let document = Html::parse_document(html);
    snapshot(&ScraperDom(PhantomData), &document.root_element(), address)
}

/// A linked fixture's file: the link without its query.
pub fn linked_file(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or(href)
}

/// Reads a fixture as the extension would: snapshot, linked records, interpretation.
pub fn read_record(name: &str, address: &str) -> serde_json::Value {
    let page = snapshot_of(&read_fixture(name), address);
    let mut linked: LinkedSnapshots = HashMap::new();
    for link in links_needed(&page, smartoffice()) {
        let file = linked_file(&link.href);
        let read = std::fs::read_to_string(fixtures_dir().join(file))
            .map(|html| {
                snapshot_of(
                    &html,
                    &format!(
                        "{}/{}",
                        address.rsplit_once('/').map_or("", |p| p.0),
                        link.href
                    ),
                )
            })
            .map_err(|_| LinkedReadError::NoPage);
        linked.insert(link.href, read);
    }
    let (record, findings) = interpret(&page, &linked, smartoffice());
    serde_json::json!({ "record": record, "findings": findings })
}

/// The 1,000-investment, 1,000-policy household, generated so that the
/// committed fixture can be checked against (and rebuilt from) this code.
pub fn large_household_html() -> String {
    let mut html = String::from(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>SmartOffice</title></head>\n<body>\n\
         <div id=\"_window_id1\" class=\"so-window\">\n\
         <div class=\"so-window-bar\"><button id=\"_window_id1-button\" type=\"button\" class=\"so-menu-button\">Menu</button>\
         <span class=\"so-window-title\">Household: Large Household</span></div>\n\
         <table class=\"so-linkbar\"><tr><td reflinkbarid=\"_window_id1-linkbar\" class=\"CURRENTTAB\">Household</td>\
         <td reflinkbarid=\"_window_id1-linkbar\">Investments</td></tr></table>\n\
         <h2>Household</h2>\n<table><tr><td>Address:</td><td>500 Harbor Blvd, Unit 9, Long Beach, CA 90802</td></tr>\n\
         <tr><td>Home Phone:</td><td>(562) 555-0100</td></tr></table>\n\
         <h2>Members</h2>\n<table>\n<tr><th>Name</th><th>Member Type</th><th>Birth Date</th></tr>\n\
         <tr><td><a href=\"contact-head.html?contactId=1010\">Patel, Arjun</a></td><td>Head</td><td>02/14/1975</td></tr>\n\
         <tr><td><a href=\"contact-spouse-member.html?contactId=1011\">Patel, Priya</a></td><td>Spouse</td><td>09/30/1977</td></tr>\n\
         </table>\n",
    );
    let owners = ["Arjun Patel", "Priya Patel", "Joint", "Patel Family Trust"];
    let options = ["Qualified", "Held Away", "Qualified, Held Away", ""];
    html.push_str(
        "<h2>Investments</h2>\n<table class=\"so-grid\">\n<thead><tr><th>Account Name</th><th>Account Value</th>\
         <th>Loan Balance</th><th>Net Value</th><th>Options</th><th>Owner</th></tr></thead>\n<tbody>\n",
    );
    for i in 0..1000u64 {
        let value = 100_000 + i * 12_345;
        let loan = (i % 7) * 5_000;
        let money = |cents: u64| format!("${}.{:02}", group(cents / 100), cents % 100);
        let loan = if i % 10 == 3 {
            String::new()
        } else {
            money(loan)
        };
        html.push_str(&format!(
            "<tr><td><a href=\"investment.htm?investmentId={}\">Account {:04}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            50_000 + i,
            i + 1,
            money(value),
            loan,
            money(value - (i % 7) * 5_000),
            options[(i % 4) as usize],
            owners[(i % 4) as usize]
        ));
    }
    html.push_str("</tbody>\n</table>\n<h2>Policies</h2>\n<table class=\"so-grid\">\n<thead><tr><th>Carrier</th><th>Plan Name</th>\
                   <th>Policy #</th><th>Primary Insured</th><th>Owner</th><th>Total Death Benefits</th></tr></thead>\n<tbody>\n");
    for i in 0..1000u64 {
        html.push_str(&format!(
            "<tr><td>Carrier {}</td><td>Plan {:04}</td><td>PN-{:06}-{}</td><td>{}</td><td>{}</td><td>${}.00</td></tr>\n",
            i % 13,
            i + 1,
            700_000 + i * 17,
            (b'A' + (i % 26) as u8) as char,
            owners[(i % 2) as usize],
            owners[((i + 1) % 4) as usize],
            group(100_000 + i * 1_000)
        ));
    }
    html.push_str("</tbody>\n</table>\n</div>\n<script src=\"../pages/so-menu.js\"></script>\n</body></html>\n");
    html
}

/// 1234567 → "1,234,567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A table as [`Dom::table_cells`] reads it, and as the browser hands it to
/// the page module (`crates/page/src/dom.rs`): its serialization (the quick
/// form), and its fields' values with the serialization of a copy without
/// comments, raw text or templates (the whole form). Tables holding a table
/// are left out: the browser tells those without serializing them.
pub struct Serialized {
    pub cells: TableCells,
    pub quick: String,
    pub whole: String,
}

/// Every table of `html` as [`Serialized`]: the readings must agree.
pub fn tables_and_their_serializations(html: &str) -> Vec<Serialized> {
    let document = Html::parse_document(html);
    let dom = ScraperDom(PhantomData);
    descendants(&document.root_element())
        .filter(|e| tag(e) == "table")
        .filter(|table| !descendants(table).any(|e| tag(&e) == "table"))
        .map(|table| {
            let values: Vec<String> = descendants(&table)
                .filter(|e| matches!(tag(e).as_str(), "input" | "select" | "textarea"))
                .map(|e| field_value(&dom, &e).unwrap_or_default())
                .collect();
            let mut whole = format!("{}\u{1e}", values.join("\u{1f}"));
            serialize(table, &mut whole);
            Serialized {
                cells: dom.table_cells(&table, usize::MAX),
                quick: table.html(),
                whole,
            }
        })
        .collect()
}

/// The HTML serialization algorithm (what `outerHTML` writes), of a copy
/// where comments, templates, `script` and `style` are gone, and the other
/// elements whose text is written as it is are that text.
fn serialize(element: ElementRef, out: &mut String) {
    let name = element.value().name();
    match name {
        "script" | "style" | "template" => return,
        "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript" => {
            escape(&element.text().collect::<String>(), false, out);
            return;
        }
        _ => {}
    }
    out.push('<');
    out.push_str(name);
    for (attribute, value) in element.value().attrs() {
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        escape(value, true, out);
        out.push('"');
    }
    out.push('>');
    let void = matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    );
    if void {
        return;
    }
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            escape(text, false, out);
        } else if let Some(child) = ElementRef::wrap(child) {
            serialize(child, out);
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}
