//! `meeting-api check`: every problem of every spec, drawn under its source
//! line with a caret, rustc style.

use std::ops::Range;
use std::path::PathBuf;

use annotate_snippets::{Level, Renderer, Snippet};
use meeting_api_spec::{Diagnostic, SpecError};

use crate::files::{self, FilesError, InvalidSpec, Loaded};

/// What `check` found.
#[derive(Debug, Default)]
pub struct Checked {
    /// The names of the valid specs, in file order.
    pub valid: Vec<String>,
    /// The files that are not, in file order.
    pub invalid: Vec<Problem>,
}

/// Why one spec file is not valid.
#[derive(Debug)]
pub enum Problem {
    /// It cannot be read: one problem.
    Unreadable(FilesError),
    /// It breaks the format, or the generator cannot name its items.
    Invalid(InvalidSpec),
}

impl Problem {
    /// How many problems it counts for.
    pub fn count(&self) -> usize {
        match self {
            Self::Unreadable(_) => 1,
            Self::Invalid(invalid) => invalid.error.diagnostics.len(),
        }
    }

    /// Drawn as rustc draws errors; `color` styles it for a terminal.
    pub fn render(&self, color: bool) -> String {
        match self {
            Self::Unreadable(error) => {
                let message = error.to_string();
                format!("{}\n\n", renderer(color).render(Level::Error.title(&message)))
            }
            Self::Invalid(invalid) => invalid.render(color),
        }
    }
}

impl Checked {
    /// How many files are invalid.
    pub fn invalid_files(&self) -> usize {
        self.invalid.len()
    }

    /// How many problems they have in all.
    pub fn problems(&self) -> usize {
        self.invalid.iter().map(Problem::count).sum()
    }

    /// Every problem of the invalid files; `color` styles it for a terminal.
    pub fn report(&self, color: bool) -> String {
        self.invalid.iter().map(|problem| problem.render(color)).collect()
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        let invalid_files = self.invalid_files();
        let total = self.valid.len() + invalid_files;
        if invalid_files == 0 {
            format!("{total} spec{} valid: {}", plural(total), self.valid.join(", "))
        } else {
            let problems = self.problems();
            format!(
                "{problems} problem{} in {invalid_files} of {total} spec file{}",
                plural(problems),
                plural(total)
            )
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Checks every spec that `paths` name: a file that cannot be read is one
/// problem, and the others are still checked. Fails only when the paths
/// themselves cannot be listed.
pub fn check(paths: &[PathBuf]) -> Result<Checked, FilesError> {
    let mut checked = Checked::default();
    let mut shapes = meeting_api_spec::ShapesCache::default();
    for file in files::spec_files(paths)? {
        match files::load(&file, &mut shapes) {
            Ok(Loaded { spec: Ok(spec), .. }) => checked.valid.push(spec.name),
            Ok(Loaded { spec: Err(invalid), .. }) => checked.invalid.push(Problem::Invalid(invalid)),
            Err(error) => checked.invalid.push(Problem::Unreadable(error)),
        }
    }
    Ok(checked)
}

/// Every diagnostic of `error` drawn under its line of `source`, uncoloured.
pub fn render(error: &SpecError, source: &str) -> String {
    render_with(error, source, false)
}

fn renderer(color: bool) -> Renderer {
    if color { Renderer::styled() } else { Renderer::plain() }
}

/// Every diagnostic of `error` drawn under its line of `source`; `color`
/// styles it for a terminal. A diagnostic without a path (a YAML syntax
/// error, a name clash) has no label under its caret.
pub(crate) fn render_with(error: &SpecError, source: &str, color: bool) -> String {
    let renderer = renderer(color);
    let mut out = String::new();
    for diagnostic in &error.diagnostics {
        let label = match diagnostic.path.segments() {
            [] => String::new(),
            _ => diagnostic.path.to_string(),
        };
        let snippet = Snippet::source(source)
            .line_start(1)
            .origin(&error.file)
            .fold(true)
            .annotation(Level::Error.span(span(source, diagnostic)).label(&label));
        let message = Level::Error.title(&diagnostic.message).snippet(snippet);
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    out
}

/// The bytes a diagnostic points at: the key up to its colon, or the rest
/// of the line's text; empty at the end of the file.
fn span(source: &str, diagnostic: &Diagnostic) -> Range<usize> {
    let start = offset(source, diagnostic.position.line, diagnostic.position.column);
    // A fault at the end of the file ("unexpected end of stream") is drawn
    // under the last character written, where the reader looks for it.
    let written = source.trim_end();
    if start >= written.len() {
        let last = written.chars().next_back().map_or(0, char::len_utf8);
        return written.len() - last..written.len();
    }
    let line = &source[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let text = match line.find(": ") {
        Some(colon) => &line[..colon],
        None => line.strip_suffix(':').unwrap_or(line),
    };
    let text = text.trim_end();
    let end = start + text.len().max(usize::from(start < source.len() && !text.is_empty()));
    start..end.min(source.len())
}

/// The byte offset of a 1-based line and character column, clamped to the
/// text, so that a position past the end never panics.
fn offset(source: &str, line: usize, column: usize) -> usize {
    let line_start = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &source[line_start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    line_start + within
}

#[cfg(test)]
mod tests {
    use super::*;
    use meeting_api_spec::position::{Path, Position};

    fn at(line: usize, column: usize) -> Diagnostic {
        Diagnostic {
            position: Position { line, column },
            path: Path::root(),
            message: String::new(),
        }
    }

    #[test]
    fn spans_cover_a_key_or_the_rest_of_the_line() {
        let source = "name: hands\nmethod: PUT\nsummary: Raise ✋ hands  \n";
        assert_eq!(&source[span(source, &at(2, 1))], "method");
        assert_eq!(&source[span(source, &at(2, 9))], "PUT");
        assert_eq!(&source[span(source, &at(3, 10))], "Raise ✋ hands");
    }

    #[test]
    fn positions_at_or_past_the_end_point_at_the_last_character() {
        let source = "name: hands\nsummary: \"open ✋\n\n";
        let last = source.trim_end().len() - '✋'.len_utf8()..source.trim_end().len();
        assert_eq!(span(source, &at(4, 1)), last);
        assert_eq!(span(source, &at(9, 9)), last);
        assert_eq!(span(source, &at(2, 99)), last);
        assert_eq!(span("name: hands\n", &at(1, 99)), 10..11);
        assert_eq!(span("", &at(1, 1)), 0..0);
        assert_eq!(span("\n\n", &at(2, 1)), 0..0);
    }
}
