//! The client: one connection pool, a base URL and timeouts, shared by
//! every operation of every spec.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use reqwest::Method;
use reqwest::header::HeaderMap;
use rustls::pki_types::pem::PemObject;
use tracing::Instrument;

use crate::error::{BodyTooLarge, Failure, InvalidRequest, KEPT_BODY_START, TransportError};
use crate::operation::{Operation, OperationInfo, RawResponse, RequestParts, Response};
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

/// A request written and checked, ready for each attempt.
struct Prepared {
    method: Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<Bytes>,
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

    /// Sends `request` and decodes the response into its documented outcome.
    pub async fn send<O: Operation>(&self, request: O) -> Result<Response<O::Response>, O::Error> {
        self.send_with(request, &SessionValues::new()).await
    }

    /// [`send`](Self::send), with the params that the request leaves to a
    /// session (`session:` in its spec) filled from `values`; a param the
    /// request sets is sent as set.
    pub async fn send_with<O: Operation>(
        &self,
        request: O,
        values: &SessionValues,
    ) -> Result<Response<O::Response>, O::Error> {
        self.execute_with(&request, values).await?.into_response::<O>()
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
    /// The request's params are written when `execute` is called; the
    /// future only sends them.
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
        self.call(O::INFO, parts)
    }

    async fn call(&self, info: OperationInfo, parts: RequestParts) -> Result<RawResponse, Failure> {
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
        let started = Instant::now();
        // No subscriber takes the span: nothing to enter, nothing to
        // record, and no header to look up for it.
        if span.is_disabled() {
            return self.attempts(&info, parts, started).await.0;
        }
        let (outcome, attempts) = self.attempts(&info, parts, started).instrument(span.clone()).await;
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

    /// Sends `request` once, or as often as the retry policy allows;
    /// returns the last outcome and how many attempts were made (0 when
    /// the request could not be built).
    async fn attempts(
        &self,
        info: &OperationInfo,
        parts: RequestParts,
        started: Instant,
    ) -> (Result<RawResponse, Failure>, u32) {
        let prepared = match self.prepare(info, parts) {
            Ok(prepared) => prepared,
            Err(invalid) => return (Err(invalid.into()), 0),
        };
        let Some(policy) = self.inner.retry.as_ref().filter(|policy| policy.covers(&info.method)) else {
            // Sent once: the request moves into reqwest, nothing is copied.
            return (self.attempt(prepared.into_request()).await, 1);
        };
        let mut attempt = 1;
        loop {
            let outcome = self.attempt(prepared.to_request()).await;
            let Some((cause, wait)) = Cause::of(&outcome).and_then(|cause| {
                let wait = policy.wait(attempt, &cause, started.elapsed())?;
                Some((cause, wait))
            }) else {
                return (outcome, attempt);
            };
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            tracing::debug!(attempt, %cause, wait_ms, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The request as it goes on the wire, checked once and sent by each
    /// attempt: its body is shared, not copied.
    fn prepare(&self, info: &OperationInfo, parts: RequestParts) -> Result<Prepared, InvalidRequest> {
        let parts = parts.into_checked()?;
        let url = self.url(info, &parts)?;
        let (headers, body) = parts.into_parts();
        Ok(Prepared {
            method: info.method.clone(),
            url,
            headers,
            body: body.map(Bytes::from),
        })
    }

    /// One attempt: sends the request and reads the response.
    async fn attempt(&self, request: reqwest::Request) -> Result<RawResponse, Failure> {
        let response = self.inner.http.execute(request).await.map_err(TransportError::new)?;
        self.read(response).await
    }

    /// Reads the body up to the limit: refused unread when `Content-Length`
    /// announces more, and cut off once more arrives, so that a server
    /// cannot make the client hold more than the limit.
    async fn read(&self, mut response: reqwest::Response) -> Result<RawResponse, Failure> {
        let limit = self.inner.max_response_body;
        let status = response.status();
        // Taken, not cloned: reading the body needs no header (the length
        // comes from the body's size hint).
        let headers = std::mem::take(response.headers_mut());
        let advertised = response.content_length();
        let too_large = |headers, start: &[u8]| BodyTooLarge::new(status, headers, limit, advertised, start);
        if advertised.is_some_and(|length| length > limit as u64) {
            return Err(too_large(headers, &[]).into());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(TransportError::new)? {
            if chunk.len() > limit - body.len() {
                body.extend_from_slice(&chunk[..chunk.len().min(KEPT_BODY_START)]);
                return Err(too_large(headers, &body).into());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse::new(status, headers, body.freeze()))
    }

    /// The full URL: base, filled path and encoded query. From a base URL
    /// parsed when the client was built, only the path and query are
    /// parsed per call (the scheme and host are not): the same URL as
    /// parsing the joined text, which is what is done otherwise.
    fn url(&self, info: &OperationInfo, parts: &RequestParts) -> Result<reqwest::Url, InvalidRequest> {
        if settable_path(parts.filled_path()) {
            if let Some(base) = &self.inner.parsed_base {
                return Ok(url_from_base(base, parts));
            }
            if let Some(server) = info.server.filter(|_| self.inner.base_url.is_none())
                && let Some(url) = self.inner.servers.url(server, parts)
            {
                return Ok(url);
            }
        }
        let base = self
            .inner
            .base_url
            .as_deref()
            .or(info.server)
            .ok_or(InvalidRequest::NoBaseUrl { operation: info.name })?;
        let text = format!("{}{}", base.trim_end_matches('/'), parts.path_and_query());
        reqwest::Url::parse(&text).map_err(|source| InvalidRequest::Url {
            url: format!("{}{}", base.trim_end_matches('/'), info.path),
            source,
        })
    }
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
    fn url(&self, server: &'static str, parts: &RequestParts) -> Option<reqwest::Url> {
        let parse = |server: &str| Some(reqwest::Url::parse(server).ok().filter(settable_base));
        self.parsed
            .with(server, parse, |base| {
                base.as_ref().map(|base| url_from_base(base, parts))
            })
            .flatten()
    }
}

/// Whether a call's URL can be made from the parsed `base` by setting its
/// path and query: only when the base has neither a query nor a fragment
/// (joined as text, the call's path would land inside them), and has a
/// path to set.
fn settable_base(base: &reqwest::Url) -> bool {
    !base.cannot_be_a_base() && base.query().is_none() && base.fragment().is_none()
}

/// Whether a filled path, set as the URL's path, gives what parsing the
/// joined text would: it must start the path (`/`), and hold no `?` or
/// `#`, which the text would read as the start of a query or fragment.
fn settable_path(path: &str) -> bool {
    path.starts_with('/') && !path.contains(['?', '#'])
}

/// The call's URL from a base that [`settable_base`] accepts: the base's
/// path without its trailing slashes, then the filled path, then the
/// query, as joining the texts would give. That text is parsed as a
/// reference relative to the base, which takes the base's scheme, user and
/// host as they were parsed and parses only the path and query: cheaper
/// than setting the path and then the query, each of which re-parses its
/// part and moves the rest of the serialization.
fn url_from_base(base: &reqwest::Url, parts: &RequestParts) -> reqwest::Url {
    let prefix = base.path().trim_end_matches('/');
    let mut text = String::with_capacity(prefix.len() + parts.filled_path().len() + 1 + parts.query_len());
    text.push_str(prefix);
    text.push_str(parts.filled_path());
    // `//` or, in a special scheme, `/\` would start a network-path
    // reference (a host of its own): such a path is set instead.
    let path_absolute = !text.as_bytes().get(1).is_some_and(|b| matches!(b, b'/' | b'\\'));
    let path_len = text.len();
    if parts.has_query() {
        text.push('?');
        parts.write_query(&mut text);
    }
    if path_absolute && let Ok(url) = reqwest::Url::options().base_url(Some(base)).parse(&text) {
        return url;
    }
    let mut url = base.clone();
    url.set_path(&text[..path_len]);
    if parts.has_query() {
        url.set_query(Some(&text[path_len + 1..]));
    }
    url
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
        let values = ["914083136", "a b/c?d#e", "ü%41", "x+y&z=1", "~-._"];
        for base in bases {
            for value in values {
                let mut parts = RequestParts::new("/v1/rooms/{roomID}/hands");
                parts.path("roomID", &value.to_owned(), false);
                parts.query("q", &value.to_owned(), false);
                parts.query("conferenceID", &"914083136".to_owned(), false);
                let parsed = reqwest::Url::parse(base).unwrap();
                assert!(
                    settable_base(&parsed) && settable_path(parts.filled_path()),
                    "{base} {value}"
                );
                let joined = format!("{}{}", base.trim_end_matches('/'), parts.path_and_query());
                assert_eq!(
                    url_from_base(&parsed, &parts),
                    reqwest::Url::parse(&joined).unwrap(),
                    "{base} {value}"
                );
            }
        }
    }

    #[test]
    fn a_server_is_parsed_once_and_one_that_does_not_parse_is_left_to_the_text_path() {
        let servers = Servers::default();
        let parts = RequestParts::new("/v1/x");
        let first = servers.url("https://api.meeting.huaweicloud.com", &parts);
        assert_eq!(
            first.map(String::from).as_deref(),
            Some("https://api.meeting.huaweicloud.com/v1/x")
        );
        assert!(servers.url("not a url", &parts).is_none());
        assert!(
            servers.url("https://h.example/?q=1", &parts).is_none(),
            "a base with a query"
        );
        servers.url("https://api.meeting.huaweicloud.com", &parts);
        assert_eq!(servers.parsed.len(), 3);
    }
}
