//! How a received request differs from the expected one, part by part:
//! method, path, each query param and header (missing, extra, expected vs
//! got), and each JSON pointer of the body. A case's mock matches exactly
//! when this finds nothing, so the match and its explanation never disagree.

use percent_encoding::percent_decode_str;
use serde_json::Value;
use wiremock::{Match, Request};

use meeting_api_spec::multipart::{self, Part};

use crate::expected::{Expected, ExpectedPart};

impl Match for Expected {
    fn matches(&self, request: &Request) -> bool {
        differences(self, request).is_empty()
    }
}

/// Every difference between `got` and `expected`, secrets redacted.
pub fn differences(expected: &Expected, got: &Request) -> Vec<String> {
    let mut out = Vec::new();
    if got.method.as_str() != expected.method {
        out.push(format!("method: expected {}, got {}", expected.method, got.method));
    }
    path(expected, got, &mut out);
    query(expected, got, &mut out);
    headers(expected, got, &mut out);
    body(expected, got, &mut out);
    out.into_iter().map(|line| expected.redact(&line)).collect()
}

fn path(expected: &Expected, got: &Request, out: &mut Vec<String>) {
    let decoded: Vec<String> = got
        .url
        .path()
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let wanted = expected.path_segments();
    if decoded != wanted {
        out.push(format!(
            "path: expected segments {wanted:?}, got `{}` (segments {decoded:?})",
            got.url.path()
        ));
    }
}

fn query(expected: &Expected, got: &Request, out: &mut Vec<String>) {
    let pairs: Vec<(String, String)> = got.url.query_pairs().into_owned().collect();
    let values_of = |pairs: &[(String, String)], name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let mut names: Vec<&str> = expected.query.iter().map(|(n, _)| n.as_str()).collect();
    names.dedup();
    for name in &names {
        let (want, have) = (values_of(&expected.query, name), values_of(&pairs, name));
        match have.is_empty() {
            true => out.push(format!("query `{name}`: missing, expected {}", show(&want))),
            false if have != want => out.push(format!("query `{name}`: expected {}, got {}", show(&want), show(&have))),
            false => {}
        }
    }
    for (name, value) in pairs.iter().filter(|(n, _)| !names.contains(&n.as_str())) {
        out.push(format!("query `{name}`: extra, got `{value}`"));
    }
}

fn headers(expected: &Expected, got: &Request, out: &mut Vec<String>) {
    for (name, want) in &expected.headers {
        let have: Vec<&str> = got
            .headers
            .get_all(name.as_str())
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let secret = expected.secret_headers.iter().any(|s| s.eq_ignore_ascii_case(name));
        let shown = |text: &str| {
            if secret {
                meeting_api::REDACTED.to_owned()
            } else {
                format!("`{text}`")
            }
        };
        match have.as_slice() {
            [] => out.push(format!("header `{name}`: missing, expected {}", shown(want))),
            [one] if one == want => {}
            _ => out.push(format!(
                "header `{name}`: expected {}, got {}",
                shown(want),
                shown(&have.join(","))
            )),
        }
    }
    if expected.body.is_some() {
        let content_type = got
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !content_type.starts_with("application/json") {
            out.push(format!(
                "header `content-type`: expected `application/json`, got `{content_type}`"
            ));
        }
    }
}

fn body(expected: &Expected, got: &Request, out: &mut Vec<String>) {
    if let Some(parts) = &expected.form {
        return form(parts, got, out);
    }
    match (&expected.body, got.body.is_empty()) {
        (None, true) => {}
        (None, false) => out.push(format!("body: the spec sends none, got {}", preview(&got.body))),
        (Some(want), true) => out.push(format!("body: missing, expected {want}")),
        (Some(want), false) => match serde_json::from_slice::<Value>(&got.body) {
            Ok(have) => json(want, &have, "", out),
            Err(error) => out.push(format!("body: not JSON ({error}): {}", preview(&got.body))),
        },
    }
}

