//! The meeting-api endpoint spec format: its model, its YAML parser and its
//! validator.
//!
//! One YAML file describes one HTTP endpoint; the format is documented in
//! `spec/FORMAT.md` (the v1 contract and what is new since: whole bodies
//! that are arrays or maps, the `map` type, multipart
//! bodies of `in: form` params with `type: file` parts, and shapes shared
//! between specs through a shapes file, and `paging`, how an operation
//! pages through a list). [`load`] reads a spec file (and
//! its shapes file) into a validated [`Spec`], or into a [`SpecError`]
//! that lists every problem of the file with its line and column;
//! [`parse`] does it for a text.
//!
//! Data flows one way: YAML text → [`serde_yaml::Value`] → decoded nodes
//! (`decode`) → cross-checked model (`check`, `example`, `values`).

#![warn(missing_docs)]

mod check;
mod decode;
mod diagnostic;
mod example;
pub mod model;
pub mod multipart;
mod paging;
pub mod position;
pub mod sample;
mod shapes;
pub mod values;

use std::path::{Path as FsPath, PathBuf};

pub use diagnostic::{Diagnostic, SpecError};
pub use model::*;
pub use shapes::{Shapes, ShapesCache, parse_shapes};
pub use values::{Violation, from_wire_text, object_violations};

use decode::Decoder;
use diagnostic::Collector;
use position::{Position, SourceMap};

/// Parses and validates the text of a spec; `file` names it in messages.
/// A spec that names a shapes file cannot be read from its text alone:
/// use [`load`] or [`parse_with`].
pub fn parse(source: &str, file: &str) -> Result<Spec, SpecError> {
    parse_with(source, file, &mut |path| {
        Err(format!(
            "the spec was given as text, so its shapes file {path:?} cannot be found; read the spec from its file"
        ))
    })
}

/// [`parse`] for a spec that may name a shapes file: `shapes` is given the
/// file's path as written in the spec and returns its shapes, or why they
/// cannot be used.
pub fn parse_with(
    source: &str,
    file: &str,
    shapes: &mut dyn FnMut(&str) -> Result<std::sync::Arc<Shapes>, String>,
) -> Result<Spec, SpecError> {
    // libyaml misreads a file that starts with a byte-order mark, as some
    // editors save it, as two documents; the mark means nothing in YAML.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let map = SourceMap::build(source);
    let mut ctx = Collector::new(&map);
    let spec = match serde_yaml::from_str::<serde_yaml::Value>(source) {
        Ok(root) => {
            let scope = shape_scope(&root, &mut ctx, shapes);
            let mut decoder = Decoder::new(&mut ctx, scope);
            decoder.document(&root).and_then(|decoded| decoder.spec(decoded))
        }
        Err(error) => {
            let mut position = error.location().map(|l| Position {
                line: l.line(),
                column: l.column(),
            });
            // serde_yaml places a duplicate key at the start of its mapping
            // and a second document nowhere; the source map knows better.
            if position.is_none() || error.to_string().contains("duplicate entry with key") {
                position = map.fault().or(position);
            }
            let position = position.unwrap_or(Position { line: 1, column: 1 });
            ctx.at(
                position,
                format!("the file is not valid YAML: {}", decode::plain(&error)),
            );
            None
        }
    };
    ctx.finish(file)?;
    // Every part that is absent was reported, so a spec without problems
    // is whole; the fallback keeps `SpecError`'s promise of a diagnostic.
    spec.ok_or_else(|| SpecError {
        file: file.to_owned(),
        diagnostics: vec![Diagnostic {
            position: Position { line: 1, column: 1 },
            path: position::Path::root(),
            message: "the spec is incomplete, though no rule said why; this is a bug in meeting-api-spec".to_owned(),
        }],
    })
}

/// How the spec's `shapes` key resolves: its file, asked of `shapes`; a
/// failure is reported at the key.
fn shape_scope(
    root: &serde_yaml::Value,
    ctx: &mut Collector<'_>,
    shapes: &mut dyn FnMut(&str) -> Result<std::sync::Arc<Shapes>, String>,
) -> shapes::ShapeScope {
    let Some(value) = root.get("shapes") else {
        return shapes::ShapeScope::Undeclared;
    };
    let at = position::Path::root().key("shapes");
    let Some(file) = value.as_str() else {
        // Reported by the decoder, which reads the key as a string.
        return shapes::ShapeScope::Unavailable;
    };
    match shapes(file) {
        Ok(library) => shapes::ShapeScope::Library {
            file: file.to_owned(),
            shapes: library,
        },
        Err(why) => {
            ctx.error(&at, format!("cannot use the shapes file {file:?}: {why}"));
            shapes::ShapeScope::Unavailable
        }
    }
}

/// Reads and validates the spec file at `path`, and the shapes file it
/// names, relative to it.
pub fn load(path: &FsPath) -> Result<Spec, LoadError> {
    load_with(path, &mut ShapesCache::default())
}

/// [`load`], reading shapes files through `cache`, so that the specs of a
/// directory share one read of their shapes file (and one `Arc`).
pub fn load_with(path: &FsPath, cache: &mut ShapesCache) -> Result<Spec, LoadError> {
    let source = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    let dir = path.parent().unwrap_or(FsPath::new(""));
    let spec = parse_with(&source, &path.display().to_string(), &mut |file| {
        cache.get(&dir.join(file))
    })?;
    Ok(spec)
}

/// The spec files directly in `dir` (`*.yaml` and `*.yml`, not those of
/// subdirectories), sorted by name: how the conformance kit and the
/// `meeting-api` command read a directory of specs.
pub fn spec_files_in(dir: &FsPath) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let spec = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
        if spec && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Why a spec file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read spec file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file was read but breaks the format.
    #[error(transparent)]
    Invalid(#[from] SpecError),
}

/// Whether `word` is a Rust keyword (strict, reserved or edition-specific),
/// which an identifier cannot be.
pub fn is_rust_keyword(word: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
        "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
        "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
        "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    KEYWORDS.contains(&word)
}
