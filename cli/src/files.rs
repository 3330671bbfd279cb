//! Which files the command's `<FILE|DIR>...` arguments name, and loading
//! them as specs.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use meeting_api_codegen::plan::{self, NameClash};
use meeting_api_spec::{Diagnostic, Spec, SpecError, position};

/// Why the arguments name no usable spec files.
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    /// A path could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A directory holds no spec.
    #[error("{} holds no spec: expected *.yaml or *.yml files", path.display())]
    EmptyDir {
        /// The directory.
        path: PathBuf,
    },
}

/// The spec files that `paths` name: files as given, and the `*.yaml` and
/// `*.yml` files of directories (not their subdirectories), sorted by name.
pub fn spec_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FilesError> {
    let mut files = Vec::new();
    for path in paths {
        let read_error = |source| FilesError::Read {
            path: path.clone(),
            source,
        };
        if !path.metadata().map_err(read_error)?.is_dir() {
            files.push(path.clone());
            continue;
        }
        let found = meeting_api_spec::spec_files_in(path).map_err(read_error)?;
        if found.is_empty() {
            return Err(FilesError::EmptyDir { path: path.clone() });
        }
        files.extend(found);
    }
    Ok(files)
}

/// One spec file, read and judged.
#[derive(Debug)]
pub struct Loaded {
    /// The file as named on the command line (or found in a directory).
    pub path: PathBuf,
    /// The spec, or every problem of the file.
    pub spec: Result<Spec, InvalidSpec>,
}

/// A spec file that cannot be used, with the text its diagnostics point
/// into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSpec {
    /// Every problem of the file: the format's, or, when it has none, the
    /// generator's name clashes.
    pub error: SpecError,
    /// The file's text.
    pub source: String,
}

impl InvalidSpec {
    /// Every problem drawn under its source line, as `check` prints it;
    /// `color` styles it for a terminal.
    pub fn render(&self, color: bool) -> String {
        crate::check::render_with(&self.error, &self.source, color)
    }
}

impl fmt::Display for InvalidSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for InvalidSpec {}

/// The invalid spec files among those a command was given, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSpecs(pub Vec<InvalidSpec>);

impl InvalidSpecs {
    /// Every problem of every file, as `check` prints them.
    pub fn render(&self, color: bool) -> String {
        self.0.iter().map(|invalid| invalid.render(color)).collect()
    }
}

impl fmt::Display for InvalidSpecs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for InvalidSpecs {}

/// Reads and validates `path`, and names its items as the generator does,
/// so that a spec the `#[meeting_api]` attribute rejects is invalid here too.
/// The shapes file it names is read through `shapes`, once per directory.
pub fn load(path: &Path, shapes: &mut meeting_api_spec::ShapesCache) -> Result<Loaded, FilesError> {
    let source = std::fs::read_to_string(path).map_err(|source| FilesError::Read {
        path: path.to_owned(),
        source,
    })?;
    let file = path.display().to_string();
    let dir = path.parent().unwrap_or(Path::new(""));
    let spec = match meeting_api_spec::parse_with(&source, &file, &mut |name| shapes.get(&dir.join(name))) {
        Ok(spec) => match plan::plan(&spec) {
            Ok(_) => Ok(spec),
            Err(clashes) => Err(clash_error(file, clashes)),
        },
        Err(error) => Err(error),
    };
    Ok(Loaded {
        path: path.to_owned(),
        spec: spec.map_err(|error| InvalidSpec { error, source }),
    })
}

/// The generator's name clashes as the diagnostics of `file`.
fn clash_error(file: String, clashes: Vec<NameClash>) -> SpecError {
    let mut diagnostics: Vec<Diagnostic> = clashes
        .into_iter()
        .map(|clash| Diagnostic {
            position: clash.position,
            // The plan knows where, not under which key.
            path: position::Path::root(),
            message: clash.message,
        })
        .collect();
    diagnostics.sort_by_key(|d| d.position);
    SpecError { file, diagnostics }
}

/// Every spec that `paths` name, all valid; else every invalid one with its
/// problems. Stops at the first file that cannot be read.
pub fn load_valid(paths: &[PathBuf]) -> Result<Vec<Spec>, LoadFailure> {
    let mut specs = Vec::new();
    let mut invalid = Vec::new();
    let mut shapes = meeting_api_spec::ShapesCache::default();
    for file in spec_files(paths)? {
        match load(&file, &mut shapes)?.spec {
            Ok(spec) => specs.push(spec),
            Err(problems) => invalid.push(problems),
        }
    }
    if invalid.is_empty() {
        Ok(specs)
    } else {
        Err(LoadFailure::Invalid(InvalidSpecs(invalid)))
    }
}

/// Why [`load_valid`] gave no specs.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// The files could not be found or read.
    #[error(transparent)]
    Files(#[from] FilesError),
    /// Some specs break the format, or name two items alike.
    #[error(transparent)]
    Invalid(#[from] InvalidSpecs),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid by the format, but its two params ask for the same Rust name.
    const NAME_CLASH: &str = "name: clash\nsummary: x\nmethod: GET\npath: /x\nparams:\n  - name: a\n    in: query\n    \
        type: string\n    rust_name: same\n  - name: b\n    in: query\n    type: string\n    rust_name: same\n\
        responses:\n  - status: 200\n    description: ok\n";

    #[test]
    fn load_valid_reports_the_plans_name_clashes_as_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clash.yaml");
        std::fs::write(&path, NAME_CLASH).unwrap();
        let spec = meeting_api_spec::parse(NAME_CLASH, "clash.yaml").expect("valid by the format");
        let clashes = plan::plan(&spec).expect_err("the generator rejects it");

        let Err(LoadFailure::Invalid(InvalidSpecs(invalid))) = load_valid(std::slice::from_ref(&path)) else {
            panic!("load_valid accepts a spec that the generator rejects");
        };
        let [invalid] = invalid.as_slice() else {
            panic!("one invalid file: {invalid:?}");
        };
        assert_eq!(invalid.source, NAME_CLASH);
        assert_eq!(invalid.error.file, path.display().to_string());
        let found: Vec<_> = invalid
            .error
            .diagnostics
            .iter()
            .map(|d| (d.position, d.message.as_str()))
            .collect();
        let planned: Vec<_> = clashes.iter().map(|c| (c.position, c.message.as_str())).collect();
        assert_eq!(found, planned);
    }

    #[test]
    fn invalid_specs_display_as_checks_plain_rendering() {
        let source = "name: hands\nmethod: PUTT\n";
        let error = meeting_api_spec::parse(source, "hands.yaml").unwrap_err();
        let invalid = InvalidSpec {
            error: error.clone(),
            source: source.to_owned(),
        };
        let rendered = crate::check::render(&error, source);
        assert!(rendered.contains("2 | method: PUTT"), "{rendered}");
        assert_eq!(invalid.to_string(), rendered);
        let both = InvalidSpecs(vec![invalid.clone(), invalid]);
        assert_eq!(both.to_string(), format!("{rendered}{rendered}"));
        assert_eq!(LoadFailure::Invalid(both.clone()).to_string(), both.to_string());
    }
}
