//! `meeting-api import`: a spec written from a documentation source.
//!
//! Two sources are read: a documentation page laid out like the Huawei Cloud
//! Meeting API reference (`page`), and a Swagger 2.0 definition from
//! Huawei API Explorer (`swagger`), in JSON or YAML. The format is told by
//! content, not by file name. Each importer builds the spec model of `meeting-api-spec`,
//! [`write`] turns it into YAML, and the YAML is validated by the spec
//! parser before it is returned, so an import never hands out a spec that
//! `meeting-api check` would reject. Whatever the source says that the spec
//! does not carry is returned as an [`Unmapped`] finding; nothing is dropped
//! silently. `cli/docs/import.md` has the mapping tables.

mod message;
mod page;
mod schema;
mod shared;
mod swagger;
mod table;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};

use meeting_api_spec::Spec;
use meeting_api_spec::position::{self, Segment};

/// A spec written from a documentation source.
#[derive(Debug)]
pub struct Imported {
    /// The spec, as YAML text in the spec format; it passes `meeting-api check`.
    pub yaml: String,
    /// What the source says that the spec does not carry, and the values
    /// the importer inferred, in the order of the source.
    pub unmapped: Vec<Unmapped>,
}

/// One thing the importer could not map, or a value it had to infer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    /// Where in the source: `line 12 (Example Request)` for a page, a
    /// key path such as `paths./v1/x.put.tags` for a Swagger file.
    pub at: String,
    /// Whether the information was left out or a value was inferred.
    pub kind: UnmappedKind,
    /// What it is and why, e.g. "header `Connection: keep-alive` is not a declared param".
    pub message: String,
}

/// The two kinds of [`Unmapped`] findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnmappedKind {
    /// Information of the source that the spec does not carry.
    NotImported,
    /// A spec value that the source does not state outright; check it.
    Inferred,
}

impl fmt::Display for Unmapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            UnmappedKind::NotImported => "not imported",
            UnmappedKind::Inferred => "inferred",
        };
        write!(f, "{}: {kind}: {}", self.at, self.message)
    }
}

/// Choices for an import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The Swagger operation to import, by `operationId` or as `METHOD /path`;
    /// needed when the file holds several.
    pub operation: Option<String>,
}

/// Why nothing could be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The source starts like JSON but is not valid JSON.
    #[error("{origin} starts like JSON but does not parse as JSON: {source}")]
    Json {
        /// The source's name.
        origin: String,
        /// What serde_json said, with line and column.
        source: serde_json::Error,
    },
    /// The source is JSON (or YAML with a `swagger` key) but not a Swagger 2.0 document.
    #[error("{origin} is not a Swagger 2.0 document: {found}; expected a top-level `\"swagger\": \"2.0\"`")]
    NotSwagger {
        /// The source's name.
        origin: String,
        /// What its `swagger` key holds, or that it has none.
        found: String,
    },
    /// The page lacks a part the spec needs, or that part is unreadable.
    #[error("{origin}: {at}: {message}")]
    Page {
        /// The source's name.
        origin: String,
        /// The section or line.
        at: String,
        /// What is missing or wrong, and what was expected.
        message: String,
    },
    /// The Swagger document lacks a part the spec needs.
    #[error("{origin}: {at}: {message}")]
    Swagger {
        /// The source's name.
        origin: String,
        /// The key path.
        at: String,
        /// What is missing or wrong, and what was expected.
        message: String,
    },
    /// The Swagger document has several operations and none was chosen, or
    /// the chosen one is not there.
    #[error("{origin}: {reason}; choose one with --operation <operationId>: {}", operations.join(", "))]
    Operation {
        /// The source's name.
        origin: String,
        /// Why no operation was taken.
        reason: String,
        /// The operations of the file, as `operationId (METHOD /path)`.
        operations: Vec<String>,
    },
    /// `--operation` was given for a documentation page, which has one operation.
    #[error("{origin} is a documentation page, which describes one operation; --operation applies to Swagger files")]
    OperationOnPage {
        /// The source's name.
        origin: String,
    },
    /// The spec built from the source breaks the spec format.
    #[error("the spec imported from {origin} breaks the spec format:\n{report}")]
    Invalid {
        /// The source's name.
        origin: String,
        /// Every problem, drawn under the line of the written YAML.
        report: String,
    },
}

