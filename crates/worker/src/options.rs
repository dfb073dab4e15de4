//! What the options page asks: everything it shows, and each change, checked
//! by the one rule for it (`smartoffice_emoney::settings`). The page keeps no
//! rule of its own.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Reflect};
use smartoffice_browser::{permissions, runtime, windows};
use smartoffice_emoney::emoney::Domain;
use smartoffice_emoney::flow::{self, names};
use smartoffice_emoney::message::{HistoryRow, OptionsView, ProfileView, Reply, Request};
use smartoffice_emoney::settings::{check_domain, check_office, office_in_words, Settings};
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::client::client;
use crate::export::EMONEY_WINDOW;
use crate::{offices, profile, report, settings};

fn done(said: Text) -> Reply {
    Reply::Done { said }
}

fn failed(said: Text) -> Reply {
    Reply::Failed { said }
}

/// The address patterns every build runs on, as its manifest lists them.
pub fn built_in_offices() -> Vec<String> {
    let scripts = Reflect::get(&runtime::manifest(), &"content_scripts".into())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    let mut patterns: Vec<String> = Array::from(&scripts)
        .iter()
        .flat_map(|script| {
            let matches = Reflect::get(&script, &"matches".into()).unwrap_or_default();
            Array::from(&matches)
                .iter()
                .filter_map(|pattern| pattern.as_string())
                .collect::<Vec<_>>()
        })
        .collect();
    patterns.dedup();
    patterns
}

thread_local! {
    /// The settings change under way, if any: each change waits for the one
    /// before it, so two quick ones (a box ticked, then Remove) never write
    /// over each other.
    static LAST_CHANGE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Applies `change` to the advisor's own settings and keeps them, unless
/// the firm locked them or pushed `what`; one change at a time.
async fn change(pushed: bool, change: impl FnOnce(&mut Settings) -> Option<Text>) -> Reply {
    let mut release: Option<Function> = None;
    let mine = Promise::new(&mut |resolve, _| release = Some(resolve));
    let before = LAST_CHANGE.with(|last| last.replace(Some(mine)));
    if let Some(before) = before {
        let _ = JsFuture::from(before).await;
    }
    let reply = change_now(pushed, change).await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::UNDEFINED);
    }
    reply
}

async fn change_now(pushed: bool, change: impl FnOnce(&mut Settings) -> Option<Text>) -> Reply {
    let effective = settings::load().await;
    if effective.pushed.locked || pushed {
        return failed(text!("optionsPushed"));
    }
    let mut own = settings::stored()
        .await
        .unwrap_or_else(|| effective.settings.clone());
    let Some(said) = change(&mut own) else {
        return failed(text!("domainGone"));
    };
    if settings::store(&own).await {
        offices::sync().await;
        done(said)
    } else {
        failed(text!("emoneyStorage"))
    }
}

/// The offices the browser does not allow the extension on yet.
async fn waiting(offices: &[String]) -> Vec<String> {
    let mut waiting = Vec::new();
    for office in offices {
        if !permissions::granted(std::slice::from_ref(office)).await {
            waiting.push(office.clone());
        }
    }
    waiting
}

