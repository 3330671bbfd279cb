//! How param values become text on the wire, and where that text goes.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::secret::Secret;

/// A value that can travel as a path segment, query value or header: it
/// writes its text form(s). Scalars write one; lists write one per element
/// (repeated query keys; joined with `,` in a path or header); absent
/// optional values write none.
pub trait ParamValue {
    /// Appends the text form(s) of the value.
    fn param_values(&self, out: &mut Vec<String>);

    /// For a value with exactly one text form (a scalar, or an optional
    /// scalar that is set): appends that text to `out` and returns `true`,
    /// which spares the list [`param_values`](Self::param_values) fills.
    /// Any other value returns `false` without writing anything, and is
    /// then asked for `param_values`; that is what the default does.
    fn param_text(&self, out: &mut String) -> bool {
        let _ = out;
        false
    }

    /// For a value whose one text is compiled in (a listed value of a
    /// generated enum): that text, which a header then sends as it is,
    /// without a copy. `None`, the default, for any other value, which is
    /// asked for [`param_text`](Self::param_text).
    fn static_text(&self) -> Option<&'static str> {
        None
    }
}

/// A scalar: one text, written by `$write` (with `$value` the scalar and
/// `$out` the text to append to); its list of texts is that one.
macro_rules! scalar_param {
    ($($ty:ty),* => |$value:ident, $out:ident| $write:expr) => {$(
        impl ParamValue for $ty {
            fn param_values(&self, out: &mut Vec<String>) {
                let mut text = String::new();
                self.param_text(&mut text);
                out.push(text);
            }

            fn param_text(&self, $out: &mut String) -> bool {
                let $value = self;
                $write;
                true
            }
        }
    )*};
}

scalar_param!(bool, f32, f64 => |value, out| {
    use std::fmt::Write;
    // Writing to a String does not fail.
    let _ = write!(out, "{value}");
});
scalar_param!(i8, i16, i32, i64 => |value, out| push_integer(*value < 0, value.unsigned_abs(), out));
scalar_param!(u8, u16, u32, u64 => |value, out| push_integer(false, *value, out));
scalar_param!(String, str => |value, out| out.push_str(value));

/// Appends an integer's decimal text, as `Display` writes it: without
/// the formatting machinery, which costs more than the digits.
fn push_integer(negative: bool, magnitude: impl Into<u64>, out: &mut String) {
    let mut magnitude = magnitude.into();
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // A digit: below 10, so the cast keeps it.
        digits[start] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    out.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn param_values(&self, out: &mut Vec<String>) {
        (**self).param_values(out);
    }

    fn param_text(&self, out: &mut String) -> bool {
        (**self).param_text(out)
    }

    fn static_text(&self) -> Option<&'static str> {
        (**self).static_text()
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn param_values(&self, out: &mut Vec<String>) {
        if let Some(value) = self {
            value.param_values(out);
        }
    }

    fn param_text(&self, out: &mut String) -> bool {
        self.as_ref().is_some_and(|value| value.param_text(out))
    }

    fn static_text(&self) -> Option<&'static str> {
        self.as_ref()?.static_text()
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    fn param_values(&self, out: &mut Vec<String>) {
        for value in self {
            value.param_values(out);
        }
    }
}

/// A map outside the body travels as its JSON text, like an object.
impl<T: serde::Serialize> ParamValue for std::collections::BTreeMap<String, T> {
    fn param_values(&self, out: &mut Vec<String>) {
        crate::__private::push_json(self, out);
    }
}

impl<T: ParamValue> ParamValue for Secret<T> {
    fn param_values(&self, out: &mut Vec<String>) {
        crate::enums::in_secret(|| self.expose().param_values(out));
    }

    fn param_text(&self, out: &mut String) -> bool {
        crate::enums::in_secret(|| self.expose().param_text(out))
    }

    // A compiled-in text is a listed value: nothing for `in_secret` to note.
    fn static_text(&self) -> Option<&'static str> {
        self.expose().static_text()
    }
}

/// Everything but RFC 3986's unreserved characters is escaped, so that a
/// value can hold `&`, `=`, `#`, `/`, `+`, `@`, spaces or any Unicode and
/// still reach the server as written.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path segment or query component, percent-encoded.
pub(crate) fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Appends `text` percent-encoded as [`encode`] does, without a String of
/// its own.
pub(crate) fn encode_into(text: &str, out: &mut String) {
    // Most values (IDs, numbers, tokens) need no escape: one check of
    // their bytes is cheaper than the encoder's chunking.
    match is_unreserved_text(text) {
        true => out.push_str(text),
        false => out.extend(utf8_percent_encode(text, COMPONENT)),
    }
}

