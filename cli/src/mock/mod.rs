//! `meeting-api mock`: a server of one or more specs that validates every
//! request against its spec and answers the way the service does.
//!
//! Stages, one module each: [`route`] finds the spec of a request,
//! [`validate`] reads its params against the spec, [`auth`] checks its
//! token under strict auth, [`answer`] picks the documented response (into
//! which [`auth`] writes a fresh token for a login), [`server`] puts it on
//! the wire (HTTP or, with [`tls`], HTTPS) and [`log`] writes one line per
//! request, with the target as [`redact`] shows it and every quote of the
//! request cut as [`clip`] cuts it.

pub mod answer;
pub mod auth;
pub mod clip;
pub mod log;
pub mod redact;
pub mod route;
pub mod server;
pub mod tls;
pub mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use http::header::{ALLOW, HeaderMap, HeaderValue};
use http::{Method, StatusCode, Uri};
use meeting_api_spec::Spec;

use answer::{Answers, Prepared};
use auth::{Auth, AuthOptions};
use redact::Redactor;
use route::{Route, Routes};
use validate::{Incoming, Rejection};

/// What the server does with every request: everything but the wire.
#[derive(Debug)]
pub struct Mock {
    specs: Vec<Spec>,
    answers: Vec<Answers>,
    /// What validation looks up, prepared per spec.
    plans: Vec<validate::Plan>,
    routes: Routes,
    redactor: Redactor,
    auth: Auth,
}

/// The mock's answer to one request, with what the log says of it.
#[derive(Debug)]
pub struct Reply {
    /// The response to send.
    pub response: Prepared,
    /// The request's path and query, secret values redacted, cut to
    /// [`clip::MAX_TARGET`] bytes.
    pub target: String,
    /// Why the request was refused, when it was; it names a few faults and
    /// counts the others.
    pub reason: Option<String>,
}

impl Mock {
    /// A mock of `specs` that mints tokens but checks none
    /// ([`AuthOptions::default`]). A path served by several specs goes to
    /// the first that fits.
    pub fn new(specs: Vec<Spec>) -> Self {
        Self::with_auth(specs, AuthOptions::default())
    }

    /// A mock of `specs` that treats tokens as `auth` says.
    pub fn with_auth(specs: Vec<Spec>, auth: AuthOptions) -> Self {
        let answers = specs.iter().map(Answers::new).collect();
        let plans = specs.iter().map(validate::Plan::new).collect();
        let routes = Routes::new(&specs);
        let redactor = Redactor::new(&specs, &routes);
        let auth = Auth::new(&specs, auth);
        Self {
            specs,
            answers,
            plans,
            routes,
            redactor,
            auth,
        }
    }

    /// The specs served, in order.
    pub fn specs(&self) -> &[Spec] {
        &self.specs
    }

