//! The export as the advisor lives it. One click on eMoney starts a *flow*:
//! the record as read, then the screens of the export's dialog (warnings,
//! the seed's sign-in, the chooser, "Do you want to update client's
//! information?"), the writes, and eMoney's one-time address.
//!
//! A flow lives in the service worker only: the SmartOffice page never
//! learns its id. It is bound to the tab and frame that started it and to
//! the dialog window the worker opened for it; it is single-use, expires
//! when left alone for a few minutes, and is deleted when it ends. Each
//! screen is an explicit [`Stage`]; the dialog sends [`Action`]s, and
//! [`advance`] runs the step each asks for, through the pure eMoney client.

pub mod names;
mod prepare;
pub mod view;

use serde::{Deserialize, Serialize};
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

use crate::emoney::{
    Candidate, Choice, Clock, Comparison, Decision, Domain, DomainAddress, Emoney, EmoneyError,
    ExportOutcome, Ids, MatchedClient, Progress, Transport, Vault,
};
use crate::settings::{
    Effective, EmoneyDomain, HistoryEntry, HistoryOutcome, RememberedLogin, Settings,
};
use smartoffice_snapshot::profile::record::RecordProfile;

pub use prepare::{display_name, prepare, Preparation, Prepared};

/// How long a flow waits for the advisor before it is dropped.
pub const EXPIRES_AFTER_MS: u64 = 10 * 60 * 1000;
/// The most flows kept at once; the oldest go first.
pub const MAX_FLOWS: usize = 4;

/// The page (tab, frame and document) that started a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    pub tab: i64,
    pub frame: i64,
    /// The browser's id of the document (Chromium), so a page the frame has
    /// since navigated to is not taken for it.
    pub document: Option<String>,
}

/// The dialog window the worker opened for a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogWindow {
    pub window: i64,
    pub tab: i64,
}

/// What the dialog shows, and what the flow waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "stage",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Stage {
    /// The record has gaps; the advisor may go on.
    Warnings,
    /// eMoney User Authentication; `error` says why it is shown again.
    SignIn { error: Option<Text> },
    /// Talking to eMoney.
    Working,
    /// Several eMoney clients may be the record's.
    Choose { candidates: Vec<Candidate> },
    /// "Do you want to update client's information?"
    Confirm {
        client_id: String,
        matched: Option<MatchedClient>,
        comparison: Comparison,
        changed_meanwhile: bool,
    },
    /// Written (or opened without writing).
    Done { summary: Text },
    /// A step failed; the advisor can try again without duplicating anything.
    Failed { text: Text },
}

impl Stage {
    /// Whether the advisor has to see or answer this (the dialog is needed).
    pub fn needs_advisor(&self) -> bool {
        !matches!(self, Stage::Working | Stage::Done { .. })
    }
}

/// What the dialog asks of the flow.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "action",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Action {
    /// Past the warnings.
    Continue,
    /// The seed's Login.
    SignIn {
        domain: String,
        user_name: String,
        password: Password,
        remember_me: bool,
    },
    /// The chooser's answer: a client, or `None` for a new one.
    Choose { client_id: Option<String> },
    /// The matched client is not the record's: a new one is created.
    NotThisClient,
    /// Yes, with the kept values the advisor ticked for removal.
    Confirm { removals: Vec<String> },
    /// No: nothing is written; eMoney opens on the client.
    Decline,
    /// After a failure.
    Retry,
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::SignIn { domain, .. } => write!(f, "SignIn({domain})"),
            other => write!(f, "{}", serde_json::to_string(other).unwrap_or_default()),
        }
    }
}

/// A password on its way to the token endpoint: never printed, never stored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(pub String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// eMoney's address for the page, once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "launch",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Launch {
    /// Not written yet.
    Pending,
    /// The one-time address, until the page takes it.
    Ready { url: String },
    /// The page took it; `reopened`: the blocked-window button was used (once).
    Taken { reopened: bool },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    pub id: String,
    pub origin: Origin,
    pub dialog: Option<DialogWindow>,
    pub created_at: u64,
    pub touched_at: u64,
    pub prepared: Prepared,
    /// The eMoney domain (API base) of this export, once known.
    pub domain: Option<String>,
    pub client_id: Option<String>,
    pub decision: Decision,
    pub stage: Stage,
    pub launch: Launch,
}

impl Flow {
    pub fn new(id: String, origin: Origin, prepared: Prepared, now: u64) -> Flow {
        Flow {
            id,
            origin,
            dialog: None,
            created_at: now,
            touched_at: now,
            prepared,
            domain: None,
            client_id: None,
            decision: Decision::Ask,
            stage: Stage::Working,
            launch: Launch::Pending,
        }
    }

    pub fn expired(&self, now: u64) -> bool {
        now.saturating_sub(self.touched_at) > EXPIRES_AFTER_MS
    }

    /// Whether a page request comes from the page that started this flow.
    pub fn started_by(&self, origin: &Origin) -> bool {
        self.origin.tab == origin.tab
            && self.origin.frame == origin.frame
            && (self.origin.document.is_none()
                || origin.document.is_none()
                || self.origin.document == origin.document)
    }
}

