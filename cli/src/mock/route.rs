//! Which spec a request is for: path templates matched segment by segment,
//! then the method. Hand-written rather than a router's, because specs are
//! data: two specs with `{id}` and `{name}` at the same place, or one path
//! under several methods, must be served side by side, never refused.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use meeting_api_spec::{Method, Spec};
use percent_encoding::percent_decode_str;

/// One path param's value as found in a request: its name and where its
/// raw (still percent-encoded) text lies in the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture<'a> {
    /// The param's name.
    pub name: &'a str,
    /// Byte range of the value in the request's path.
    pub range: Range<usize>,
}

/// A spec's path, split at `/`, each segment into literal text and
/// `{name}` placeholders (`{base}.{ext}` has two).
#[derive(Debug)]
pub struct Template {
    segments: Vec<Vec<Part>>,
    /// For a template of literal segments only: the segments joined by
    /// `/`, which a path without `%` fits only by being equal to, once its
    /// leading and trailing `/` are trimmed (segments hold no `/`, so
    /// equal joins are equal segments).
    joined: Option<String>,
}

#[derive(Debug, PartialEq)]
enum Part {
    Literal(String),
    Param(String),
}

impl Template {
    /// The template of a spec's `path`.
    pub fn new(path: &str) -> Self {
        let mut template = Self {
            segments: segments(path).map(|(_, segment)| parts(segment)).collect(),
            joined: None,
        };
        if template.literals().count() == template.segments.len() {
            template.joined = Some(template.literals().collect::<Vec<_>>().join("/"));
        }
        template
    }

    /// How many segments a path has to have to fit.
    fn len(&self) -> usize {
        self.segments.len()
    }

    /// The path params' values, when `path` fits the template.
    pub fn matches<'a>(&'a self, path: &str) -> Option<Vec<Capture<'a>>> {
        if let Some(joined) = &self.joined
            && !path.contains('%')
        {
            return (trimmed(path).1 == joined).then(Vec::new);
        }
        let mut captures = Vec::new();
        let mut given = segments(path);
        for parts in &self.segments {
            let (offset, text) = given.next()?;
            if !fits(parts, text, offset, &mut captures) {
                return None;
            }
        }
        given.next().is_none().then_some(captures)
    }

    /// The segments that are literal text throughout: `v1` and `rooms` of
    /// `/v1/rooms/{id}`, not `v{version}`.
    pub fn literals(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|parts| match parts.as_slice() {
            [Part::Literal(literal)] => Some(literal.as_str()),
            _ => None,
        })
    }
}

/// The segments of a path with their byte offsets; a trailing `/` does not
/// make one more.
fn segments(path: &str) -> impl Iterator<Item = (usize, &str)> {
    let (mut offset, rest) = trimmed(path);
    // Split by bytes: segments are short, and a byte scan is cheaper than
    // a char searcher set up for each.
    let mut rest = Some(rest);
    std::iter::from_fn(move || {
        let text = rest?;
        let at = offset;
        match text.bytes().position(|b| b == b'/') {
            Some(end) => {
                rest = Some(&text[end + 1..]);
                offset += end + 1;
                Some((at, &text[..end]))
            }
            None => {
                rest = None;
                Some((at, text))
            }
        }
    })
}

/// A path without its leading and trailing `/`, and where that starts.
fn trimmed(path: &str) -> (usize, &str) {
    let start = path.len() - path.trim_start_matches('/').len();
    (start, path[start..].trim_end_matches('/'))
}

/// A template segment's literal text and placeholders, in order.
fn parts(segment: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Literal(rest[..open].to_owned()));
        }
        parts.push(Part::Param(rest[open + 1..close].to_owned()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(Part::Literal(rest.to_owned()));
    }
    parts
}

