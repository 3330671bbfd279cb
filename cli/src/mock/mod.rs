//! `meeting-api mock`: a server of one or more specs that validates every
//! request against its spec and answers the way the service does.
//!
//! Stages, one module each: [`route`] finds the spec of a request,
//! [`validate`] reads its params against the spec, [`answer`] picks the
//! documented response, [`server`] puts it on the wire (HTTP or, with
//! [`tls`], HTTPS) and [`log`] writes one line per request.

pub mod answer;
pub mod log;
pub mod route;
pub mod server;
pub mod tls;
pub mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;

use http::header::{ALLOW, HeaderMap, HeaderValue};
use http::{Method, StatusCode, Uri};
use meeting_api_spec::{ParamIn, Spec};

use answer::{Answers, Prepared};
use route::{Route, Routes};
use validate::{Incoming, Rejection};

/// What the server does with every request: everything but the wire.
#[derive(Debug)]
pub struct Mock {
    specs: Vec<Spec>,
    answers: Vec<Answers>,
    routes: Routes,
}

/// The mock's answer to one request, with what the log says of it.
#[derive(Debug)]
pub struct Reply {
    /// The response to send.
    pub response: Prepared,
    /// The request's path and query, secret values redacted.
    pub target: String,
    /// Why the request was refused, when it was.
    pub reason: Option<String>,
}

impl Mock {
    /// A mock of `specs`. A path served by several specs goes to the first
    /// that fits.
    pub fn new(specs: Vec<Spec>) -> Self {
        let answers = specs.iter().map(Answers::new).collect();
        let routes = Routes::new(&specs);
        Self { specs, answers, routes }
    }

    /// The specs served, in order.
    pub fn specs(&self) -> &[Spec] {
        &self.specs
    }

    /// What the specs document but the mock cannot send, one line each.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.answers.iter().flat_map(|a| a.skipped.iter().map(String::as_str))
    }

    /// The answer to a request.
    pub fn reply(&self, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Reply {
        let path = uri.path();
        let (index, path_values) = match self.routes.find(method.as_str(), path) {
            Route::Found(index, values) => (index, values),
            Route::MethodNotAllowed(allowed) => {
                let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
                let mut response = answer::error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    &format!("{method} is not served at {path}; allowed: {}", list.join(", ")),
                );
                if let Ok(allow) = HeaderValue::try_from(list.join(", ")) {
                    response.headers.insert(ALLOW, allow);
                }
                return refused(response, self.unrouted_target(uri), "method not allowed");
            }
            Route::NotFound => {
                let response = answer::error(StatusCode::NOT_FOUND, &format!("no endpoint is served at {path}"));
                return refused(response, self.unrouted_target(uri), "no such path");
            }
        };
        let spec = &self.specs[index];
        let target = redacted_target(spec, &path_values, uri);
        let incoming = Incoming {
            path: &path_values,
            query: uri.query(),
            headers,
            body,
        };
        match validate::validate(spec, &incoming) {
            Ok(values) => Reply {
                response: self.answers[index].choose(spec, &values).clone(),
                target,
                reason: None,
            },
            Err(rejection) => {
                let status = match rejection {
                    Rejection::Unauthorized(_) => StatusCode::UNAUTHORIZED,
                    Rejection::Invalid(_) => StatusCode::BAD_REQUEST,
                };
                let reason = rejection.to_string();
                Reply {
                    response: answer::error(status, &reason),
                    target,
                    reason: Some(reason),
                }
            }
        }
    }
}

fn refused(response: Prepared, target: String, reason: &str) -> Reply {
    Reply {
        response,
        target,
        reason: Some(reason.to_owned()),
    }
}

impl Mock {
    /// The target of a request that no spec takes (404, 405), with what
    /// any served spec would hide: the secret values of the first spec
    /// whose path fits, and the values of every spec's secret query params.
    fn unrouted_target(&self, uri: &Uri) -> String {
        let raw_path = uri.path();
        let path = self
            .specs
            .iter()
            .find_map(|spec| {
                let template = route::Template::new(&spec.path);
                let values = template.matches(raw_path)?;
                Some(redacted_path(spec, &values, raw_path))
            })
            .unwrap_or_else(|| raw_path.to_owned());
        let secret = |name: &str| self.specs.iter().any(|spec| is_secret(spec, ParamIn::Query, name));
        match uri.query() {
            Some(query) => format!("{path}?{}", redacted_query(query, secret)),
            None => path,
        }
    }
}

fn is_secret(spec: &Spec, location: ParamIn, name: &str) -> bool {
    spec.param(location, name).is_some_and(|p| p.field.schema.secret)
}

/// What stands in for a secret value in the log.
const REDACTED: &str = "[redacted]";

/// The path and query with the values of secret params replaced, so that
/// the log never shows a credential. `path_values` are slices of the path.
fn redacted_target(spec: &Spec, path_values: &[(&str, &str)], uri: &Uri) -> String {
    let path = redacted_path(spec, path_values, uri.path());
    match uri.query() {
        Some(query) => format!(
            "{path}?{}",
            redacted_query(query, |name| is_secret(spec, ParamIn::Query, name))
        ),
        None => path,
    }
}

/// `raw_path` with the values of `spec`'s secret path params replaced;
/// `path_values` are slices of `raw_path`.
fn redacted_path(spec: &Spec, path_values: &[(&str, &str)], raw_path: &str) -> String {
    let mut path = raw_path.to_owned();
    // From the last value back, so that earlier offsets stay true.
    for (_, raw) in path_values
        .iter()
        .rev()
        .filter(|(name, _)| is_secret(spec, ParamIn::Path, name))
    {
        let start = raw.as_ptr() as usize - raw_path.as_ptr() as usize;
        path.replace_range(start..start + raw.len(), REDACTED);
    }
    path
}

/// `query` with the values of the params that `secret` names replaced.
fn redacted_query(query: &str, secret: impl Fn(&str) -> bool) -> String {
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| {
            let (key, _) = pair.split_once('=').unwrap_or((pair, ""));
            let name = form_urlencoded::parse(key.as_bytes()).next().map(|(name, _)| name);
            if name.is_some_and(|name| secret(&name)) {
                format!("{key}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    pairs.join("&")
}

/// How to serve.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// Serve HTTPS with a certificate made up at start.
    pub tls_self_signed: bool,
    /// Where to write that certificate, as PEM.
    pub cert_out: Option<PathBuf>,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// TLS could not be set up.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    /// The certificate could not be written.
    #[error("cannot write the certificate to {}: {source}", path.display())]
    CertOut {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The runtime could not start, or accepting connections failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves `specs` until interrupted (Ctrl-C or SIGTERM), printing the
/// address it listens on to stdout and one line per request to stderr.
pub fn run(specs: Vec<Spec>, options: Options) -> Result<(), MockError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(server::run(Mock::new(specs), options))
}
