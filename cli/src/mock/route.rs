//! Which spec a request is for: path templates matched segment by segment,
//! then the method. Hand-written rather than a router's, because specs are
//! data: two specs with `{id}` and `{name}` at the same place, or one path
//! under several methods, must be served side by side, never refused.

use meeting_api_spec::{Method, Spec};
use percent_encoding::percent_decode_str;

/// A spec's path, split at `/`.
#[derive(Debug)]
pub struct Template {
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Literal(String),
    /// A whole-segment `{name}`, or one with literal text around it.
    Param {
        prefix: String,
        name: String,
        suffix: String,
    },
}

impl Template {
    /// The template of a spec's `path`.
    pub fn new(path: &str) -> Self {
        let segments = split(path)
            .map(|segment| match (segment.find('{'), segment.rfind('}')) {
                (Some(open), Some(close)) if open < close => Segment::Param {
                    prefix: segment[..open].to_owned(),
                    name: segment[open + 1..close].to_owned(),
                    suffix: segment[close + 1..].to_owned(),
                },
                _ => Segment::Literal(segment.to_owned()),
            })
            .collect();
        Self { segments }
    }

    /// The path params' raw (still percent-encoded) values, by name, when
    /// `path` fits the template.
    pub fn matches<'p>(&self, path: &'p str) -> Option<Vec<(&str, &'p str)>> {
        let mut values = Vec::new();
        let mut given = split(path);
        for segment in &self.segments {
            let text = given.next()?;
            match segment {
                Segment::Literal(literal) => {
                    if percent_decode_str(text).decode_utf8().ok()? != literal.as_str() {
                        return None;
                    }
                }
                Segment::Param { prefix, name, suffix } => {
                    let value = text.strip_prefix(prefix.as_str())?.strip_suffix(suffix.as_str())?;
                    if value.is_empty() {
                        return None;
                    }
                    values.push((name.as_str(), value));
                }
            }
        }
        given.next().is_none().then_some(values)
    }
}

/// The segments of a path; a trailing `/` is not one more.
fn split(path: &str) -> impl Iterator<Item = &str> {
    path.trim_start_matches('/').trim_end_matches('/').split('/')
}

/// Where a request goes.
#[derive(Debug)]
pub enum Route<'p> {
    /// The spec at this index, with its raw path values by name.
    Found(usize, Vec<(&'p str, &'p str)>),
    /// The path is served, under other methods only.
    MethodNotAllowed(Vec<Method>),
    /// No spec has this path.
    NotFound,
}

/// The routing table: each spec's template, in the order given.
#[derive(Debug)]
pub struct Routes {
    entries: Vec<(Method, Template)>,
}

impl Routes {
    /// The table of `specs`.
    pub fn new(specs: &[Spec]) -> Self {
        let entries = specs.iter().map(|s| (s.method, Template::new(&s.path))).collect();
        Self { entries }
    }

    /// The spec for `method` and `path`: the first in order that fits, so
    /// that a literal path listed first wins over a template.
    pub fn find<'a>(&'a self, method: &str, path: &'a str) -> Route<'a> {
        let mut allowed = Vec::new();
        for (index, (spec_method, template)) in self.entries.iter().enumerate() {
            let Some(values) = template.matches(path) else { continue };
            if spec_method.as_str() == method {
                return Route::Found(index, values);
            }
            if !allowed.contains(spec_method) {
                allowed.push(*spec_method);
            }
        }
        if allowed.is_empty() {
            Route::NotFound
        } else {
            Route::MethodNotAllowed(allowed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_whole_segments_and_decorated_ones() {
        let template = Template::new("/v1/rooms/{id}/files/{name}.json");
        assert_eq!(
            template.matches("/v1/rooms/r%201/files/a.json"),
            Some(vec![("id", "r%201"), ("name", "a")])
        );
        assert_eq!(template.matches("/v1/rooms/r1/files/a.txt"), None);
        assert_eq!(template.matches("/v1/rooms//files/a.json"), None);
        assert_eq!(template.matches("/v1/rooms/r1/files"), None);
        assert_eq!(template.matches("/v1/rooms/r1/files/a.json/more"), None);
        assert_eq!(Template::new("/a/b").matches("/a/b/"), Some(vec![]));
        assert_eq!(Template::new("/a/b").matches("/a/%62"), Some(vec![]));
    }
}