/// Whether `text` (at `offset` in the path) fits a segment's parts; the
/// params' values go to `captures`. A param ends where the literal after
/// it first appears, and is never empty.
fn fits<'a>(parts: &'a [Part], text: &str, offset: usize, captures: &mut Vec<Capture<'a>>) -> bool {
    if let [Part::Literal(literal)] = parts {
        // A whole literal segment may come percent-encoded; most come as
        // written, and are compared without decoding.
        return text == literal
            || (text.contains('%')
                && percent_decode_str(text)
                    .decode_utf8()
                    .is_ok_and(|t| t == literal.as_str()));
    }
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal(literal) => {
                if !text[at..].starts_with(literal.as_str()) {
                    return false;
                }
                at += literal.len();
            }
            Part::Param(name) => {
                let first = text[at..].chars().next().map_or(0, char::len_utf8);
                if first == 0 {
                    return false;
                }
                let end = match parts.get(i + 1) {
                    None => text.len(),
                    Some(Part::Literal(next)) => match text[at + first..].find(next.as_str()) {
                        Some(found) => at + first + found,
                        None => return false,
                    },
                    // `{a}{b}` has no boundary; `a` gets one character.
                    Some(Part::Param(_)) => at + first,
                };
                captures.push(Capture {
                    name,
                    range: offset + at..offset + end,
                });
                at = end;
            }
        }
    }
    at == text.len()
}

/// The first of `list`, taken off it.
fn take_first(list: &mut &[usize]) -> Option<usize> {
    let (first, rest) = list.split_first()?;
    *list = rest;
    Some(*first)
}

/// An index's list, or none.
fn listed(list: Option<&Vec<usize>>) -> &[usize] {
    list.map_or(&[], Vec::as_slice)
}

/// Where a request goes.
#[derive(Debug)]
pub enum Route<'a> {
    /// The spec at this index, with its path params' values.
    Found(usize, Vec<Capture<'a>>),
    /// The path is served, under other methods only.
    MethodNotAllowed(Vec<Method>),
    /// No spec has this path.
    NotFound,
}

/// The routing table: each spec's template, in the order given, and
/// indexes into it so that a request is matched against the few templates
/// that could fit it, not every one of a catalog's.
#[derive(Debug)]
pub struct Routes {
    entries: Vec<(Method, Template)>,
    /// The literal-only templates by their joined segments, each list in
    /// order: a path without `%` fits exactly those it trims to.
    literal: HashMap<String, Vec<usize>, BuildHasherDefault<WordHash>>,
    /// The templates with params, by their number of segments (the
    /// index), each list in order: a path fits only templates of as many
    /// segments as it has.
    templated: Vec<Vec<usize>>,
    /// Every template by its number of segments, for a path with `%`,
    /// whose literal segments may come encoded.
    by_len: Vec<Vec<usize>>,
}

/// A hash of eight bytes a step (as rustc's FxHash), for the table of
/// literal paths: its keys are the specs' own, fixed at start, so no
/// request can fill a bucket; what matters is the one lookup each request
/// makes, over a path of some fifty bytes.
#[derive(Default)]
struct WordHash(u64);

impl WordHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Routes {
    /// The table of `specs`.
    pub fn new(specs: &[Spec]) -> Self {
        let entries: Vec<(Method, Template)> = specs.iter().map(|s| (s.method, Template::new(&s.path))).collect();
        let longest = entries.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
        let mut literal = HashMap::default();
        let (mut templated, mut by_len) = (vec![Vec::new(); longest + 1], vec![Vec::new(); longest + 1]);
        for (index, (_, template)) in entries.iter().enumerate() {
            match &template.joined {
                Some(joined) => literal.entry(joined.clone()).or_insert_with(Vec::new).push(index),
                None => templated[template.len()].push(index),
            }
            by_len[template.len()].push(index);
        }
        Self {
            entries,
            literal,
            templated,
            by_len,
        }
    }