pub async fn answer(request: Request) -> Reply {
    let effective = settings::load().await;
    match request {
        Request::Options => Reply::Options(Box::new(OptionsView {
            offices_waiting: waiting(&effective.settings.offices).await,
            built_in_offices: built_in_offices()
                .iter()
                .map(|pattern| office_in_words(pattern))
                .collect(),
            remembered: settings::remembered().await,
            history: settings::history()
                .await
                .into_iter()
                .map(|entry| HistoryRow {
                    outcome: names::history_outcome(&entry),
                    sent: names::history_sent(&entry),
                    entry,
                })
                .collect(),
            effective,
            profile: {
                let applied = profile::applied().await;
                ProfileView {
                    added: applied.added,
                    problems: applied.problems.clone(),
                }
            },
        })),
        Request::DomainCheck { input, editing } => {
            match check_domain(
                &input,
                &effective.settings.domains,
                editing.as_deref(),
                effective.development,
            ) {
                Ok(_) => done(text!("domainLooksRight")),
                Err(problems) => Reply::DomainProblems {
                    problems: *problems,
                },
            }
        }
        Request::DomainSave { input, editing } => {
            let checked = check_domain(
                &input,
                &effective.settings.domains,
                editing.as_deref(),
                effective.development,
            );
            let domain = match checked {
                Ok(domain) => domain,
                Err(problems) => {
                    return Reply::DomainProblems {
                        problems: *problems,
                    }
                }
            };
            change(effective.pushed.domains, move |own| {
                let said = match &editing {
                    Some(original) => {
                        let at = own.domains.iter().position(|d| &d.label == original)?;
                        own.domains[at] = domain.clone();
                        text!("domainSaved", &domain.label)
                    }
                    None => {
                        own.domains.push(domain.clone());
                        text!("domainAdded", &domain.label)
                    }
                };
                Some(said)
            })
            .await
        }
        Request::DomainRemove { label } => {
            change(effective.pushed.domains, move |own| {
                let before = own.domains.len();
                own.domains.retain(|domain| domain.label != label);
                (own.domains.len() < before).then(|| text!("domainRemoved", &label))
            })
            .await
        }
        Request::SendSave {
            investments,
            policies,
        } => {
            change(effective.pushed.send, move |own| {
                if let Some(send) = investments {
                    own.send_investments = send;
                }
                if let Some(send) = policies {
                    own.send_policies = send;
                }
                Some(text!("sendSaved"))
            })
            .await
        }
        Request::LoginForget => {
            let Some(login) = settings::remembered().await else {
                return done(text!("loginNone"));
            };
            settings::forget_login().await;
            let signed_out = match Domain::parse(&login.api_base) {
                Ok(domain) => client().sign_out(&domain).await.is_ok(),
                Err(_) => false,
            };
            if signed_out {
                done(text!(
                    "loginForgotten",
                    &login.user_name,
                    &login.domain_label
                ))
            } else {
                done(text!(
                    "loginForgottenUnconfirmed",
                    &login.user_name,
                    &login.domain_label
                ))
            }
        }
        Request::HistoryClear => {
            if settings::clear_history().await {
                done(text!("historyCleared"))
            } else {
                failed(text!("emoneyStorage"))
            }
        }
        Request::HistoryOpen {
            client_id,
            api_base,
        } => {
            let listed = settings::history()
                .await
                .iter()
                .any(|entry| entry.client_id == client_id && entry.api_base == api_base);
            let domain = flow::domain_for(&effective.settings, &api_base, effective.development);
            let (true, Some(domain)) = (listed, domain) else {
                return failed(text!("historyGone"));
            };
            let (width, height) = EMONEY_WINDOW;
            match client().launch(&domain, &client_id).await {
                Ok(url) if windows::open_popup(&url, width, height).await.is_some() => {
                    done(text!("historyOpened"))
                }
                Ok(_) => failed(text!("flowWindowFailed")),
                Err(error) => {
                    failed(error.text(&|path| names::field_name(path, profile::current())))
                }
            }
        }
        Request::OfficeCheck { address } => {
            match check_office(&address, &built_in_offices(), &effective.settings.offices) {
                Ok(pattern) => Reply::OfficePattern { pattern },
                Err(said) => failed(said),
            }
        }
        Request::OfficeAdd { pattern } => {
            // Refused before anything is asked of the browser.
            if effective.pushed.locked || effective.pushed.offices {
                return failed(text!("optionsPushed"));
            }
            let checked = check_office(&pattern, &built_in_offices(), &effective.settings.offices);
            match checked {
                Ok(checked) if checked == pattern => {}
                Ok(_) => return failed(text!("officeInvalid")),
                Err(said) => return failed(said),
            }
            if !permissions::granted(std::slice::from_ref(&pattern)).await {
                return failed(text!("officeDenied", &pattern));
            }
            change(effective.pushed.offices, move |own| {
                own.offices.push(pattern.clone());
                Some(text!("officeAdded", &pattern))
            })
            .await
        }
        Request::OfficeRemove { pattern } => {
            let reply = change(effective.pushed.offices, {
                let pattern = pattern.clone();
                move |own| {
                    let before = own.offices.len();
                    own.offices.retain(|office| office != &pattern);
                    (own.offices.len() < before).then(|| text!("officeRemoved", &pattern))
                }
            })
            .await;
            // A refused removal (the firm's addresses) keeps the browser's
            // permission too.
            if matches!(reply, Reply::Done { .. }) {
                permissions::give_up(&[pattern]).await;
            }
            reply
        }
        Request::PageTabs => report::tabs().await,
        Request::PageReport { tab } => report::page(tab).await,
        Request::DialogOpen | Request::DialogAction { .. } | Request::DialogCancel => {
            failed(text!("refusedNotExtensionPage"))
        }
    }
}