/// The parts of a multipart body against the expected ones, by name and
/// then in order among those of one name.
fn form(want: &[ExpectedPart], got: &Request, out: &mut Vec<String>) {
    let content_type = got
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parsed = multipart::boundary(content_type)
        .ok_or(multipart::MultipartError::ContentType)
        .and_then(|boundary| multipart::parse(&got.body, boundary));
    let have = match parsed {
        Ok(parts) => parts,
        Err(error) => return out.push(format!("body: not a form: {error}")),
    };
    for name in part_names(want, &have) {
        let wanted: Vec<&ExpectedPart> = want.iter().filter(|p| p.name == name).collect();
        let got: Vec<&Part<'_>> = have.iter().filter(|p| p.name == name).collect();
        if wanted.len() != got.len() {
            out.push(format!(
                "part `{name}`: expected {} part(s), got {}",
                wanted.len(),
                got.len()
            ));
            continue;
        }
        for (want, got) in wanted.iter().zip(got) {
            part(want, got, out);
        }
    }
}

fn part(want: &ExpectedPart, got: &Part<'_>, out: &mut Vec<String>) {
    let name = &want.name;
    if want.file_name != got.file_name {
        out.push(format!(
            "part `{name}`: file name: expected {:?}, got {:?}",
            want.file_name, got.file_name
        ));
    }
    if want.content_type != got.content_type {
        out.push(format!(
            "part `{name}`: Content-Type: expected {:?}, got {:?}",
            want.content_type, got.content_type
        ));
    }
    if want.content != got.body {
        out.push(format!(
            "part `{name}`: expected {}, got {}",
            preview(&want.content),
            preview(got.body)
        ));
    }
}

/// The part names of both forms, each once, expected ones first.
fn part_names<'a>(want: &'a [ExpectedPart], have: &'a [Part<'a>]) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for name in want
        .iter()
        .map(|p| p.name.as_str())
        .chain(have.iter().map(|p| p.name.as_str()))
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The differences of two JSON values, by JSON pointer (RFC 6901).
pub fn json_differences(want: &Value, have: &Value, out: &mut Vec<String>) {
    json(want, have, "", out);
}

pub(crate) fn json(want: &Value, have: &Value, pointer: &str, out: &mut Vec<String>) {
    let at = if pointer.is_empty() { "body" } else { pointer };
    match (want, have) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match have.get(key) {
                    Some(other) => json(value, other, &child, out),
                    None => out.push(format!("{child}: missing, expected {value}")),
                }
            }
            for (key, value) in have.iter().filter(|(k, _)| !want.contains_key(*k)) {
                out.push(format!(
                    "{pointer}/{}: extra, got {value}",
                    key.replace('~', "~0").replace('/', "~1")
                ));
            }
        }
        (Value::Array(want_items), Value::Array(have_items)) if want_items.len() == have_items.len() => {
            for (i, (w, h)) in want_items.iter().zip(have_items).enumerate() {
                json(w, h, &format!("{pointer}/{i}"), out);
            }
        }
        _ if want == have => {}
        _ => out.push(format!("{at}: expected {want}, got {have}")),
    }
}

fn show(values: &[String]) -> String {
    match values {
        [one] => format!("`{one}`"),
        many => format!("{many:?}"),
    }
}

fn preview(bytes: &[u8]) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(LIMIT)]);
    format!("{text:?}{}", if bytes.len() > LIMIT { "…" } else { "" })
}

/// A curl command that sends `got` again to `base_url`, secrets redacted.
pub fn curl(expected: &Expected, got: &Request, base_url: &str) -> String {
    let query = got.url.query().map(|q| format!("?{q}")).unwrap_or_default();
    let url = format!("{}{}{query}", base_url.trim_end_matches('/'), got.url.path());
    let mut command = format!("curl -i -X {} '{url}'", got.method);
    for (name, value) in &got.headers {
        if matches!(name.as_str(), "host" | "content-length" | "accept" | "user-agent") {
            continue;
        }
        let secret = expected
            .secret_headers
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name.as_str()));
        let value = if secret {
            meeting_api::REDACTED
        } else {
            value.to_str().unwrap_or("(not text)")
        };
        command.push_str(&format!(" \\\n  -H '{name}: {value}'"));
    }
    if !got.body.is_empty() {
        command.push_str(&format!(
            " \\\n  --data-raw '{}'",
            String::from_utf8_lossy(&got.body).replace('\'', "'\\''")
        ));
    }
    expected.redact(&command)
}
