//! What generated enums share: their serde and param impls, written once
//! here (the [`wire_enum!`](crate::__private::wire_enum) glue) so that
//! each enum generates only its table of variants and values; and the
//! refusal, in requests, of the `Unknown` values that response enums keep.
//!
//! An `Unknown` value serialises as it was received, so that a response
//! round-trips, but a request sends only the values the spec lists. serde
//! hands `Serialize` no context, so [`RequestParts`](crate::RequestParts)
//! marks the thread while it turns a param into text or JSON
//! ([`checked`]), and an `Unknown` value met then is noted for it to
//! refuse. Outside a request the mark is absent and nothing is noted. The
//! generated `write` marks only the values whose type can hold an
//! `Unknown` (`RequestParts::watch_unknown`): the generator knows which.

use std::cell::{Cell, RefCell};
use std::fmt::{self, Display};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{InvalidRequest, UnknownValue};
use crate::params::ParamValue;

/// A generated enum of wire values, as the glue reads it.
pub trait WireEnum: Sized {
    /// The wire type: `str`, `i32` or `i64`.
    type Wire: ?Sized + Display;

    /// The variant of a wire value: the catch-all `Unknown` for a value
    /// the spec does not list, or `None` when the enum has no catch-all
    /// (only requests use it).
    fn from_wire(value: &Self::Wire) -> Option<Self>;

    /// Whether the spec lists the value: `false` only for `Unknown`.
    fn is_listed(&self) -> bool {
        true
    }

    /// The text of a listed value, compiled in (`ParamValue::static_text`);
    /// `None` for `Unknown`, and by default.
    fn wire_text(&self) -> Option<&'static str> {
        None
    }
}

/// An `Unknown` value met while a request was being written.
#[derive(Debug)]
pub(crate) struct Undocumented {
    /// The enum's name.
    pub type_name: &'static str,
    /// The value; `None` inside a `Secret`, which is never shown.
    pub value: Option<String>,
}

impl Undocumented {
    /// The problem of a request that holds this value in `param` (`None`:
    /// in the JSON body).
    pub(crate) fn refused(self, param: Option<&'static str>) -> InvalidRequest {
        InvalidRequest::UndocumentedValue {
            param,
            type_name: self.type_name,
            value: self.value,
        }
    }
}

thread_local! {
    /// The mark of a request being written: 0 when none is, else one
    /// more than the number of `Secret`s the value being written is in.
    /// A `Cell` of its own, since every `Secret` written reads it.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// The first `Unknown` value met while the mark is set.
    static FOUND: RefCell<Option<Undocumented>> = const { RefCell::new(None) };
}

/// Restores the mark that was there before [`checked`], even if writing panics.
struct Restore(usize, Option<Undocumented>);

impl Drop for Restore {
    fn drop(&mut self) {
        DEPTH.set(self.0);
        FOUND.set(self.1.take());
    }
}

/// Runs `write`, which serialises request values, and returns its result
/// with the first `Unknown` value it met. `write` is taken as `dyn`, so
/// that this is compiled once per result type, not per value written.
pub(crate) fn checked<R>(write: &mut dyn FnMut() -> R) -> (R, Option<Undocumented>) {
    let restore = Restore(DEPTH.replace(1), FOUND.take());
    let result = write();
    let found = FOUND.take();
    drop(restore);
    (result, found)
}

/// Runs `write` for the value inside a `Secret`: an `Unknown` value met
/// there is noted without its text.
pub(crate) fn in_secret<R>(write: impl FnOnce() -> R) -> R {
    let depth = enter_secret();
    let result = write();
    DEPTH.set(depth);
    result
}

/// Enters a `Secret` when a request is being written, and returns the
/// depth to restore; apart from `in_secret`, so that it is not compiled
/// per secret type.
fn enter_secret() -> usize {
    let depth = DEPTH.get();
    if depth > 0 {
        DEPTH.set(depth + 1);
    }
    depth
}

/// Notes `value` when a request is being written and the spec does not list it.
fn note<T: WireEnum>(value: &T, type_name: &'static str, wire: &T::Wire) {
    if !value.is_listed() {
        note_unlisted(type_name, &wire);
    }
}

