//! `bench-client <client> <calls> [--tls]`: the client-side cost of one
//! call, generated client against hand-written reqwest, over one
//! keep-alive connection to a local hyper server. A benchmark, not a test:
//! it prints numbers, and fails only when a call does not get the
//! documented answer. `scripts/bench-client` runs it under callgrind and
//! prints the table.
//!
//! The server runs on its own thread (a current-thread runtime), the
//! client on the main thread (another one), so that a per-thread
//! instruction count (`callgrind --separate-threads=yes`) separates the
//! two: the client is thread 1, the server thread 2.
//!
//! Clients:
//! - `hyper-hands`, `hyper-token`: a raw hyper 1 HTTP/1.1 connection, the floor.
//! - `hand-reqwest-hands`, `hand-reqwest-token`: reqwest 0.13 written by hand.
//! - `generated-hands`, `generated-token`: `#[meeting_api]` over
//!   `spec/hands.yaml` and `spec/token.yaml`, sent with `meeting_api::Client`.
//!
//! Output: one line of `key=value` pairs (client, tls, calls, seconds,
//! calls_per_s, p50_us, p99_us, max_rss_kib), for the script to read.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use tokio::net::{TcpListener, TcpStream};

#[meeting_api::meeting_api(spec = "../spec/hands.yaml")]
pub mod hands {}

#[meeting_api::meeting_api(spec = "../spec/token.yaml")]
pub mod token {}

/// The documented requests' values (the examples of the two specs).
const CONFERENCE: &str = "914083136";
const PARTICIPANT: &str = "d2c3ae64216e11eabc510dc9b62e3a80";
const CONTROL_TOKEN: &str = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb";
const PASSWORD: &str = "123456";
const HANDS_PATH: &str = "/v1/mmc/control/conferences/participants/hands";
const TOKEN_PATH: &str = "/v1/mmc/control/conferences/token";

/// The documented 200 of `spec/token.yaml` (example `obtain-token`).
const TOKEN_BODY: &str = r#"{"addressToken":"cnrWgVRDFvdEi3VAUB5qFO5zmiNZiFCmnxQz","data":{"confTokenExpireTime":1800,"expireTime":1582189609629,"orgID":"40454","supportNotifyType":["INCREMENT"],"tmpWsToken":"1304f1e731510954c82c3af886a69f78ba0a7b8ade84d087","token":"7e4c72a1fb744b8bc15a4b29be0b585151e508225a33c219","userID":"ff80808167ef1edf0167f339533d05a6","vmrCurrentConfID":"914346822","wsURL":"wss://r1.meeting.huaweicloud.com"},"gloablPublicIP":"meeting.huaweicloud.com"}"#;

type BenchError = Box<dyn std::error::Error + Send + Sync>;

fn main() {
    if let Err(error) = run() {
        eprintln!("bench-client: {error}");
        std::process::exit(1);
    }
}

/// What the command line asks for.
struct Args {
    client: String,
    calls: usize,
    tls: bool,
}

fn parse_args() -> Result<Args, BenchError> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench-client <hyper-hands|hyper-token|hand-reqwest-hands|hand-reqwest-token|generated-hands|generated-token> <calls> [--tls]";
    let client = args.next().ok_or(usage)?;
    let calls = args.next().ok_or(usage)?.parse().map_err(|_| usage)?;
    let tls = match args.next().as_deref() {
        None => false,
        Some("--tls") => true,
        Some(_) => return Err(usage.into()),
    };
    Ok(Args { client, calls, tls })
}

fn run() -> Result<(), BenchError> {
    let args = parse_args()?;
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()])?;
    let cert_pem = cert.cert.pem();
    let server_tls = args.tls.then(|| server_config(&cert)).transpose()?;
    // Bound here, so that the server is listening before the client connects.
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    // Thread 2: the server.
    std::thread::spawn(move || serve(listener, server_tls));
    // Thread 1 (this one): the client.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let base = match args.tls {
        true => format!("https://localhost:{}", addr.port()),
        false => format!("http://{addr}"),
    };
    let started = Instant::now();
    let latencies = runtime.block_on(calls(&args, &base, addr, &cert_pem))?;
    let seconds = started.elapsed().as_secs_f64();
    report(&args, seconds, latencies);
    Ok(())
}