/// Why nothing could be imported, with what the importer found before it
/// stopped: the findings often explain the error (a `default` response
/// left out, say, when the error is that no 2xx status is left).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct ImportFailure {
    /// Why the import failed.
    pub error: ImportError,
    /// The findings made up to the failure, in the order of the source.
    pub unmapped: Vec<Unmapped>,
}

impl From<ImportError> for ImportFailure {
    fn from(error: ImportError) -> Self {
        Self {
            error,
            unmapped: Vec::new(),
        }
    }
}

/// Imports the documentation page or Swagger 2.0 file at `path`.
pub fn import_file(path: &Path) -> Result<Imported, ImportFailure> {
    import_file_with(path, &Options::default())
}

/// Imports the file at `path` with `options`.
pub fn import_file_with(path: &Path, options: &Options) -> Result<Imported, ImportFailure> {
    let source = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    import_str(&source, &path.display().to_string(), options)
}

/// Imports `source`, a page or a Swagger 2.0 JSON text; `origin` names it
/// in messages and in the spec's header comment.
pub fn import_str(source: &str, origin: &str, options: &Options) -> Result<Imported, ImportFailure> {
    let mut findings = Findings::default();
    match read(source, origin, options, &mut findings) {
        Ok((spec, kind)) => {
            let header = format!("Imported by `meeting-api import` from {origin} ({kind}).");
            validated(spec, &header, origin, findings)
        }
        Err(error) => Err(findings.into_failure(error)),
    }
}

