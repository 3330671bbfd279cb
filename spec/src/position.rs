//! Where things are in a spec file: a path into the YAML document
//! (`params[2].name`) and the line and column it was written at.
//!
//! serde_yaml reports positions only for the first error it meets; the
//! validator needs one for every node it may complain about, so this module
//! walks the document's events once and records the position of each node.

use std::collections::{HashMap, HashSet};
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

/// A line and column in a spec file, both counted from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

/// One step of a [`Path`]: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// The value under this key of a mapping.
    Key(String),
    /// The element at this index of a sequence.
    Index(usize),
}

/// The location of a node inside the document, from its root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The root of the document.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: impl Into<String>) -> Self {
        self.with(Segment::Key(key.into()))
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Index(index))
    }

    /// This path extended by `segment`.
    pub fn with(&self, segment: Segment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        Self(segments)
    }

    /// This path followed by all of `other`.
    pub fn join(&self, other: &Path) -> Self {
        let mut segments = self.0.clone();
        segments.extend(other.0.iter().cloned());
        Self(segments)
    }

    /// The segments, root first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    fn parent(&self) -> Option<Self> {
        let (_, rest) = self.0.split_last()?;
        Some(Self(rest.to_vec()))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Which part of a mapping entry a diagnostic points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The key itself (unknown or duplicate keys).
    Key,
    /// The value under the key (wrong values).
    Value,
}

/// Positions of the nodes of one YAML document, by path.
#[derive(Debug, Default)]
pub struct SourceMap {
    values: HashMap<Path, Position>,
    keys: HashMap<Path, Position>,
    /// The text of unquoted scalars as written, which YAML may read as
    /// something else (`1.50` as 1.5).
    plain: HashMap<Path, String>,
    /// See [`SourceMap::fault`].
    fault: Option<Position>,
}

impl SourceMap {
    /// Records the position of every node of `source`. A document that does
    /// not scan yields the positions recorded up to the fault; serde_yaml
    /// reports the fault itself.
    pub fn build(source: &str) -> Self {
        let mut recorder = Recorder::default();
        // Events are pulled one by one rather than through `Parser::load`,
        // which recurses once per nesting level and overflows the stack on
        // deeply nested input. A scan error is reported by serde_yaml with
        // its own position.
        for (event, span) in Parser::new_from_str(source).map_while(Result::ok) {
            recorder.on_event(event, span);
        }
        recorder.map
    }

    /// The text of the unquoted scalar at `path`, exactly as written.
    pub fn plain_text(&self, path: &Path) -> Option<&str> {
        self.plain.get(path).map(String::as_str)
    }

    /// Where the faults that serde_yaml reports without a position are: the
    /// first key written twice in one mapping, or the start of a second
    /// document, whichever comes first.
    pub fn fault(&self) -> Option<Position> {
        self.fault
    }

    /// The position of `path`, or of its nearest ancestor that was written
    /// down (a missing key is reported at the mapping that lacks it).
    pub fn locate(&self, path: &Path, anchor: Anchor) -> Position {
        let mut current = Some(path.clone());
        while let Some(path) = current {
            let found = match anchor {
                Anchor::Key => self.keys.get(&path).or_else(|| self.values.get(&path)),
                Anchor::Value => self.values.get(&path),
            };
            if let Some(position) = found {
                return *position;
            }
            current = path.parent();
        }
        Position { line: 1, column: 1 }
    }
}

/// Where the recorder is inside a collection.
enum Frame {
    Mapping {
        path: Path,
        pending_key: Option<(String, Position)>,
        seen: HashSet<String>,
    },
    Sequence {
        path: Path,
        next: usize,
    },
}

/// Nesting beyond serde_yaml's recursion limit is rejected anyway, so its
/// positions are never asked for; not recording them keeps the walk linear.
const MAX_DEPTH: usize = 128;

#[derive(Default)]
struct Recorder {
    map: SourceMap,
    stack: Vec<Frame>,
    documents: usize,
    /// How many collections are open beyond `MAX_DEPTH`, unrecorded.
    skipped: usize,
}

impl Recorder {
    /// The path of the node that starts now, or `None` when it is a key.
    fn next_node(&mut self) -> Option<Path> {
        match self.stack.last_mut() {
            None => Some(Path::root()),
            Some(Frame::Sequence { path, next }) => {
                *next += 1;
                Some(path.index(*next - 1))
            }
            Some(Frame::Mapping { path, pending_key, .. }) => match pending_key.take() {
                Some((key, key_position)) => {
                    let node = path.key(key);
                    self.map.keys.insert(node.clone(), key_position);
                    Some(node)
                }
                None => None,
            },
        }
    }

