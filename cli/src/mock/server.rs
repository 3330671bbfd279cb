//! The mock on the wire: HTTP/1.1 with hyper on tokio, optionally behind
//! TLS, one task per connection.

use std::convert::Infallible;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::HeaderValue;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use super::log::AccessLog;
use super::{Mock, MockError, Options, Reply, answer, tls};

/// The largest body the mock reads; the service's bodies are small.
const BODY_LIMIT: usize = 1024 * 1024;

/// How long a client may take over a TLS handshake or a request's headers.
const PATIENCE: Duration = Duration::from_secs(10);

/// Binds, tells stdout where, and serves until Ctrl-C or SIGTERM.
pub async fn run(mock: Mock, options: Options) -> Result<(), MockError> {
    let listener = TcpListener::bind(options.addr)
        .await
        .map_err(|source| MockError::Bind {
            addr: options.addr,
            source,
        })?;
    let tls = if options.tls_self_signed {
        let (acceptor, pem) = tls::self_signed()?;
        if let Some(path) = &options.cert_out {
            std::fs::write(path, pem).map_err(|source| MockError::CertOut {
                path: path.clone(),
                source,
            })?;
        }
        Some(acceptor)
    } else {
        None
    };
    announce(&mock, &listener, tls.is_some())?;
    let log = AccessLog::spawn(std::io::stderr());
    for warning in mock.warnings() {
        log.line(format!("warning: {warning}"));
    }
    let result = tokio::select! {
        result = serve(listener, Arc::new(mock), tls, log.clone()) => result.map_err(MockError::Io),
        () = shutdown() => Ok(()),
    };
    // The lines of the last requests may still wait for the writer.
    log.flush();
    result
}

/// The first line on stdout is the base URL, for people and for programs
/// that started the mock on port 0; the served endpoints follow.
fn announce(mock: &Mock, listener: &TcpListener, tls: bool) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let scheme = if tls { "https" } else { "http" };
    let mut text = format!("listening on {scheme}://{addr}\n");
    for spec in mock.specs() {
        text.push_str(&format!("  {} {} ({})\n", spec.method.as_str(), spec.path, spec.name));
    }
    // One write, and its failure ignored: a program that reads the first
    // line and closes the pipe must not stop the server.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// Accepts connections on `listener` until it fails.
pub async fn serve(
    listener: TcpListener,
    mock: Arc<Mock>,
    tls: Option<TlsAcceptor>,
    log: AccessLog,
) -> std::io::Result<()> {
    let ids = Arc::new(RequestIds::new());
    loop {
        let (stream, _) = listener.accept().await?;
        // Answers are small and written at once: send them now.
        let _ = stream.set_nodelay(true);
        let (mock, tls, log, ids) = (mock.clone(), tls.clone(), log.clone(), ids.clone());
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    // A client that never finishes its handshake gives up its task.
                    if let Ok(Ok(stream)) = tokio::time::timeout(PATIENCE, acceptor.accept(stream)).await {
                        connection(stream, mock, log, ids).await;
                    }
                }
                None => connection(stream, mock, log, ids).await,
            }
        });
    }
}

async fn connection(
    stream: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
    mock: Arc<Mock>,
    log: AccessLog,
    ids: Arc<RequestIds>,
) {
    let service = service_fn(move |request| {
        let (mock, log, ids) = (mock.clone(), log.clone(), ids.clone());
        async move { Ok::<_, Infallible>(handle(&mock, &log, &ids, request).await) }
    });
    // A client that goes away mid-request is its own business.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(PATIENCE)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn handle(mock: &Mock, log: &AccessLog, ids: &RequestIds, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let reply = match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(body) => mock.reply(&parts.method, &parts.uri, &parts.headers, &body.to_bytes()),
        Err(error) => {
            let (status, why) = match error.downcast::<http_body_util::LengthLimitError>() {
                Ok(_) => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the body is over {BODY_LIMIT} bytes"),
                ),
                Err(error) => (StatusCode::BAD_REQUEST, format!("the body could not be read: {error}")),
            };
            Reply {
                response: answer::error(status, &why),
                target: mock.target(&parts.method, &parts.uri),
                reason: Some(why),
            }
        }
    };
    let mut response = Response::new(Full::new(reply.response.body));
    *response.status_mut() = reply.response.status;
    *response.headers_mut() = reply.response.headers;
    response
        .headers_mut()
        .entry("x-request-id")
        .or_insert_with(|| ids.next());
    let mut line = format!(
        "{} {} {} {:.3}ms",
        parts.method,
        reply.target,
        reply.response.status.as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    if let Some(reason) = reply.reason {
        line.push_str(" - ");
        line.push_str(&reason);
    }
    log.line(line);
    response
}

/// `X-Request-Id` values like the service's: 32 hex digits, unique per
/// process run.
struct RequestIds {
    prefix: u64,
    count: AtomicU64,
}

impl RequestIds {
    fn new() -> Self {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Self {
            prefix: now.as_nanos() as u64,
            count: AtomicU64::new(0),
        }
    }

    fn next(&self) -> HeaderValue {
        let count = self.count.fetch_add(1, Ordering::Relaxed);
        let id = format!("{:016x}{count:016x}", self.prefix);
        HeaderValue::try_from(id).unwrap_or(HeaderValue::from_static("0"))
    }
}