/// One client's calls: the first one (connecting) is left out of the numbers.
async fn calls(args: &Args, base: &str, addr: SocketAddr, cert_pem: &str) -> Result<Vec<Duration>, BenchError> {
    let mut client = Bench::new(&args.client, base, addr, args.tls, cert_pem).await?;
    client.call().await?;
    let mut latencies = Vec::with_capacity(args.calls);
    for _ in 0..args.calls {
        let started = Instant::now();
        client.call().await?;
        latencies.push(started.elapsed());
    }
    Ok(latencies)
}

fn report(args: &Args, seconds: f64, mut latencies: Vec<Duration>) {
    latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(i).map_or(0, |d| d.as_micros())
    };
    println!(
        "client={} tls={} calls={} seconds={:.3} calls_per_s={:.0} p50_us={} p99_us={} max_rss_kib={}",
        args.client,
        args.tls,
        args.calls,
        seconds,
        args.calls as f64 / seconds,
        at(0.50),
        at(0.99),
        max_rss_kib().unwrap_or(0),
    );
}

/// The process's peak resident set, from /proc (Linux).
fn max_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// --- the server --------------------------------------------------------------

fn server_config(cert: &rcgen::CertifiedKey) -> Result<Arc<rustls::ServerConfig>, BenchError> {
    let key = rustls::pki_types::PrivateKeyDer::try_from(cert.key_pair.serialize_der())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Serves every connection on one current-thread runtime, keep-alive on.
fn serve(listener: std::net::TcpListener, tls: Option<Arc<rustls::ServerConfig>>) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        return;
    };
    runtime.block_on(async move {
        listener.set_nonblocking(true).ok();
        let Ok(listener) = TcpListener::from_std(listener) else {
            return;
        };
        let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
        while let Ok((stream, _)) = listener.accept().await {
            stream.set_nodelay(true).ok();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let http = hyper::server::conn::http1::Builder::new();
                let service = service_fn(answer);
                let _ = match acceptor {
                    Some(acceptor) => match acceptor.accept(stream).await {
                        Ok(stream) => http.serve_connection(TokioIo::new(stream), service).await,
                        Err(_) => return,
                    },
                    None => http.serve_connection(TokioIo::new(stream), service).await,
                };
            });
        }
    });
}

/// The documented 200 of each operation, after reading the whole request;
/// 404 for anything else, which every client refuses.
async fn answer(request: hyper::Request<hyper::body::Incoming>) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_owned();
    let _ = request.into_body().collect().await;
    let (status, body) = match path.as_str() {
        HANDS_PATH => (200, Bytes::new()),
        TOKEN_PATH => (200, Bytes::from_static(TOKEN_BODY.as_bytes())),
        _ => (404, Bytes::new()),
    };
    let response = hyper::Response::builder()
        .status(status)
        .header("content-type", "application/json;charset=UTF-8")
        .header("x-request-id", "f78b007ec2dabf1498620131c7bc19e0")
        .body(Full::new(body));
    Ok(response.unwrap_or_default())
}

// --- the clients ---------------------------------------------------------------

/// The hands request's body, as a hand-written client would declare it.
#[derive(Serialize)]
struct HandsBody {
    #[serde(rename = "handsState")]
    hands_state: i32,
}

