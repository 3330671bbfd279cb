//! What is wrong with a spec, where, and what was expected.

use std::fmt;

use crate::position::{Anchor, Path, Position, SourceMap};

/// One problem found in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem was written.
    pub position: Position,
    /// The node it concerns, as `params[2].in`.
    pub path: Path,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column } = self.position;
        if self.path.segments().is_empty() {
            write!(f, "{line}:{column}: {}", self.message)
        } else {
            write!(f, "{line}:{column}: {}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in one spec file, in the order of the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.file, .diagnostics))]
pub struct SpecError {
    /// The file as the user named it, for the messages.
    pub file: String,
    /// The problems, sorted by position; never empty.
    pub diagnostics: Vec<Diagnostic>,
}

fn render(file: &str, diagnostics: &[Diagnostic]) -> String {
    let count = diagnostics.len();
    let mut out = format!(
        "{file}: {count} problem{} in the spec",
        if count == 1 { "" } else { "s" }
    );
    for diagnostic in diagnostics {
        out.push_str(&format!("\n  {file}:{diagnostic}"));
    }
    out
}

/// Collects the problems of one file before failing, so that the user sees
/// all of them at once (serde_derive's `Ctxt` does the same for attributes).
pub(crate) struct Collector<'a> {
    map: &'a SourceMap,
    found: Vec<Diagnostic>,
}

impl<'a> Collector<'a> {
    pub(crate) fn new(map: &'a SourceMap) -> Self {
        Self { map, found: Vec::new() }
    }

    /// Records a problem with the value at `path`.
    pub(crate) fn error(&mut self, path: &Path, message: impl Into<String>) {
        self.push(path, Anchor::Value, message.into());
    }

    /// Records a problem with the key that leads to `path`.
    pub(crate) fn key_error(&mut self, path: &Path, message: impl Into<String>) {
        self.push(path, Anchor::Key, message.into());
    }

    /// Records a problem at a position already known (from serde_yaml).
    pub(crate) fn at(&mut self, position: Position, message: impl Into<String>) {
        let message = message.into();
        self.found.push(Diagnostic {
            position,
            path: Path::root(),
            message,
        });
    }

    /// How many problems were recorded so far.
    pub(crate) fn count(&self) -> usize {
        self.found.len()
    }

    /// Where the value at `path` starts.
    pub(crate) fn position(&self, path: &Path) -> Position {
        self.map.locate(path, Anchor::Value)
    }

    /// The text of the unquoted scalar at `path`, exactly as written.
    pub(crate) fn plain_text(&self, path: &Path) -> Option<&str> {
        self.map.plain_text(path)
    }

    fn push(&mut self, path: &Path, anchor: Anchor, message: String) {
        let position = self.map.locate(path, anchor);
        self.found.push(Diagnostic {
            position,
            path: path.clone(),
            message,
        });
    }

    /// The collected problems, as an error when there is at least one.
    pub(crate) fn finish(mut self, file: &str) -> Result<(), SpecError> {
        if self.found.is_empty() {
            return Ok(());
        }
        self.found.sort_by_key(|d| d.position);
        self.found.dedup();
        Err(SpecError {
            file: file.to_owned(),
            diagnostics: self.found,
        })
    }
}
