//! The flows of the exports under way, kept in session storage (the worker
//! may be stopped while the advisor reads the dialog) and in memory for the
//! worker's life. At most a few are kept; expired ones go on every read.

use std::cell::RefCell;

use smartoffice_browser::storage::Area;
use smartoffice_browser::timers;
use smartoffice_emoney::flow::{self, Flow, Origin};

const KEY: &str = "flows";

thread_local! {
    static FLOWS: RefCell<Option<Vec<Flow>>> = const { RefCell::new(None) };
}

/// The session storage would not keep the flows (quota, the browser closing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotKept;

async fn all() -> Vec<Flow> {
    let cached = FLOWS.with(|flows| flows.borrow().clone());
    let flows = match cached {
        Some(flows) => flows,
        None => Area::Session
            .get(KEY)
            .await
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default(),
    };
    let kept = flow::kept(flows, timers::now_ms());
    FLOWS.with(|flows| *flows.borrow_mut() = Some(kept.clone()));
    kept
}

async fn write(flows: Vec<Flow>) -> Result<(), NotKept> {
    let flows = flow::kept(flows, timers::now_ms());
    let text = serde_json::to_string(&flows).map_err(|_| NotKept)?;
    FLOWS.with(|kept| *kept.borrow_mut() = Some(flows));
    Area::Session.set(KEY, &text).await.map_err(|_| NotKept)
}

/// Keeps `flow` (touched now), in place of its earlier state.
pub async fn save(flow: &mut Flow) -> Result<(), NotKept> {
    flow.touched_at = timers::now_ms();
    let mut flows = all().await;
    flows.retain(|kept| kept.id != flow.id);
    flows.push(flow.clone());
    write(flows).await
}

pub async fn remove(id: &str) {
    let mut flows = all().await;
    flows.retain(|kept| kept.id != id);
    // A flow that cannot be dropped from storage expires there anyway.
    let _ = write(flows).await;
}

/// The newest flow the page at `origin` started.
pub async fn started_by(origin: &Origin) -> Option<Flow> {
    all()
        .await
        .into_iter()
        .filter(|flow| flow.started_by(origin))
        .max_by_key(|flow| flow.created_at)
}

/// The flow whose dialog is the window holding tab `tab`.
pub async fn with_dialog_tab(tab: i64) -> Option<Flow> {
    all()
        .await
        .into_iter()
        .find(|flow| flow.dialog.is_some_and(|dialog| dialog.tab == tab))
}

pub async fn with_dialog_window(window: i64) -> Option<Flow> {
    all()
        .await
        .into_iter()
        .find(|flow| flow.dialog.is_some_and(|dialog| dialog.window == window))
}