/// The token response, as a hand-written client would declare it: plain
/// `String`s where the generated type has `Secret`s (no redaction).
#[derive(Deserialize)]
#[allow(dead_code)] // Read only to be decoded, as a caller would.
struct TokenResponse {
    data: TokenData,
    #[serde(rename = "addressToken")]
    address_token: Option<String>,
    #[serde(rename = "gloablPublicIP")]
    gloabl_public_ip: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct TokenData {
    token: String,
    tmp_ws_token: Option<String>,
    #[serde(rename = "wsURL")]
    ws_url: Option<String>,
    role: Option<i32>,
    expire_time: Option<i64>,
    #[serde(rename = "userID")]
    user_id: Option<String>,
    #[serde(rename = "orgID")]
    org_id: Option<String>,
    #[serde(rename = "participantID")]
    participant_id: Option<String>,
    conf_token_expire_time: Option<i32>,
    #[serde(rename = "vmrCurrentConfID")]
    vmr_current_conf_id: Option<String>,
    support_notify_type: Option<Vec<String>>,
}

/// One of the clients, connected (or ready to connect) to the server.
enum Bench {
    Hyper {
        sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
        authority: String,
        token: bool,
    },
    HandReqwest {
        http: reqwest::Client,
        base: String,
        token: bool,
    },
    Generated {
        client: meeting_api::Client,
        token: bool,
    },
}

impl Bench {
    async fn new(name: &str, base: &str, addr: SocketAddr, tls: bool, cert_pem: &str) -> Result<Self, BenchError> {
        let (kind, op) = name.rsplit_once('-').ok_or("unknown client")?;
        let token = match op {
            "hands" => false,
            "token" => true,
            _ => return Err(format!("unknown operation in `{name}`").into()),
        };
        match kind {
            "hyper" => {
                let sender = hyper_connect(addr, tls, cert_pem).await?;
                let authority = base.split("//").nth(1).unwrap_or_default().to_owned();
                Ok(Self::Hyper {
                    sender,
                    authority,
                    token,
                })
            }
            "hand-reqwest" => Ok(Self::HandReqwest {
                http: reqwest_client(cert_pem)?,
                base: base.to_owned(),
                token,
            }),
            "generated" => {
                let client = meeting_api::Client::builder()
                    .base_url(base)
                    .add_root_certificates_pem(cert_pem.as_bytes())
                    .build()?;
                Ok(Self::Generated { client, token })
            }
            _ => Err(format!("unknown client `{name}`").into()),
        }
    }

