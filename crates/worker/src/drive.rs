//! One step of a flow, with the worker's surroundings: the settings in force,
//! the browser's permissions, progress told to the dialog and the page, and
//! what the step leaves to keep (the remembered login, the history).

use smartoffice_browser::convert::to_js;
use smartoffice_browser::{permissions, tabs};
use smartoffice_emoney::emoney::{DomainAddress, Progress};
use smartoffice_emoney::flow::{
    advance, names, Action, Context, Flow, Origin, Stage, Surroundings,
};
use smartoffice_emoney::settings::Effective;
use smartoffice_snapshot::protocol::{Event, Summary};
use smartoffice_snapshot::{plural, text};

use crate::client::client;
use crate::words::say;
use crate::{dialog, flows, profile, settings};

/// Where a flow's progress goes.
pub struct Host {
    pub origin: Origin,
    pub dialog_tab: Option<i64>,
}

impl Surroundings for Host {
    async fn may_reach(&self, address: &DomainAddress) -> bool {
        permissions::granted(&[address.origin_pattern()]).await
    }

    fn progress(&self, progress: Progress) {
        let said = say(&names::step(progress.step, progress.done, progress.total));
        if let Some(tab) = self.dialog_tab {
            dialog::progress(tab, &said, progress.done, progress.total);
        }
        tell_page(&self.origin, &Event::Progress { said });
    }

    fn now_iso(&self) -> String {
        String::from(js_sys::Date::new_0().to_iso_string())
    }
}

/// Tells the page that started a flow something, without waiting.
pub fn tell_page(origin: &Origin, event: &Event) {
    let Ok(message) = to_js(event) else {
        return;
    };
    let origin = origin.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // A page that has gone (navigated, closed) hears nothing: fine.
        let _ = tabs::send_to_frame(
            origin.tab,
            origin.frame,
            origin.document.as_deref(),
            &message,
        )
        .await;
    });
}

/// Runs the step `action` asks for and keeps the flow.
pub async fn step(flow: &mut Flow, action: Option<Action>) {
    step_unkept(flow, action, settings::load().await).await;
    if flows::save(flow).await.is_err() {
        flow.stage = Stage::Failed {
            text: text!("emoneyStorage"),
        };
    }
}

/// Runs the step under `settings` (as the caller just loaded them) without
/// keeping the flow, for a caller that keeps it itself right after: a new
/// export is kept once its dialog window is known (a household's flow took
/// 10-15 ms to keep, before the window).
pub async fn step_unkept(flow: &mut Flow, action: Option<Action>, settings: Effective) {
    let remembered = settings::remembered().await;
    client().set_rate_window(settings::rate_window().await);
    let context = Context {
        settings: &settings,
        remembered: remembered.as_ref(),
        profile: profile::profile().await,
    };
    let host = Host {
        origin: flow.origin.clone(),
        dialog_tab: flow.dialog.map(|dialog| dialog.tab),
    };
    match advance(flow, action, context, &client(), &host).await {
        Ok(effects) => {
            if let Some(login) = effects.remember {
                settings::remember(&login).await;
            }
            if let Some(entry) = effects.history {
                settings::add_to_history(entry).await;
            }
        }
        Err(error) => {
            flow.stage = Stage::Failed {
                text: error.text(&|path| names::field_name(path, profile::current())),
            }
        }
    }
}

/// The closing note of a finished flow.
pub fn summary(flow: &Flow) -> Summary {
    let said = match &flow.stage {
        Stage::Done { summary } => say(summary),
        _ => String::new(),
    };
    let warnings = flow.prepared.warnings.len();
    Summary {
        said,
        warnings: (warnings > 0).then(|| say(&plural!("summaryWarnings", warnings))),
        notes: flow.prepared.notes.iter().map(say).collect(),
    }
}
