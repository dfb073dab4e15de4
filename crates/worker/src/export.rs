//! What a SmartOffice page asks: the linked records it should read, the
//! export of what it read, and eMoney's window. The page names no export:
//! its flow is the one the browser says this tab and frame started.

use smartoffice_browser::{crypto, timers, windows};
use smartoffice_emoney::flow::{self, prepare, Flow, Launch, Origin, Preparation};
use smartoffice_emoney::interpret::links_needed;
use smartoffice_snapshot::protocol::{LinkedPage, Reply};
use smartoffice_snapshot::text;
use smartoffice_snapshot::Snapshot;

use crate::client::client;
use crate::drive::{self, summary};
use crate::words::say;
use crate::{dialog, flows, profile, settings, timeline};

/// The size of the windows the extension opens.
pub const EMONEY_WINDOW: (u32, u32) = (1200, 860);

/// The linked records the interpreter wants for `page`.
pub async fn links(page: &Snapshot) -> Reply {
    let profile = profile::profile().await;
    let started = timeline::now();
    let hrefs = links_needed(page, profile)
        .into_iter()
        .map(|link| link.href)
        .collect();
    timeline::measure("so-emoney links", started);
    Reply::Links { hrefs }
}

fn failed(text: smartoffice_snapshot::words::Text) -> Reply {
    Reply::Failed { said: say(&text) }
}

/// The page read a record: check it, map it as the settings say, and run
/// the export as far as it goes without the advisor; open its dialog for the
/// rest.
pub async fn start(page: Snapshot, linked: Vec<LinkedPage>, origin: Origin) -> Reply {
    let settings = settings::load().await;
    let profile = profile::profile().await;
    let preparing = timeline::now();
    let preparation = prepare(&page, linked, profile, &settings.settings);
    timeline::measure("so-emoney prepare", preparing);
    let prepared = match preparation {
        Preparation::Ready(prepared) => *prepared,
        Preparation::Blocked { blocking, warnings } => {
            return Reply::Blocked {
                blocking: blocking.iter().map(say).collect(),
                warnings: warnings.iter().map(say).collect(),
            }
        }
    };
    // A second click on the same page replaces its earlier export.
    if let Some(earlier) = flows::started_by(&origin).await {
        if let Some(dialog) = earlier.dialog {
            windows::close(dialog.window).await;
        }
        flows::remove(&earlier.id).await;
    }
    let mut flow = Flow::new(crypto::new_uuid(), origin, prepared, timers::now_ms());
    // Kept by `dialog::open` or `take_launch`.
    drive::step_unkept(&mut flow, None, settings).await;
    if flow.stage.needs_advisor() {
        return match dialog::open(&mut flow).await {
            Ok(()) => Reply::Dialog {
                said: say(&text!("pageDialogOpen")),
            },
            Err(reason) => {
                flows::remove(&flow.id).await;
                failed(reason)
            }
        };
    }
    take_launch(&mut flow).await
}

/// The one-time address, for the page to open.
async fn take_launch(flow: &mut Flow) -> Reply {
    let Launch::Ready { url } = flow.launch.clone() else {
        flows::remove(&flow.id).await;
        return failed(text!("flowGone"));
    };
    flow.launch = Launch::Taken { reopened: false };
    if flows::save(flow).await.is_err() {
        return failed(text!("emoneyStorage"));
    }
    Reply::Launch {
        url,
        summary: summary(flow),
    }
}

/// The page opened eMoney and the window stayed open: the export is over.
pub async fn opened(origin: &Origin) -> Reply {
    if let Some(flow) = flows::started_by(origin).await {
        if matches!(flow.launch, Launch::Taken { .. }) {
            flows::remove(&flow.id).await;
        }
    }
    Reply::WindowOpened
}

/// The page's window was blocked and the advisor clicked Open eMoney: a new
/// one-time address, opened from here (no page rule can block that). Once
/// per export.
pub async fn open_emoney(origin: &Origin) -> Reply {
    let Some(mut flow) = flows::started_by(origin).await else {
        return failed(text!("flowGone"));
    };
    let (Launch::Taken { reopened: false }, Some(client_id), Some(api)) =
        (&flow.launch, flow.client_id.clone(), flow.domain.clone())
    else {
        return failed(text!("flowGone"));
    };
    let settings = settings::load().await;
    let Some(domain) = flow::domain_for(&settings.settings, &api, settings.development) else {
        return failed(text!("flowGone"));
    };
    flow.launch = Launch::Taken { reopened: true };
    if flows::save(&mut flow).await.is_err() {
        return failed(text!("emoneyStorage"));
    }
    let (width, height) = EMONEY_WINDOW;
    let opened = match client().launch(&domain, &client_id).await {
        Ok(url) => windows::open_popup(&url, width, height).await.is_some(),
        Err(error) => {
            return failed(error.text(&|path| {
                smartoffice_emoney::flow::names::field_name(path, profile::current())
            }))
        }
    };
    flows::remove(&flow.id).await;
    if opened {
        Reply::WindowOpened
    } else {
        failed(text!("flowWindowFailed"))
    }
}

/// The flow is done in its dialog: eMoney opens from here, the dialog
/// closes, and the page shows what was done.
pub async fn finish_in_dialog(flow: &mut Flow) -> Result<(), smartoffice_snapshot::words::Text> {
    let Launch::Ready { url } = flow.launch.clone() else {
        return Err(text!("flowGone"));
    };
    let (width, height) = EMONEY_WINDOW;
    if windows::open_popup(&url, width, height).await.is_none() {
        return Err(text!("flowWindowFailed"));
    }
    flow.launch = Launch::Taken { reopened: true };
    drive::tell_page(
        &flow.origin,
        &smartoffice_snapshot::protocol::Event::Done {
            summary: summary(flow),
        },
    );
    // Gone before its window closes: the window's `onRemoved` (which may run
    // while the close is awaited) must not find it and end it as "closed".
    flows::remove(&flow.id).await;
    if let Some(dialog) = flow.dialog {
        windows::close(dialog.window).await;
    }
    Ok(())
}
