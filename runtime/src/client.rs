//! The client: one connection pool, a base URL and timeouts, shared by
//! every operation of every spec.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use futures_util::FutureExt;
use reqwest::Method;
use reqwest::header::HeaderMap;
use rustls::pki_types::pem::PemObject;
use tracing::Instrument;

use crate::error::{BodyTooLarge, Failure, InvalidRequest, KEPT_BODY_START, TransportError};
use crate::operation::{Operation, OperationInfo, RawResponse, RequestParts, Response, WireParts};
use crate::parsed::ParsedOnce;
use crate::retry::{Cause, RetryPolicy, transport_kind};
use crate::session::SessionValues;

/// Sends requests of any generated operation. Cloning is cheap and shares
/// the connection pool, so one `Client` serves a whole application:
///
/// ```no_run
/// # async fn run(hands: impl meeting_api::Operation, mute: impl meeting_api::Operation) -> Result<(), Box<dyn std::error::Error>> {
/// let client = meeting_api::Client::new()?;
/// client.send(hands).await.ok();
/// client.send(mute).await.ok();
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base_url: Option<String>,
    /// `base_url` parsed once, when a call's URL can be built from it by
    /// setting the path and query (see [`Client::url`]).
    parsed_base: Option<reqwest::Url>,
    /// The specs' servers, parsed on first use, for the calls that go to
    /// their spec's server (no `base_url`).
    servers: Servers,
    max_response_body: usize,
    retry: Option<RetryPolicy>,
}

/// A failure in a word, for traces: never its message, which may quote
/// what the server sent.
fn failure_kind(failure: &Failure) -> &'static str {
    match failure {
        Failure::Transport(error) => transport_kind(error.kind()),
        Failure::InvalidRequest(_) => "invalid_request",
        Failure::BodyTooLarge(_) => "body_too_large",
        Failure::Redirect(_) => "redirect",
        Failure::UnexpectedStatus(_) => "unexpected_status",
        Failure::Decode(_) => "decode",
    }
}

/// The default for [`ClientBuilder::timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default for [`ClientBuilder::connect_timeout`].
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default for [`ClientBuilder::max_response_body`]: 4 MiB, far above
/// any documented response.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 4 * 1024 * 1024;

impl Client {
    /// A client with the default settings: each spec's own server, a
    /// 30-second timeout, TLS through rustls with the Mozilla root store.
    pub fn new() -> Result<Self, ClientError> {
        Self::builder().build()
    }

    /// A builder to set the base URL, timeouts, trusted roots and retries.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL every request goes to, if set (else the spec's server).
    pub fn base_url(&self) -> Option<&str> {
        self.inner.base_url.as_deref()
    }

