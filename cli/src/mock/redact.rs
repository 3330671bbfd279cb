//! What the access log and error messages show of a request's target: its
//! path and query with every value that could be a credential replaced, so
//! that none is ever shown.
//!
//! - Query values (and `;` params) whose name is a secret param's in any
//!   served spec, compared without regard to case, on every request.
//! - Everything after a `;` in a path segment: servers differ on whether
//!   such params are part of the segment, so the log trusts none of them.
//! - On a path that fits a template: the values of its secret path params.
//! - On a path that fits none, when any served spec has a secret path
//!   param: every segment that is not a literal segment of a served
//!   template. A loose match would miss some spelling of a path
//!   (`/V1/…`, `/v1//…`, `%2F`), while a literal is never a secret.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use http::Uri;
use meeting_api_spec::{ParamIn, Spec};

use super::clip;
use super::route::{Capture, Routes};

/// What stands in for a secret value.
const REDACTED: &str = "[redacted]";

/// What the served specs hide, gathered once at start.
#[derive(Debug)]
pub struct Redactor {
    /// Every secret param's name, in lower case, each once: a handful, so
    /// a scan compares them without lower-casing the request's names (an
    /// allocation per query pair) for a set lookup.
    secret_names: Vec<String>,
    /// The literal segments of the templates, when any spec has a secret
    /// path param; `None` when no path can hold a secret.
    literals: Option<BTreeSet<String>>,
}

impl Redactor {
    /// What `specs`, routed by `routes`, hide.
    pub fn new(specs: &[Spec], routes: &Routes) -> Self {
        let secrets = || specs.iter().flat_map(|s| &s.params).filter(|p| p.field.schema.secret);
        let secret_names: BTreeSet<String> = secrets().map(|p| p.field.name.to_ascii_lowercase()).collect();
        let secret_names = secret_names.into_iter().collect();
        let literals = secrets().any(|p| p.location == ParamIn::Path).then(|| {
            routes
                .templates()
                .flat_map(|t| t.literals())
                .map(str::to_owned)
                .collect()
        });
        Self { secret_names, literals }
    }

    /// The target of a request whose path fits a template, `secrets` being
    /// where its secret path values lie.
    pub fn fitting(&self, uri: &Uri, secrets: Vec<Range<usize>>) -> String {
        // The common case, no secret path value and no `;` param, leaves
        // the path as it is: no copy of it, nor of each segment.
        let path = match secrets.is_empty() {
            true => Cow::Borrowed(uri.path()),
            false => Cow::Owned(replace_ranges(uri.path(), secrets)),
        };
        if path.contains(';') {
            self.target(&segments_mapped(&path, without_params), uri)
        } else {
            self.target(&path, uri)
        }
    }

    /// The target of a request whose path fits no template.
    pub fn unserved(&self, uri: &Uri) -> String {
        let path = segments_mapped(uri.path(), |segment| match &self.literals {
            Some(literals) if !segment.is_empty() && !literals.contains(segment) => REDACTED.to_owned(),
            _ => without_params(segment),
        });
        self.target(&path, uri)
    }

    /// `path` and the redacted query, cut to a bounded length once nothing
    /// secret is left in them.
    fn target(&self, path: &str, uri: &Uri) -> String {
        let query = uri.query();
        let mut text = String::with_capacity(path.len() + query.map_or(0, |q| q.len() + 1));
        text.push_str(path);
        if let Some(query) = query {
            text.push('?');
            self.query(query, &mut text);
        }
        // Cut in place: a target within the bound, the common case, is
        // not copied again.
        match clip::cut(&text, clip::MAX_TARGET) {
            Cow::Borrowed(_) => text,
            Cow::Owned(cut) => cut,
        }
    }

    /// `query` with the values of secret names replaced, onto `out`; `;`
    /// separates pairs as `&` does, since some servers read it so.
    fn query(&self, query: &str, out: &mut String) {
        for (pair, separator) in query_pairs(query) {
            let key = pair.bytes().position(|b| b == b'=').map_or(pair, |at| &pair[..at]);
            if self.is_secret(key) {
                out.push_str(key);
                out.push('=');
                out.push_str(REDACTED);
            } else {
                out.push_str(pair);
            }
            out.extend(separator);
        }
    }

