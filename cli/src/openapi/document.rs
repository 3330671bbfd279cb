//! The OpenAPI 3.1 objects the exporter writes, as serde structs: only the
//! keys it fills, in the order a reader expects them. Maps are `IndexMap`s
//! so that paths, properties and examples keep the order of the specs.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

/// A map keyed by name, in insertion order.
pub(crate) type Map<V> = IndexMap<String, V>;

/// The operations of one path, by lower-case method.
pub(crate) type PathItem = Map<Operation>;

/// The OpenAPI Object.
#[derive(Debug, Serialize)]
pub(crate) struct Document {
    pub openapi: &'static str,
    pub info: Info,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    pub paths: Map<PathItem>,
    #[serde(skip_serializing_if = "Components::is_empty")]
    pub components: Components,
}

/// The Info Object.
#[derive(Debug, Serialize)]
pub(crate) struct Info {
    pub title: &'static str,
    pub version: &'static str,
    pub description: String,
}

/// A Server Object.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Server {
    pub url: String,
}

/// The Components Object.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Components {
    pub schemas: Map<Schema>,
}

impl Components {
    fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }
}

/// An Operation Object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Operation {
    pub operation_id: String,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// By status code, as a string (`"200"`).
    pub responses: Map<Response>,
}

/// A Parameter Object (path, query or header).
#[derive(Debug, Serialize)]
pub(crate) struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub schema: Schema,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub examples: Map<Example>,
}

/// A Request Body Object.
#[derive(Debug, Serialize)]
pub(crate) struct RequestBody {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// By media type.
    pub content: Map<MediaType>,
}

/// A Response Object.
#[derive(Debug, Serialize)]
pub(crate) struct Response {
    pub description: String,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub headers: Map<Header>,
    /// By media type; empty for a response without a body.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub content: Map<MediaType>,
}

/// A Header Object.
#[derive(Debug, Serialize)]
pub(crate) struct Header {
    pub schema: Schema,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub examples: Map<Example>,
}

/// A Media Type Object.
#[derive(Debug, Serialize)]
pub(crate) struct MediaType {
    pub schema: Schema,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub examples: Map<Example>,
}

/// An Example Object.
#[derive(Debug, Serialize)]
pub(crate) struct Example {
    pub value: Value,
}

/// A Schema Object: the JSON Schema 2020-12 keywords the format needs,
/// plus the exporter's extensions.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Schema {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Value>,
    /// The values' names, for generators (openapi-generator's convention).
    #[serde(rename = "x-enum-varnames", skip_serializing_if = "Vec::is_empty")]
    pub value_names: Vec<String>,
    /// The values' meanings, in the same convention.
    #[serde(rename = "x-enum-descriptions", skip_serializing_if = "Vec::is_empty")]
    pub value_descriptions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub properties: Map<Schema>,
    /// A map's value shape: an object with free keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Box<Schema>>,
    /// The spec's `secret: true`.
    #[serde(rename = "x-meeting-api-secret", skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
}

impl Schema {
    /// A schema that points at a component.
    pub fn reference(target: &str) -> Self {
        Self {
            reference: Some(target.to_owned()),
            ..Self::default()
        }
    }
}
