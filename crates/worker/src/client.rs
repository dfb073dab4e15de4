//! The one eMoney client of the service worker's life, over the browser's
//! edges: its rate limit and its record locks cover every message handled.

use std::rc::Rc;

use smartoffice_browser::storage::Area;
use smartoffice_emoney::emoney::{Emoney, Vaults};

use crate::edges::{RandomIds, Secrets, Storage, Timers};
use crate::http::Fetch;

pub type Client = Emoney<Fetch, Timers, Storage, Secrets, RandomIds>;

thread_local! {
    static CLIENT: Rc<Client> = Rc::new(Emoney::new(
        Fetch,
        Timers,
        Vaults {
            lasting: Storage(Area::Local),
            session: Storage(Area::Session),
            secrets: Secrets,
        },
        RandomIds,
    ));
}

pub fn client() -> Rc<Client> {
    CLIENT.with(Rc::clone)
}