/// Whether `text` is all unreserved characters: what percent-encoding
/// leaves as it is.
pub(crate) fn is_unreserved_text(text: &str) -> bool {
    text.bytes().all(is_unreserved)
}

/// RFC 3986's unreserved characters: the bytes [`COMPONENT`] leaves as
/// they are. A table, since it is read for every byte of every value.
fn is_unreserved(byte: u8) -> bool {
    UNRESERVED[usize::from(byte)]
}

const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        byte += 1;
    }
    table
};

/// The text forms of `value`.
pub(crate) fn texts(value: &dyn ParamValue) -> Vec<String> {
    let mut out = Vec::new();
    value.param_values(&mut out);
    out
}

/// The text forms of a param's value: one, the usual case, without a list.
pub(crate) enum Texts {
    /// The text of a value with exactly one.
    One(String),
    /// The texts of any other value (none, or several).
    List(Vec<String>),
}

impl Texts {
    /// The text forms of `value`, asked for the one text first.
    pub(crate) fn of(value: &dyn ParamValue) -> Self {
        let mut one = String::new();
        match value.param_text(&mut one) {
            true => Self::One(one),
            false => Self::List(texts(value)),
        }
    }

    /// The texts as a list.
    pub(crate) fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(text) => vec![text],
            Self::List(texts) => texts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_non_ascii_characters_are_escaped() {
        assert_eq!(encode("a&b=c#d e/f+g@h"), "a%26b%3Dc%23d%20e%2Ff%2Bg%40h");
        assert_eq!(encode("会议-1.x_y~"), "%E4%BC%9A%E8%AE%AE-1.x_y~");
    }

    #[test]
    fn encoding_in_place_matches_encode() {
        for text in [
            "",
            "914083136",
            "a-b.c_d~e",
            "a&b=c#d e/f+g@h",
            "会议-1.x_y~",
            "%41",
            "*",
        ] {
            let mut out = String::from("x=");
            encode_into(text, &mut out);
            assert_eq!(out, format!("x={}", encode(text)), "{text}");
        }
        for byte in 0..0x80u8 {
            let text = char::from(byte).to_string();
            assert_eq!(is_unreserved(byte), encode(&text) == text, "{byte:#x}");
        }
        // A byte of a multi-byte character is always escaped.
        assert!((0x80..=0xFFu8).all(|byte| !is_unreserved(byte)));
    }

    #[test]
    fn integers_write_what_display_writes() {
        let mut values: Vec<i64> = vec![0, 1, -1, 9, 10, -10, 99, 100, 1_000_000_007, i64::MIN, i64::MAX];
        let near = |v: i64| [v, v.wrapping_sub(1), v.wrapping_neg(), 1i64.wrapping_sub(v)];
        values.extend((0..64).map(|shift| 1i64 << shift).flat_map(near));
        for value in values {
            assert_eq!(texts(&value), [value.to_string()]);
            if let Ok(narrow) = i32::try_from(value) {
                assert_eq!(texts(&narrow), [narrow.to_string()]);
            }
            if let Ok(unsigned) = u64::try_from(value) {
                assert_eq!(texts(&unsigned), [unsigned.to_string()]);
            }
        }
        for value in [u64::MAX, u64::from(u32::MAX)] {
            assert_eq!(texts(&value), [value.to_string()]);
        }
        assert_eq!(texts(&i8::MIN), ["-128"]);
        assert_eq!(texts(&u8::MAX), ["255"]);
    }

    #[test]
    fn values_write_their_text_forms() {
        assert_eq!(texts(&Some(vec![1, 2])), ["1", "2"]);
        assert_eq!(texts(&None::<String>), Vec::<String>::new());
        assert_eq!(texts(&Secret::<String>::from("t")), ["t"]);
    }

    /// The one text of a scalar is its only text form; every other value
    /// is left to its list.
    #[test]
    fn the_one_text_is_the_list_of_one() {
        let values: [&dyn ParamValue; 12] = [
            &"a b".to_owned(),
            &"x",
            &true,
            &-7i32,
            &u64::MAX,
            &1.5f64,
            &Some(3i64),
            &None::<i32>,
            &Secret::<String>::from("t"),
            &Some(Secret::new(Some(2u8))),
            &vec![1, 2],
            &vec!["one".to_owned()],
        ];
        for value in values {
            let mut one = String::new();
            let list = texts(value);
            match value.param_text(&mut one) {
                true => assert_eq!(vec![one], list),
                false => assert!(one.is_empty(), "{list:?}"),
            }
            assert_eq!(Texts::of(value).into_vec(), list);
        }
    }
}
