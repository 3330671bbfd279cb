//! The mock on the wire: HTTP/1.1 with hyper on tokio, optionally behind
//! TLS, one task per connection, within the [`Limits`] of its options: a
//! client can hold a connection, and the server's files, only so long and
//! only so many.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::{CONNECTION, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use super::log::AccessLog;
use super::{Limits, Mock, MockError, Options, Reply, answer, clip, tls};

/// The header that carries the request's ID, parsed once.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The largest body the mock reads; the service's bodies are small.
const BODY_LIMIT: usize = 1024 * 1024;

/// The first pause after a failed `accept`, doubled on each failure in a
/// row up to [`LAST_BACKOFF`]: out of files, the server waits for some to
/// close rather than spin or stop.
const FIRST_BACKOFF: Duration = Duration::from_millis(10);

/// The longest pause after a failed `accept`.
const LAST_BACKOFF: Duration = Duration::from_secs(1);

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
    tokio::select! {
        () = serve(listener, Arc::new(mock), tls, log.clone(), options.limits) => {}
        () = shutdown() => {}
    }
    // The lines of the last requests may still wait for the writer.
    log.flush();
    Ok(())
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

/// Accepts connections on `listener`, at most `limits.max_connections` at
/// once, for as long as the future is polled: no failure of `accept` ends
/// it, since a client can cause one (by holding every file the process may
/// open).
pub async fn serve(listener: TcpListener, mock: Arc<Mock>, tls: Option<TlsAcceptor>, log: AccessLog, limits: Limits) {
    let ids = Arc::new(RequestIds::new());
    let slots = Arc::new(Semaphore::new(limits.max_connections.clamp(1, Semaphore::MAX_PERMITS)));
    loop {
        let Some(slot) = free_slot(&slots, &log, limits.max_connections).await else {
            return;
        };
        let stream = accept(&listener, &log).await;
        // Answers are small and written at once: send them now.
        let _ = stream.set_nodelay(true);
        let (mock, tls, log, ids) = (mock.clone(), tls.clone(), log.clone(), ids.clone());
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    // A client that never finishes its handshake gives up its task.
                    let handshake = tokio::time::timeout(limits.header_timeout, acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        connection(stream, mock, log, ids, limits).await;
                    }
                }
                None => connection(stream, mock, log, ids, limits).await,
            }
            drop(slot);
        });
    }
}

/// A slot for one more connection, once one is free; the log says when the
/// server is full, once each time it fills. `None` only if the semaphore
/// were closed, which it never is.
async fn free_slot(slots: &Arc<Semaphore>, log: &AccessLog, max: usize) -> Option<tokio::sync::OwnedSemaphorePermit> {
    if let Ok(slot) = slots.clone().try_acquire_owned() {
        return Some(slot);
    }
    log.line(format!(
        "warning: {max} connections open (--max-connections): accepting more once one closes"
    ));
    slots.clone().acquire_owned().await.ok()
}

/// The next connection. A failure is logged and retried after a pause
/// that grows while failures go on, so that a full file table neither
/// stops the server nor has it spin.
async fn accept(listener: &TcpListener, log: &AccessLog) -> TcpStream {
    let mut pause = FIRST_BACKOFF;
    loop {
        match listener.accept().await {
            Ok((stream, _)) => return stream,
            Err(error) => {
                log.line(format!(
                    "warning: cannot accept a connection: {error}; trying again in {pause:?}"
                ));
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(LAST_BACKOFF);
            }
        }
    }
}