    /// Sends `request` and decodes the response into its documented
    /// outcome. The request's params are written when `send` is called, as
    /// with [`execute`](Self::execute); the future sends them.
    pub fn send<O: Operation>(
        &self,
        request: O,
    ) -> impl Future<Output = Result<Response<O::Response>, O::Error>> + Send + use<'_, O> {
        self.send_with(request, &SessionValues::new())
    }

    /// [`send`](Self::send), with the params that the request leaves to a
    /// session (`session:` in its spec) filled from `values`; a param the
    /// request sets is sent as set.
    pub fn send_with<'a, O: Operation>(
        &'a self,
        request: O,
        values: &SessionValues,
    ) -> impl Future<Output = Result<Response<O::Response>, O::Error>> + Send + use<'a, O> {
        // Not an `async fn` nor an `async` block: either would hold the
        // call's future twice (as captured, and as awaited), and the
        // request and session values besides, and be moved with them.
        self.execute_with(&request, values).map(|raw| raw?.into_response::<O>())
    }

    /// Sends `request` and returns the response as received, whatever its
    /// status (a redirect is not followed); transport and request
    /// failures, and a body longer than the limit, are still errors.
    ///
    /// With a [`RetryPolicy`] set, a retryable outcome is sent again as
    /// the policy says, and the last outcome is returned. Each call is
    /// one `tracing` span, `meeting_api.call` (level INFO), with the
    /// fields `operation` (the spec's name), `method`, `path` (the
    /// template, never the filled path: it may hold secrets), `attempts`,
    /// `status`, `request_id` (the response's `X-Request-Id`),
    /// `latency_ms` (all attempts and waits) and, on failure, `error` (a
    /// word: `invalid_request`, `timeout`, `connect`, `io`,
    /// `body_too_large`); each retry is a DEBUG event in it with the
    /// `attempt` that failed, its `cause` and the `wait_ms` before the
    /// next. No header, query or body value is ever recorded.
    ///
    /// The request's params are written and checked, and its URL made,
    /// when `execute` is called; the future only sends them.
    pub fn execute<'a, O: Operation>(
        &'a self,
        request: &O,
    ) -> impl Future<Output = Result<RawResponse, Failure>> + Send + use<'a, O> {
        self.execute_with(request, &SessionValues::new())
    }

    /// [`execute`](Self::execute), with the params that the request
    /// leaves to a session filled from `values`, as
    /// [`send_with`](Self::send_with) does.
    pub fn execute_with<'a, O: Operation>(
        &'a self,
        request: &O,
        values: &SessionValues,
    ) -> impl Future<Output = Result<RawResponse, Failure>> + Send + use<'a, O> {
        // Only writing the params depends on the operation: the rest of a
        // call is compiled once here, not once per operation of a catalog.
        let mut parts = RequestParts::new(O::INFO.path);
        request.write(&mut parts);
        parts.fill_session(O::INFO.session, values);
        // Checked and made the request now: the future holds no parts.
        let info = const { &O::INFO };
        self.call(info, self.prepare(info, &mut parts))
    }

    /// The call's span around its attempts. Only `prepared` is passed in,
    /// and each attempt either borrows it or takes it here: a by-value
    /// argument of each nested future would be one more copy that every
    /// future around it holds and moves. An `async` block, not an `async
    /// fn`, which would hold its argument twice (as passed, and as the
    /// local it is moved into).
    fn call(
        &self,
        info: &'static OperationInfo,
        prepared: Result<Prepared, InvalidRequest>,
    ) -> impl Future<Output = Result<RawResponse, Failure>> + Send + '_ {
        let policy = self.inner.retry.as_ref().filter(|policy| policy.covers(&info.method));
        async move {
            let span = tracing::info_span!(
                "meeting_api.call",
                operation = info.name,
                method = %info.method,
                path = info.path,
                attempts = tracing::field::Empty,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
                error = tracing::field::Empty,
            );
            // No subscriber takes the span: nothing to time or record, and
            // no header to look up for it (entering it does nothing).
            let started = (!span.is_disabled()).then(Instant::now);
            // Each future is made where it is awaited, so that it is moved
            // once. Each attempt of a retried request sends a copy of it,
            // which stays here; a request sent once moves into reqwest
            // uncopied.
            let (outcome, attempts) = match (policy, &prepared) {
                (Some(policy), Ok(retried)) => self.retried(policy, retried).instrument(span.clone()).await,
                _ => match prepared {
                    Ok(once) => (self.attempt(once.into_request()).instrument(span.clone()).await, 1),
                    Err(invalid) => (Err(invalid.into()), 0),
                },
            };
            let Some(started) = started else {
                return outcome;
            };
            let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("attempts", attempts).record("latency_ms", latency_ms);
            let (status, headers) = match &outcome {
                Ok(response) => (Some(response.status()), Some(response.headers())),
                Err(Failure::BodyTooLarge(too_large)) => (Some(too_large.status()), Some(too_large.headers())),
                Err(_) => (None, None),
            };
            if let Some(status) = status {
                span.record("status", status.as_u16());
            }
            if let Some(id) = headers.and_then(|headers| headers.get("x-request-id")?.to_str().ok()) {
                span.record("request_id", id);
            }
            if let Err(failure) = &outcome {
                span.record("error", failure_kind(failure));
            }
            outcome
        }
    }

    /// Sends `prepared` as often as the retry policy allows; returns the
    /// last outcome and how many attempts were made.
    async fn retried(&self, policy: &RetryPolicy, prepared: &Prepared) -> (Result<RawResponse, Failure>, u32) {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            // The outcome ends in this block, so that the future does not
            // hold it through the wait.
            let (cause, wait) = {
                let outcome = self.attempt(prepared.to_request()).await;
                let retry = Cause::of(&outcome).and_then(|cause| {
                    let wait = policy.wait(attempt, &cause, started.elapsed())?;
                    Some((cause, wait))
                });
                match retry {
                    Some(retry) => retry,
                    None => return (outcome, attempt),
                }
            };
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            tracing::debug!(attempt, %cause, wait_ms, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The request as it goes on the wire, checked once and sent by each
    /// attempt: its body is shared, not copied.
    fn prepare(&self, info: &OperationInfo, parts: &mut RequestParts) -> Result<Prepared, InvalidRequest> {
        parts.check()?;
        let wire = parts.take_wire();
        Ok(Prepared {
            method: info.method.clone(),
            url: self.url(info, &wire)?,
            headers: wire.headers,
            body: wire.body.map(Bytes::from),
        })
    }

    /// One attempt: sends the request and reads the response. The request
    /// goes to reqwest when this is called (from within the call's
    /// future), so that the attempt's future holds reqwest's pending call,
    /// not the request.
    fn attempt(&self, request: reqwest::Request) -> impl Future<Output = Result<RawResponse, Failure>> + Send + '_ {
        self.read(self.inner.http.execute(request))
    }

    /// Awaits the response and reads the body up to the limit: refused
    /// unread when `Content-Length` announces more, and cut off once more
    /// arrives, so that a server cannot make the client hold more than the
    /// limit.
    async fn read(
        &self,
        pending: impl Future<Output = reqwest::Result<reqwest::Response>>,
    ) -> Result<RawResponse, Failure> {
        let mut response = pending.await.map_err(TransportError::new)?;
        let limit = self.inner.max_response_body;
        // The length announced, before reading changes the body's size hint.
        let advertised = response.content_length();
        // The headers are taken, not cloned, once the body is read: reading
        // it needs none.
        let too_large = |response: &mut reqwest::Response, start: &[u8]| {
            let headers = std::mem::take(response.headers_mut());
            BodyTooLarge::new(response.status(), headers, limit, advertised, start)
        };
        if advertised.is_some_and(|length| length > limit as u64) {
            return Err(too_large(&mut response, &[]).into());
        }
        let mut body = Received::default();
        while let Some(chunk) = response.chunk().await.map_err(TransportError::new)? {
            if chunk.len() > limit - body.len() {
                let mut start = body.into_joined();
                start.extend_from_slice(&chunk[..chunk.len().min(KEPT_BODY_START)]);
                return Err(too_large(&mut response, &start).into());
            }
            body.push(chunk);
        }
        let headers = std::mem::take(response.headers_mut());
        Ok(RawResponse::new(response.status(), headers, body.into_bytes()))
    }

    /// The full URL: base, then the request target (the filled path and
    /// the encoded query). From a base URL parsed when the client was
    /// built, only the target is parsed per call (the scheme and host are
    /// not): the same URL as parsing the joined text, which is what is done
    /// otherwise.
    fn url(&self, info: &OperationInfo, wire: &WireParts) -> Result<reqwest::Url, InvalidRequest> {
        if settable_path(&wire.target[..wire.path_len]) {
            if let Some(base) = &self.inner.parsed_base {
                if let Some(url) = url_from_base(base, wire) {
                    return Ok(url);
                }
            } else if let Some(server) = info.server.filter(|_| self.inner.base_url.is_none())
                && let Some(url) = self.inner.servers.url(server, wire)
            {
                return Ok(url);
            }
        }
        let target = &wire.target;
        let base = self
            .inner
            .base_url
            .as_deref()
            .or(info.server)
            .ok_or(InvalidRequest::NoBaseUrl { operation: info.name })?;
        let text = format!("{}{target}", base.trim_end_matches('/'));
        reqwest::Url::parse(&text).map_err(|source| InvalidRequest::Url {
            url: format!("{}{}", base.trim_end_matches('/'), info.path),
            source,
        })
    }
}

