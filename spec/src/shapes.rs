//! Shared shapes: schemas declared once, in a shapes file, and named by
//! many specs with `shape: Name`. A shapes file is
//!
//! ```yaml
//! shapes:
//!   PartAttendee:
//!     type: object
//!     fields: [...]
//! ```
//!
//! and a spec that uses it names it at its top level (`shapes:
//! shared/shapes.yaml`, relative to the spec). Shapes may name each other,
//! but not in a cycle: every shape is a finite tree, so that consumers can
//! walk a resolved schema without tracking where they have been.

use std::collections::BTreeMap;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use serde_yaml::Value;

use crate::decode::{Decoder, show};
use crate::diagnostic::{Collector, SpecError};
use crate::model::Schema;
use crate::position::{Path, SourceMap};

/// The shapes of one shapes file, by name.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes {
    /// The file, as it was read (for messages and for rebuild tracking).
    pub path: PathBuf,
    shapes: BTreeMap<String, Schema>,
}

impl Shapes {
    /// The shape called `name`, resolved.
    pub fn get(&self, name: &str) -> Option<&Schema> {
        self.shapes.get(name)
    }

    /// Every shape with its name, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Schema)> {
        self.shapes.iter().map(|(name, schema)| (name.as_str(), schema))
    }

    /// Whether the file declares no shape.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// How `shape: Name` resolves while a file is decoded.
#[derive(Clone, Debug)]
pub(crate) enum ShapeScope {
    /// The spec names no shapes file: a reference is an error.
    Undeclared,
    /// The spec's shapes file could not be used, which was reported at its
    /// `shapes` key; references are not reported again.
    Unavailable,
    /// References resolve in this library, named in messages as `file`
    /// (as the spec writes it).
    Library {
        /// The file's name in messages.
        file: String,
        /// Its shapes.
        shapes: Arc<Shapes>,
    },
}

impl ShapeScope {
    /// The library a decoded spec keeps.
    pub(crate) fn library(&self) -> Option<Arc<Shapes>> {
        match self {
            ShapeScope::Library { shapes, .. } => Some(shapes.clone()),
            _ => None,
        }
    }
}

/// Parses and validates a shapes file; `path` names it in messages.
pub fn parse_shapes(source: &str, path: &FsPath) -> Result<Shapes, SpecError> {
    let file = path.display().to_string();
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let map = SourceMap::build(source);
    let mut ctx = Collector::new(&map);
    let mut shapes = Shapes {
        path: path.to_owned(),
        shapes: BTreeMap::new(),
    };
    match serde_yaml::from_str::<Value>(source) {
        Ok(root) => shapes = declared(&mut ctx, &root, shapes),
        Err(error) => {
            let position = map.fault().unwrap_or_default();
            ctx.at(
                position,
                format!("the file is not valid YAML: {}", crate::decode::plain(&error)),
            );
        }
    }
    ctx.finish(&file)?;
    Ok(shapes)
}

/// The shapes under the top-level `shapes` key, each decoded once the
/// shapes it names are.
fn declared(ctx: &mut Collector<'_>, root: &Value, mut shapes: Shapes) -> Shapes {
    let mut pending = {
        let mut decoder = Decoder::new(ctx, ShapeScope::Undeclared);
        let what = "a shapes file (a mapping with the key `shapes`)";
        let Some(mut e) = decoder.entries(root, Path::root(), what) else {
            return shapes;
        };
        let entries = e.lookup("shapes");
        decoder.finish(e);
        let Some((value, path)) = entries else {
            decoder.ctx.error(
                &Path::root(),
                "a shapes file needs `shapes`, a mapping of shape names to schemas",
            );
            return shapes;
        };
        declarations(&mut decoder, value, &path)
    };
    while !pending.is_empty() {
        let ready = pending.iter().position(|d| {
            d.names
                .iter()
                .all(|n| shapes.shapes.contains_key(n) || !pending.iter().any(|p| &p.name == n))
        });
        let Some(ready) = ready else {
            let names: Vec<&str> = pending.iter().map(|d| d.name.as_str()).collect();
            let message = format!(
                "shapes {} refer to each other in a cycle, or name one that does; a shape is a finite tree, so \
                 shapes may not name each other in a cycle",
                names.join(", ")
            );
            for declaration in &pending {
                ctx.error(&declaration.path, message.clone());
            }
            break;
        };
        let declaration = pending.remove(ready);
        let library = Arc::new(shapes);
        let schema = {
            let scope = ShapeScope::Library {
                file: "this file".to_owned(),
                shapes: library.clone(),
            };
            let mut decoder = Decoder::new(ctx, scope);
            decoder.items(
                declaration.value,
                declaration.path,
                "a shape's schema (a mapping with `type`)",
            )
        };
        shapes = Arc::try_unwrap(library).unwrap_or_else(|shared| (*shared).clone());
        if let Some(schema) = schema {
            shapes.shapes.insert(declaration.name, schema);
        }
    }
    shapes
}

/// A shape not decoded yet, with the shapes its schema names.
struct Declaration<'v> {
    name: String,
    value: &'v Value,
    path: Path,
    names: Vec<String>,
}

fn declarations<'v>(decoder: &mut Decoder<'_, '_>, value: &'v Value, path: &Path) -> Vec<Declaration<'v>> {
    let Value::Mapping(map) = value else {
        let message = format!(
            "`shapes` is {}; expected a mapping of shape names to schemas",
            show(value)
        );
        decoder.ctx.error(path, message);
        return Vec::new();
    };
    map.iter()
        .filter_map(|(key, value)| {
            let Some(name) = key.as_str() else {
                decoder
                    .ctx
                    .key_error(path, format!("a shape's name is {}; expected a word", show(key)));
                return None;
            };
            let at = path.key(name);
            if !is_shape_name(name) {
                let message = format!(
                    "shape name {name:?} is not a Rust type name; expected UpperCamelCase letters and digits, like \
                     `PartAttendee`"
                );
                decoder.ctx.key_error(&at, message);
                return None;
            }
            Some(Declaration {
                name: name.to_owned(),
                value,
                path: at,
                names: named_shapes(value),
            })
        })
        .collect()
}

/// Whether `name` can be a shape's name, and so a Rust type's.
pub(crate) fn is_shape_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !crate::is_rust_keyword(name)
}

/// The shapes a schema names: `shape` keys of the schema, its fields,
/// elements and values (not of `default` values, which are data).
fn named_shapes(schema: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![schema];
    while let Some(Value::Mapping(map)) = stack.pop() {
        if let Some(name) = map.get("shape").and_then(Value::as_str) {
            names.push(name.to_owned());
        }
        stack.extend(map.get("items"));
        stack.extend(map.get("values"));
        if let Some(Value::Sequence(fields)) = map.get("fields") {
            stack.extend(fields);
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Reads the shapes files that specs name, each once.
#[derive(Debug, Default)]
pub struct ShapesCache {
    read: BTreeMap<PathBuf, Result<Arc<Shapes>, String>>,
}

impl ShapesCache {
    /// The shapes of the file at `path`, or why they cannot be used (its
    /// read error, or every problem of the file).
    pub fn get(&mut self, path: &FsPath) -> Result<Arc<Shapes>, String> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.read
            .entry(key)
            .or_insert_with(|| {
                let source = std::fs::read_to_string(path).map_err(|error| match error.kind() {
                    std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
                    _ => error.to_string(),
                })?;
                parse_shapes(&source, path)
                    .map(Arc::new)
                    .map_err(|error| error.to_string())
            })
            .clone()
    }
}
