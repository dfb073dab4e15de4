//! At most 60 calls in any sliding minute: eMoney answers 429 past that, and
//! waiting here is cheaper than being told to.

use std::collections::VecDeque;
use std::time::Duration;

const WINDOW_MS: u64 = 60_000;

#[derive(Debug, Clone)]
pub struct RateLimiter {
    per_minute: usize,
    /// The "minute": shorter only where the development build's bench
    /// compresses eMoney's time (with the sandbox's `--rate-window`).
    window_ms: u64,
    /// When the calls of the last minute were made, oldest first.
    calls: VecDeque<u64>,
}

impl RateLimiter {
    /// eMoney's minute.
    pub const WINDOW: Duration = Duration::from_millis(WINDOW_MS);

    pub fn new(per_minute: usize) -> Self {
        RateLimiter {
            per_minute: per_minute.max(1),
            window_ms: WINDOW_MS,
            calls: VecDeque::new(),
        }
    }

    /// The same number of calls in a window of `window` (at least 1 ms).
    pub fn set_window(&mut self, window: Duration) {
        self.window_ms = u64::try_from(window.as_millis())
            .unwrap_or(WINDOW_MS)
            .max(1);
    }

    /// Takes a slot at `now_ms` if one is free (`None`), or says how long to
    /// wait before asking again.
    pub fn reserve(&mut self, now_ms: u64) -> Option<Duration> {
        while self
            .calls
            .front()
            .is_some_and(|&at| at + self.window_ms <= now_ms)
        {
            self.calls.pop_front();
        }
        match self.calls.front() {
            Some(&oldest) if self.calls.len() >= self.per_minute => {
                Some(Duration::from_millis(oldest + self.window_ms - now_ms))
            }
            _ => {
                self.calls.push_back(now_ms);
                None
            }
        }
    }
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new(60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_calls_a_sliding_minute() {
        let mut limiter = RateLimiter::default();
        for second in 0..60 {
            assert_eq!(limiter.reserve(second * 500), None, "call {second}");
        }
        // The 61st call, at 30 s, waits until the first one is a minute old.
        assert_eq!(limiter.reserve(30_000), Some(Duration::from_millis(30_000)));
        assert_eq!(limiter.reserve(59_999), Some(Duration::from_millis(1)));
        assert_eq!(limiter.reserve(60_000), None);
        // Then the second call (at 0.5 s) has to age out before the next one.
        assert_eq!(limiter.reserve(60_000), Some(Duration::from_millis(500)));
        assert_eq!(limiter.reserve(60_500), None);
    }

    #[test]
    fn a_shorter_window_keeps_the_count() {
        let mut limiter = RateLimiter::new(2);
        limiter.set_window(Duration::from_secs(6));
        assert_eq!(limiter.reserve(0), None);
        assert_eq!(limiter.reserve(1), None);
        assert_eq!(limiter.reserve(2), Some(Duration::from_millis(5_998)));
        assert_eq!(limiter.reserve(6_000), None);
    }

    #[test]
    fn an_idle_minute_frees_every_slot() {
        let mut limiter = RateLimiter::new(2);
        assert_eq!(limiter.reserve(0), None);
        assert_eq!(limiter.reserve(1), None);
        assert!(limiter.reserve(2).is_some());
        assert_eq!(limiter.reserve(120_000), None);
        assert_eq!(limiter.reserve(120_000), None);
    }
}