/// A request written and checked, ready for each attempt.
struct Prepared {
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<Bytes>,
}

impl Prepared {
    /// The request for the only attempt, moved rather than copied.
    fn into_request(self) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method, self.url);
        *request.headers_mut() = self.headers;
        *request.body_mut() = self.body.map(reqwest::Body::from);
        request
    }

    /// The request for one of several attempts: the body is shared.
    fn to_request(&self) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = self.headers.clone();
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        request
    }
}

/// A response body as it arrives. Most bodies come in one chunk, which
/// is kept as it is; only a body of several chunks is copied together.
#[derive(Default)]
enum Received {
    /// Nothing yet.
    #[default]
    Empty,
    /// The first chunk, the only one so far.
    One(Bytes),
    /// The chunks so far, joined.
    Joined(BytesMut),
}

impl Received {
    /// How many bytes arrived.
    fn len(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::One(chunk) => chunk.len(),
            Self::Joined(joined) => joined.len(),
        }
    }

    /// Adds the next chunk.
    fn push(&mut self, chunk: Bytes) {
        *self = match std::mem::take(self) {
            Self::Empty => Self::One(chunk),
            Self::One(first) => {
                let mut joined = BytesMut::with_capacity(first.len() + chunk.len());
                joined.extend_from_slice(&first);
                joined.extend_from_slice(&chunk);
                Self::Joined(joined)
            }
            Self::Joined(mut joined) => {
                joined.extend_from_slice(&chunk);
                Self::Joined(joined)
            }
        };
    }

    /// What arrived, as one buffer to add to.
    fn into_joined(self) -> BytesMut {
        match self {
            Self::Empty => BytesMut::new(),
            Self::One(chunk) => BytesMut::from(&chunk[..]),
            Self::Joined(joined) => joined,
        }
    }

    /// The whole body.
    fn into_bytes(self) -> Bytes {
        match self {
            Self::Empty => Bytes::new(),
            Self::One(chunk) => chunk,
            Self::Joined(joined) => joined.freeze(),
        }
    }
}

