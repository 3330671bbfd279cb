//! Values that a session supplies to requests: the params a spec marks
//! `session: <name>` (a token, the ID of the conference a handle is for)
//! are left to the session, which hands them to the client by name.

use std::fmt;

use crate::secret::{REDACTED, Secret};
use crate::wire::Location;

/// A param that a session may fill: one the spec marks `session: <name>`.
/// Listed in [`crate::OperationInfo::session`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionParam {
    /// The session value's name, as the spec gives it: `access_token`.
    pub value: &'static str,
    /// Where the param travels: path, query or header.
    pub location: Location,
    /// The param's wire name: `X-Access-Token`.
    pub name: &'static str,
    /// Whether the request must carry it: unset and not supplied, the
    /// request is refused before sending.
    pub required: bool,
    /// Whether the value is secret (redacted, a sensitive header).
    pub secret: bool,
}

/// The values a session supplies, by name, for
/// [`crate::Client::send_with`]. Each is a [`Secret`]: `Debug` shows the
/// names only.
#[derive(Clone, Default)]
pub struct SessionValues {
    values: Vec<(String, Secret<String>)>,
}

impl SessionValues {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// These values and `name`'s, which replaces an earlier one.
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: Secret<String>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets `name`'s value, replacing an earlier one.
    pub fn insert(&mut self, name: impl Into<String>, value: Secret<String>) {
        let name = name.into();
        self.values.retain(|(known, _)| *known != name);
        self.values.push((name, value));
    }

    /// `name`'s value, if supplied.
    pub fn get(&self, name: &str) -> Option<&Secret<String>> {
        self.values
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value)
    }
}

impl fmt::Debug for SessionValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.values.iter().map(|(name, _)| (name, REDACTED)))
            .finish()
    }
}