/// The flows to keep: none expired, none beyond [`MAX_FLOWS`] (newest kept).
pub fn kept(mut flows: Vec<Flow>, now: u64) -> Vec<Flow> {
    flows.retain(|flow| !flow.expired(now));
    flows.sort_by_key(|flow| std::cmp::Reverse(flow.touched_at));
    flows.truncate(MAX_FLOWS);
    flows
}

/// What the flow needs from the worker besides the eMoney client.
#[allow(async_fn_in_trait)]
pub trait Surroundings {
    /// Whether the browser lets the extension reach this address.
    async fn may_reach(&self, address: &DomainAddress) -> bool;
    /// A step of the export, for the advisor's progress display.
    fn progress(&self, progress: Progress);
    fn now_iso(&self) -> String;
}

/// What a step reads besides the flow.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub settings: &'a Effective,
    pub remembered: Option<&'a RememberedLogin>,
    pub profile: &'a RecordProfile,
}

impl Context<'_> {
    /// A failure's message, refused fields named in SmartOffice's words.
    fn say(&self, error: &EmoneyError) -> Text {
        error.text(&|path| names::field_name(path, self.profile))
    }
}

/// What the worker must keep after a step.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Effects {
    pub remember: Option<RememberedLogin>,
    pub history: Option<HistoryEntry>,
}

/// Runs the step `action` asks for (`None`: the first, right after the click).
pub async fn advance<T, C, V, S, I, H>(
    flow: &mut Flow,
    action: Option<Action>,
    context: Context<'_>,
    emoney: &Emoney<T, C, V, S, I>,
    host: &H,
) -> Result<Effects, EmoneyError>
where
    T: Transport,
    C: Clock,
    V: Vault,
    S: Vault,
    I: Ids,
    H: Surroundings,
{
    let mut effects = Effects::default();
    let settings = context.settings;
    let record = flow.prepared.payload.external_id.clone();
    match (action, &flow.stage) {
        (None, _) if !flow.prepared.warnings.is_empty() => {
            flow.stage = Stage::Warnings;
            return Ok(effects);
        }
        (None, _) | (Some(Action::Continue), Stage::Warnings) | (Some(Action::Retry), _) => {}
        (
            Some(Action::SignIn {
                domain,
                user_name,
                password,
                remember_me,
            }),
            Stage::SignIn { .. },
        ) => {
            let Some(chosen) = settings.settings.domain(&domain).cloned() else {
                flow.stage = Stage::SignIn {
                    error: Some(text!("flowNoDomain")),
                };
                return Ok(effects);
            };
            let domain = match domain_of(&chosen, settings.development) {
                Ok(domain) => domain,
                Err(error) => return Ok(signed_out(flow, context, &error)),
            };
            if !host.may_reach(domain.api()).await {
                let error = EmoneyError::NotAllowed {
                    domain: domain.api().origin_pattern(),
                };
                return Ok(signed_out(flow, context, &error));
            }
            let remember = remember_me && settings.settings.allow_remember_me;
            if let Err(error) = emoney
                .sign_in(&domain, user_name.trim(), &password.0, remember)
                .await
            {
                return Ok(signed_out(flow, context, &error));
            }
            flow.domain = Some(chosen.api_base.clone());
            if remember {
                effects.remember = Some(RememberedLogin {
                    api_base: chosen.api_base.clone(),
                    domain_label: chosen.label.clone(),
                    user_name: user_name.trim().to_owned(),
                });
            }
        }
        (Some(Action::Choose { client_id }), Stage::Choose { candidates }) => {
            let choice = match client_id {
                Some(id) if candidates.iter().any(|c| c.id == id) => {
                    Choice::Client { client_id: id }
                }
                Some(_) => return Ok(effects),
                None => Choice::New,
            };
            let domain = current_domain(flow, settings)?;
            emoney.choose(&domain, &record, &choice).await?;
            flow.decision = Decision::Ask;
        }
        (
            Some(Action::NotThisClient),
            Stage::Confirm {
                matched: Some(_), ..
            },
        ) => {
            let domain = current_domain(flow, settings)?;
            emoney.choose(&domain, &record, &Choice::New).await?;
            flow.decision = Decision::Ask;
        }
        (
            Some(Action::Confirm { removals }),
            Stage::Confirm {
                client_id,
                matched,
                comparison,
                ..
            },
        ) => {
            if matched.is_some() {
                // Yes to a client matched by name: it is the record's from now on.
                let domain = current_domain(flow, settings)?;
                let choice = Choice::Client {
                    client_id: client_id.clone(),
                };
                emoney.choose(&domain, &record, &choice).await?;
            }
            flow.decision = Decision::Update {
                previewed: comparison.previewed.clone(),
                removals,
            };
        }
        (Some(Action::Decline), Stage::Confirm { .. }) => flow.decision = Decision::Open,
        // An action that does not belong to the stage shown (a second click,
        // a stale dialog): nothing happens.
        (Some(_), _) => return Ok(effects),
    }
    run(flow, context, emoney, host, &mut effects).await?;
    Ok(effects)
}

