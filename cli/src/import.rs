//! `meeting-api import`: (being written by a helper).

use std::path::Path;

/// A spec written from a documentation source.
#[derive(Debug)]
pub struct Imported {
    /// The spec, as YAML text in the spec format.
    pub yaml: String,
    /// What the importer found but could not map, one message each.
    pub unmapped: Vec<String>,
}

/// Why nothing could be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Imports the documentation page or Swagger 2.0 file at `path`.
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let _ = path;
    unimplemented!("import is being written")
}
