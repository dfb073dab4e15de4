//! The advisors who may sign in (from the command line), and the lockout
//! after failed passwords. Kept apart from the token endpoint so the shared
//! state (`app`) can hold them without depending on any handler.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError};

/// Like eMoney: the third wrong password in a row locks the account.
pub const MAX_FAILED_PASSWORDS: u32 = 3;

#[derive(Debug, PartialEq, Eq)]
pub enum SignInError {
    WrongPassword { now_locked: bool },
    Locked,
}

impl SignInError {
    pub fn describe(&self) -> String {
        match self {
            SignInError::WrongPassword { now_locked: false } => {
                "The user name or password is wrong.".into()
            }
            SignInError::WrongPassword { now_locked: true } => format!(
                "The user name or password is wrong. The account is now locked after \
                 {MAX_FAILED_PASSWORDS} failed attempts."
            ),
            SignInError::Locked => format!(
                "The account is locked after {MAX_FAILED_PASSWORDS} failed password attempts. \
                 Ask an administrator to unlock it."
            ),
        }
    }
}

/// The advisors given on the command line. Failure counts live in memory: a
/// restart (or `/__sandbox/reset`) unlocks everyone.
pub struct Users {
    passwords: BTreeMap<String, String>,
    failures: Mutex<HashMap<String, u32>>,
}

impl Users {
    pub fn new(passwords: BTreeMap<String, String>) -> Self {
        Users {
            passwords,
            failures: Mutex::new(HashMap::new()),
        }
    }

    pub fn sign_in(&self, name: &str, password: &str) -> Result<(), SignInError> {
        // Counters only: a panic elsewhere cannot leave them inconsistent.
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(expected) = self.passwords.get(name) else {
            // No account, nothing to lock.
            return Err(SignInError::WrongPassword { now_locked: false });
        };
        let failed = failures.entry(name.to_string()).or_default();
        if *failed >= MAX_FAILED_PASSWORDS {
            return Err(SignInError::Locked);
        }
        if expected != password {
            *failed += 1;
            return Err(SignInError::WrongPassword {
                now_locked: *failed >= MAX_FAILED_PASSWORDS,
            });
        }
        *failed = 0;
        Ok(())
    }

    pub fn is_locked(&self, name: &str) -> bool {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures
            .get(name)
            .is_some_and(|n| *n >= MAX_FAILED_PASSWORDS)
    }

    pub fn unlock_all(&self) {
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users() -> Users {
        Users::new(BTreeMap::from([("ann".to_string(), "pw".to_string())]))
    }

    #[test]
    fn three_wrong_passwords_lock_even_the_right_one_out() {
        let users = users();
        let wrong = |now_locked| Err(SignInError::WrongPassword { now_locked });
        assert_eq!(users.sign_in("ann", "x"), wrong(false));
        assert_eq!(users.sign_in("ann", "x"), wrong(false));
        assert_eq!(users.sign_in("ann", "x"), wrong(true));
        assert_eq!(users.sign_in("ann", "pw"), Err(SignInError::Locked));
        users.unlock_all();
        assert_eq!(users.sign_in("ann", "pw"), Ok(()));
    }

    #[test]
    fn a_success_resets_the_count() {
        let users = users();
        assert!(users.sign_in("ann", "x").is_err());
        assert!(users.sign_in("ann", "x").is_err());
        assert_eq!(users.sign_in("ann", "pw"), Ok(()));
        assert!(users.sign_in("ann", "x").is_err());
        assert!(users.sign_in("ann", "x").is_err());
        assert_eq!(users.sign_in("ann", "pw"), Ok(()));
    }

    #[test]
    fn unknown_users_are_wrong_not_locked() {
        let users = users();
        for _ in 0..5 {
            assert_eq!(
                users.sign_in("bob", "pw"),
                Err(SignInError::WrongPassword { now_locked: false })
            );
        }
    }
}
