//! Which files the command's `<FILE|DIR>...` arguments name, and loading
//! them as specs.

use std::io;
use std::path::{Path, PathBuf};

use meeting_api_spec::{Spec, SpecError};

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
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_error)? {
            let file = entry.map_err(read_error)?.path();
            if file.is_file() && is_spec_name(&file) {
                found.push(file);
            }
        }
        if found.is_empty() {
            return Err(FilesError::EmptyDir { path: path.clone() });
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn is_spec_name(file: &Path) -> bool {
    matches!(file.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// One spec file, read, with its text kept for diagnostics.
#[derive(Debug)]
pub struct Loaded {
    /// The file as named on the command line (or found in a directory).
    pub path: PathBuf,
    /// Its text.
    pub source: String,
    /// The spec, or every problem of the file.
    pub spec: Result<Spec, SpecError>,
}

/// Reads and validates `path`.
pub fn load(path: &Path) -> Result<Loaded, FilesError> {
    let source = std::fs::read_to_string(path).map_err(|source| FilesError::Read {
        path: path.to_owned(),
        source,
    })?;
    let spec = meeting_api_spec::parse(&source, &path.display().to_string());
    Ok(Loaded {
        path: path.to_owned(),
        source,
        spec,
    })
}

/// Every spec that `paths` name, all valid; else the rendered problems of
/// every invalid one, as `check` prints them.
pub fn load_valid(paths: &[PathBuf]) -> Result<Vec<Spec>, LoadFailure> {
    let mut specs = Vec::new();
    let mut report = String::new();
    for file in spec_files(paths)? {
        match load(&file)? {
            Loaded { spec: Ok(spec), .. } => specs.push(spec),
            Loaded {
                source,
                spec: Err(error),
                ..
            } => report.push_str(&crate::check::render(&error, &source)),
        }
    }
    if report.is_empty() {
        Ok(specs)
    } else {
        Err(LoadFailure::Invalid(report))
    }
}

/// Why [`load_valid`] gave no specs.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// The files could not be found or read.
    #[error(transparent)]
    Files(#[from] FilesError),
    /// Some specs break the format; the rendered diagnostics.
    #[error("{0}")]
    Invalid(String),
}
