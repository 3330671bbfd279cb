//! What the access log shows of a request's target: its path and query
//! with the values of secret params replaced, so that the log never shows
//! a credential.

use http::Uri;
use meeting_api_spec::{ParamIn, Spec};

use super::route;

/// The target of a request that no spec takes (404, 405), with what any
/// served spec would hide: the secret values of the first spec whose path
/// fits, and the values of every spec's secret query params.
pub fn unrouted_target(specs: &[Spec], uri: &Uri) -> String {
    let raw_path = uri.path();
    let path = specs
        .iter()
        .find_map(|spec| {
            let template = route::Template::new(&spec.path);
            let values = template.matches(raw_path)?;
            Some(redacted_path(spec, &values, raw_path))
        })
        .unwrap_or_else(|| raw_path.to_owned());
    let secret = |name: &str| specs.iter().any(|spec| is_secret(spec, ParamIn::Query, name));
    match uri.query() {
        Some(query) => format!("{path}?{}", redacted_query(query, secret)),
        None => path,
    }
}

fn is_secret(spec: &Spec, location: ParamIn, name: &str) -> bool {
    spec.param(location, name).is_some_and(|p| p.field.schema.secret)
}

/// What stands in for a secret value in the log.
const REDACTED: &str = "[redacted]";

/// The path and query with the values of secret params replaced, so that
/// the log never shows a credential. `path_values` are slices of the path.
pub fn redacted_target(spec: &Spec, path_values: &[(&str, &str)], uri: &Uri) -> String {
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