/// The servers that specs name, each parsed once ([`ParsedOnce`]); one
/// that is no base URL a call's path can be set on is kept as `None`.
#[derive(Debug, Default)]
struct Servers {
    parsed: ParsedOnce<Option<reqwest::Url>>,
}

impl Servers {
    /// The call's URL on `server`, when that is a base URL a call's path
    /// can be set on; `None` sends the call down the path that joins
    /// texts (and reports a server that does not parse).
    fn url(&self, server: &'static str, wire: &WireParts) -> Option<reqwest::Url> {
        let parse = |server: &str| Some(reqwest::Url::parse(server).ok().filter(settable_base));
        let url = |base: &Option<reqwest::Url>| base.as_ref().and_then(|base| url_from_base(base, wire));
        self.parsed.with(server, parse, url).flatten()
    }
}

/// Whether a call's URL can be made from the parsed `base` by setting its
/// path and query: only when the base has neither a query nor a fragment
/// (joined as text, the call's path would land inside them), and has a
/// path to set.
fn settable_base(base: &reqwest::Url) -> bool {
    !base.cannot_be_a_base() && base.query().is_none() && base.fragment().is_none()
}

/// Whether a filled path, after the base's path, gives what parsing the
/// joined text would: it must start the path (`/`), or it would join the
/// base's last segment, or its host.
fn settable_path(path: &str) -> bool {
    path.starts_with('/')
}

