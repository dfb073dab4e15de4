//! When a call is tried again, and how long to wait first.
//!
//! 429 and 503 say when to come back (`Retry-After`); that wait is honoured.
//! A lost answer (timeout, closed connection) or another 5xx is retried after
//! a short pause, but only for calls that are safe to repeat. Attempts and the
//! total wait are bounded so the advisor is never left waiting for long.

use std::time::Duration;

use super::edges::{HttpResponse, TransportError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How long one request may take.
    pub timeout: Duration,
    /// Tries per call, the first included.
    pub attempts: u32,
    /// The most a call may spend waiting between tries.
    pub total_wait: Duration,
    /// The pause after a lost answer or a 5xx other than 503.
    pub pause: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            timeout: Duration::from_secs(20),
            attempts: 3,
            total_wait: Duration::from_secs(60),
            pause: Duration::from_secs(1),
        }
    }
}

/// Which calls may be sent again on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Reads, upserts, creates carrying an idempotency key, launch links.
    Safe,
    /// Only when eMoney said it did nothing (429, 503): a refresh grant, whose
    /// token is used up once eMoney has processed it.
    IfUnprocessed,
    /// Never: a password grant (three wrong ones lock the account).
    Never,
}

/// What to do with one try's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Keep this answer (which may still be an error status for the caller).
    Answer,
    /// Wait, then try again.
    Wait(Duration),
    /// Stop: retries are not allowed or used up.
    GiveUp,
}

impl RetryPolicy {
    /// `attempt` counts from 1; `waited` is what this call has waited so far.
    pub fn next(
        &self,
        outcome: &Result<HttpResponse, TransportError>,
        repeat: Repeat,
        attempt: u32,
        waited: Duration,
    ) -> Next {
        let wait = match outcome {
            Ok(answer) if matches!(answer.status, 429 | 503) => {
                if repeat == Repeat::Never {
                    return Next::GiveUp;
                }
                retry_after(answer).unwrap_or(self.pause)
            }
            Ok(answer) if answer.status >= 500 => {
                if repeat != Repeat::Safe {
                    return Next::GiveUp;
                }
                self.pause * attempt
            }
            Ok(_) => return Next::Answer,
            Err(_) => {
                if repeat != Repeat::Safe {
                    return Next::GiveUp;
                }
                self.pause * attempt
            }
        };
        if attempt >= self.attempts || waited + wait > self.total_wait {
            Next::GiveUp
        } else {
            Next::Wait(wait)
        }
    }
}

/// `Retry-After` in seconds (the contract's form).
pub fn retry_after(answer: &HttpResponse) -> Option<Duration> {
    answer
        .header("retry-after")
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, retry_after: Option<&str>) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse {
            status,
            headers: retry_after
                .map(|value| vec![("retry-after".to_owned(), value.to_owned())])
                .unwrap_or_default(),
            body: String::new(),
        })
    }

    const ZERO: Duration = Duration::ZERO;

    #[test]
    fn retry_after_is_honoured_for_429_and_503() {
        let policy = RetryPolicy::default();
        let secs = Duration::from_secs;
        assert_eq!(
            policy.next(&answer(429, Some("7")), Repeat::Safe, 1, ZERO),
            Next::Wait(secs(7))
        );
        assert_eq!(
            policy.next(&answer(503, Some("2")), Repeat::IfUnprocessed, 1, ZERO),
            Next::Wait(secs(2))
        );
        assert_eq!(
            policy.next(&answer(429, None), Repeat::Safe, 1, ZERO),
            Next::Wait(secs(1))
        );
    }

    #[test]
    fn attempts_and_total_wait_are_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.next(&answer(429, Some("5")), Repeat::Safe, 3, ZERO),
            Next::GiveUp
        );
        assert_eq!(
            policy.next(&answer(429, Some("61")), Repeat::Safe, 1, ZERO),
            Next::GiveUp
        );
        assert_eq!(
            policy.next(
                &answer(503, Some("30")),
                Repeat::Safe,
                2,
                Duration::from_secs(31)
            ),
            Next::GiveUp
        );
    }

    #[test]
    fn a_password_is_never_sent_twice_and_a_refresh_only_when_unprocessed() {
        let policy = RetryPolicy::default();
        for outcome in [
            answer(429, Some("1")),
            answer(503, None),
            answer(500, None),
            Err(TransportError::Timeout),
        ] {
            assert_eq!(policy.next(&outcome, Repeat::Never, 1, ZERO), Next::GiveUp);
        }
        assert_eq!(
            policy.next(&Err(TransportError::Closed), Repeat::IfUnprocessed, 1, ZERO),
            Next::GiveUp
        );
        assert_eq!(
            policy.next(&answer(500, None), Repeat::IfUnprocessed, 1, ZERO),
            Next::GiveUp
        );
    }

    #[test]
    fn lost_answers_and_server_errors_are_retried_when_safe() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.next(&Err(TransportError::Timeout), Repeat::Safe, 1, ZERO),
            Next::Wait(policy.pause)
        );
        assert_eq!(
            policy.next(&answer(500, None), Repeat::Safe, 2, ZERO),
            Next::Wait(policy.pause * 2)
        );
        for status in [200, 201, 401, 404, 422] {
            assert_eq!(
                policy.next(&answer(status, None), Repeat::Safe, 1, ZERO),
                Next::Answer
            );
        }
    }
}
