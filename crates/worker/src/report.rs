//! "What the extension sees on this page", and the sentence said once when
//! the extension can do nothing there. The page module answers `report`
//! with its snapshot of the record frame (policy numbers masked, as an
//! export reads it), the probe (`soEmoneyProbe`, in background.js) says
//! what the profile's selectors find of the Menu, and the core makes the
//! report (`smartoffice_emoney::report`). Nothing of it leaves the browser.

use js_sys::{Array, Reflect};
use smartoffice_browser::convert::{from_js, to_js};
use smartoffice_browser::storage::Area;
use smartoffice_browser::{scripting, tabs, timers};
use smartoffice_emoney::flow::Origin;
use smartoffice_emoney::message::{PageTab, Reply};
use smartoffice_emoney::report::{problem, recognise, report, MenuProbe, Problem};
use smartoffice_snapshot::profile::page::smartoffice_page;
use smartoffice_snapshot::protocol::Event;
use smartoffice_snapshot::text;
use smartoffice_snapshot::Snapshot;
use wasm_bindgen::JsValue;

use crate::drive::tell_page;
use crate::module::PAGE;
use crate::profile;
use crate::words::say;

/// The session's list of what was said once, by office host.
const SAID: &str = "saidOnce";
/// The page module's first answer, looked for this often and this long.
const ASK_EVERY_MS: u64 = 100;
const ASK_TIMES: u32 = 80;

/// The label of the extension's own Menu entry (crates/page's menu).
const ENTRY_LABEL: &str = "eMoney";

/// The tabs the extension may read, for the options page's choice.
pub async fn tabs() -> Reply {
    let own = smartoffice_browser::runtime::extension_origin();
    Reply::Tabs {
        tabs: tabs::visible()
            .await
            .into_iter()
            .filter(|(_, _, url)| url.starts_with("https://") || url.starts_with("http://"))
            .filter(|(_, _, url)| !url.starts_with(&own))
            .map(|(id, title, url)| PageTab {
                id,
                title: if title.is_empty() { url } else { title },
            })
            .collect(),
    }
}

/// The report of the record frame of `tab`.
pub async fn page(tab: i64) -> Reply {
    let probes = probe(tab, None).await;
    // The record frame in SmartOffice's frame set, else the tab's own page.
    let chosen = probes
        .iter()
        .find(|(_, p)| p.framed)
        .or_else(|| probes.iter().find(|(frame, _)| *frame == 0));
    let Some((frame, probed)) = chosen.cloned() else {
        return Reply::Failed {
            said: text!("reportNoPage"),
        };
    };
    let Some(page) = snapshot(tab, frame, true, false).await else {
        return Reply::Failed {
            said: text!("reportNoPage"),
        };
    };
    let applied = profile::applied().await;
    Reply::Report {
        lines: report(&page, &probed, &applied.profile, applied.added).lines,
    }
}

/// After the page module loaded in a frame whose Menu the advisor touched
/// (`loaded`), or when the loader met a record frame without a Menu: if
/// the extension can do nothing there, it says so, once per office in a
/// browser session.
pub async fn check(origin: Origin, office: String, loaded: bool) {
    let kind = if loaded {
        Problem::NotRecord
    } else {
        Problem::NoMenu
    };
    let said = format!("{office} {}", kind.name());
    let mut kept: Vec<String> = Area::Session
        .get(SAID)
        .await
        .ok()
        .flatten()
        .and_then(|kept| serde_json::from_str(&kept).ok())
        .unwrap_or_default();
    if kept.contains(&said) {
        return;
    }
    let Some((_, probed)) = probe(origin.tab, Some(origin.frame)).await.pop() else {
        return;
    };
    // A Menu the loader will load the page module for, when touched.
    if !loaded && probed.menu_buttons > 0 {
        return;
    }
    let Some(page) = snapshot(origin.tab, origin.frame, !loaded, true).await else {
        return;
    };
    let recognised = recognise(&page, profile::profile().await).is_some();
    if problem(recognised, &probed) != Some(kind) {
        return;
    }
    kept.push(said);
    if let Ok(json) = serde_json::to_string(&kept) {
        let _ = Area::Session.set(SAID, &json).await;
    }
    tell_page(
        &origin,
        &Event::Ended {
            said: say(&kind.text()),
        },
    );
}

/// What the probe finds in one frame of `tab`, or in all of them.
async fn probe(tab: i64, frame: Option<i64>) -> Vec<(i64, MenuProbe)> {
    let global = js_sys::global();
    let Ok(func) = Reflect::get(&global, &"soEmoneyProbe".into()) else {
        return Vec::new();
    };
    let Ok(selectors) = to_js(smartoffice_page()) else {
        return Vec::new();
    };
    let args = Array::of2(&selectors, &JsValue::from_str(ENTRY_LABEL));
    scripting::run(tab, frame, &func, &args)
        .await
        .into_iter()
        .filter_map(|(frame, found)| Some((frame, from_js::<MenuProbe>(found).ok()?)))
        .collect()
}

/// The page module's snapshot of the frame (run there first if `load`), or
/// only its outline (`smartoffice_snapshot::outline`).
async fn snapshot(tab: i64, frame: i64, load: bool, outline: bool) -> Option<Snapshot> {
    // A frame where the module runs already keeps it (it starts once).
    if load && !scripting::inject(tab, frame, &[PAGE.to_owned()]).await {
        return None;
    }
    let ask =
        to_js(&serde_json::json!({ "type": if outline { "recognise" } else { "report" } })).ok()?;
    for _ in 0..ASK_TIMES {
        // Until the module has its wasm and listens, nobody answers.
        if let Some(answer) = tabs::send_to_frame(tab, frame, None, &ask).await {
            return serde_json::from_str(&answer.as_string()?).ok();
        }
        timers::sleep(ASK_EVERY_MS).await;
    }
    None
}
