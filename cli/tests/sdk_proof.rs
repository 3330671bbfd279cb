//! Issue 9's proof, both halves: for every operation of
//! `tools/catalog/sdk.json` (199 of `MeetingClient` and the 2 logins), the
//! official Python SDK (pinned, in `target/sdk-venv`, installed by
//! `tools/catalog/venv.sh`) and the generated Rust client
//! (`meeting-api-huawei`, the whole `catalog/`) are given the same values
//! and send the same request.
//!
//! 1. `tools/sdk-proof/run.py --all` makes the SDK send each operation with
//!    its sample values to the in-process recorder of `record.py`, and
//!    writes the values and the recorded request as one JSON line each.
//! 2. The same values, mapped from the request class's Python names to wire
//!    names and locations through `sdk.json`, become
//!    [`meeting_api::WireValues`]; the operation's request is built from
//!    them through `visit_operations` and sent to `record.py` run as a
//!    process, so that both records come from the same code.
//! 3. The two records are compared (see [`compare`]): method, path, query
//!    pairs, the headers the spec declares (and any other non-transport
//!    header), the body's media type, and the body (JSON as JSON,
//!    multipart part by part).
//! 4. The Rust request is also sent to `meeting-api mock catalog/`, and
//!    must come back as a decoded 2xx; the SDK, pointed at the same mock
//!    with the same values, must decode its answer too, and the two decoded
//!    answers must be the same JSON.
//!
//! Every difference, over all operations, is collected and reported at once,
//! each naming its operation and the part that differs. An operation that
//! cannot be compared (no record, no request built, not in every list) is a
//! difference too, never a skip.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use meeting_api::{Client, Location, OperationVisitor, Secret, WireForm, WireValues};
use meeting_api_huawei::credentials;
use serde_json::{Value, json};

/// The token `tools/sdk-proof/sdk_request.py` gives the SDK's credentials
/// (`TOKEN`), so that it sends `X-Access-Token: sdk-proof-token` without
/// logging in. The Rust client is given it as the spec's `X-Access-Token`
/// header param (the names `sdk.json` lists as the operation's
/// `auth_headers`).
const TOKEN: &str = "sdk-proof-token";

/// Headers that belong to the transport or to the HTTP library, not to the
/// operation: not compared. `Content-Type` is compared apart (see
/// [`compare_content_type`]).
const TRANSPORT_HEADERS: &[&str] = &[
    "user-agent",
    "accept",
    "accept-encoding",
    "connection",
    "content-length",
    "host",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

/// `<target>/sdk-venv/bin/python`, where venv.sh puts it: the target dir
/// is three levels above this test binary (`<target>/debug/deps/…`).
fn sdk_python() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps");
    target.join("sdk-venv/bin/python")
}

