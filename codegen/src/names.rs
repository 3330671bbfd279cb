//! Rust names from wire names: `conferenceID` → `conference_id`,
//! `handsState` → `HandsState`, `type` → `type_`, `2fa` → `_2fa`. A
//! [`Namespace`] hands out each name once, so two wire names that convert to
//! the same identifier still get distinct ones.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Names the generated code uses without a path, and `std`'s prelude, which
/// a generated type must not shadow.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "AsRef",
    "AsMut",
    "Extend",
    "IntoIterator",
];

/// A snake_case field or method name for any wire name.
pub fn snake(wire: &str) -> String {
    let ascii = ascii_words(wire);
    let snake = ascii.to_snake_case();
    let name = if snake.is_empty() { "value".to_owned() } else { snake };
    fix_start_and_keywords(name, "_")
}

/// An UpperCamelCase type or variant name for any wire name or phrase.
pub fn camel(wire: &str) -> String {
    let ascii = ascii_words(wire);
    let camel = ascii.to_upper_camel_case();
    let name = if camel.is_empty() { "Value".to_owned() } else { camel };
    fix_start_and_keywords(name, "V")
}

/// The field name of a header param: the conventional `X-` prefix says
/// nothing in Rust, so `X-Conference-Authorization` → `conference_authorization`.
pub fn header_field(wire: &str) -> String {
    let trimmed = wire
        .strip_prefix("X-")
        .or_else(|| wire.strip_prefix("x-"))
        .filter(|rest| !rest.is_empty());
    snake(trimmed.unwrap_or(wire))
}

/// A variant name from a phrase such as an enum value's description:
/// its first clause, at most five words ("Lower a hand." → `LowerAHand`).
pub fn variant_from_phrase(phrase: &str) -> Option<String> {
    let clause = phrase.split(['.', ',', ';', ':', '(', '\n']).next().unwrap_or_default();
    let words: Vec<&str> = clause.split_whitespace().take(5).collect();
    let ascii = ascii_words(&words.join(" "));
    (!ascii.trim().is_empty()).then(|| camel(&ascii))
}

/// Keeps ASCII letters and digits; everything else separates words.
fn ascii_words(wire: &str) -> String {
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn fix_start_and_keywords(name: String, digit_prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{name}");
    }
    if meeting_api_spec::is_rust_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// A set of identifiers in one scope (a module, a struct's fields, an
/// enum's variants) that hands out each name at most once.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: Vec<String>,
}

impl Namespace {
    /// A namespace for the types of a module, with the prelude reserved.
    pub fn for_types() -> Self {
        Self {
            taken: RESERVED_TYPES.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A namespace in which `names` are taken from the start.
    pub fn reserving(names: &[&str]) -> Self {
        Self {
            taken: names.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// Claims `wanted` if free, else the first free of `fallbacks`, else
    /// `wanted` with the smallest free numeric suffix.
    pub fn claim(&mut self, wanted: &str, fallbacks: &[String]) -> String {
        let free = std::iter::once(wanted.to_owned())
            .chain(fallbacks.iter().cloned())
            .find(|name| !self.is_taken(name))
            .unwrap_or_else(|| {
                let joiner = if wanted.contains('_') || wanted.starts_with(char::is_lowercase) {
                    "_"
                } else {
                    ""
                };
                (2..)
                    .map(|n| format!("{wanted}{joiner}{n}"))
                    .find(|name| !self.is_taken(name))
                    .unwrap_or_default()
            });
        self.taken.push(free.clone());
        free
    }

    /// Claims a name that must be exactly `name` (a `rust_name` override);
    /// `false` when it is taken already.
    pub fn claim_exact(&mut self, name: &str) -> bool {
        if self.is_taken(name) {
            return false;
        }
        self.taken.push(name.to_owned());
        true
    }

    fn is_taken(&self, name: &str) -> bool {
        self.taken.iter().any(|taken| taken == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_idiomatic_fields() {
        let cases = [
            ("conferenceID", "conference_id"),
            ("participantID", "participant_id"),
            ("handsState", "hands_state"),
            ("isMute", "is_mute"),
            ("wsURL", "ws_url"),
            ("vmrCurrentConfID", "vmr_current_conf_id"),
            ("gloablPublicIP", "gloabl_public_ip"),
            ("error_code", "error_code"),
            ("X-Login-Type", "x_login_type"),
            ("type", "type_"),
            ("self", "self_"),
            ("async", "async_"),
            ("2fa", "_2fa"),
            ("a.b/c", "a_b_c"),
            ("中文", "value"),
            ("", "value"),
            ("__", "value"),
        ];
        for (wire, expected) in cases {
            assert_eq!(snake(wire), expected, "snake({wire:?})");
            assert!(
                syn::parse_str::<syn::Ident>(&snake(wire)).is_ok(),
                "{wire:?} gives an identifier"
            );
        }
    }

    #[test]
    fn wire_names_become_idiomatic_types() {
        let cases = [
            ("handsState", "HandsState"),
            ("isMute", "IsMute"),
            ("INCREMENT", "Increment"),
            ("lower", "Lower"),
            ("Self", "Self_"),
            ("0", "V0"),
            ("-1", "V1"),
            ("x-y", "XY"),
            ("", "Value"),
        ];
        for (wire, expected) in cases {
            assert_eq!(camel(wire), expected, "camel({wire:?})");
            assert!(
                syn::parse_str::<syn::Ident>(&camel(wire)).is_ok(),
                "{wire:?} gives an identifier"
            );
        }
    }

    #[test]
    fn header_fields_drop_the_x_prefix() {
        assert_eq!(header_field("X-Conference-Authorization"), "conference_authorization");
        assert_eq!(header_field("x-request-id"), "request_id");
        assert_eq!(header_field("X-"), "x");
        assert_eq!(header_field("Authorization"), "authorization");
    }

    #[test]
    fn phrases_become_short_variant_names() {
        assert_eq!(variant_from_phrase("Lower a hand.").as_deref(), Some("LowerAHand"));
        assert_eq!(variant_from_phrase("Mute (all): everyone").as_deref(), Some("Mute"));
        assert_eq!(
            variant_from_phrase("one two three four five six").as_deref(),
            Some("OneTwoThreeFourFive")
        );
        assert_eq!(variant_from_phrase("…"), None);
    }

    #[test]
    fn namespaces_never_hand_out_a_name_twice() {
        let mut fields = Namespace::default();
        assert_eq!(fields.claim("user_id", &[]), "user_id");
        assert_eq!(fields.claim("user_id", &["user_id_query".into()]), "user_id_query");
        assert_eq!(fields.claim("user_id", &["user_id_query".into()]), "user_id_2");
        assert!(!fields.claim_exact("user_id_2"));

        let mut types = Namespace::for_types();
        assert_eq!(types.claim("Option", &[]), "Option2");
        assert_eq!(types.claim("State", &["DataState".into()]), "State");
        assert_eq!(types.claim("State", &["DataState".into()]), "DataState");
    }
}
