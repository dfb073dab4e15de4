//! eMoney-like rate limiting: at most N `/public` calls per user in any
//! sliding minute; past that, 429 with the seconds until a slot frees up.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    /// 0 switches limiting off.
    per_minute: usize,
    calls: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(per_minute: usize) -> Self {
        RateLimiter {
            per_minute,
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a call by `user`, or refuses it with the seconds to wait.
    pub fn admit(&self, user: &str) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        // The map holds plain timestamps: a panic elsewhere cannot leave it
        // half-updated, so a poisoned lock is safe to keep using.
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        let recent = calls.entry(user.to_string()).or_default();
        while recent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            recent.pop_front();
        }
        if recent.len() >= self.per_minute {
            let oldest = recent.front().copied().unwrap_or(now);
            let wait = WINDOW.saturating_sub(now.duration_since(oldest));
            // Round up: waiting the announced seconds must be enough.
            return Err(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
        }
        recent.push_back(now);
        Ok(())
    }

    pub fn clear(&self) {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_call_past_the_limit_waits_up_to_a_minute() {
        let limiter = RateLimiter::new(2);
        assert_eq!(limiter.admit("a"), Ok(()));
        assert_eq!(limiter.admit("a"), Ok(()));
        let wait = limiter.admit("a").err();
        assert!(wait.is_some_and(|s| (59..=60).contains(&s)), "{wait:?}");
        assert_eq!(limiter.admit("b"), Ok(()), "limits are per user");
        limiter.clear();
        assert_eq!(limiter.admit("a"), Ok(()));
    }

    #[test]
    fn zero_disables() {
        let limiter = RateLimiter::new(0);
        assert!((0..500).all(|_| limiter.admit("a").is_ok()));
    }
}
