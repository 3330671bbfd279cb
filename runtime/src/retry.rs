//! The opt-in retry policy: which outcomes are sent again, how long to
//! wait before each new attempt, and when to give up.

use std::fmt;
use std::hash::BuildHasher;
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use crate::error::{Failure, TransportKind};
use crate::operation::RawResponse;

/// When and how a [`Client`](crate::Client) sends a request again; set it
/// with [`ClientBuilder::retry`](crate::ClientBuilder::retry). Without
/// one, a client sends each request once.
///
/// ```
/// use std::time::Duration;
///
/// let policy = meeting_api::RetryPolicy::new()
///     .max_attempts(4)
///     .initial_backoff(Duration::from_millis(200))
///     .max_backoff(Duration::from_secs(2))
///     .budget(Duration::from_secs(10));
/// let client = meeting_api::Client::builder().retry(policy).build()?;
/// # Ok::<(), meeting_api::ClientError>(())
/// ```
///
/// Only outcomes that may go the other way on a new attempt are retried:
/// a transport failure (timeout, connection refused or lost), and the
/// statuses 429, 502, 503 and 504. Any other status, documented or not,
/// is returned at once, and so is a body over the limit or a request that
/// cannot be built.
///
/// Only idempotent methods (GET, PUT, DELETE) are retried unless
/// [`retry_non_idempotent`](Self::retry_non_idempotent) says otherwise: a
/// POST or PATCH whose answer was lost may have taken effect.
///
/// Before attempt *n* + 1 the client waits a random time between half and
/// all of `initial_backoff × 2ⁿ⁻¹`, capped at `max_backoff` (the random
/// part keeps many clients from retrying in step). A `Retry-After` header
/// in seconds replaces that wait, whatever `max_backoff` says; the
/// HTTP-date form is not read, and the computed wait applies. No attempt
/// starts whose wait would end after the budget, counted from the start
/// of the first attempt: the last outcome is returned instead. An attempt
/// under way is not cut short by the budget (the client's
/// [`timeout`](crate::ClientBuilder::timeout) bounds each attempt).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    budget: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            budget: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// The default policy: at most 3 attempts, a backoff of 100 ms
    /// doubling up to 5 s, a budget of 30 s, idempotent methods only.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times a request is sent at most, the first time included
    /// (default 3); 0 and 1 both mean once.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The backoff before the second attempt, doubled before each one
    /// after it (default 100 ms).
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest computed backoff (default 5 s); a `Retry-After` may ask
    /// for longer.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The time after the start of the first attempt past which no
    /// attempt starts (default 30 s).
    #[must_use]
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// Whether POST and PATCH requests are retried too (default `false`).
    /// Say `true` only for operations that the service applies once
    /// however often they arrive.
    #[must_use]
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// Whether requests of this method are retried at all.
    pub(crate) fn covers(&self, method: &Method) -> bool {
        // RFC 9110's idempotent methods; of these the spec format has
        // GET, PUT and DELETE.
        let idempotent = matches!(
            *method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
        );
        idempotent || self.retry_non_idempotent
    }

    /// The wait before the attempt after `attempt` (1 for the first), or
    /// `None` when the policy sends no more: out of attempts, or the wait
    /// would end past the budget. `spent` is the time since the first
    /// attempt started.
    pub(crate) fn wait(&self, attempt: u32, cause: &Cause, spent: Duration) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let wait = cause.retry_after.unwrap_or_else(|| self.backoff(attempt));
        (spent.saturating_add(wait) <= self.budget).then_some(wait)
    }

    /// Equal jitter: a random time between half and all of the
    /// exponential backoff.
    fn backoff(&self, attempt: u32) -> Duration {
        let doubled = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let cap = doubled.min(self.max_backoff);
        let half = cap / 2;
        half + fraction_of(cap - half, random())
    }
}

/// `random / 2⁶⁴` of `span`, in integer arithmetic on its seconds and
/// nanoseconds apart, so that no duration, however long, overflows.
fn fraction_of(span: Duration, random: u64) -> Duration {
    let random = u128::from(random);
    let secs = u128::from(span.as_secs()) * random;
    let whole_secs = (secs >> 64) as u64;
    // What the seconds leave below one second, and the nanoseconds' share:
    // each under 10⁹.
    let carried = ((secs & u128::from(u64::MAX)) * 1_000_000_000) >> 64;
    let nanos = (u128::from(span.subsec_nanos()) * random) >> 64;
    Duration::from_secs(whole_secs).saturating_add(Duration::from_nanos((carried + nanos) as u64))
}

/// A random number for jitter. The standard library seeds each
/// `RandomState` afresh from the system's randomness (and steps the keys
/// on every new one), so this needs no dependency; jitter needs no more.
fn random() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(0u8)
}

/// Why an attempt's outcome may go otherwise on the next, and the wait
/// the server asked for, if any.
#[derive(Debug)]
pub(crate) struct Cause {
    kind: CauseKind,
    retry_after: Option<Duration>,
}

#[derive(Debug)]
enum CauseKind {
    Status(StatusCode),
    Transport(TransportKind),
}

impl Cause {
    /// The cause for retrying `outcome`, or `None` when a new attempt
    /// would not change it.
    pub(crate) fn of(outcome: &Result<RawResponse, Failure>) -> Option<Self> {
        match outcome {
            Ok(response) if matches!(response.status().as_u16(), 429 | 502 | 503 | 504) => Some(Self {
                kind: CauseKind::Status(response.status()),
                retry_after: retry_after(response.headers()),
            }),
            Err(Failure::Transport(error)) => Some(Self {
                kind: CauseKind::Transport(error.kind()),
                retry_after: None,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CauseKind::Status(status) => write!(f, "status {}", status.as_u16()),
            CauseKind::Transport(kind) => f.write_str(transport_kind(kind)),
        }
    }
}

/// A transport failure's kind in a word, for traces.
pub(crate) fn transport_kind(kind: TransportKind) -> &'static str {
    match kind {
        TransportKind::Timeout => "timeout",
        TransportKind::Connect => "connect",
        TransportKind::Io => "io",
    }
}

/// `Retry-After` in its delay-seconds form.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?;
    text.trim().parse().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_stays_within_its_bounds_and_never_overflows() {
        let policy = RetryPolicy::new()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for (attempt, full) in [(1, 100), (2, 200), (3, 350), (4, 350), (u32::MAX, 350)] {
            let full = Duration::from_millis(full);
            for _ in 0..50 {
                let wait = policy.backoff(attempt);
                assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
            }
        }
        let huge = RetryPolicy::new()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        assert!(huge.backoff(40) >= Duration::MAX / 2);
        assert!(fraction_of(Duration::MAX, u64::MAX) > Duration::MAX - Duration::from_secs(2));
        assert_eq!(fraction_of(Duration::from_secs(10), 1 << 63), Duration::from_secs(5));
        assert_eq!(
            fraction_of(Duration::from_millis(3), 1 << 63),
            Duration::from_micros(1500)
        );
        assert_eq!(fraction_of(Duration::from_secs(10), 0), Duration::ZERO);
    }

    #[test]
    fn retry_after_is_read_in_seconds_only() {
        let mut headers = HeaderMap::new();
        for (value, expected) in [
            ("7", Some(7)),
            (" 0 ", Some(0)),
            ("-1", None),
            ("1.5", None),
            ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ] {
            headers.insert(RETRY_AFTER, value.parse().unwrap());
            assert_eq!(retry_after(&headers), expected.map(Duration::from_secs), "{value}");
        }
    }
}
