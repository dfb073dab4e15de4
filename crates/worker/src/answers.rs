//! What the export's dialog asks, answered: its screen, the advisor's
//! choices run as steps of the flow, cancelling, and a closed window.

use std::cell::RefCell;
use std::collections::BTreeSet;

use smartoffice_browser::convert::from_js;
use smartoffice_browser::windows;
use smartoffice_emoney::flow::view::{screen, Screen};
use smartoffice_emoney::flow::{Flow, Stage};
use smartoffice_emoney::message::{Reply, Request};
use smartoffice_emoney::trust;
use smartoffice_snapshot::protocol::Event;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use wasm_bindgen::JsValue;

use crate::words::say;
use crate::{drive, export, flows, profile, settings};

thread_local! {
    /// Flows with a step running: a second click waits for none.
    static STEPPING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

fn gone() -> Reply {
    Reply::Screen {
        screen: Screen::Gone {
            text: text!("flowGone"),
        },
    }
}

/// A request from the dialog window at `tab`.
pub async fn answer(tab: i64, request: JsValue) -> Reply {
    let Ok(request) = from_js::<Request>(request) else {
        return Reply::Failed {
            said: trust::Refusal::UnknownMessage.text(),
        };
    };
    let Some(mut flow) = flows::with_dialog_tab(tab).await else {
        return gone();
    };
    match request {
        Request::DialogOpen => shown(&flow).await,
        Request::DialogAction { action } => {
            let first = STEPPING.with(|stepping| stepping.borrow_mut().insert(flow.id.clone()));
            if !first {
                return shown(&flow).await;
            }
            drive::step(&mut flow, Some(action)).await;
            STEPPING.with(|stepping| stepping.borrow_mut().remove(&flow.id));
            if matches!(flow.stage, Stage::Done { .. }) {
                if let Err(reason) = export::finish_in_dialog(&mut flow).await {
                    flow.stage = Stage::Failed { text: reason };
                    let _ = flows::save(&mut flow).await;
                }
            }
            shown(&flow).await
        }
        Request::DialogCancel => {
            end(&flow, text!("pageCancelled")).await;
            Reply::Closed
        }
        _ => Reply::Failed {
            said: trust::Refusal::NotAnExtensionPage.text(),
        },
    }
}

async fn shown(flow: &Flow) -> Reply {
    let settings = settings::load().await;
    let remembered = settings::remembered().await;
    Reply::Screen {
        screen: screen(
            flow,
            &settings,
            remembered.as_ref(),
            profile::profile().await,
        ),
    }
}

/// The export ends here: nothing more is written, the page is told.
async fn end(flow: &Flow, said: Text) {
    flows::remove(&flow.id).await;
    drive::tell_page(&flow.origin, &Event::Ended { said: say(&said) });
    if let Some(dialog) = flow.dialog {
        windows::close(dialog.window).await;
    }
}

/// A window closed (`windows.onRemoved`): if it was a dialog waiting for the
/// advisor, its export ends; one writing to eMoney finishes first.
pub async fn window_removed(window: i64) {
    let Some(flow) = flows::with_dialog_window(window).await else {
        return;
    };
    let writing = STEPPING.with(|stepping| stepping.borrow().contains(&flow.id));
    if !writing {
        end(&flow, text!("pageDialogClosed")).await;
    }
}
