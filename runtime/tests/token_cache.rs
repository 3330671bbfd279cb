//! The token cache: reused while fresh, renewed before expiry with the
//! live token, one fetch for concurrent callers, and forgotten when the
//! service refuses it. Time is tokio's paused clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use meeting_api::{Secret, Token, TokenCache};

const LIFETIME: Duration = Duration::from_secs(100);

/// A fetch that counts its calls, records the token it was given, and
/// answers `token-<n>`.
#[derive(Clone, Default)]
struct Fetcher {
    calls: Arc<AtomicUsize>,
    given: Arc<std::sync::Mutex<Vec<Option<String>>>>,
}

impl Fetcher {
    async fn fetch(&self, current: Option<Secret<String>>) -> Result<Token, String> {
        self.given.lock().unwrap().push(current.map(|t| t.expose().clone()));
        // Long enough for concurrent callers to pile up behind it.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(Token::new(Secret::new(format!("token-{n}")), LIFETIME))
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

async fn get(cache: &TokenCache, fetcher: &Fetcher) -> String {
    cache
        .get(|current| fetcher.fetch(current))
        .await
        .unwrap()
        .expose()
        .clone()
}

#[tokio::test(start_paused = true)]
async fn a_fresh_token_is_reused_and_renewed_with_itself_before_expiry() {
    let (cache, fetcher) = (TokenCache::new(), Fetcher::default());
    assert_eq!(get(&cache, &fetcher).await, "token-1");
    tokio::time::advance(Duration::from_secs(80)).await;
    assert_eq!(get(&cache, &fetcher).await, "token-1", "80 of 100 s: still fresh");
    assert_eq!(fetcher.calls(), 1);
    tokio::time::advance(Duration::from_secs(11)).await;
    assert_eq!(get(&cache, &fetcher).await, "token-2", "91 of 100 s: renewed");
    tokio::time::advance(Duration::from_secs(200)).await;
    assert_eq!(get(&cache, &fetcher).await, "token-3", "expired: fetched anew");
    assert_eq!(
        *fetcher.given.lock().unwrap(),
        [None, Some("token-1".to_owned()), None],
        "a renewal is given the live token; an expired one is not passed on"
    );
}

#[tokio::test(start_paused = true)]
async fn concurrent_callers_at_expiry_share_one_fetch() {
    let cache = Arc::new(TokenCache::new());
    let fetcher = Fetcher::default();
    let callers: Vec<_> = (0..10)
        .map(|_| {
            let (cache, fetcher) = (cache.clone(), fetcher.clone());
            tokio::spawn(async move { get(&cache, &fetcher).await })
        })
        .collect();
    for caller in callers {
        assert_eq!(caller.await.unwrap(), "token-1");
    }
    assert_eq!(fetcher.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_failed_fetch_is_its_callers_error_and_the_next_caller_tries_again() {
    let (cache, fetcher) = (TokenCache::new(), Fetcher::default());
    let failed = cache.get(|_| async { Err::<Token, _>("refused") }).await;
    assert_eq!(failed.unwrap_err(), "refused");
    assert!(cache.peek().await.is_none());
    assert_eq!(get(&cache, &fetcher).await, "token-1");
}

#[tokio::test(start_paused = true)]
async fn a_refused_token_is_forgotten_but_a_newer_one_is_kept() {
    let (cache, fetcher) = (TokenCache::new(), Fetcher::default());
    let first = Secret::new(get(&cache, &fetcher).await);
    cache.invalidate(&first).await;
    assert_eq!(get(&cache, &fetcher).await, "token-2");
    // Another caller's late report of the old token does not drop the new one.
    cache.invalidate(&first).await;
    assert_eq!(get(&cache, &fetcher).await, "token-2");
    assert_eq!(fetcher.calls(), 2);
}

#[test]
fn a_lifetime_beyond_the_clock_is_cut_not_a_panic() {
    let token = Token::new(Secret::new("the-token-itself".to_owned()), Duration::MAX);
    assert!(token.remaining() <= Duration::from_secs(30 * 24 * 3600));
    assert!(token.remaining() > Duration::from_secs(29 * 24 * 3600));
    let shown = format!("{token:?}");
    assert!(!shown.contains("the-token-itself"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn a_cache_may_renew_earlier_than_the_tokens_own_rule() {
    let (cache, fetcher) = (TokenCache::renewing_ahead(Duration::from_secs(60)), Fetcher::default());
    assert_eq!(get(&cache, &fetcher).await, "token-1");
    tokio::time::advance(Duration::from_secs(39)).await;
    assert_eq!(get(&cache, &fetcher).await, "token-1", "39 of 100 s: 61 s left");
    tokio::time::advance(Duration::from_secs(2)).await;
    assert_eq!(get(&cache, &fetcher).await, "token-2", "41 of 100 s: under 60 s left");
    assert_eq!(fetcher.given.lock().unwrap()[1].as_deref(), Some("token-1"));
}
