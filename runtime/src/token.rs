//! A token kept for reuse and renewed before it expires, with one fetch
//! at a time: callers that find it stale while a fetch runs wait for that
//! fetch instead of starting their own.

use std::future::Future;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::secret::Secret;

/// The longest a token is renewed ahead of its expiry.
const MAX_RENEW_AHEAD: Duration = Duration::from_secs(5 * 60);
/// The longest a token is kept: a lifetime a server announces beyond it
/// (or beyond what the clock can count) is cut to it.
const MAX_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// A token as obtained, with how long it lives.
#[derive(Clone, Debug)]
pub struct Token {
    value: Secret<String>,
    expires: Instant,
    renew: Instant,
}

impl Token {
    /// A token obtained now that lives `lifetime` (at most 30 days). It
    /// is renewed once a tenth of its life is left, at most five minutes
    /// ahead of expiry, unless its cache renews it earlier.
    pub fn new(value: Secret<String>, lifetime: Duration) -> Self {
        let lifetime = lifetime.min(MAX_LIFETIME);
        let now = Instant::now();
        let ahead = (lifetime / 10).min(MAX_RENEW_AHEAD);
        Self {
            value,
            expires: now + lifetime,
            renew: now + lifetime - ahead,
        }
    }

    /// Renewed at the latest `ahead` of its expiry (at once if it lives
    /// less than that).
    fn renewed_ahead(mut self, ahead: Duration) -> Self {
        let at = self.expires.checked_sub(ahead).unwrap_or(self.expires);
        self.renew = self.renew.min(at);
        self
    }

    /// The token.
    pub fn value(&self) -> &Secret<String> {
        &self.value
    }

    /// How long until it expires (zero once it has).
    pub fn remaining(&self) -> Duration {
        self.expires.saturating_duration_since(Instant::now())
    }

    fn is_fresh(&self) -> bool {
        Instant::now() < self.renew
    }

    fn is_alive(&self) -> bool {
        Instant::now() < self.expires
    }
}

/// One token, fetched when first needed and again when due for renewal,
/// by one caller at a time. Cloning a [`Token`] out is cheap; the cache
/// itself is shared behind an `Arc` by whoever owns it.
#[derive(Debug, Default)]
pub struct TokenCache {
    token: Mutex<Option<Token>>,
    renew_ahead: Option<Duration>,
}

impl TokenCache {
    /// An empty cache: the first [`get`](Self::get) fetches.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty cache that renews each token at the latest `ahead` of its
    /// expiry, earlier than a token's own rule (a tenth of its life, at
    /// most five minutes) when that is later.
    pub fn renewing_ahead(ahead: Duration) -> Self {
        Self {
            token: Mutex::default(),
            renew_ahead: Some(ahead),
        }
    }

    /// The cached token while it is fresh; else the one `fetch` obtains,
    /// kept for the next callers. `fetch` is given the current token while
    /// it is still alive, for services that renew a token with itself.
    /// Concurrent callers that find the token stale share one fetch; a
    /// failed fetch is returned to its caller, and the next one tries
    /// again.
    pub async fn get<F, Fut, E>(&self, fetch: F) -> Result<Secret<String>, E>
    where
        F: FnOnce(Option<Secret<String>>) -> Fut,
        Fut: Future<Output = Result<Token, E>>,
    {
        // Held across the fetch, so that the callers waiting here find
        // the fetched token instead of fetching again.
        let mut token = self.token.lock().await;
        if let Some(current) = token.as_ref().filter(|t| t.is_fresh()) {
            return Ok(current.value.clone());
        }
        let alive = token.as_ref().filter(|t| t.is_alive()).map(|t| t.value.clone());
        let mut fetched = fetch(alive).await?;
        if let Some(ahead) = self.renew_ahead {
            fetched = fetched.renewed_ahead(ahead);
        }
        let value = fetched.value.clone();
        *token = Some(fetched);
        Ok(value)
    }

    /// Forgets `refused`, a token the service no longer takes, so that
    /// the next [`get`](Self::get) fetches a new one. A token fetched
    /// since (by another caller) is kept.
    pub async fn invalidate(&self, refused: &Secret<String>) {
        let mut token = self.token.lock().await;
        if token.as_ref().is_some_and(|t| t.value.expose() == refused.expose()) {
            *token = None;
        }
    }

    /// The cached token, fresh or not, without fetching.
    pub async fn peek(&self) -> Option<Token> {
        self.token.lock().await.clone()
    }
}