/// The spec `source` describes, and what kind of source it is. A text that
/// starts with `{` or `[` is JSON: a Swagger definition or an error.
fn read(
    source: &str,
    origin: &str,
    options: &Options,
    findings: &mut Findings,
) -> Result<(Spec, &'static str), ImportError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let swagger = match source.trim_start().starts_with(['{', '[']) {
        true => Some((parse_json(source, origin)?, "a Swagger 2.0 definition")),
        false => yaml_swagger(source).map(|root| (root, "a Swagger 2.0 definition in YAML")),
    };
    match swagger {
        Some((root, kind)) => {
            let root = swagger_2(root, origin)?;
            let spec = swagger::import(&root, options.operation.as_deref(), origin, findings)?;
            Ok((spec, kind))
        }
        None if options.operation.is_some() => Err(ImportError::OperationOnPage {
            origin: origin.to_owned(),
        }),
        None => Ok((page::import(source, origin, findings)?, "a documentation page")),
    }
}

/// The JSON text as an ordered tree. serde_yaml's mapping keeps the order of
/// the keys, which becomes the order of params and fields; serde_json's own
/// map would sort them.
fn parse_json(source: &str, origin: &str) -> Result<serde_yaml::Value, ImportError> {
    serde_json::from_str(source).map_err(|source| ImportError::Json {
        origin: origin.to_owned(),
        source,
    })
}

/// The tree of a YAML text with a top-level `swagger` key; a page is none.
fn yaml_swagger(source: &str) -> Option<serde_yaml::Value> {
    let root: serde_yaml::Value = serde_yaml::from_str(source).ok()?;
    root.get("swagger")?;
    Some(root)
}

/// `root` when it says `swagger: "2.0"` (YAML's unquoted `2.0` is a number).
fn swagger_2(root: serde_yaml::Value, origin: &str) -> Result<serde_yaml::Value, ImportError> {
    match root.get("swagger") {
        Some(version) if version.as_str() == Some("2.0") || version.as_f64() == Some(2.0) => Ok(root),
        found => Err(ImportError::NotSwagger {
            origin: origin.to_owned(),
            found: match (found, root.get("openapi")) {
                (None, Some(version)) => format!("it is OpenAPI {}, which is not read", shared::show(version)),
                (None, None) => "it has no `swagger` key".to_owned(),
                (Some(value), _) => format!("its `swagger` is {}", shared::show(value)),
            },
        }),
    }
}

/// Writes `spec` and checks it with the spec parser. Examples are the part
/// most likely to disagree with the params (a documented value outside the
/// documented enum, say); when only they do, the spec is returned with the
/// examples that pass, and each problem of the others is reported.
fn validated(mut spec: Spec, header: &str, origin: &str, mut findings: Findings) -> Result<Imported, ImportFailure> {
    let file = format!("{origin} (imported)");
    let yaml = write::to_yaml(&spec, header);
    let error = match meeting_api_spec::parse(&yaml, &file) {
        Ok(_) => return Ok(findings.into_imported(yaml)),
        Err(error) => error,
    };
    let invalid = |yaml: &str, error| ImportError::Invalid {
        origin: origin.to_owned(),
        report: crate::check::render(error, yaml),
    };
    if spec.examples.is_empty() {
        return Err(findings.into_failure(invalid(&yaml, &error)));
    }
    let examples = std::mem::take(&mut spec.examples);
    let mut yaml = write::to_yaml(&spec, header);
    if let Err(error) = meeting_api_spec::parse(&yaml, &file) {
        return Err(findings.into_failure(invalid(&yaml, &error)));
    }
    // One at a time, so that an example is also checked against those
    // kept before it (two of one name, say).
    for example in examples {
        spec.examples.push(example);
        let with = write::to_yaml(&spec, header);
        match meeting_api_spec::parse(&with, &file) {
            Ok(_) => yaml = with,
            Err(error) => {
                let index = spec.examples.len() - 1;
                let name = spec.examples.remove(index).name;
                for diagnostic in &error.diagnostics {
                    let message = match within_example(&diagnostic.path, index) {
                        Some(path) if path.segments().is_empty() => diagnostic.message.clone(),
                        Some(path) => format!("{path}: {}", diagnostic.message),
                        None => format!("{}: {}", diagnostic.path, diagnostic.message),
                    };
                    let message = format!("left out of the spec, since it breaks the format: {message}");
                    findings.dropped(format!("examples ({name})"), message);
                }
            }
        }
    }
    Ok(findings.into_imported(yaml))
}

/// `path` from inside the example at `index`, when it points there: the
/// example is left out, so its place in the written YAML means nothing.
fn within_example(path: &position::Path, index: usize) -> Option<position::Path> {
    let [Segment::Key(key), Segment::Index(at), rest @ ..] = path.segments() else {
        return None;
    };
    (key == "examples" && *at == index).then(|| {
        rest.iter().fold(position::Path::root(), |path, segment| match segment {
            Segment::Key(key) => path.key(key.as_str()),
            Segment::Index(i) => path.index(*i),
        })
    })
}

/// The findings of one import, in the order they were met.
#[derive(Debug, Default)]
pub(crate) struct Findings(Vec<Unmapped>);

impl Findings {
    /// Records information that the spec does not carry.
    pub(crate) fn dropped(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.push(at.into(), UnmappedKind::NotImported, message.into());
    }

    /// Records a value that the source did not state outright.
    pub(crate) fn inferred(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.push(at.into(), UnmappedKind::Inferred, message.into());
    }

    fn push(&mut self, at: String, kind: UnmappedKind, message: String) {
        // A definition used twice would report its keys twice.
        let finding = Unmapped { at, kind, message };
        if !self.0.contains(&finding) {
            self.0.push(finding);
        }
    }

    fn into_imported(self, yaml: String) -> Imported {
        Imported { yaml, unmapped: self.0 }
    }

    fn into_failure(self, error: ImportError) -> ImportFailure {
        ImportFailure {
            error,
            unmapped: self.0,
        }
    }
}
