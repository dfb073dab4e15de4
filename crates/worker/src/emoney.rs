//! The service worker's eMoney client: the pure client over `fetch`, timers,
//! `crypto.randomUUID` and `chrome.storage`, and the requests it answers.

use std::rc::Rc;
use std::time::Duration;

use smartoffice_browser::storage::Area;
use smartoffice_browser::{crypto, timers};
use smartoffice_emoney::emoney::{
    Choice, Clock, Domain, Emoney, EmoneyError, ExportPayload, Ids, StorageError, Vault,
};
use smartoffice_emoney::message::EmoneyReply;

use crate::http::Fetch;

pub struct Timers;

impl Clock for Timers {
    fn now_ms(&self) -> u64 {
        timers::now_ms()
    }

    async fn sleep(&self, wait: Duration) {
        timers::sleep(wait.as_millis() as u64).await;
    }
}

pub struct RandomIds;

impl Ids for RandomIds {
    fn new_uuid(&self) -> String {
        crypto::new_uuid()
    }
}

pub struct Storage(Area);

impl Vault for Storage {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get(key).await.map_err(|_| StorageError)
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set(key, value).await.map_err(|_| StorageError)
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove(key).await.map_err(|_| StorageError)
    }
}

type Client = Emoney<Fetch, Timers, Storage, RandomIds>;

thread_local! {
    // One client per worker life: its rate limit and its record locks must
    // cover every message the worker handles.
    static CLIENT: Rc<Client> = Rc::new(Emoney::new(
        Fetch,
        Timers,
        Storage(Area::Local),
        Storage(Area::Session),
        RandomIds,
    ));
}

pub(super) fn client() -> Rc<Client> {
    CLIENT.with(Rc::clone)
}

pub async fn sign_in(
    domain: &str,
    user_name: &str,
    password: &str,
    remember_me: bool,
) -> EmoneyReply {
    let client = client();
    let done = match Domain::parse(domain) {
        Ok(domain) => {
            client
                .sign_in(&domain, user_name, password, remember_me)
                .await
        }
        Err(error) => Err(error),
    };
    done.map_or_else(failed, |()| EmoneyReply::SignedIn)
}

pub async fn sign_out(domain: &str) -> EmoneyReply {
    let client = client();
    let done = match Domain::parse(domain) {
        Ok(domain) => client.sign_out(&domain).await,
        Err(error) => Err(error),
    };
    done.map_or_else(failed, |()| EmoneyReply::SignedOut)
}

pub async fn export(domain: &str, payload: ExportPayload, update: bool) -> EmoneyReply {
    let client = client();
    let outcome = match Domain::parse(domain) {
        Ok(domain) => client.export(&domain, &payload, update).await,
        Err(error) => Err(error),
    };
    outcome.map_or_else(failed, EmoneyReply::ExportResult)
}

pub async fn choose(domain: &str, external_id: &str, client_id: Option<String>) -> EmoneyReply {
    let client = client();
    let choice = match client_id {
        Some(client_id) => Choice::Client { client_id },
        None => Choice::New,
    };
    let done = match Domain::parse(domain) {
        Ok(domain) => client.choose(&domain, external_id, &choice).await,
        Err(error) => Err(error),
    };
    done.map_or_else(failed, |()| EmoneyReply::ChoiceSaved)
}

pub(super) fn failed(error: EmoneyError) -> EmoneyReply {
    EmoneyReply::Failed {
        sign_in: matches!(
            error,
            EmoneyError::SignInRequired | EmoneyError::WrongPassword
        ),
        message: error.to_string(),
    }
}
