//! Values that must never be shown: tokens, passwords.

use std::fmt;

/// A secret value. `Debug` and `Display` print `[redacted]`; the value is
/// reached only through [`Secret::expose`], and serialises as itself, since
/// it has to reach the wire.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret<T>(T);

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "[redacted]";

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Call it only where the value must go: the wire.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<T: serde::Serialize> serde::Serialize for Secret<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::enums::in_secret(|| self.0.serialize(serializer))
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Secret<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_value() {
        let secret = Secret::<String>::from("stb-token");
        assert_eq!(
            format!("{secret:?} {secret} {secret:#?}"),
            "[redacted] [redacted] [redacted]"
        );
        assert_eq!(secret.expose(), "stb-token");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"stb-token\"");
    }
}