    /// What the specs document but the mock cannot answer with, one line
    /// each.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.answers.iter().flat_map(|a| a.warnings.iter().map(String::as_str))
    }

    /// The answer to a request.
    pub fn reply(&self, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Reply {
        let path = uri.path();
        let (index, captures) = match self.routes.find(method.as_str(), path) {
            Route::Found(index, captures) => (index, captures),
            Route::MethodNotAllowed(allowed) => {
                let target = self.other_method_target(uri);
                let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
                let message = format!(
                    "{} is not served at {}; allowed: {}",
                    clip::cut(method.as_str(), clip::MAX_QUOTED),
                    path_of(&target),
                    list.join(", ")
                );
                let mut response = answer::error(StatusCode::METHOD_NOT_ALLOWED, &message);
                if let Ok(allow) = HeaderValue::try_from(list.join(", ")) {
                    response.headers.insert(ALLOW, allow);
                }
                return refused(response, target, "method not allowed");
            }
            Route::NotFound => {
                let target = self.redactor.unserved(uri);
                let message = format!("no endpoint is served at {}", path_of(&target));
                let response = answer::error(StatusCode::NOT_FOUND, &message);
                return refused(response, target, "no such path");
            }
        };
        let spec = &self.specs[index];
        let target = self.redactor.fitting(uri, redact::secret_ranges(spec, &captures));
        let path_values: Vec<(&str, &str)> = captures.iter().map(|c| (c.name, &path[c.range.clone()])).collect();
        let incoming = Incoming {
            path: &path_values,
            query: uri.query(),
            headers,
            body,
        };
        match validate::validate_with(spec, &self.plans[index], &incoming) {
            Ok(values) => {
                // A token is judged once the request fits its spec: the
                // conference it is for is one of its params.
                if let Err(refusal) = self.auth.admit(index, &values) {
                    return refused(refusal.response(), target, refusal.reason.to_string());
                }
                let chosen = self.answers[index].choose(spec, &values);
                match self.auth.answer(index, &values, chosen) {
                    Ok(response) => Reply {
                        response,
                        target,
                        reason: None,
                    },
                    Err(error) => {
                        let response = answer::error(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string());
                        refused(response, target, error.to_string())
                    }
                }
            }
            Err(rejection) => {
                let status = match rejection {
                    Rejection::Unauthorized(_) => StatusCode::UNAUTHORIZED,
                    Rejection::Invalid(_) => StatusCode::BAD_REQUEST,
                };
                let reason = rejection.to_string();
                refused(answer::error(status, &reason), target, reason)
            }
        }
    }

    /// The request's target as the log shows it, secret values redacted;
    /// for requests refused before their spec was known.
    pub fn target(&self, method: &Method, uri: &Uri) -> String {
        match self.routes.find(method.as_str(), uri.path()) {
            Route::Found(index, captures) => self
                .redactor
                .fitting(uri, redact::secret_ranges(&self.specs[index], &captures)),
            Route::MethodNotAllowed(_) => self.other_method_target(uri),
            Route::NotFound => self.redactor.unserved(uri),
        }
    }

    /// The target of a path served under other methods: the secret values
    /// of every template it fits are hidden.
    fn other_method_target(&self, uri: &Uri) -> String {
        let secrets = self
            .specs
            .iter()
            .zip(self.routes.templates())
            .filter_map(|(spec, template)| Some(redact::secret_ranges(spec, &template.matches(uri.path())?)))
            .flatten()
            .collect();
        self.redactor.fitting(uri, secrets)
    }
}

/// The path part of a logged target: error messages quote the client's
/// path with its secret values redacted too, since its tools may log them.
fn path_of(target: &str) -> &str {
    target.split_once('?').map_or(target, |(path, _)| path)
}

fn refused(response: Prepared, target: String, reason: impl Into<String>) -> Reply {
    Reply {
        response,
        target,
        reason: Some(reason.into()),
    }
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
    /// What any one client may hold of the server.
    pub limits: Limits,
    /// How tokens are minted and checked.
    pub auth: AuthOptions,
}

/// The server's limits on its clients, as hyper's own options are: each
/// bounds what a slow or hostile client can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most connections served at once. When all are taken the server
    /// accepts no more until one closes: the next clients wait in the
    /// system's listen queue instead of being dropped.
    pub max_connections: usize,
    /// How long a client may take over a TLS handshake, or over a
    /// request's headers (an idle kept-alive connection included).
    pub header_timeout: Duration,
    /// How long a client may take over a request's whole body, from the
    /// end of its headers; after it the answer is 408 and the connection
    /// closes.
    pub body_timeout: Duration,
}

impl Default for Limits {
    /// 512 connections, under the common limit of 1,024 open files; 10 s
    /// for headers and 30 s for a body, ages for a client on the same host.
    fn default() -> Self {
        Self {
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
        }
    }
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
    /// The runtime could not start, or the address could not be read back.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves `specs` until interrupted (Ctrl-C or SIGTERM), printing the
/// address it listens on to stdout and one line per request to stderr.
pub fn run(specs: Vec<Spec>, options: Options) -> Result<(), MockError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let mock = Mock::with_auth(specs, options.auth);
    runtime.block_on(server::run(mock, options))
}