/// `note`'s work, compiled once rather than per enum: the wire value is
/// formatted only when it is the first met, outside any `Secret`.
fn note_unlisted(type_name: &'static str, wire: &dyn Display) {
    let depth = DEPTH.get();
    if depth == 0 {
        return;
    }
    FOUND.with_borrow_mut(|found| {
        if found.is_none() {
            let value = (depth == 1).then(|| wire.to_string());
            *found = Some(Undocumented { type_name, value });
        }
    });
}

/// `Serialize`: the wire value, noted first if it is an `Unknown` one.
pub fn serialize<T: WireEnum, S: Serializer>(
    value: &T,
    type_name: &'static str,
    wire: &T::Wire,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T::Wire: Serialize,
{
    note(value, type_name, wire);
    wire.serialize(serializer)
}

/// `ParamValue`: the wire value's text, noted first if it is an `Unknown` one.
pub fn push<T: WireEnum>(value: &T, type_name: &'static str, wire: &T::Wire, out: &mut Vec<String>)
where
    T::Wire: ParamValue,
{
    note(value, type_name, wire);
    wire.param_values(out);
}

/// `ParamValue::param_text`: as [`push`], into one text.
pub fn push_text<T: WireEnum>(value: &T, type_name: &'static str, wire: &T::Wire, out: &mut String) -> bool
where
    T::Wire: ParamValue,
{
    note(value, type_name, wire);
    wire.param_text(out)
}

/// `Deserialize` for a string enum: matched while borrowed, so that only
/// an `Unknown` value is copied.
pub fn deserialize_str<'de, T: WireEnum<Wire = str>, D: Deserializer<'de>>(
    deserializer: D,
    type_name: &'static str,
) -> Result<T, D::Error> {
    struct Text<T>(&'static str, std::marker::PhantomData<T>);

    impl<T: WireEnum<Wire = str>> Visitor<'_> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a value of `{}`", self.0)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            from_wire(self.0, value)
        }
    }

    deserializer.deserialize_str(Text(type_name, std::marker::PhantomData))
}

/// `Deserialize` for an integer enum.
pub fn deserialize_int<'de, T, D>(deserializer: D, type_name: &'static str) -> Result<T, D::Error>
where
    T: WireEnum,
    T::Wire: Deserialize<'de> + Sized,
    D: Deserializer<'de>,
{
    from_wire(type_name, &T::Wire::deserialize(deserializer)?)
}

/// `TryFrom` the wire type; never fails for an enum with `Unknown`.
pub fn try_from<T: WireEnum>(type_name: &'static str, value: &T::Wire) -> Result<T, UnknownValue> {
    T::from_wire(value).ok_or_else(|| UnknownValue::new(type_name, value))
}

fn from_wire<T: WireEnum, E: de::Error>(type_name: &'static str, value: &T::Wire) -> Result<T, E> {
    try_from(type_name, value).map_err(E::custom)
}

/// The impls of a generated enum that only forward to this module:
/// `Serialize`, `Deserialize` and `ParamValue`, and for an integer enum the
/// conversions to and from its wire type. The enum has an inherent
/// `wire_value()` and implements [`WireEnum`].
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum {
    (@common $name:ident $($borrow:tt)?) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let wire = $($borrow)? self.wire_value();
                $crate::__private::enums::serialize(self, ::core::stringify!($name), wire, serializer)
            }
        }

        impl $crate::ParamValue for $name {
            fn param_values(&self, out: &mut ::std::vec::Vec<::std::string::String>) {
                let wire = $($borrow)? self.wire_value();
                $crate::__private::enums::push(self, ::core::stringify!($name), wire, out);
            }

            fn param_text(&self, out: &mut ::std::string::String) -> bool {
                let wire = $($borrow)? self.wire_value();
                $crate::__private::enums::push_text(self, ::core::stringify!($name), wire, out)
            }

            fn static_text(&self) -> ::core::option::Option<&'static str> {
                $crate::__private::enums::WireEnum::wire_text(self)
            }
        }
    };
    ($name:ident: str) => {
        $crate::__wire_enum!(@common $name);

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::enums::deserialize_str(deserializer, ::core::stringify!($name))
            }
        }
    };
    ($name:ident: $int:ty) => {
        // The integer is returned by value; the helpers take the wire value by reference.
        $crate::__wire_enum!(@common $name &);

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::enums::deserialize_int(deserializer, ::core::stringify!($name))
            }
        }

        impl ::core::convert::From<$name> for $int {
            fn from(value: $name) -> Self {
                value.wire_value()
            }
        }

        impl ::core::convert::TryFrom<$int> for $name {
            type Error = $crate::UnknownValue;

            fn try_from(value: $int) -> ::core::result::Result<Self, Self::Error> {
                $crate::__private::enums::try_from(::core::stringify!($name), &value)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    /// A response enum as the generator writes it.
    #[derive(Debug, PartialEq)]
    enum Mode {
        Fast,
        Unknown(String),
    }

    impl Mode {
        fn wire_value(&self) -> &str {
            match self {
                Self::Fast => "FAST",
                Self::Unknown(value) => value,
            }
        }
    }

    impl WireEnum for Mode {
        type Wire = str;

        fn from_wire(value: &str) -> Option<Self> {
            Some(match value {
                "FAST" => Self::Fast,
                other => Self::Unknown(other.to_owned()),
            })
        }

        fn is_listed(&self) -> bool {
            !matches!(self, Self::Unknown(_))
        }

        fn wire_text(&self) -> Option<&'static str> {
            match self {
                Self::Fast => Some("FAST"),
                Self::Unknown(_) => None,
            }
        }
    }

    crate::__wire_enum!(Mode: str);

    fn slow() -> Mode {
        Mode::Unknown("SLOW".to_owned())
    }

    #[test]
    fn outside_a_request_an_unknown_value_round_trips() {
        let mode: Mode = serde_json::from_str(r#""SLOW""#).unwrap();
        assert_eq!(mode, slow());
        assert_eq!(serde_json::to_string(&mode).unwrap(), r#""SLOW""#);
        assert_eq!(crate::params::texts(&mode), ["SLOW"]);
    }

    #[test]
    fn a_request_notes_the_first_unknown_value() {
        let values = vec![Mode::Fast, slow(), Mode::Unknown("LATE".to_owned())];
        let (json, found) = checked(&mut || serde_json::to_string(&values));
        assert_eq!(json.unwrap(), r#"["FAST","SLOW","LATE"]"#);
        let found = found.expect("noted");
        assert_eq!((found.type_name, found.value.as_deref()), ("Mode", Some("SLOW")));
        let (_, listed) = checked(&mut || crate::params::texts(&Mode::Fast));
        assert!(listed.is_none());
    }

    #[test]
    fn a_secret_unknown_value_is_noted_without_its_text() {
        let secret = Secret::new(slow());
        let (_, in_json) = checked(&mut || serde_json::to_string(&secret));
        let (_, in_param) = checked(&mut || crate::params::texts(&secret));
        for found in [in_json, in_param] {
            assert_eq!(found.expect("noted").value, None);
        }
    }

    /// A listed value's compiled-in text is a header's value as it is;
    /// an `Unknown` one, which has none, is watched and refused, in a
    /// header as in the query and the body.
    #[test]
    fn a_request_refuses_an_unknown_value_wherever_it_goes() {
        use crate::RequestParts;
        let mut parts = RequestParts::new("/");
        parts.header("X-Mode", &Mode::Fast, false);
        assert_eq!(parts.headers()["x-mode"], "FAST");
        parts.header("X-Mode", &Some(Secret::new(slow())), true);
        parts.query("mode", &vec![Mode::Fast, slow()], false);
        parts.json(&[slow()]);
        let refused: Vec<_> = parts.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            refused,
            [
                "[redacted] is not a value of `Mode` that the spec lists (param `X-Mode`); a request sends only documented values",
                "`SLOW` is not a value of `Mode` that the spec lists (param `mode`); a request sends only documented values",
                "`SLOW` is not a value of `Mode` that the spec lists (in the JSON body); a request sends only documented values",
            ]
        );
        assert_eq!(
            (parts.headers().len(), parts.path_and_query().as_str(), parts.body()),
            (1, "/", None)
        );
    }

    #[test]
    fn the_mark_ends_with_the_request() {
        let (_, found) = checked(&mut || checked(&mut || serde_json::to_string(&slow())));
        assert!(found.is_none(), "the inner request took it");
        assert_eq!(DEPTH.get(), 0);
        assert!(FOUND.with_borrow(Option::is_none));
    }
}