/// The call's URL from a base that [`settable_base`] accepts: the base's
/// path without its trailing slashes, then the request target (the
/// filled path and the query), as joining the texts would give. That text
/// is parsed as a reference relative to the base, which takes the base's
/// scheme, user and host as they were parsed and parses only the path and
/// query: cheaper than setting the path and then the query, each of which
/// re-parses its part and moves the rest of the serialization. Parsed so,
/// a `?` or `#` in the path (a template may hold one; a filled value is
/// percent-encoded) starts the query or fragment, as in the joined text.
/// `None` for a path that is set instead and holds one of them, which
/// setting would escape: that URL is left to the joined text.
fn url_from_base(base: &reqwest::Url, wire: &WireParts) -> Option<reqwest::Url> {
    let prefix = base.path().trim_end_matches('/');
    // A base without a path of its own (the usual case) adds nothing to
    // the target: it is parsed as it is.
    let joined;
    let text = match prefix.is_empty() {
        true => &*wire.target,
        false => {
            joined = [prefix, &wire.target].concat();
            &joined
        }
    };
    let (path, query) = text.split_at(prefix.len() + wire.path_len);
    let query = query.strip_prefix('?');
    // `//` or, in a special scheme, `/\` would start a network-path
    // reference (a host of its own): such a path is set instead.
    let path_absolute = !path.as_bytes().get(1).is_some_and(|b| matches!(b, b'/' | b'\\'));
    if path_absolute && let Ok(url) = reqwest::Url::options().base_url(Some(base)).parse(text) {
        return Some(url);
    }
    if path.contains(['?', '#']) {
        return None;
    }
    let mut url = base.clone();
    url.set_path(path);
    if let Some(query) = query {
        url.set_query(Some(query));
    }
    Some(url)
}

/// Settings for a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    extra_roots: Vec<Vec<u8>>,
    max_response_body: usize,
    retry: Option<RetryPolicy>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("meeting-api/", env!("CARGO_PKG_VERSION")).to_owned(),
            extra_roots: Vec::new(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            retry: None,
        }
    }
}