    /// Whether `event` lies inside a collection nested too deep to record.
    fn skip(&mut self, event: &Event<'_>) -> bool {
        if self.skipped == 0 {
            return false;
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => self.skipped += 1,
            Event::MappingEnd | Event::SequenceEnd => self.skipped -= 1,
            _ => {}
        }
        true
    }

    fn scalar_key(&mut self, text: &str, position: Position) {
        if let Some(Frame::Mapping { pending_key, seen, .. }) = self.stack.last_mut() {
            if !seen.insert(text.to_owned()) {
                self.map.fault.get_or_insert(position);
            }
            *pending_key = Some((text.to_owned(), position));
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Recorder {
    fn on_event(&mut self, event: Event<'input>, span: Span) {
        let position = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        if let Event::DocumentStart(_) = event {
            self.documents += 1;
            if self.documents == 2 {
                self.map.fault.get_or_insert(position);
            }
        }
        // Only the first document is the spec; serde_yaml rejects the others.
        if self.documents > 1 || self.skip(&event) {
            return;
        }
        match event {
            Event::Scalar(text, style, ..) => match self.next_node() {
                Some(path) => {
                    if style == ScalarStyle::Plain {
                        self.map.plain.insert(path.clone(), text.to_string());
                    }
                    self.map.values.insert(path, position);
                }
                None => self.scalar_key(&text, position),
            },
            Event::Alias(_) => {
                if let Some(path) = self.next_node() {
                    self.map.values.insert(path, position);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a key has no path of its own; its
                // contents are recorded under a placeholder that no lookup asks for.
                let path = self.next_node().unwrap_or_else(|| Path::root().key("\u{0}complex key"));
                if self.stack.len() == MAX_DEPTH {
                    self.skipped = 1;
                    return;
                }
                self.map.values.insert(path.clone(), position);
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Mapping {
                        path,
                        pending_key: None,
                        seen: HashSet::new(),
                    },
                    _ => Frame::Sequence { path, next: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keys_values_and_sequence_items() {
        let map = SourceMap::build("name: hands\nparams:\n  - name: a\n    in: query\n");
        let param = Path::root().key("params").index(0);
        assert_eq!(
            map.locate(&Path::root().key("name"), Anchor::Value),
            Position { line: 1, column: 7 }
        );
        assert_eq!(
            map.locate(&param.key("in"), Anchor::Key),
            Position { line: 4, column: 5 }
        );
        assert_eq!(
            map.locate(&param.key("in"), Anchor::Value),
            Position { line: 4, column: 9 }
        );
        assert_eq!(map.locate(&param, Anchor::Value), Position { line: 3, column: 5 });
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let map = SourceMap::build("a:\n  b: 1\n");
        let missing = Path::root().key("a").key("c").index(3);
        assert_eq!(map.locate(&missing, Anchor::Value), Position { line: 2, column: 3 });
        assert_eq!(map.locate(&missing, Anchor::Key), Position { line: 1, column: 1 });
    }

    #[test]
    fn knows_the_faults_serde_yaml_cannot_place() {
        let twice = SourceMap::build("a:\n  b: 1\n  c: 2\n  b: 3\n");
        assert_eq!(twice.fault(), Some(Position { line: 4, column: 3 }));
        let documents = SourceMap::build("a: 1\n---\na: 2\n");
        assert_eq!(documents.fault(), Some(Position { line: 2, column: 1 }));
        assert_eq!(
            documents.locate(&Path::root().key("a"), Anchor::Value),
            Position { line: 1, column: 4 }
        );
        assert_eq!(SourceMap::build("a: 1\nb: {a: 1}\n").fault(), None);
    }

    #[test]
    fn keeps_unquoted_text_as_written() {
        let map = SourceMap::build("a: 1.50\nb: '0x1F'\n");
        assert_eq!(map.plain_text(&Path::root().key("a")), Some("1.50"));
        assert_eq!(map.plain_text(&Path::root().key("b")), None);
    }

    #[test]
    fn paths_read_like_yaml_accessors() {
        let path = Path::root().key("params").index(2).key("enum").index(0).key("value");
        assert_eq!(path.to_string(), "params[2].enum[0].value");
        assert_eq!(Path::root().to_string(), "(top level)");
    }
}
