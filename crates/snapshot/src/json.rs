//! The page's requests as JSON text, written by hand. The content script
//! rides on every SmartOffice record frame and has a byte budget: serde's
//! serializers for these types (and serde-wasm-bindgen's) cost the page
//! module about a tenth of its size, for output this short writer gives
//! too. The service worker still reads requests with serde, and a test
//! holds the two to the same JSON for every request.

use crate::protocol::{LinkedPage, LinkedReadError, Request};
use crate::{Cell, Field, HiddenInput, Row, Section, Snapshot, Table};

/// `request` as serde would serialize it (`{"type":"…",…}`).
pub fn request(request: &Request) -> String {
    let mut out = Json(String::new());
    match request {
        Request::RecordLinks { page } => {
            out.tag("recordLinks");
            out.key("page");
            out.snapshot(page);
        }
        Request::ExportStart { page, linked } => {
            out.tag("exportStart");
            out.key("page");
            out.snapshot(page);
            out.key("linked");
            out.list(linked, Json::linked);
        }
        Request::EmoneyOpened => out.tag("emoneyOpened"),
        Request::OpenEmoney => out.tag("openEmoney"),
        Request::LoadPage { plain_js } => {
            out.tag("loadPage");
            out.key("plainJs");
            out.0.push_str(if *plain_js { "true" } else { "false" });
        }
        Request::PageWasm => out.tag("pageWasm"),
        Request::NoMenu => out.tag("noMenu"),
    }
    out.0.push('}');
    out.0
}

/// A snapshot as serde would serialize it (the page's answer to the
/// worker's `report`: what "What the extension sees" is made of).
pub fn snapshot(page: &Snapshot) -> String {
    let mut out = Json(String::new());
    out.snapshot(page);
    out.0
}

struct Json(String);

impl Json {
    fn tag(&mut self, name: &str) {
        self.0.push_str("{\"type\":");
        self.string(name);
    }

    /// `,"name":` (every object here starts with a first member written
    /// by `tag` or `first`).
    fn key(&mut self, name: &str) {
        self.0.push(',');
        self.string(name);
        self.0.push(':');
    }

    fn first(&mut self, name: &str) {
        self.0.push('{');
        self.string(name);
        self.0.push(':');
    }

