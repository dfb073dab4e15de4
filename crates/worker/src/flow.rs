//! The export as the advisor lives it, between the SmartOffice page, the
//! export dialog and eMoney. Each export is a "flow" kept in session storage
//! (the worker may be stopped while the advisor types), holding the mapped
//! payloads and, at the end, the one-time address of the eMoney window.

use crate::emoney::{client, failed};
use crate::settings;
use serde::{Deserialize, Serialize};
use smartoffice_browser::convert::to_js;
use smartoffice_browser::i18n::message;
use smartoffice_browser::storage::Area;
use smartoffice_browser::{crypto, runtime, windows};
use smartoffice_emoney::emoney::{
    ClientSummary, Domain, EmoneyError, ExportOutcome, ExportPayload, ItemChange, ItemCounts,
    Progress, SyncCounts,
};
use smartoffice_emoney::findings::{blocks_export, Severity};
use smartoffice_emoney::interpret::{interpret, linked_snapshots, links_needed};
use smartoffice_emoney::mapping;
use smartoffice_emoney::message::{Candidate, DomainChoice, EmoneyReply, FlowOutcome, FlowView};
use smartoffice_emoney::record::Record;
use smartoffice_emoney::settings::{HistoryEntry, HistoryOutcome};
use smartoffice_snapshot::profile::record::SMARTOFFICE;
use smartoffice_snapshot::protocol::{LinkedPage, Reply};
use smartoffice_snapshot::Snapshot;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Flow {
    payload: ExportPayload,
    /// "Last, First".
    client: String,
    warnings: Vec<String>,
    /// The eMoney client, once known.
    client_id: Option<String>,
    /// The one-time eMoney address, until the page takes it.
    launch: Option<Launch>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Launch {
    url: String,
    summary: String,
}

fn key(flow_id: &str) -> String {
    format!("flow|{flow_id}")
}

async fn load(flow_id: &str) -> Result<Flow, String> {
    let stored = Area::Session.get(&key(flow_id)).await.ok().flatten();
    stored
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| message("flowGone", &[]))
}

async fn save(flow_id: &str, flow: &Flow) -> Result<(), String> {
    let text = serde_json::to_string(flow).map_err(|_| message("flowGone", &[]))?;
    Area::Session
        .set(&key(flow_id), &text)
        .await
        .map_err(|_| EmoneyError::Storage.to_string())
}

/// The linked records the interpreter wants for `page`.
pub fn links(page: &Snapshot) -> Reply {
    Reply::Links {
        hrefs: links_needed(page, &SMARTOFFICE)
            .into_iter()
            .map(|link| link.href)
            .collect(),
    }
}

/// The page read a record: check it, map it as the options say, and keep it
/// for the dialog; or say what stops it.
pub async fn start(page: Snapshot, linked: Vec<LinkedPage>) -> Reply {
    let (record, findings) = interpret(&page, &linked_snapshots(linked), &SMARTOFFICE);
    if blocks_export(&findings) {
        let of = |severity: Severity| {
            findings
                .iter()
                .filter(|finding| finding.severity == severity)
                .map(|finding| finding.message.clone())
                .collect()
        };
        return Reply::Blocked {
            blocking: of(Severity::Blocks),
            warnings: of(Severity::Warns),
        };
    }
    let settings = settings::load().await;
    let mapped = match mapping::map(&record) {
        Ok(mapped) => mapped,
        Err(error) => {
            return Reply::Failed {
                message: error.to_string(),
            }
        }
    };
    let flow = Flow {
        payload: ExportPayload {
            external_id: mapped.external_id,
            client: mapped.client,
            assets: if settings.send_investments {
                mapped.assets
            } else {
                Vec::new()
            },
            policies: if settings.send_policies {
                mapped.policies
            } else {
                Vec::new()
            },
        },
        client: display_name(&record),
        warnings: findings
            .into_iter()
            .filter(|finding| finding.severity == Severity::Warns)
            .map(|finding| finding.message)
            .collect(),
        client_id: None,
        launch: None,
    };
    let flow_id = crypto::new_uuid();
    match save(&flow_id, &flow).await {
        Ok(()) => Reply::FlowStarted { flow_id },
        Err(message) => Reply::Failed { message },
    }
}

