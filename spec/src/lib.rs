//! The meeting-api endpoint spec format: its model, its YAML parser and its
//! validator.
//!
//! One YAML file describes one HTTP endpoint; the format is documented in
//! `spec/FORMAT.md` (the v1 contract and what is new since: whole bodies
//! that are arrays or maps, the `map` type, multipart
//! bodies of `in: form` params with `type: file` parts). [`parse`]
//! turns the text into a validated [`Spec`], or into a [`SpecError`] that
//! lists every problem of the file with its line and column.
//!
//! Data flows one way: YAML text → [`serde_yaml::Value`] → decoded nodes
//! (`decode`) → cross-checked model (`check`, `example`, `values`).

#![warn(missing_docs)]

mod check;
mod decode;
mod diagnostic;
mod example;
pub mod model;
pub mod position;
pub mod sample;
pub mod values;

use std::path::{Path as FsPath, PathBuf};

pub use diagnostic::{Diagnostic, SpecError};
pub use model::*;
pub use values::{Violation, from_wire_text, object_violations};

use decode::Decoder;
use diagnostic::Collector;
use position::{Position, SourceMap};

/// Parses and validates the text of a spec; `file` names it in messages.
pub fn parse(source: &str, file: &str) -> Result<Spec, SpecError> {
    // libyaml misreads a file that starts with a byte-order mark, as some
    // editors save it, as two documents; the mark means nothing in YAML.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let map = SourceMap::build(source);
    let mut ctx = Collector::new(&map);
    let spec = match serde_yaml::from_str::<serde_yaml::Value>(source) {
        Ok(root) => {
            let mut decoder = Decoder {
                ctx: &mut ctx,
                schema_in: None,
            };
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

/// Reads and validates the spec file at `path`.
pub fn load(path: &FsPath) -> Result<Spec, LoadError> {
    let source = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(parse(&source, &path.display().to_string())?)
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
