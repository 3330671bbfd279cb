//! `bench-server`: the server side of issue 11's mock target, the
//! documented hands request served two ways under one load generator.
//! A benchmark, not a test: `scripts/bench-server` runs it under wrk and
//! under callgrind and prints the table.
//!
//! - `bench-server hand`: a hand-written hyper 1 server that validates the
//!   hands request (`spec/hands.yaml`) as `meeting-api mock` does, answers
//!   its documented 200, and writes an access log line per request, the
//!   secret names' query values redacted.
//! - `bench-server mock`: the real mock (`meeting_api_cli::mock`) of the
//!   `--spec` files, embedded, its access log to the same kind of file.
//! - `bench-server load <addr> <requests>`: a small hyper client that sends
//!   the hands request `<requests>` times over a few keep-alive connections
//!   and fails on any answer but 200; the fixed count of requests that the
//!   callgrind runs need (wrk counts time, not requests).
//!
//! Both servers run on the runtime `meeting-api mock` runs on (tokio's
//! multi-thread runtime, a worker per core) unless `--workers` says
//! otherwise (`--workers 0`: a current-thread runtime), with the same
//! per-request limits (1 MiB body, body and header timeouts). Each prints
//! `listening on http://ADDR` on stdout and serves until SIGTERM or
//! Ctrl-C, then flushes its log and returns from `main`, so that callgrind
//! writes its counts.

use std::convert::Infallible;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use meeting_api_cli::mock::log::AccessLog;
use meeting_api_cli::mock::{Limits, Mock, server};
use serde::Deserialize;
use tokio::net::{TcpListener, TcpStream};

type BenchError = Box<dyn std::error::Error + Send + Sync>;

const HANDS_PATH: &str = "/v1/mmc/control/conferences/participants/hands";
const HANDS_TARGET: &str = "/v1/mmc/control/conferences/participants/hands?conferenceID=914083136&participantID=d2c3ae64216e11eabc510dc9b62e3a80";
const CONTROL_TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
const SECRET_HEADER: &str = "x-conference-authorization";
/// The documented 200's headers (example `raise-hand`).
const JSON: &str = "application/json;charset=UTF-8";
const REQUEST_ID: &str = "f78b007ec2dabf1498620131c7bc19e0";
/// The mock's body limit and longest logged target, for like for like.
const BODY_LIMIT: usize = 1024 * 1024;
const MAX_TARGET: usize = 1024;

const USAGE: &str = "usage: bench-server hand|mock [--addr ADDR] [--log FILE] [--workers N] [--spec PATH]\n       bench-server load ADDR REQUESTS [--connections N]";

fn main() {
    if let Err(error) = run() {
        eprintln!("bench-server: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), BenchError> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().ok_or(USAGE)?;
    let rest: Vec<String> = args.collect();
    match mode.as_str() {
        "hand" | "mock" => serve_mode(&mode, &ServerArgs::parse(&rest)?),
        "load" => load_mode(&LoadArgs::parse(&rest)?),
        _ => Err(USAGE.into()),
    }
}

/// What `hand` and `mock` are told.
struct ServerArgs {
    addr: SocketAddr,
    log: PathBuf,
    /// `None`: tokio's default, a worker per core, as `meeting-api mock`.
    workers: Option<usize>,
    spec: PathBuf,
}

impl ServerArgs {
    fn parse(args: &[String]) -> Result<Self, BenchError> {
        let mut parsed = Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log: std::env::temp_dir().join("bench-server-access.log"),
            workers: None,
            spec: PathBuf::from("spec"),
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(USAGE)?;
            match flag.as_str() {
                "--addr" => parsed.addr = value.parse()?,
                "--log" => parsed.log = value.into(),
                "--workers" => parsed.workers = Some(value.parse()?),
                "--spec" => parsed.spec = value.into(),
                _ => return Err(USAGE.into()),
            }
        }
        Ok(parsed)
    }

    fn runtime(&self) -> std::io::Result<tokio::runtime::Runtime> {
        match self.workers {
            Some(0) => tokio::runtime::Builder::new_current_thread().enable_all().build(),
            Some(n) => tokio::runtime::Builder::new_multi_thread()
                .worker_threads(n)
                .enable_all()
                .build(),
            None => tokio::runtime::Builder::new_multi_thread().enable_all().build(),
        }
    }
}

fn serve_mode(mode: &str, args: &ServerArgs) -> Result<(), BenchError> {
    let runtime = args.runtime()?;
    let log_file = File::create(&args.log)?;
    runtime.block_on(async {
        let listener = TcpListener::bind(args.addr).await?;
        announce(listener.local_addr()?);
        if mode == "mock" {
            serve_mock(listener, &args.spec, log_file).await
        } else {
            serve_hand(listener, log_file).await
        }
    })
}

/// The first line on stdout, as the mock prints it, for the script.
fn announce(addr: SocketAddr) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on http://{addr}").and_then(|()| out.flush());
}