/// The venv's python, or `None` when it is missing and the test may skip
/// (not under `MEETING_API_REQUIRE_TOOLS=1`, as `.ci/test` sets).
fn sdk_python_or_skip() -> Option<PathBuf> {
    let python = sdk_python();
    if python.is_file() {
        return Some(python);
    }
    assert!(
        std::env::var("MEETING_API_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{} is missing (run tools/catalog/venv.sh), and MEETING_API_REQUIRE_TOOLS=1 requires it",
        python.display()
    );
    eprintln!("note: the SDK's venv is missing (tools/catalog/venv.sh); skipped");
    None
}

/// A child process, killed when the test ends.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `meeting-api mock catalog/` over TLS with a self-signed certificate
/// (the SDK sends its logins over https whatever the endpoint says, and the
/// mock speaks one scheme): its URL and the certificate, for the Rust
/// client to trust.
fn start_mock(dir: &Path, log: &Path) -> (Process, String, Vec<u8>) {
    let cert = dir.join("mock-cert.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .args([
            "mock",
            "catalog",
            "--addr",
            "127.0.0.1:0",
            "--tls-self-signed",
            "--cert-out",
        ])
        .arg(&cert)
        .current_dir(workspace())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("the mock starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let process = Process(child);
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the mock's first line is its URL, not {line:?}"))
        .to_owned();
    let pem = std::fs::read(&cert).expect("the mock wrote its certificate");
    (process, url, pem)
}

/// `tools/sdk-proof/record.py` as a process, appending each request it
/// receives to `log` as one JSON line, in the same form as `run.py`'s
/// records of the SDK (the same `record()` makes both); its URL.
fn start_recorder(python: &Path, log: &Path) -> (Process, String) {
    let mut child = Command::new(python)
        .arg(workspace().join("tools/sdk-proof/record.py"))
        .arg("--log")
        .arg(log)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("record.py starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let process = Process(child);
    let url = line
        .trim()
        .strip_prefix("recording on ")
        .unwrap_or_else(|| panic!("record.py's first line is its URL, not {line:?}"))
        .to_owned();
    (process, url)
}

/// Starts `run.py --all` (with `extra` arguments), writing into `out`.
fn run_sdk(python: &Path, out: &Path, extra: &[&str]) -> std::process::Child {
    Command::new(python)
        .arg(workspace().join("tools/sdk-proof/run.py"))
        .arg("--all")
        .args(extra)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the SDK harness runs")
}

/// The lines `run.py` wrote, by operation, once it is done. Panics, with
/// the harness's output, unless every operation passed its own checks.
fn sdk_lines(child: std::process::Child, out: &Path, what: &str) -> BTreeMap<String, Value> {
    let run = child.wait_with_output().expect("the SDK harness runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && stdout.contains("\"passed\": 201"),
        "the SDK's run {what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(out.join("requests.jsonl")).expect("run.py wrote requests.jsonl");
    text.lines()
        .map(|line| {
            let line: Value = serde_json::from_str(line).expect("a JSON line");
            (line["operation"].as_str().expect("an operation").to_owned(), line)
        })
        .collect()
}

/// What sending one operation's Rust request did: the recorder's record
/// and the mock's decoded answer (or why there is none).
struct Sent {
    record: Value,
    mock: Result<Value, String>,
}

type SendFn = fn(Clients, WireValues) -> Pin<Box<dyn Future<Output = Result<Sent, String>>>>;

#[derive(Clone)]
struct Clients {
    /// To `record.py`, over plain HTTP: the logins too (the SDK sends those
    /// over https; the scheme is no part of what the client is given, so
    /// only the requests are compared, and the SDK's `tls` is checked).
    recorder: Client,
    recorder_log: PathBuf,
    /// To the mock, over TLS.
    mock: Client,
}

/// Builds `R` from the values, sends it to the recorder and then to the mock.
fn send<R: WireForm + 'static>(
    clients: Clients,
    values: WireValues,
) -> Pin<Box<dyn Future<Output = Result<Sent, String>>>> {
    Box::pin(async move {
        let request = R::from_wire(&values).map_err(|e| format!("the Rust request is not built: {e}"))?;
        let before = std::fs::metadata(&clients.recorder_log).map_or(0, |m| m.len());
        clients
            .recorder
            .execute(&request)
            .await
            .map_err(|e| format!("the Rust request did not reach the recorder: {e}"))?;
        // record.py writes the line before it answers.
        let mut records = recorded_since(&clients.recorder_log, before);
        if records.len() != 1 {
            return Err(format!("the recorder got {} requests for one Rust call", records.len()));
        }
        let record = records.pop().expect("one record");
        let mock = match clients.mock.send(request).await {
            Ok(response) => Ok(R::response_json(response.body())),
            Err(error) => Err(format!("{:?}", R::error_outcome(&error))),
        };
        Ok(Sent { record, mock })
    })
}

/// The records `record.py` appended to `log` after its first `offset` bytes.
fn recorded_since(log: &Path, offset: u64) -> Vec<Value> {
    let text = std::fs::read(log).unwrap_or_default();
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
    String::from_utf8_lossy(&text[start..])
        .lines()
        .map(|line| serde_json::from_str(line).expect("record.py writes JSON lines"))
        .collect()
}

/// Every operation of the generated client, by spec name.
#[derive(Default)]
struct Registry(BTreeMap<&'static str, SendFn>);

impl OperationVisitor for Registry {
    fn visit<R: WireForm + 'static>(&mut self, name: &'static str) {
        self.0.insert(name, send::<R>);
    }
}

/// The SDK's values for `op` (its request class's Python attribute names;
/// JSON names inside models) as wire values, mapped through `sdk.json`.
fn wire_values(op: &Value, models: &BTreeSet<&str>, values: &Value) -> Result<WireValues, String> {
    let values = values.as_object().ok_or("the values are not an object")?;
    let mut wire = WireValues::new();
    let mut used = BTreeSet::new();
    for (key, location) in [
        ("path_params", Location::Path),
        ("query_params", Location::Query),
        ("header_params", Location::Header),
        ("form_params", Location::Form),
    ] {
        for param in op[key].as_array().into_iter().flatten() {
            let python = param["python_name"].as_str().unwrap_or_default();
            if let Some(value) = values.get(python) {
                wire.insert(location, param["name"].as_str().unwrap_or_default(), value.clone());
                used.insert(python);
            }
        }
    }
    if let Some(body) = op["body"].as_object() {
        let python = body["python_name"].as_str().unwrap_or_default();
        let typ = body["type"].as_str().unwrap_or_default();
        if let Some(value) = values.get(python) {
            used.insert(python);
            if let Some(multipart) = op["multipart"].as_object() {
                // The body model's fields are the parts, by JSON name.
                let fields = value.as_object().ok_or("the multipart body is not an object")?;
                for (name, value) in fields {
                    let part = multipart["parts"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|p| p["name"] == name.as_str())
                        .ok_or_else(|| format!("the multipart body has `{name}`, no part of sdk.json"))?;
                    let value = match part["is_file"].as_bool() {
                        Some(true) => file_part(value)?,
                        _ => value.clone(),
                    };
                    wire.insert(Location::Form, name.clone(), value);
                }
            } else if models.contains(typ) {
                // An object body: the spec's `in: body` params are its
                // top-level fields, by JSON name.
                let fields = value.as_object().ok_or("the object body is not an object")?;
                for (name, value) in fields {
                    wire.insert(Location::Body, name.clone(), value.clone());
                }
            } else {
                // A list or a map: the spec's whole body.
                wire.insert(Location::Body, "body", value.clone());
            }
        }
    }
    let unused: Vec<&String> = values.keys().filter(|k| !used.contains(k.as_str())).collect();
    if !unused.is_empty() {
        return Err(format!("values sdk.json does not map to a wire name: {unused:?}"));
    }
    for name in op["auth_headers"].as_array().into_iter().flatten() {
        wire.insert(Location::Header, name.as_str().unwrap_or_default(), json!(TOKEN));
    }
    Ok(wire)
}

/// run.py's file (`{"filename", "content_base64", "content_type"?}`) as
/// `FilePart` reads one (`{"filename", "content", "content_type"?}`, the
/// content as text).
fn file_part(value: &Value) -> Result<Value, String> {
    let bytes = BASE64
        .decode(
            value["content_base64"]
                .as_str()
                .ok_or("a file without content_base64")?,
        )
        .map_err(|e| format!("a file's content_base64: {e}"))?;
    let content =
        String::from_utf8(bytes).map_err(|_| "a file's bytes are not UTF-8, which FilePart's JSON form needs")?;
    let mut file = json!({"filename": value["filename"], "content": content});
    if let Some(content_type) = value.get("content_type") {
        file["content_type"] = content_type.clone();
    }
    Ok(file)
}

/// A login's values (the credential's settings: `user_name`, `app_key`...)
/// as the wire values its spec takes: the `Authorization` header made by
/// `meeting_api_huawei::credentials` (so that the comparison with the
/// SDK's record proves that signer against `meeting_credentials.py`), and
/// the body fields.
fn login_values(login: &Value, values: &Value) -> Result<WireValues, String> {
    let text = |name: &str| -> Result<String, String> {
        match &values[name] {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(format!("the login's values have no `{name}`")),
        }
    };
    let mut wire = WireValues::new();
    let (authorization, fields, known): (String, &[(&str, &str)], &[&str]) = match login["operation"].as_str() {
        Some("credentials_account_auth") => (
            credentials::account_authorization(&text("user_name")?, &Secret::new(text("user_password")?))
                .expose()
                .clone(),
            &[("account", "user_name")],
            &["user_name", "user_password"],
        ),
        Some("credentials_app_auth") => {
            // The project's signer, given the SDK's values: the SDK's header
            // is the one it must make.
            let multi_tenant = text("tenant_scene")? == "MULTI_TENANT";
            let corp_id = text("corp_id")?;
            let expire_time = text("expire_time")?
                .parse()
                .map_err(|_| "the login's expire_time is not a number")?;
            let signed = credentials::AppIdSignature {
                app_id: &text("app_id")?,
                app_key: &Secret::new(text("app_key")?),
                corp_id: multi_tenant.then_some(corp_id.as_str()),
                user_id: &text("user_id")?,
                expire_time,
                nonce: &text("nonce")?,
            };
            (
                credentials::app_id_authorization(&signed).expose().clone(),
                &[
                    ("appId", "app_id"),
                    ("userId", "user_id"),
                    ("corpId", "corp_id"),
                    ("expireTime", "expire_time"),
                    ("nonce", "nonce"),
                    ("deptCode", "dept_code"),
                ],
                &[
                    "app_id",
                    "app_key",
                    "corp_id",
                    "user_id",
                    "dept_code",
                    "tenant_scene",
                    "nonce",
                    "expire_time",
                ],
            )
        }
        other => return Err(format!("no login is named {other:?}")),
    };
    let unknown: Vec<&String> = values
        .as_object()
        .ok_or("the values are not an object")?
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .collect();
    if !unknown.is_empty() {
        return Err(format!("login values the test does not map: {unknown:?}"));
    }
    wire.insert(Location::Header, "Authorization", json!(authorization));
    for (name, key) in fields {
        if let Some(value) = values.get(*key) {
            wire.insert(Location::Body, *name, value.clone());
        }
    }
    // The constants (`clientType: 72`).
    for field in login["body_fields"].as_array().into_iter().flatten() {
        if field["value"].is_number() {
            wire.insert(
                Location::Body,
                field["name"].as_str().unwrap_or_default(),
                field["value"].clone(),
            );
        }
    }
    Ok(wire)
}

/// The values of header `name` in a record, in order (names compared
/// without regard to ASCII case).
fn header_values<'a>(record: &'a Value, name: &str) -> Vec<&'a str> {
    record["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .filter_map(|h| h[1].as_str())
        .collect()
}