    async fn call(&mut self) -> Result<(), BenchError> {
        match self {
            Self::Hyper {
                sender,
                authority,
                token,
            } => hyper_call(sender, authority, *token).await,
            Self::HandReqwest {
                http,
                base,
                token: false,
            } => hand_hands(http, base).await,
            Self::HandReqwest {
                http,
                base,
                token: true,
            } => hand_token(http, base).await,
            Self::Generated { client, token: false } => generated_hands(client).await,
            Self::Generated { client, token: true } => generated_token(client).await,
        }
    }
}

/// The same TLS as `meeting_api::Client` sets up: rustls with ring, the
/// Mozilla roots plus the test certificate, HTTP/1.1 by ALPN.
fn client_tls(cert_pem: &str) -> Result<rustls::ClientConfig, BenchError> {
    use rustls::pki_types::pem::PemObject;
    // Only the test certificate: the Mozilla roots that the generated
    // client adds cost start-up, not calls.
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls::pki_types::CertificateDer::pem_slice_iter(cert_pem.as_bytes()) {
        roots.add(cert?)?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// reqwest set up as `meeting_api::ClientBuilder::build` sets it up
/// (timeouts, no redirects, no Referer, a User-Agent), so that both
/// clients run the same reqwest middleware per call.
fn reqwest_client(cert_pem: &str) -> Result<reqwest::Client, BenchError> {
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(client_tls(cert_pem)?)
        .timeout(meeting_api::DEFAULT_TIMEOUT)
        .connect_timeout(meeting_api::DEFAULT_CONNECT_TIMEOUT)
        .user_agent("meeting-api-bench/0.1.0")
        .redirect(reqwest::redirect::Policy::none())
        .referer(false)
        .build()?)
}

/// The hands request by hand: URL from strings (`format!`, parsed by
/// reqwest), query pairs appended the way `RequestBuilder::query` appends
/// them (`Url::query_pairs_mut`; the `query` feature would only add
/// serde_urlencoded in front), the token header marked sensitive, the JSON
/// body from a serde struct (what `.json()` does: `serde_json::to_vec` and
/// the Content-Type), the status checked and the whole body read.
///
/// What it does not do that the generated client does: no tracing span,
/// no retry policy, no response size limit, no redaction in `Debug`, no
/// refusal of undocumented enum values, no percent-encoding check of
/// header text, no error type keeping status, headers and body.
async fn hand_hands(http: &reqwest::Client, base: &str) -> Result<(), BenchError> {
    let body = serde_json::to_vec(&HandsBody { hands_state: 1 })?;
    let mut token = reqwest::header::HeaderValue::from_static(CONTROL_TOKEN);
    token.set_sensitive(true);
    let mut request = http
        .put(format!("{base}{HANDS_PATH}"))
        .header("X-Conference-Authorization", token)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .build()?;
    request
        .url_mut()
        .query_pairs_mut()
        .append_pair("conferenceID", CONFERENCE)
        .append_pair("participantID", PARTICIPANT);
    let response = http.execute(request).await?;
    if response.status() != reqwest::StatusCode::OK {
        return Err(format!("hands: status {}", response.status()).into());
    }
    let body = response.bytes().await?;
    // The documented 200 has no body; a JSON one would be read as a value.
    if !body.is_empty() {
        serde_json::from_slice::<serde_json::Value>(&body)?;
    }
    Ok(())
}

/// The token request by hand: as [`hand_hands`], a GET with two headers
/// (the password marked sensitive) and the JSON response decoded into a
/// serde struct (what `Response::json` does: the bytes, then
/// `serde_json::from_slice`).
async fn hand_token(http: &reqwest::Client, base: &str) -> Result<(), BenchError> {
    let mut password = reqwest::header::HeaderValue::from_static(PASSWORD);
    password.set_sensitive(true);
    let mut request = http
        .get(format!("{base}{TOKEN_PATH}"))
        .header("X-Password", password)
        .header("X-Login-Type", "1")
        .build()?;
    request
        .url_mut()
        .query_pairs_mut()
        .append_pair("conferenceID", CONFERENCE);
    let response = http.execute(request).await?;
    if response.status() != reqwest::StatusCode::OK {
        return Err(format!("token: status {}", response.status()).into());
    }
    let body = response.bytes().await?;
    let decoded: TokenResponse = serde_json::from_slice(&body)?;
    std::hint::black_box(&decoded);
    Ok(())
}

async fn generated_hands(client: &meeting_api::Client) -> Result<(), BenchError> {
    let request = hands::HandsRequest::builder()
        .conference_id(CONFERENCE)
        .participant_id(PARTICIPANT)
        .conference_authorization(CONTROL_TOKEN)
        .hands_state(hands::HandsState::Raise)
        .build();
    let response = client.send(request).await?;
    std::hint::black_box(&response);
    Ok(())
}

async fn generated_token(client: &meeting_api::Client) -> Result<(), BenchError> {
    let request = token::ConferenceTokenRequest::builder()
        .conference_id(CONFERENCE)
        .password(PASSWORD)
        .login_type(token::LoginType::Password)
        .build();
    let response = client.send(request).await?;
    std::hint::black_box(&response);
    Ok(())
}

/// The floor: one HTTP/1.1 connection driven by hyper directly (TLS by
/// tokio-rustls with the same config), no pool, no middleware.
async fn hyper_connect(
    addr: SocketAddr,
    tls: bool,
    cert_pem: &str,
) -> Result<hyper::client::conn::http1::SendRequest<Full<Bytes>>, BenchError> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    if !tls {
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        return Ok(sender);
    }
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client_tls(cert_pem)?));
    let name = rustls::pki_types::ServerName::try_from("localhost")?;
    let stream = connector.connect(name, stream).await?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

async fn hyper_call(
    sender: &mut hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    authority: &str,
    token: bool,
) -> Result<(), BenchError> {
    let builder = hyper::Request::builder().header("host", authority);
    let request = match token {
        false => builder
            .method("PUT")
            .uri(format!(
                "{HANDS_PATH}?conferenceID={CONFERENCE}&participantID={PARTICIPANT}"
            ))
            .header("x-conference-authorization", CONTROL_TOKEN)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(serde_json::to_vec(&HandsBody {
                hands_state: 1,
            })?)))?,
        true => builder
            .method("GET")
            .uri(format!("{TOKEN_PATH}?conferenceID={CONFERENCE}"))
            .header("x-password", PASSWORD)
            .header("x-login-type", "1")
            .body(Full::new(Bytes::new()))?,
    };
    sender.ready().await?;
    let response = sender.send_request(request).await?;
    if response.status() != hyper::StatusCode::OK {
        return Err(format!("status {}", response.status()).into());
    }
    let body = response.into_body().collect().await?.to_bytes();
    if token {
        std::hint::black_box(serde_json::from_slice::<TokenResponse>(&body)?);
    }
    Ok(())
}