async fn connection(
    stream: impl AsyncRead + AsyncWrite + Unpin + Send + 'static,
    mock: Arc<Mock>,
    log: AccessLog,
    ids: Arc<RequestIds>,
    limits: Limits,
) {
    let service = service_fn(move |request| {
        let (mock, log, ids) = (mock.clone(), log.clone(), ids.clone());
        async move { Ok::<_, Infallible>(handle(&mock, &log, &ids, limits.body_timeout, request).await) }
    });
    // A client that goes away mid-request is its own business.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn handle(
    mock: &Mock,
    log: &AccessLog,
    ids: &RequestIds,
    body_timeout: Duration,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    // One deadline for the whole body: a client that trickles it a byte at
    // a time must not hold its connection for longer than one that stalls.
    let read = tokio::time::timeout(body_timeout, Limited::new(body, BODY_LIMIT).collect()).await;
    let reply = match read {
        Ok(Ok(body)) => mock.reply(&parts.method, &parts.uri, &parts.headers, &body.to_bytes()),
        Ok(Err(error)) => {
            let (status, why) = match error.downcast::<http_body_util::LengthLimitError>() {
                Ok(_) => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the body is over {BODY_LIMIT} bytes"),
                ),
                Err(error) => (StatusCode::BAD_REQUEST, format!("the body could not be read: {error}")),
            };
            unread(mock, &parts, status, why)
        }
        Err(_) => {
            let why = format!("the body did not arrive within {body_timeout:?} (--body-timeout)");
            let mut reply = unread(mock, &parts, StatusCode::REQUEST_TIMEOUT, why);
            // The rest of the body may still come; the connection cannot
            // carry another request.
            reply
                .response
                .headers
                .insert(CONNECTION, HeaderValue::from_static("close"));
            reply
        }
    };
    let mut response = Response::new(Full::new(reply.response.body));
    *response.status_mut() = reply.response.status;
    *response.headers_mut() = reply.response.headers;
    response.headers_mut().entry(REQUEST_ID).or_insert_with(|| ids.next());
    let line = log_line(
        &parts.method,
        &reply.target,
        reply.response.status,
        started.elapsed(),
        reply.reason.as_deref(),
    );
    log.line(line);
    response
}

/// One access log line: method (cut), target, status, latency in
/// milliseconds with three decimals and, for a refusal, ` - ` and the
/// reason. Written piece by piece into one buffer of the right size, the
/// latency from whole microseconds: no float formatting, no second copy.
fn log_line(
    method: &http::Method,
    target: &str,
    status: StatusCode,
    latency: Duration,
    reason: Option<&str>,
) -> String {
    let method = clip::cut(method.as_str(), clip::MAX_QUOTED);
    let reason_len = reason.map_or(0, |r| r.len() + 3);
    let mut line = String::with_capacity(method.len() + target.len() + 24 + reason_len);
    line.push_str(&method);
    line.push(' ');
    line.push_str(target);
    line.push(' ');
    line.push_str(status.as_str());
    line.push(' ');
    let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
    // `write!` to a `String` cannot fail.
    let _ = write!(line, "{}", micros / 1000);
    let fraction = micros % 1000;
    line.push('.');
    for digit in [fraction / 100, fraction / 10 % 10, fraction % 10] {
        line.push(char::from(b'0' + digit as u8));
    }
    line.push_str("ms");
    if let Some(reason) = reason {
        line.push_str(" - ");
        line.push_str(reason);
    }
    line
}

/// The refusal of a request whose body was not read whole.
fn unread(mock: &Mock, parts: &http::request::Parts, status: StatusCode, why: String) -> Reply {
    Reply {
        response: answer::error(status, &why),
        target: mock.target(&parts.method, &parts.uri),
        reason: Some(why),
    }
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
        // 32 hex digits written out, not formatted with padding.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut id = [0u8; 32];
        for (i, byte) in id.iter_mut().enumerate() {
            let word = if i < 16 { self.prefix } else { count };
            let shift = 4 * (15 - i % 16);
            *byte = HEX[((word >> shift) & 0xf) as usize];
        }
        HeaderValue::from_bytes(&id).unwrap_or(HeaderValue::from_static("0"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_give_the_latency_in_milliseconds_with_three_decimals() {
        let line = log_line(
            &http::Method::PUT,
            "/x?a=1",
            StatusCode::OK,
            Duration::from_nanos(1_234_567),
            None,
        );
        assert_eq!(line, "PUT /x?a=1 200 1.234ms");
        let line = log_line(
            &http::Method::GET,
            "/",
            StatusCode::BAD_REQUEST,
            Duration::from_micros(5),
            Some("why"),
        );
        assert_eq!(line, "GET / 400 0.005ms - why");
    }

    #[test]
    fn request_ids_are_the_prefix_and_count_in_hex() {
        let ids = RequestIds {
            prefix: 0x0123_4567_89ab_cdef,
            count: AtomicU64::new(0x2a),
        };
        let expected = format!("{:016x}{:016x}", ids.prefix, 0x2a);
        assert_eq!(ids.next().to_str().unwrap(), expected);
        assert_eq!(
            ids.next().to_str().unwrap(),
            format!("{:016x}{:016x}", ids.prefix, 0x2b)
        );
    }
}