    /// The indexes of the templates that could fit `path`, as two lists
    /// each in order.
    fn candidates(&self, path: &str) -> (&[usize], &[usize]) {
        let trimmed = trimmed(path).1;
        // One pass (which the compiler can vectorize) for both: segments
        // hold no `/`, so there is one more than the `/` between them.
        let (mut slashes, mut encoded) = (0, false);
        for &byte in trimmed.as_bytes() {
            slashes += usize::from(byte == b'/');
            encoded |= byte == b'%';
        }
        let len = slashes + 1;
        if encoded {
            return (listed(self.by_len.get(len)), &[]);
        }
        (listed(self.literal.get(trimmed)), listed(self.templated.get(len)))
    }

    /// The templates, in the order of the specs.
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.entries.iter().map(|(_, template)| template)
    }

    /// The spec for `method` and `path`: the first in order that fits, so
    /// that a literal path listed first wins over a template. HEAD goes
    /// where GET goes (the server sends no body with it).
    pub fn find<'a>(&'a self, method: &str, path: &str) -> Route<'a> {
        let method = if method == "HEAD" { "GET" } else { method };
        let mut allowed = Vec::new();
        let (mut first, mut second) = self.candidates(path);
        // The two lists merged, in the order of the specs.
        while let Some(index) = match (first.first(), second.first()) {
            (Some(a), Some(b)) if b < a => take_first(&mut second),
            (Some(_), _) => take_first(&mut first),
            (None, _) => take_first(&mut second),
        } {
            let (spec_method, template) = &self.entries[index];
            let Some(captures) = template.matches(path) else {
                continue;
            };
            if spec_method.as_str() == method {
                return Route::Found(index, captures);
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

    fn values<'p>(path: &'p str, captures: &[Capture<'_>]) -> Vec<(String, &'p str)> {
        captures
            .iter()
            .map(|c| (c.name.to_owned(), &path[c.range.clone()]))
            .collect()
    }

    #[test]
    fn templates_match_whole_segments_and_decorated_ones() {
        let template = Template::new("/v1/rooms/{id}/files/{name}.json");
        let path = "/v1/rooms/r%201/files/a.json";
        let found = template.matches(path).expect("fits");
        assert_eq!(
            values(path, &found),
            [("id".to_owned(), "r%201"), ("name".to_owned(), "a")]
        );
        assert!(template.matches("/v1/rooms/r1/files/a.txt").is_none());
        assert!(template.matches("/v1/rooms//files/a.json").is_none());
        assert!(template.matches("/v1/rooms/r1/files").is_none());
        assert!(template.matches("/v1/rooms/r1/files/a.json/more").is_none());
        assert_eq!(Template::new("/a/b").matches("/a/b/"), Some(vec![]));
        assert_eq!(Template::new("/a/b").matches("/a/%62"), Some(vec![]));
    }

    #[test]
    fn a_segment_may_hold_several_params() {
        let template = Template::new("/v1/files/{base}.{ext}");
        let path = "/v1/files/report.final.pdf";
        let found = template.matches(path).expect("fits");
        assert_eq!(
            values(path, &found),
            [("base".to_owned(), "report"), ("ext".to_owned(), "final.pdf")]
        );
        assert!(template.matches("/v1/files/report").is_none());
        assert!(template.matches("/v1/files/.pdf").is_none());
        let adjacent = Template::new("/x/{a}{b}");
        assert_eq!(values("/x/abc", &adjacent.matches("/x/abc").unwrap())[1].1, "bc");
    }

    #[test]
    fn literal_templates_fit_the_paths_their_segments_fit() {
        let template = Template::new("/v1/rooms/list");
        for path in [
            "/v1/rooms/list",
            "v1/rooms/list",
            "//v1/rooms/list//",
            "/v1/rooms/%6cist",
        ] {
            assert_eq!(template.matches(path), Some(vec![]), "{path}");
        }
        for path in [
            "/v1/rooms//list",
            "/v1/rooms/list/x",
            "/v1/rooms",
            "/v1/rooms/lis",
            "/",
            "",
            "/v1/rooms/%2flist",
        ] {
            assert_eq!(template.matches(path), None, "{path}");
        }
        assert_eq!(Template::new("/").matches("//"), Some(vec![]));
        assert_eq!(Template::new("/").matches("/a"), None);
        let pieces: Vec<_> = segments("//a/bc//d/").collect();
        assert_eq!(pieces, [(2, "a"), (4, "bc"), (7, ""), (8, "d")]);
    }

    #[test]
    fn literal_segments_are_the_whole_literal_ones() {
        let template = Template::new("/v1/rooms/{id}/v{version}/items/");
        assert_eq!(template.literals().collect::<Vec<_>>(), ["v1", "rooms", "items"]);
    }

    #[test]
    fn the_indexes_find_what_trying_every_template_in_order_finds() {
        let spec = |method: &str, path: &str, names: &[&str]| {
            let params: Vec<String> = names
                .iter()
                .map(|name| format!("{{name: {name}, in: path, type: string, required: true}}"))
                .collect();
            let yaml = format!(
                "name: n\nsummary: s\nmethod: {method}\npath: \"{path}\"\nparams: [{}]\nresponses: [{{status: 200, description: ok}}]\n",
                params.join(", ")
            );
            meeting_api_spec::parse(&yaml, "s.yaml").expect("a valid spec")
        };
        let specs = [
            spec("GET", "/v1/rooms/{id}", &["id"]),
            spec("GET", "/v1/rooms/list", &[]),
            spec("POST", "/v1/rooms/list", &[]),
            spec("PUT", "/v1/rooms/{id}/files/{name}.json", &["id", "name"]),
            spec("DELETE", "/v1/rooms/list", &[]),
            spec("GET", "/v1/rooms", &[]),
            spec("GET", "/", &[]),
            spec("PATCH", "/v1/{a}/list", &["a"]),
        ];
        let routes = Routes::new(&specs);
        let linear = |method: &str, path: &str| {
            let mut allowed = Vec::new();
            for (index, (spec_method, template)) in routes.entries.iter().enumerate() {
                let Some(captures) = template.matches(path) else {
                    continue;
                };
                if spec_method.as_str() == method {
                    return format!("{:?}", Route::Found(index, captures));
                }
                if !allowed.contains(spec_method) {
                    allowed.push(*spec_method);
                }
            }
            match allowed.is_empty() {
                true => format!("{:?}", Route::NotFound),
                false => format!("{:?}", Route::MethodNotAllowed(allowed)),
            }
        };
        let paths = [
            "/v1/rooms/list",
            "/v1/rooms/list/",
            "//v1/rooms/list",
            "/v1/rooms/%6cist",
            "/v1/rooms/r1",
            "/v1/rooms/r%201",
            "/v1/rooms/r1/files/a.json",
            "/v1/rooms/r1/files/a.txt",
            "/v1/rooms",
            "/v1/rooms/",
            "/",
            "",
            "/v1/x/list",
            "/v1/x/%6Cist",
            "/v1//list",
            "/v2/rooms/list",
            "/v1/rooms/list/more",
        ];
        for path in paths {
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] {
                let expected = linear(if method == "HEAD" { "GET" } else { method }, path);
                assert_eq!(format!("{:?}", routes.find(method, path)), expected, "{method} {path}");
            }
        }
    }

    #[test]
    fn head_goes_where_get_goes() {
        let spec = meeting_api_spec::parse(
            "name: get_it\nsummary: s\nmethod: GET\npath: /x\nresponses: [{status: 200, description: ok}]\n",
            "get.yaml",
        )
        .expect("a valid spec");
        let routes = Routes::new(&[spec]);
        assert!(matches!(routes.find("HEAD", "/x"), Route::Found(0, _)));
        assert!(matches!(routes.find("POST", "/x"), Route::MethodNotAllowed(_)));
    }
}