    fn string(&mut self, text: &str) {
        self.0.push('"');
        for c in text.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '\r' => self.0.push_str("\\r"),
                '\t' => self.0.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    self.0.push(HEX[(c as usize) >> 4] as char);
                    self.0.push(HEX[(c as usize) & 15] as char);
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.0.push_str("null"),
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.0.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, item);
        }
        self.0.push(']');
    }

    fn snapshot(&mut self, snapshot: &Snapshot) {
        self.first("address");
        self.string(&snapshot.address);
        self.key("hiddenInputs");
        self.list(&snapshot.hidden_inputs, Json::hidden_input);
        self.key("sections");
        self.list(&snapshot.sections, Json::section);
        self.0.push('}');
    }

    fn hidden_input(&mut self, input: &HiddenInput) {
        self.first("name");
        self.string(&input.name);
        self.key("value");
        self.string(&input.value);
        self.0.push('}');
    }

    fn section(&mut self, section: &Section) {
        self.first("heading");
        self.optional(section.heading.as_deref());
        self.key("fields");
        self.list(&section.fields, Json::field);
        self.key("tables");
        self.list(&section.tables, Json::table);
        self.0.push('}');
    }

    fn field(&mut self, field: &Field) {
        self.first("label");
        self.string(&field.label);
        self.key("value");
        self.string(&field.value);
        self.0.push('}');
    }

    fn table(&mut self, table: &Table) {
        self.first("header");
        self.list(&table.header, |out, text| out.string(text));
        self.key("rows");
        self.list(&table.rows, Json::row);
        self.0.push('}');
    }

    fn row(&mut self, row: &Row) {
        self.first("class");
        self.string(&row.class);
        self.key("cells");
        self.list(&row.cells, Json::cell);
        self.0.push('}');
    }

    fn cell(&mut self, cell: &Cell) {
        self.first("text");
        self.string(&cell.text);
        self.key("href");
        self.optional(cell.href.as_deref());
        self.0.push('}');
    }

    fn linked(&mut self, linked: &LinkedPage) {
        self.first("href");
        self.string(&linked.href);
        self.key("page");
        match &linked.page {
            Some(page) => self.snapshot(page),
            None => self.0.push_str("null"),
        }
        self.key("error");
        match linked.error {
            Some(error) => self.string(match error {
                LinkedReadError::OtherSite => "otherSite",
                LinkedReadError::Redirected => "redirected",
                LinkedReadError::Network => "network",
                LinkedReadError::NoPage => "noPage",
                LinkedReadError::NotAPage => "notAPage",
            }),
            None => self.0.push_str("null"),
        }
        self.0.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(address: &str) -> Snapshot {
        Snapshot {
            address: address.into(),
            hidden_inputs: vec![HiddenInput {
                name: "contactId".into(),
                value: "C-1\"2\\".into(),
            }],
            sections: vec![
                Section {
                    heading: None,
                    fields: vec![Field {
                        label: "Name:".into(),
                        value: "Ann \u{1}O'Neil\n\t\r — ✓ 名".into(),
                    }],
                    tables: vec![],
                },
                Section {
                    heading: Some("Policies".into()),
                    fields: vec![],
                    tables: vec![Table {
                        header: vec!["Policy #".into(), "Carrier".into()],
                        rows: vec![Row {
                            class: "alt".into(),
                            cells: vec![
                                Cell {
                                    text: "***6789".into(),
                                    href: Some("policy.aspx?id=7&x=<a>".into()),
                                },
                                Cell {
                                    text: "".into(),
                                    href: None,
                                },
                            ],
                        }],
                    }],
                },
            ],
        }
    }

    #[test]
    fn every_request_is_written_as_serde_writes_it() {
        let requests = [
            Request::RecordLinks {
                page: Box::new(page("https://so.example/contact.aspx")),
            },
            Request::ExportStart {
                page: Box::new(page("https://so.example/contact.aspx?id=1")),
                linked: vec![
                    LinkedPage {
                        href: "spouse.aspx".into(),
                        page: Some(page("https://so.example/spouse.aspx")),
                        error: None,
                    },
                    LinkedPage {
                        href: "elsewhere".into(),
                        page: None,
                        error: Some(LinkedReadError::OtherSite),
                    },
                    LinkedPage {
                        href: "r".into(),
                        page: None,
                        error: Some(LinkedReadError::Redirected),
                    },
                    LinkedPage {
                        href: "n".into(),
                        page: None,
                        error: Some(LinkedReadError::Network),
                    },
                    LinkedPage {
                        href: "e".into(),
                        page: None,
                        error: Some(LinkedReadError::NoPage),
                    },
                    LinkedPage {
                        href: "x".into(),
                        page: None,
                        error: Some(LinkedReadError::NotAPage),
                    },
                ],
            },
            Request::ExportStart {
                page: Box::default(),
                linked: vec![],
            },
            Request::EmoneyOpened,
            Request::OpenEmoney,
            Request::LoadPage { plain_js: true },
            Request::LoadPage { plain_js: false },
            Request::PageWasm,
            Request::NoMenu,
        ];
        for sent in requests {
            // The page's answer to the worker's `report` is its snapshot.
            if let Request::RecordLinks { page } = &sent {
                let ours: serde_json::Value =
                    serde_json::from_str(&snapshot(page)).expect("the writer writes JSON");
                assert_eq!(ours, serde_json::to_value(page).expect("serializes"));
            }
            let written = request(&sent);
            let ours: serde_json::Value =
                serde_json::from_str(&written).expect("the writer writes JSON");
            let serde = serde_json::to_value(&sent).expect("serializes");
            assert_eq!(ours, serde, "{written}");
            let read: Request = serde_json::from_str(&written).expect("the worker reads it");
            assert_eq!(read, sent);
        }
    }
}