/// "Last, First", as eMoney lists its clients.
fn display_name(record: &Record) -> String {
    let names: Vec<&str> = [&record.client.last_name, &record.client.first_name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    names.join(", ")
}

/// What the dialog shows first.
pub async fn view(flow_id: &str) -> EmoneyReply {
    let flow = match load(flow_id).await {
        Ok(flow) => flow,
        Err(message) => return fail(message),
    };
    let settings = settings::load().await;
    let remembered = settings::remembered().await;
    let domains: Vec<DomainChoice> = settings
        .domains
        .iter()
        .map(|domain| DomainChoice {
            label: domain.label.clone(),
            api_base: domain.api_base.clone(),
        })
        .collect();
    let remembered_domain = remembered
        .as_ref()
        .filter(|login| settings.label_of(&login.api_base).is_some())
        .map(|login| login.api_base.clone());
    let domain = remembered_domain
        .clone()
        .or_else(|| domains.first().map(|domain| domain.api_base.clone()))
        .unwrap_or_default();
    let signed_in = match Domain::parse(&domain) {
        Ok(parsed) => client().has_tokens(&parsed).await.unwrap_or(false),
        Err(_) => false,
    };
    EmoneyReply::FlowState(FlowView {
        client: flow.client,
        warnings: flow.warnings,
        domains,
        domain,
        user_name: remembered.map(|login| login.user_name),
        remember_me: remembered_domain.is_some(),
        signed_in,
    })
}

/// The export itself, from the dialog; `update`: the advisor said Yes.
pub async fn run(flow_id: &str, domain: &str, update: bool) -> EmoneyReply {
    let mut flow = match load(flow_id).await {
        Ok(flow) => flow,
        Err(message) => return fail(message),
    };
    let parsed = match Domain::parse(domain) {
        Ok(parsed) => parsed,
        Err(error) => return failed(error),
    };
    let client = client();
    client.observe(Some(progress_to_dialog(flow_id)));
    let outcome = client.export(&parsed, &flow.payload, update).await;
    client.observe(None);
    match outcome {
        Ok(ExportOutcome::Exported {
            client_id,
            created,
            updated,
            items,
            launch_url,
        }) => {
            let (assets, policies) = (sent(items.assets), sent(items.policies));
            let (outcome, key) = match (created, updated || assets + policies > 0) {
                (true, _) => (HistoryOutcome::Created, "flowSummaryCreated"),
                (false, true) => (HistoryOutcome::Updated, "flowSummaryUpdated"),
                (false, false) => (HistoryOutcome::Opened, "flowSummaryUnchanged"),
            };
            let summary = message(
                key,
                &[&flow.client, &assets.to_string(), &policies.to_string()],
            );
            flow.client_id = Some(client_id);
            finish(flow_id, flow, domain, launch_url, summary, outcome, items).await
        }
        Ok(ExportOutcome::ConfirmUpdate {
            client_id,
            changes,
            items,
        }) => {
            flow.client_id = Some(client_id);
            if let Err(message) = save(flow_id, &flow).await {
                return fail(message);
            }
            EmoneyReply::FlowResult(FlowOutcome::ConfirmUpdate {
                changes,
                items: items.iter().map(describe_item).collect(),
            })
        }
        Ok(ExportOutcome::Choose { candidates }) => EmoneyReply::FlowResult(FlowOutcome::Choose {
            external_id: flow.payload.external_id,
            candidates: candidates.iter().map(describe_candidate).collect(),
        }),
        Err(error) => failed(error),
    }
}

/// The advisor said No: nothing is written; eMoney opens on the client.
pub async fn skip_update(flow_id: &str, domain: &str) -> EmoneyReply {
    let flow = match load(flow_id).await {
        Ok(flow) => flow,
        Err(message) => return fail(message),
    };
    let (Ok(parsed), Some(client_id)) = (Domain::parse(domain), flow.client_id.clone()) else {
        return fail(message("flowGone", &[]));
    };
    match client().launch(&parsed, &client_id).await {
        Ok(url) => {
            let summary = message("flowSummaryOpened", &[&flow.client]);
            let none = SyncCounts::default();
            finish(
                flow_id,
                flow,
                domain,
                url,
                summary,
                HistoryOutcome::Opened,
                none,
            )
            .await
        }
        Err(error) => failed(error),
    }
}

/// Keeps the eMoney address for the page, notes the export in the history.
async fn finish(
    flow_id: &str,
    mut flow: Flow,
    domain: &str,
    url: String,
    summary: String,
    outcome: HistoryOutcome,
    items: SyncCounts,
) -> EmoneyReply {
    let warnings = flow.warnings.len();
    let entry = HistoryEntry {
        at: String::from(js_sys::Date::new_0().to_iso_string()),
        client: flow.client.clone(),
        domain_label: settings::load()
            .await
            .label_of(domain)
            .unwrap_or(domain)
            .to_owned(),
        outcome,
        assets: sent(items.assets),
        policies: sent(items.policies),
        warnings: warnings as u32,
    };
    flow.launch = Some(Launch {
        url,
        summary: summary.clone(),
    });
    if let Err(message) = save(flow_id, &flow).await {
        return fail(message);
    }
    // The history is the advisor's convenience: an export is not failed for it.
    let _ = settings::add_to_history(entry).await;
    EmoneyReply::FlowResult(FlowOutcome::Done { summary, warnings })
}

/// The page takes the eMoney address (once: it signs the advisor in).
pub async fn launch(flow_id: &str) -> Reply {
    let mut flow = match load(flow_id).await {
        Ok(flow) => flow,
        Err(message) => return Reply::Failed { message },
    };
    let Some(Launch { url, summary }) = flow.launch.take() else {
        return Reply::Failed {
            message: message("flowGone", &[]),
        };
    };
    match save(flow_id, &flow).await {
        Ok(()) => Reply::LaunchReady { url, summary },
        Err(message) => Reply::Failed { message },
    }
}

/// The page's window was blocked: a new eMoney address, opened from here.
pub async fn open_window(flow_id: &str) -> Reply {
    let flow = match load(flow_id).await {
        Ok(flow) => flow,
        Err(message) => return Reply::Failed { message },
    };
    let remembered = settings::remembered().await;
    let settings = settings::load().await;
    let domain = remembered.map(|login| login.api_base).or_else(|| {
        settings
            .domains
            .first()
            .map(|domain| domain.api_base.clone())
    });
    let (Some(Ok(domain)), Some(client_id)) =
        (domain.as_deref().map(Domain::parse), flow.client_id)
    else {
        return Reply::Failed {
            message: message("flowGone", &[]),
        };
    };
    match client().launch(&domain, &client_id).await {
        Ok(url) if windows::open_popup(&url).await => Reply::WindowOpened,
        Ok(_) => Reply::Failed {
            message: message("flowWindowFailed", &[]),
        },
        Err(error) => Reply::Failed {
            message: error.to_string(),
        },
    }
}

/// Items written to eMoney (added or changed).
fn sent(counts: ItemCounts) -> u32 {
    counts.added + counts.changed
}

fn describe_item(item: &ItemChange) -> String {
    let key = match (item.kind.as_str(), item.added) {
        ("asset", true) => "flowItemAssetAdded",
        ("asset", false) => "flowItemAssetChanged",
        (_, true) => "flowItemPolicyAdded",
        (_, false) => "flowItemPolicyChanged",
    };
    message(key, &[&item.name])
}

fn describe_candidate(candidate: &ClientSummary) -> Candidate {
    let name = format!("{}, {}", candidate.last_name, candidate.first_name);
    let description = match &candidate.date_of_birth {
        Some(born) => message("flowCandidateBorn", &[&name, born]),
        None => name,
    };
    Candidate {
        id: candidate.id.clone(),
        description,
    }
}

/// Each step of the export, told to the dialog showing `flow_id`.
fn progress_to_dialog(flow_id: &str) -> smartoffice_emoney::emoney::ProgressObserver {
    let flow_id = flow_id.to_owned();
    std::rc::Rc::new(move |progress: Progress| {
        let update = ProgressMessage {
            kind: "flowProgress",
            flow_id: &flow_id,
            step: progress.step,
            done: progress.done,
            total: progress.total,
        };
        if let Ok(value) = to_js(&update) {
            runtime::broadcast(&value);
        }
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProgressMessage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    flow_id: &'a str,
    step: smartoffice_emoney::emoney::Step,
    done: u32,
    total: u32,
}

fn fail(message: String) -> EmoneyReply {
    EmoneyReply::Failed {
        message,
        sign_in: false,
    }
}