    /// Whether a query key, once decoded, names a secret param, whatever
    /// its case. A key without `%` or `+` is its own decoding.
    fn is_secret(&self, key: &str) -> bool {
        let name = match key.bytes().any(|b| matches!(b, b'%' | b'+')) {
            true => form_urlencoded::parse(key.as_bytes()).next().map(|(name, _)| name),
            false => (!key.is_empty()).then_some(Cow::Borrowed(key)),
        };
        name.is_some_and(|name| {
            self.secret_names
                .iter()
                .any(|secret| secret.eq_ignore_ascii_case(&name))
        })
    }
}

/// Where the values of `spec`'s secret path params lie among `captures`.
pub fn secret_ranges(spec: &Spec, captures: &[Capture<'_>]) -> Vec<Range<usize>> {
    captures
        .iter()
        .filter(|capture| {
            spec.param(ParamIn::Path, capture.name)
                .is_some_and(|p| p.field.schema.secret)
        })
        .map(|capture| capture.range.clone())
        .collect()
}

/// `path` with `ranges` replaced. Ranges that several specs found overlap,
/// and are merged first; then they are replaced from the last back, so
/// that earlier offsets stay true.
fn replace_ranges(path: &str, mut ranges: Vec<Range<usize>>) -> String {
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut path = path.to_owned();
    for range in merged.into_iter().rev() {
        path.replace_range(range, REDACTED);
    }
    path
}

/// `path` with each `/`-separated segment replaced by `map`'s.
fn segments_mapped(path: &str, map: impl Fn(&str) -> String) -> String {
    let segments: Vec<String> = path.split('/').map(map).collect();
    segments.join("/")
}

/// A segment with what follows its first `;` redacted.
fn without_params(segment: &str) -> String {
    match segment.split_once(';') {
        Some((before, _)) => format!("{before};{REDACTED}"),
        None => segment.to_owned(),
    }
}

/// A query split at each `&` and `;`, each piece with the separator that
/// ended it. Scanned by bytes: an ASCII byte is never part of a longer
/// character, so each cut is at a character boundary.
fn query_pairs(text: &str) -> impl Iterator<Item = (&str, Option<char>)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b'&' || b == b';') {
            Some(at) => {
                let separator = Some(char::from(text.as_bytes()[at]));
                rest = Some(&text[at + 1..]);
                Some((&text[..at], separator))
            }
            None => {
                rest = None;
                Some((text, None))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_their_separators() {
        let pieces: Vec<_> = query_pairs("a=1;b=2&c").collect();
        assert_eq!(pieces, [("a=1", Some(';')), ("b=2", Some('&')), ("c", None)]);
        assert_eq!(query_pairs("").collect::<Vec<_>>(), [("", None)]);
    }

    #[test]
    fn secret_query_names_are_found_in_any_case_and_spelling() {
        let redactor = Redactor {
            secret_names: vec!["x-token".to_owned()],
            literals: None,
        };
        for key in ["x-token", "X-Token", "x%2Dtoken", "X%2dTOKEN"] {
            assert!(redactor.is_secret(key), "{key}");
        }
        for key in ["", "x-tokens", "x+token", "token"] {
            assert!(!redactor.is_secret(key), "{key}");
        }
        let mut out = String::new();
        redactor.query("a=1;X-Token=s&b", &mut out);
        assert_eq!(out, "a=1;X-Token=[redacted]&b");
    }

    #[test]
    fn segment_params_are_redacted() {
        assert_eq!(without_params("rooms;access_token=T"), "rooms;[redacted]");
        assert_eq!(without_params("rooms"), "rooms");
        assert_eq!(segments_mapped("/a//b/", |s| s.to_uppercase()), "/A//B/");
    }
}