fn decoded_path(record: &Value) -> String {
    let raw = record["path"].as_str().unwrap_or_default();
    percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned()
}

/// The query pairs, sorted: the SDK sorts them by name, then by value
/// (`Signer.process_canonical_query_string`), the Rust client sends them in
/// the spec's order, and neither order means anything to the service.
/// `record.py` has decoded them already.
fn query_pairs(record: &Value) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = record["query"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|kv| {
            (
                kv[0].as_str().unwrap_or_default().to_owned(),
                kv[1].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

/// Compares the SDK's record with the Rust client's; each difference names
/// the part that differs.
fn compare(spec: &meeting_api_spec::Spec, auth_headers: &[String], sdk: &Value, rust: &Value, out: &mut Vec<String>) {
    if sdk["method"] != rust["method"] {
        out.push(format!("method: SDK {}, Rust {}", sdk["method"], rust["method"]));
    }
    let (sdk_path, rust_path) = (decoded_path(sdk), decoded_path(rust));
    if sdk_path != rust_path {
        out.push(format!("path: SDK {sdk_path:?}, Rust {rust_path:?}"));
    }
    let (sdk_query, rust_query) = (query_pairs(sdk), query_pairs(rust));
    if sdk_query != rust_query {
        let only = |a: &[(String, String)], b: &[(String, String)]| {
            let mut b = b.to_vec();
            a.iter()
                .filter(|kv| match b.iter().position(|x| x == *kv) {
                    Some(i) => {
                        b.remove(i);
                        false
                    }
                    None => true,
                })
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        out.push(format!(
            "query: only the SDK sends [{}], only Rust sends [{}]",
            only(&sdk_query, &rust_query),
            only(&rust_query, &sdk_query)
        ));
    }
    // The headers the spec declares, then any other header either sends
    // that is neither a transport header nor Content-Type.
    let mut names: Vec<String> = spec
        .params_in(meeting_api_spec::ParamIn::Header)
        .map(|p| p.field.name.to_ascii_lowercase())
        .collect();
    // The SDK's credentials add `X-Access-Token` to every request; the
    // catalog's specs of the meeting-control operations
    // (`/v1/mmc/control/conferences...`, which authenticate with
    // `X-Conference-Authorization`) do not declare it, as the Java SDK does
    // not send it there (tools/catalog/generate.py,
    // `ACCESS_TOKEN_SKIPPED_UNDER`). There the SDK must be seen sending the
    // token and the Rust client must send none.
    let mut aside: Vec<String> = TRANSPORT_HEADERS.iter().map(|h| (*h).to_owned()).collect();
    aside.push("content-type".to_owned());
    for name in auth_headers.iter().map(|h| h.to_ascii_lowercase()) {
        if names.contains(&name) {
            continue;
        }
        let (s, r) = (header_values(sdk, &name), header_values(rust, &name));
        if s != [TOKEN] || !r.is_empty() {
            out.push(format!(
                "header {name} (which the spec does not declare, and the SDK adds): SDK {s:?}, Rust {r:?}"
            ));
        }
        aside.push(name);
    }
    for record in [sdk, rust] {
        for header in record["headers"].as_array().into_iter().flatten() {
            let name = header[0].as_str().unwrap_or_default().to_ascii_lowercase();
            if !names.contains(&name) && !aside.contains(&name) {
                names.push(name);
            }
        }
    }
    for name in &names {
        let (s, r) = (header_values(sdk, name), header_values(rust, name));
        if s != r {
            out.push(format!("header {name}: SDK {s:?}, Rust {r:?}"));
        }
    }
    compare_content_type(sdk, rust, out);
    compare_body(sdk, rust, out);
}

/// `Content-Type` where the SDK sends a body: the same media type
/// (`application/json`, `multipart/form-data`), parameters aside. The SDK
/// sends `application/json` on every non-multipart request, GET and DELETE
/// without a body included, and three operations spell it with a
/// `charset=utf-8` (which means nothing for JSON, RFC 8259); a spec has no
/// key for a content type, so the Rust client sends none without a body and
/// `application/json` with one. The multipart boundary is random on both
/// sides.
fn compare_content_type(sdk: &Value, rust: &Value, out: &mut Vec<String>) {
    if sdk["body_base64"].as_str().unwrap_or_default().is_empty() {
        return;
    }
    let media = |record: &Value| -> Vec<String> {
        header_values(record, "content-type")
            .iter()
            .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
            .collect()
    };
    let (s, r) = (media(sdk), media(rust));
    if s != r {
        out.push(format!("content-type: SDK {s:?}, Rust {r:?}"));
    }
}

/// The body: none on both sides; the multipart parts by name, file name,
/// content type and bytes, in order; the JSON as JSON; else the bytes.
fn compare_body(sdk: &Value, rust: &Value, out: &mut Vec<String>) {
    let bytes = |record: &Value| record["body_base64"].as_str().unwrap_or_default().to_owned();
    if let Some(sdk_parts) = sdk["multipart"].as_array() {
        let Some(rust_parts) = rust["multipart"].as_array() else {
            return out.push(format!(
                "body: SDK multipart, Rust not ({} bytes)",
                bytes(rust).len() * 3 / 4
            ));
        };
        let names = |parts: &[Value]| parts.iter().map(|p| p["name"].to_string()).collect::<Vec<_>>();
        if names(sdk_parts) != names(rust_parts) {
            out.push(format!(
                "body: parts SDK {:?}, Rust {:?}",
                names(sdk_parts),
                names(rust_parts)
            ));
        }
        for (s, r) in sdk_parts.iter().zip(rust_parts) {
            for key in ["filename", "content_type", "body_base64"] {
                if s[key] != r[key] {
                    out.push(format!(
                        "body: part {}: {key}: SDK {}, Rust {}",
                        s["name"], s[key], r[key]
                    ));
                }
            }
        }
        return;
    }
    if rust.get("multipart").is_some() {
        return out.push("body: Rust multipart, SDK not".to_owned());
    }
    match (sdk.get("json"), rust.get("json")) {
        (Some(s), Some(r)) => json_diff("", s, r, out),
        (Some(_), None) => out.push(format!("body: SDK JSON, Rust {:?} (base64)", bytes(rust))),
        (None, Some(r)) => out.push(format!("body: SDK {:?} (base64), Rust JSON {r}", bytes(sdk))),
        (None, None) if bytes(sdk) != bytes(rust) => {
            out.push(format!("body: SDK {:?}, Rust {:?} (base64)", bytes(sdk), bytes(rust)));
        }
        (None, None) => {}
    }
}

/// The places where two JSON values differ, as JSON pointers.
fn json_diff(at: &str, sdk: &Value, rust: &Value, out: &mut Vec<String>) {
    let here = || if at.is_empty() { "/" } else { at };
    match (sdk, rust) {
        (Value::Object(s), Value::Object(r)) => {
            let keys: BTreeSet<&String> = s.keys().chain(r.keys()).collect();
            for key in keys {
                let path = format!("{at}/{key}");
                match (s.get(key), r.get(key)) {
                    (Some(a), Some(b)) => json_diff(&path, a, b, out),
                    (Some(a), None) => out.push(format!("body: at {path}: SDK {a}, Rust absent")),
                    (None, Some(b)) => out.push(format!("body: at {path}: SDK absent, Rust {b}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(s), Value::Array(r)) if s.len() == r.len() => {
            for (i, (a, b)) in s.iter().zip(r).enumerate() {
                json_diff(&format!("{at}/{i}"), a, b, out);
            }
        }
        _ if sdk != rust => out.push(format!("body: at {}: SDK {sdk}, Rust {rust}", here())),
        _ => {}
    }
}

#[tokio::test]
async fn the_rust_client_sends_what_the_official_sdk_sends_for_every_operation() {
    let started = Instant::now();
    let Some(python) = sdk_python_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mock_log = dir.path().join("mock.log");
    let (_mock, mock_url, pem) = start_mock(dir.path(), &mock_log);
    let recorder_log = dir.path().join("rust-requests.jsonl");
    let (_recorder, recorder_url) = start_recorder(&python, &recorder_log);

    // The SDK: to its in-process recorder, and to the mock (both at once).
    let (sdk_out, sdk_mock_out) = (dir.path().join("sdk"), dir.path().join("sdk-mock"));
    let to_recorder = run_sdk(&python, &sdk_out, &[]);
    let to_mock = run_sdk(&python, &sdk_mock_out, &["--endpoint", &mock_url]);
    let sdk = sdk_lines(to_recorder, &sdk_out, "against its recorder");
    let sdk_mock = sdk_lines(to_mock, &sdk_mock_out, "against the mock");
    let sdk_seconds = started.elapsed().as_secs_f64();

    let catalog: Value =
        serde_json::from_str(&std::fs::read_to_string(workspace().join("tools/catalog/sdk.json")).unwrap()).unwrap();
    let models: BTreeSet<&str> = catalog["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["fields"].as_array().is_some_and(|f| !f.is_empty()))
        .filter_map(|m| m["name"].as_str())
        .collect();
    let mut ops: BTreeMap<&str, (&Value, bool)> = BTreeMap::new();
    for (key, login) in [("operations", false), ("logins", true)] {
        for op in catalog[key].as_array().unwrap() {
            ops.insert(op["operation"].as_str().unwrap(), (op, login));
        }
    }
    let mut registry = Registry::default();
    meeting_api_huawei::visit_operations(&mut registry);

    let timeout = Duration::from_secs(20);
    let clients = Clients {
        recorder: Client::builder()
            .base_url(&recorder_url)
            .timeout(timeout)
            .build()
            .unwrap(),
        recorder_log,
        mock: Client::builder()
            .base_url(&mock_url)
            .timeout(timeout)
            .add_root_certificates_pem(pem)
            .build()
            .unwrap(),
    };

    let mut differences: Vec<String> = Vec::new();
    let names: BTreeSet<&str> = ops
        .keys()
        .copied()
        .chain(registry.0.keys().copied())
        .chain(sdk.keys().map(String::as_str))
        .collect();
    let mut shapes = meeting_api_spec::ShapesCache::default();
    for name in &names {
        let mut found = Vec::new();
        check_operation(
            name,
            &ops,
            &models,
            &registry,
            &sdk,
            &sdk_mock,
            &clients,
            &mut shapes,
            &mut found,
        )
        .await;
        differences.extend(found.into_iter().map(|d| format!("{name}: {d}")));
    }

    let mock_text = std::fs::read_to_string(&mock_log).unwrap_or_default();
    // The mock refuses a request that does not fit its spec with a reason
    // after ` - `.
    differences.extend(
        mock_text
            .lines()
            .filter(|l| l.contains(" - "))
            .map(|l| format!("the mock refused: {l}")),
    );
    eprintln!(
        "sdk_proof: {} operations compared in {:.1} s (the SDK's two runs {sdk_seconds:.1} s)",
        names.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        differences.is_empty(),
        "{} differences between the official SDK and the Rust client:\n{}",
        differences.len(),
        differences.join("\n")
    );
    assert_eq!(names.len(), 201, "sdk.json's operations: {names:?}");
}

#[allow(clippy::too_many_arguments)]
async fn check_operation(
    name: &str,
    ops: &BTreeMap<&str, (&Value, bool)>,
    models: &BTreeSet<&str>,
    registry: &Registry,
    sdk: &BTreeMap<String, Value>,
    sdk_mock: &BTreeMap<String, Value>,
    clients: &Clients,
    shapes: &mut meeting_api_spec::ShapesCache,
    out: &mut Vec<String>,
) {
    let Some(&(op, login)) = ops.get(name) else {
        return out.push("not an operation of sdk.json".to_owned());
    };
    let Some(send) = registry.0.get(name) else {
        return out.push("not an operation of the Rust client (meeting_api_huawei::visit_operations)".to_owned());
    };
    let Some(line) = sdk.get(name) else {
        return out.push("not in the SDK's requests.jsonl".to_owned());
    };
    let problems = line["problems"].as_array().map_or(0, Vec::len);
    if problems != 0 {
        out.push(format!("the SDK's run found problems: {}", line["problems"]));
    }
    let sdk_record = &line["request"];
    if !sdk_record.is_object() {
        return out.push("the SDK's request was not recorded".to_owned());
    }
    // The SDK sends the logins over https, the rest over plain HTTP (the
    // endpoint's scheme); the Rust client is sent to the recorder over
    // plain HTTP for all.
    if sdk_record["tls"] != json!(login) {
        out.push(format!(
            "the SDK's request went over TLS: {}, expected {login}",
            sdk_record["tls"]
        ));
    }
    let values = &line["values"];
    let wire = match login {
        true => login_values(op, values),
        false => wire_values(op, models, values),
    };
    let wire = match wire {
        Ok(wire) => wire,
        Err(why) => return out.push(why),
    };
    let sent = match send(clients.clone(), wire).await {
        Ok(sent) => sent,
        Err(why) => return out.push(why),
    };
    match meeting_api_spec::load_with(&workspace().join("catalog").join(format!("{name}.yaml")), shapes) {
        Ok(spec) => {
            let auth: Vec<String> = op["auth_headers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|h| h.as_str().map(str::to_owned))
                .collect();
            compare(&spec, &auth, sdk_record, &sent.record, out);
        }
        Err(error) => out.push(format!("catalog/{name}.yaml does not load: {error}")),
    }

    // Against the mock: both decode a 2xx, the same answer.
    let sdk_result = &sdk_mock.get(name).map_or(Value::Null, |l| l["sdk_result"].clone());
    if sdk_result["ok"] != json!(true) {
        out.push(format!("mock: the SDK did not decode its answer: {sdk_result}"));
    }
    match sent.mock {
        Ok(rust) => {
            // The mock mints a fresh token, with its times, for each login
            // and control-token call: those fields differ by design.
            let (sdk_value, rust) = (unminted(sdk_decoded(op, login, sdk_result)), unminted(rust));
            // Of a login's answer the SDK reads `accessToken` alone; the spec
            // also declares the token's validity (check_token's fields), which
            // sessions read and the SDK does not.
            let rust = match login {
                true => json!({"accessToken": rust["accessToken"]}),
                false => rust,
            };
            // An answer without a body: the SDK's response object is empty.
            let no_body = rust.is_null() && sdk_value == json!({});
            if sdk_value != rust && !no_body {
                out.push(format!("mock: decoded answers differ: SDK {sdk_value}, Rust {rust}"));
            }
        }
        Err(why) => out.push(format!("mock: the Rust client did not decode a 2xx: {why}")),
    }
}

/// The SDK's decoded answer (`sanitize_for_serialization` of its response,
/// JSON names) in the form `WireForm::response_json` gives the Rust one:
/// a whole-body list itself, where the SDK's response holds it as `body`.
/// For a login the SDK's answer is the carrier call's (`show_my_info`,
/// which the login precedes), so what is compared is the token the SDK
/// read from the login's answer (`login_token`) with the Rust client's.
/// `answer` with the fields that `meeting-api mock` mints on a login or a
/// control-token call (cli/src/mock/auth.rs) replaced by `"minted"` where
/// present, so that two calls' answers compare equal.
fn unminted(mut answer: Value) -> Value {
    const TOP: [&str; 4] = ["accessToken", "validPeriod", "expireTime", "createTime"];
    const DATA: [&str; 3] = ["token", "expireTime", "confTokenExpireTime"];
    let mark = |object: Option<&mut serde_json::Map<String, Value>>, keys: &[&str]| {
        for (key, value) in object.into_iter().flatten() {
            if keys.contains(&key.as_str()) {
                *value = json!("minted");
            }
        }
    };
    let minted = answer.get("accessToken").is_some() || answer.pointer("/data/token").is_some();
    if minted {
        mark(answer.as_object_mut(), &TOP);
        mark(answer.get_mut("data").and_then(Value::as_object_mut), &DATA);
    }
    answer
}

fn sdk_decoded(op: &Value, login: bool, result: &Value) -> Value {
    if login {
        return json!({"accessToken": result["login_token"]});
    }
    let value = &result["value"];
    let list = op["response"]["body_type"]
        .as_str()
        .is_some_and(|t| t.starts_with("list["));
    match value {
        Value::Object(map) if list && map.len() == 1 && map.contains_key("body") => map["body"].clone(),
        other => other.clone(),
    }
}

/// The SDK's own `MeetingCredentials._sign_hmac256` for fixed inputs, both
/// tenant scenes, an empty user ID among them (which stays an empty field),
/// against `meeting_api_huawei::credentials::app_id_authorization`. The
/// proof above covers only run.py's multi-tenant sample.
#[test]
fn the_app_id_signature_is_the_sdks_for_fixed_inputs() {
    let Some(python) = sdk_python_or_skip() else { return };
    // (multi-tenant, corp ID, user ID)
    let cases = [
        (false, "", "user-1"),
        (true, "corp-9", "user-1"),
        (false, "", ""),
        (true, "corp-9", ""),
    ];
    for (multi, corp_id, user_id) in cases {
        let script = format!(
            "from huaweicloudsdkmeeting.v1.meeting_credentials import MeetingCredentials, TenantSceneEnum\n\
             c = MeetingCredentials(None, None).with_app_id('app-7').with_app_key('key-3').with_user_id({user_id:?})\n\
             c = c.with_corp_id({corp_id:?}).with_tenant_scene_enum(TenantSceneEnum.{})\n\
             print(c._sign_hmac256(1700000600, 'nonce-5'))",
            if multi { "MULTI_TENANT" } else { "SINGLE_TENANT" }
        );
        let output = Command::new(&python)
            .arg("-c")
            .arg(&script)
            .output()
            .expect("python runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let sdk = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        let ours = credentials::app_id_authorization(&credentials::AppIdSignature {
            app_id: "app-7",
            app_key: &Secret::new("key-3".to_owned()),
            corp_id: multi.then_some(corp_id),
            user_id,
            expire_time: 1700000600,
            nonce: "nonce-5",
        });
        let expected = format!("HMAC-SHA256 signature={sdk},access={}", BASE64.encode("app-7"));
        assert_eq!(ours.expose(), &expected, "multi-tenant {multi}, user {user_id:?}");
    }
}
