//! The Paths Object: operations merged by path, refusing what one document
//! cannot hold (two operations for one method and path, one path written
//! with two sets of parameter names, two operations with one name).

use std::collections::HashMap;

use meeting_api_spec::Spec;

use super::OpenApiError;
use super::document::{Map, Operation, PathItem};

/// The operations added so far, and what they have claimed.
#[derive(Debug, Default)]
pub(crate) struct Paths {
    items: Map<PathItem>,
    /// By path with its parameter names blanked: the path as written and
    /// the spec that wrote it first.
    templates: HashMap<String, (String, String)>,
}

impl Paths {
    /// Adds the operation of `spec`.
    pub(crate) fn add(&mut self, spec: &Spec, operation: Operation) -> Result<(), OpenApiError> {
        self.claim_template(spec)?;
        let method = spec.method.as_str().to_ascii_lowercase();
        if let Some(first) = self.items.get(&spec.path).and_then(|item| item.get(&method)) {
            return Err(OpenApiError::DuplicateOperation {
                method: spec.method.as_str(),
                path: spec.path.clone(),
                first: first.operation_id.clone(),
                second: spec.name.clone(),
            });
        }
        self.claim_name(spec)?;
        self.items
            .entry(spec.path.clone())
            .or_default()
            .insert(method, operation);
        Ok(())
    }

    /// The Paths Object.
    pub(crate) fn into_map(self) -> Map<PathItem> {
        self.items
    }

    /// OpenAPI holds `/rooms/{id}` and `/rooms/{roomID}` to be one path,
    /// which a document may write only once.
    fn claim_template(&mut self, spec: &Spec) -> Result<(), OpenApiError> {
        let (path, first) = self
            .templates
            .entry(blank_names(&spec.path))
            .or_insert_with(|| (spec.path.clone(), spec.name.clone()));
        if *path == spec.path {
            return Ok(());
        }
        Err(OpenApiError::SameTemplate {
            first_path: path.clone(),
            first: first.clone(),
            second_path: spec.path.clone(),
            second: spec.name.clone(),
        })
    }

    /// The spec's name is the operationId, unique within a document.
    fn claim_name(&self, spec: &Spec) -> Result<(), OpenApiError> {
        let mut taken = self.items.values().flat_map(|item| item.values());
        match taken.any(|op| op.operation_id == spec.name) {
            true => Err(OpenApiError::DuplicateName {
                name: spec.name.clone(),
            }),
            false => Ok(()),
        }
    }
}

/// `path` with every `{name}` written as `{}`.
fn blank_names(path: &str) -> String {
    let mut blanked = String::with_capacity(path.len());
    let mut in_name = false;
    for c in path.chars() {
        match c {
            '{' => in_name = true,
            '}' => in_name = false,
            _ if in_name => continue,
            _ => {}
        }
        blanked.push(c);
    }
    blanked
}
