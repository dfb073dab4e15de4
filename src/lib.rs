//! SmartOffice → eMoney: the extension's pure core.
//!
//! Nothing here touches the browser: no `web_sys`, `js_sys`, `wasm_bindgen` or
//! `gloo-net` (Cargo holds that wall: this crate does not depend on them), so
//! all of it is tested natively. Read top-down: the record model, the parsers
//! of page text, the interpreter (snapshot → record and its findings), the
//! mapping to eMoney's contract, the eMoney client, and what the service worker
//! keeps and answers. The page's own data (profile, snapshot) is the
//! `smartoffice-snapshot` crate; the browser edges are `crates/page` and
//! `crates/worker`. See ARCHITECTURE.md.

pub mod emoney;
pub mod findings;
pub mod fingerprint;
pub mod flow;
pub mod interpret;
pub mod mapping;
pub mod message;
pub mod overrides;
pub mod parse;
pub mod record;
pub mod report;
pub mod settings;
pub mod trust;
