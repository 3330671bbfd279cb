//! Requests and outcomes as JSON values keyed by wire name, for tools that
//! work from a spec's examples rather than from Rust code: the conformance
//! kit builds requests from documented values and compares outcomes with
//! documented bodies.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::operation::Operation;

/// Where a param travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A `{name}` path segment.
    Path,
    /// The query string.
    Query,
    /// A header; names compare without regard to ASCII case.
    Header,
    /// A top-level field of the JSON body.
    Body,
    /// A part of a `multipart/form-data` body: a text part's value as
    /// JSON, or a file as `{"filename", "content", "content_type"?}`
    /// ([`crate::FilePart`] reads it).
    Form,
}

impl Location {
    fn same_name(self, a: &str, b: &str) -> bool {
        match self {
            Location::Header => a.eq_ignore_ascii_case(b),
            _ => a == b,
        }
    }
}

/// The values of a request by location and wire name, in their JSON form
/// (`"914083136"` for a string, `1` for an integer or an integer enum).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WireValues {
    values: Vec<(Location, String, Value)>,
}

impl WireValues {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the value of the param `name` in `location`.
    pub fn insert(&mut self, location: Location, name: impl Into<String>, value: Value) {
        self.values.push((location, name.into(), value));
    }

    fn get(&self, location: Location, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(l, n, _)| *l == location && location.same_name(n, name))
            .map(|(_, _, value)| value)
    }

    /// The value of a required param, decoded into its Rust type.
    pub fn required<T: DeserializeOwned>(&self, location: Location, name: &'static str) -> Result<T, WireError> {
        self.optional(location, name)?
            .ok_or(WireError::Missing { location, name })
    }

    /// The value of an optional param, decoded into its Rust type.
    pub fn optional<T: DeserializeOwned>(
        &self,
        location: Location,
        name: &'static str,
    ) -> Result<Option<T>, WireError> {
        self.get(location, name)
            .map(|value| {
                serde_json::from_value(value.clone()).map_err(|source| WireError::Invalid { location, name, source })
            })
            .transpose()
    }
}

/// Why [`WireValues`] do not make a request. The value itself is never
/// shown: it may be secret.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// A required param has no value.
    #[error("no value for the required {location:?} param `{name}`")]
    Missing {
        /// Where it travels.
        location: Location,
        /// Its wire name.
        name: &'static str,
    },
    /// A value does not fit the param's type.
    #[error("the value of the {location:?} param `{name}` does not fit its type: {source}")]
    Invalid {
        /// Where it travels.
        location: Location,
        /// Its wire name.
        name: &'static str,
        /// What serde said.
        source: serde_json::Error,
    },
}

/// An operation whose requests can be built from, and outcomes compared
/// with, JSON values. Implemented by the `#[meeting_api]` attribute.
pub trait WireForm: Operation + Sized {
    /// The request with these values.
    fn from_wire(values: &WireValues) -> Result<Self, WireError>;

    /// A successful outcome's body as JSON (`null` for no body).
    fn response_json(response: &Self::Response) -> Value;

    /// What kind of error this is, with the body of a documented status.
    fn error_outcome(error: &Self::Error) -> ErrorOutcome;
}

/// An operation's error, reduced to what a spec-driven tool compares.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorOutcome {
    /// A documented error status with its decoded body.
    Documented {
        /// The status.
        status: u16,
        /// The decoded body, as JSON.
        body: Value,
    },
    /// A status the spec does not document.
    UnexpectedStatus(u16),
    /// A redirect the spec does not document, with its status.
    Redirect(u16),
    /// A body longer than the client's limit, with the response's status.
    BodyTooLarge(u16),
    /// A body that did not decode, with the response's status.
    Decode(u16),
    /// No response.
    Transport(crate::TransportKind),
    /// The request could not be built.
    InvalidRequest,
}