impl ClientBuilder {
    /// Sends every request to this base URL (scheme, host, optional port
    /// and path prefix) instead of each spec's `server`.
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The longest a whole call may take, connection included.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The longest response body the client reads, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`]); a longer one is a
    /// [`BodyTooLarge`](crate::BodyTooLarge) error, and is not read beyond
    /// the limit.
    #[must_use]
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Sends a request again on a retryable outcome, as `policy` says
    /// (see [`RetryPolicy`]). By default a request is sent once.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Trusts the certificates of a PEM file besides the Mozilla roots,
    /// for a private CA or a self-signed test server.
    #[must_use]
    pub fn add_root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(pem.into());
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, ClientError> {
        let parsed_base = match &self.base_url {
            Some(url) => Some(reqwest::Url::parse(url).map_err(|source| ClientError::BaseUrl {
                url: url.clone(),
                source,
            })?),
            None => None,
        };
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(self.tls_config()?)
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            // The Meeting API does not redirect: a 3xx is returned as it
            // came, so that no secret goes to another server, and no
            // `Referer` carries the query anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .build()
            .map_err(ClientError::Http)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url,
                parsed_base: parsed_base.filter(settable_base),
                servers: Servers::default(),
                max_response_body: self.max_response_body,
                retry: self.retry,
            }),
        })
    }

    /// rustls with the ring provider: no OpenSSL, no C toolchain beyond ring.
    fn tls_config(&self) -> Result<rustls::ClientConfig, ClientError> {
        let mut roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        for pem in &self.extra_roots {
            for cert in rustls::pki_types::CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(ClientError::Pem)?;
                roots.add(cert).map_err(ClientError::Certificate)?;
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(ClientError::Tls)?
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }
}

/// Why a [`Client`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The base URL does not parse.
    #[error("base URL `{url}` is not a valid URL: {source}")]
    BaseUrl {
        /// The URL given.
        url: String,
        /// What is wrong.
        source: url::ParseError,
    },
    /// A PEM file given as root certificates could not be read.
    #[error("cannot read the root certificates: {0}")]
    Pem(#[source] rustls::pki_types::pem::Error),
    /// A root certificate was read but is not usable.
    #[error("cannot trust the root certificate: {0}")]
    Certificate(#[source] rustls::Error),
    /// TLS could not be set up.
    #[error("cannot set up TLS: {0}")]
    Tls(#[source] rustls::Error),
    /// The HTTP stack could not be set up.
    #[error("cannot set up the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Setting the path and query on a parsed base gives the URL that
    /// parsing the joined text gives, which is what it replaces.
    #[test]
    fn a_url_from_a_parsed_base_is_the_url_of_the_joined_text() {
        let bases = [
            "https://api.meeting.huaweicloud.com",
            "https://api.meeting.huaweicloud.com/",
            "http://127.0.0.1:9",
            "https://h.example:8443/prefix",
            "https://h.example/prefix//",
            "https://user@H.Example/a%20b",
            "https://h.example//double",
            "http://[::1]:8080/p/",
            "foo://h.example/p",
        ];
        // Values that need no escape, values to escape, and (`*`) no query.
        let values = ["914083136", "Abc-1.2_3", "a b/c?d#e", "ü%41", "x+y&z=1", "~-._", "*"];
        // A template may hold a `?` or `#` (a spec's may not).
        let templates = [
            "/v1/rooms/{roomID}/hands",
            "/v1/rooms/{roomID}?fixed=1",
            "/v1/rooms/{roomID}#top",
        ];
        let cases = bases
            .iter()
            .flat_map(|base| templates.iter().map(move |template| (base, template)));
        for ((base, template), value) in cases.flat_map(|case| values.iter().map(move |value| (case, value))) {
            let mut parts = RequestParts::new(template);
            parts.path("roomID", &value.to_string(), false);
            if *value != "*" {
                parts.query("q", &value.to_string(), false);
                parts.query("conferenceID", &"914083136".to_owned(), false);
            }
            let parsed = reqwest::Url::parse(base).unwrap();
            assert!(
                settable_base(&parsed) && settable_path(parts.filled_path()),
                "{base} {value}"
            );
            let path_and_query = parts.path_and_query();
            let joined = format!("{}{path_and_query}", base.trim_end_matches('/'));
            let joined = reqwest::Url::parse(&joined).unwrap();
            let wire = parts.take_wire();
            assert_eq!(wire.target, path_and_query);
            match url_from_base(&parsed, &wire) {
                Some(url) => assert_eq!(url, joined, "{base} {template} {value}"),
                // Only a path that is set, not parsed, is left to the text.
                None => assert!(
                    base.ends_with("//double") && template.contains(['?', '#']),
                    "{base} {template} {value}"
                ),
            }
        }
    }

    #[test]
    fn a_server_is_parsed_once_and_one_that_does_not_parse_is_left_to_the_text_path() {
        let servers = Servers::default();
        let wire = RequestParts::new("/v1/x").take_wire();
        let url = |server| servers.url(server, &wire);
        let first = url("https://api.meeting.huaweicloud.com");
        assert_eq!(
            first.map(String::from).as_deref(),
            Some("https://api.meeting.huaweicloud.com/v1/x")
        );
        assert!(url("not a url").is_none());
        assert!(url("https://h.example/?q=1").is_none(), "a base with a query");
        url("https://api.meeting.huaweicloud.com");
        assert_eq!(servers.parsed.len(), 3);
    }
}
