//! What the access log and error messages show of a request's target: its
//! path and query with the values of secret params replaced, so that no
//! credential is ever shown.

use std::ops::Range;

use http::Uri;
use meeting_api_spec::{ParamIn, Spec};

use super::route::{Capture, Routes};

/// What stands in for a secret value.
const REDACTED: &str = "[redacted]";

/// The target of a request routed to `spec`, whose path params are
/// `captures`.
pub fn routed(spec: &Spec, captures: &[Capture<'_>], uri: &Uri) -> String {
    let ranges = secret_ranges(spec, captures);
    target(uri, ranges, |name| is_secret(spec, ParamIn::Query, name))
}

/// The target of a request that no spec takes (404, 405, or a body that
/// could not be read), with what any served spec would hide: the values of
/// secret path params in the part of the path that fits its template, and
/// the values of its secret query params.
pub fn unrouted(specs: &[Spec], routes: &Routes, uri: &Uri) -> String {
    let ranges = specs
        .iter()
        .zip(routes.templates())
        .flat_map(|(spec, template)| secret_ranges(spec, &template.prefix_captures(uri.path())))
        .collect();
    let secret = |name: &str| specs.iter().any(|spec| is_secret(spec, ParamIn::Query, name));
    target(uri, ranges, secret)
}

fn is_secret(spec: &Spec, location: ParamIn, name: &str) -> bool {
    spec.param(location, name).is_some_and(|p| p.field.schema.secret)
}

fn secret_ranges(spec: &Spec, captures: &[Capture<'_>]) -> Vec<Range<usize>> {
    captures
        .iter()
        .filter(|capture| is_secret(spec, ParamIn::Path, capture.name))
        .map(|capture| capture.range.clone())
        .collect()
}

/// The path with `ranges` replaced, and the query with the values of the
/// params that `secret` names replaced.
fn target(uri: &Uri, mut ranges: Vec<Range<usize>>, secret: impl Fn(&str) -> bool) -> String {
    let mut path = uri.path().to_owned();
    // From the last range back, so that earlier offsets stay true; ranges
    // that several specs found overlap, and are merged first.
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    for range in merged.into_iter().rev() {
        path.replace_range(range, REDACTED);
    }
    match uri.query() {
        Some(query) => format!("{path}?{}", redacted_query(query, secret)),
        None => path,
    }
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