/// The eMoney step itself, as far as it goes without the advisor.
async fn run<T, C, V, S, I, H>(
    flow: &mut Flow,
    context: Context<'_>,
    emoney: &Emoney<T, C, V, S, I>,
    host: &H,
    effects: &mut Effects,
) -> Result<(), EmoneyError>
where
    T: Transport,
    C: Clock,
    V: Vault,
    S: Vault,
    I: Ids,
    H: Surroundings,
{
    let settings = context.settings;
    let chosen = flow
        .domain
        .as_deref()
        .or(context.remembered.map(|login| login.api_base.as_str()))
        .and_then(|api| settings.settings.domain(api))
        .or_else(|| settings.settings.domains.first())
        .cloned();
    let Some(chosen) = chosen else {
        flow.stage = Stage::SignIn {
            error: Some(text!("flowNoDomain")),
        };
        return Ok(());
    };
    let domain = match domain_of(&chosen, settings.development) {
        Ok(domain) => domain,
        Err(error) => {
            signed_out(flow, context, &error);
            return Ok(());
        }
    };
    if !emoney.has_session(&domain).await? || !host.may_reach(domain.api()).await {
        flow.stage = Stage::SignIn { error: None };
        return Ok(());
    }
    flow.domain = Some(chosen.api_base.clone());
    // The fields the advisor said Yes to (changed or removed), before the
    // stage moves on.
    let confirmed_fields = match (&flow.stage, &flow.decision) {
        (Stage::Confirm { comparison, .. }, Decision::Update { removals, .. }) => {
            (comparison.changes.len() + removals.len()) as u32
        }
        _ => 0,
    };
    flow.stage = Stage::Working;
    let report = |progress: Progress| host.progress(progress);
    let outcome = emoney
        .export(&domain, &flow.prepared.payload, &flow.decision, &report)
        .await;
    flow.stage = match outcome {
        Ok(ExportOutcome::Exported {
            client_id,
            created,
            updated,
            items,
            launch_url,
        }) => {
            let outcome = match (created, updated || items.sent() > 0) {
                (true, _) => HistoryOutcome::Created,
                (false, true) => HistoryOutcome::Updated,
                (false, false) => HistoryOutcome::Opened,
            };
            let fields = if updated { confirmed_fields } else { 0 };
            effects.history = Some(HistoryEntry {
                at: host.now_iso(),
                client: flow.prepared.client_name.clone(),
                domain_label: chosen.label.clone(),
                api_base: chosen.api_base.clone(),
                client_id: client_id.clone(),
                outcome,
                fields,
                investments: items.assets,
                policies: items.policies,
                warnings: flow.prepared.warnings.len() as u32,
            });
            flow.client_id = Some(client_id);
            flow.launch = Launch::Ready { url: launch_url };
            Stage::Done {
                summary: names::summary(&flow.prepared.client_name, outcome, &items),
            }
        }
        Ok(ExportOutcome::Confirm {
            client_id,
            matched,
            comparison,
            changed_meanwhile,
        }) => {
            flow.client_id = Some(client_id.clone());
            Stage::Confirm {
                client_id,
                matched,
                comparison,
                changed_meanwhile,
            }
        }
        Ok(ExportOutcome::Choose { candidates }) => Stage::Choose { candidates },
        Err(error) if error.needs_sign_in() => Stage::SignIn {
            error: Some(context.say(&error)),
        },
        Err(error) => Stage::Failed {
            text: context.say(&error),
        },
    };
    Ok(())
}

/// The sign-in, shown again with why.
fn signed_out(flow: &mut Flow, context: Context<'_>, error: &EmoneyError) -> Effects {
    flow.stage = Stage::SignIn {
        error: Some(context.say(error)),
    };
    Effects::default()
}

fn domain_of(chosen: &EmoneyDomain, development: bool) -> Result<Domain, EmoneyError> {
    let bad = || EmoneyError::BadDomain {
        domain: chosen.api_base.clone(),
    };
    let api = DomainAddress::parse(&chosen.api_base, development).map_err(|_| bad())?;
    let web = DomainAddress::parse(&chosen.web_base, development).map_err(|_| bad())?;
    Ok(Domain::new(api, web))
}

fn current_domain(flow: &Flow, settings: &Effective) -> Result<Domain, EmoneyError> {
    let chosen = flow
        .domain
        .as_deref()
        .and_then(|api| settings.settings.domain(api))
        .ok_or(EmoneyError::SignInRequired)?;
    domain_of(chosen, settings.development)
}

/// The eMoney domain a finished flow wrote to, for reopening its client.
pub fn domain_for(settings: &Settings, api_base: &str, development: bool) -> Option<Domain> {
    settings
        .domain(api_base)
        .and_then(|chosen| domain_of(chosen, development).ok())
}