/// Until SIGTERM or Ctrl-C, whichever comes first.
async fn stopped() {
    let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(signal) => signal,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

// --- mock: the real thing, embedded --------------------------------------------

async fn serve_mock(listener: TcpListener, spec: &std::path::Path, log_file: File) -> Result<(), BenchError> {
    let paths = meeting_api_cli::files::spec_files(&[spec.to_path_buf()])?;
    let specs = meeting_api_cli::files::load_valid(&paths)?;
    let mock = Arc::new(Mock::new(specs));
    let log = AccessLog::spawn(log_file);
    tokio::select! {
        () = server::serve(listener, mock, None, log.clone(), Limits::default()) => {}
        () = stopped() => {}
    }
    log.flush();
    Ok(())
}

// --- hand: what a person would write for this one endpoint -----------------------

/// The hands body: `deny_unknown_fields` refuses undeclared fields as the
/// mock does; the enum is checked after.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HandsBody {
    #[serde(rename = "handsState")]
    hands_state: i32,
}

/// The access log: a buffered file behind a lock, flushed at the end.
type Log = Arc<Mutex<BufWriter<File>>>;

async fn serve_hand(listener: TcpListener, log_file: File) -> Result<(), BenchError> {
    let log: Log = Arc::new(Mutex::new(BufWriter::new(log_file)));
    let limits = Limits::default();
    let accept = async {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            let log = log.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let log = log.clone();
                    async move { Ok::<_, Infallible>(hand_handle(&log, limits.body_timeout, request).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_timeout)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    };
    tokio::select! {
        () = accept => {}
        () = stopped() => {}
    }
    if let Ok(mut log) = log.lock() {
        log.flush()?;
    }
    Ok(())
}

async fn hand_handle(log: &Log, body_timeout: Duration, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(body_timeout, Limited::new(body, BODY_LIMIT).collect()).await;
    let answer = match read {
        Ok(Ok(body)) => hand_check(&parts, &body.to_bytes()),
        Ok(Err(_)) => Err((StatusCode::BAD_REQUEST, "the body could not be read")),
        Err(_) => Err((StatusCode::REQUEST_TIMEOUT, "the body did not arrive in time")),
    };
    let response = match answer {
        Ok(()) => Response::builder()
            .header(CONTENT_TYPE, HeaderValue::from_static(JSON))
            .header("x-request-id", HeaderValue::from_static(REQUEST_ID))
            .body(Full::new(Bytes::new())),
        Err((status, why)) => Response::builder()
            .status(status)
            .header(CONTENT_TYPE, HeaderValue::from_static(JSON))
            .body(Full::new(Bytes::from(
                serde_json::json!({"error_code": format!("MMC.MOCK.{}", status.as_u16()), "error_msg": why})
                    .to_string(),
            ))),
    }
    .unwrap_or_default();
    let target = redacted_target(&parts.uri);
    let line = format!(
        "{} {} {} {:.3}ms\n",
        parts.method,
        target,
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    if let Ok(mut log) = log.lock() {
        let _ = log.write_all(line.as_bytes());
    }
    response
}

/// What the mock checks of this request: the route, the secret header (401
/// first), the body an object of `handsState` in {0, 1} and nothing else,
/// each query param given once (any text is a string).
fn hand_check(parts: &http::request::Parts, body: &[u8]) -> Result<(), (StatusCode, &'static str)> {
    if parts.uri.path() != HANDS_PATH {
        return Err((StatusCode::NOT_FOUND, "no endpoint is served there"));
    }
    if parts.method != Method::PUT {
        return Err((StatusCode::METHOD_NOT_ALLOWED, "PUT only"));
    }
    let token = parts.headers.get(SECRET_HEADER).map(|v| v.as_bytes().trim_ascii());
    if token.is_none_or(<[u8]>::is_empty) {
        return Err((StatusCode::UNAUTHORIZED, "the control token is missing"));
    }
    let hands: HandsBody = serde_json::from_slice(body).map_err(|_| (StatusCode::BAD_REQUEST, "bad body"))?;
    if !matches!(hands.hands_state, 0 | 1) {
        return Err((StatusCode::BAD_REQUEST, "handsState is 0 or 1"));
    }
    let (mut conference, mut participant) = (0, 0);
    let query = parts.uri.query().unwrap_or_default();
    for (name, _) in query.split(';').flat_map(|q| form_urlencoded::parse(q.as_bytes())) {
        match name.as_ref() {
            "conferenceID" => conference += 1,
            "participantID" => participant += 1,
            _ => {}
        }
    }
    if conference != 1 || participant != 1 {
        return Err((StatusCode::BAD_REQUEST, "conferenceID and participantID, once each"));
    }
    Ok(())
}

/// The path and query as the log shows them: a query value named as the
/// secret header is hidden, as the mock hides every secret name's.
fn redacted_target(uri: &http::Uri) -> String {
    let mut target = String::with_capacity(uri.path().len() + 1 + uri.query().map_or(0, str::len));
    target.push_str(uri.path());
    if let Some(query) = uri.query() {
        target.push('?');
        for piece in query.split_inclusive(['&', ';']) {
            let pair = piece.strip_suffix(['&', ';']).unwrap_or(piece);
            let key = pair.split_once('=').map_or(pair, |(key, _)| key);
            if key.eq_ignore_ascii_case(SECRET_HEADER) {
                target.push_str(key);
                target.push_str("=[redacted]");
            } else {
                target.push_str(pair);
            }
            // The separator that was there.
            target.push_str(&piece[pair.len()..]);
        }
    }
    if target.len() > MAX_TARGET {
        let mut end = MAX_TARGET;
        while !target.is_char_boundary(end) {
            end -= 1;
        }
        target.truncate(end);
    }
    target
}

// --- load: a fixed number of requests ------------------------------------------

struct LoadArgs {
    addr: SocketAddr,
    requests: usize,
    connections: usize,
}

impl LoadArgs {
    fn parse(args: &[String]) -> Result<Self, BenchError> {
        let [addr, requests, rest @ ..] = args else {
            return Err(USAGE.into());
        };
        let addr = addr.trim_start_matches("http://").parse()?;
        let connections = match rest {
            [] => 4,
            [flag, n] if flag == "--connections" => n.parse()?,
            _ => return Err(USAGE.into()),
        };
        Ok(Self {
            addr,
            requests: requests.parse()?,
            connections,
        })
    }
}

fn load_mode(args: &LoadArgs) -> Result<(), BenchError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let left = Arc::new(AtomicUsize::new(args.requests));
    runtime.block_on(async {
        let mut tasks = Vec::new();
        for _ in 0..args.connections.max(1) {
            tasks.push(tokio::spawn(load_connection(args.addr, left.clone())));
        }
        for task in tasks {
            task.await??;
        }
        Ok(())
    })
}

/// One keep-alive connection sending requests while any are left.
async fn load_connection(addr: SocketAddr, left: Arc<AtomicUsize>) -> Result<(), BenchError> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let authority = addr.to_string();
    while left
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
        .is_ok()
    {
        let request = Request::builder()
            .method(Method::PUT)
            .uri(HANDS_TARGET)
            .header("host", &authority)
            .header(CONTENT_TYPE, "application/json")
            .header("x-conference-authorization", CONTROL_TOKEN)
            .body(Full::new(Bytes::from_static(b"{\"handsState\":1}")))?;
        sender.ready().await?;
        let response = sender.send_request(request).await?;
        if response.status() != StatusCode::OK {
            return Err(format!("status {}", response.status()).into());
        }
        response.into_body().collect().await?;
    }
    Ok(())
}
