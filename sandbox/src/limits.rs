//! eMoney-like rate limiting: at most N `/public` calls per user in any
//! sliding window (a minute, like eMoney, unless a benchmark compresses it);
//! past that, 429 with the whole seconds until a slot frees up.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    /// 0 switches limiting off.
    per_window: usize,
    window: Duration,
    calls: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(per_window: usize, window: Duration) -> Self {
        RateLimiter {
            per_window,
            window,
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a call by `user`, or refuses it with the seconds to wait.
    pub fn admit(&self, user: &str) -> Result<(), u64> {
        if self.per_window == 0 {
            return Ok(());
        }
        let now = Instant::now();
        // The map holds plain timestamps: a panic elsewhere cannot leave it
        // half-updated, so a poisoned lock is safe to keep using.
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        let recent = calls.entry(user.to_string()).or_default();
        while recent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            recent.pop_front();
        }
        if recent.len() >= self.per_window {
            let oldest = recent.front().copied().unwrap_or(now);
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            // Round up: waiting the announced seconds must be enough. At
            // least 1, as `Retry-After: 0` would invite an immediate retry.
            return Err((wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1));
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

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn the_call_past_the_limit_waits_up_to_a_minute() {
        let limiter = RateLimiter::new(2, MINUTE);
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
        let limiter = RateLimiter::new(0, MINUTE);
        assert!((0..500).all(|_| limiter.admit("a").is_ok()));
    }

    #[test]
    fn a_short_window_frees_its_slots_sooner() {
        let window = Duration::from_millis(200);
        let limiter = RateLimiter::new(2, window);
        assert_eq!(limiter.admit("a"), Ok(()));
        assert_eq!(limiter.admit("a"), Ok(()));
        assert_eq!(limiter.admit("a"), Err(1), "whole seconds, at least 1");
        std::thread::sleep(window);
        assert_eq!(limiter.admit("a"), Ok(()));
    }
}
