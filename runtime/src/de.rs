//! What a generated struct's `Deserialize` impl calls, written once here.
//!
//! serde's derive would give each struct a field-identifier enum with its
//! own visitor, a `visit_seq` and a call of `deserialize_struct`, all
//! compiled again for every struct: most of a generated client's machine
//! code. A generated impl instead reads a JSON object only
//! (`deserialize_map`, with a visitor that has only `visit_map`), takes
//! its keys as the one [`Key`] type below, matches them against its wire
//! names and stores each value through [`field`]; these are generic only
//! over the format's `MapAccess` and the value type, so they are compiled
//! once per value type, not per struct. For a JSON object the outcome, errors
//! included, is what the derive gave; a JSON array, which the derive also
//! took as the fields in order, is refused ("invalid type: sequence").

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// An object's key: borrowed from the input when the format allows, owned
/// when it had to be unescaped.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text, to match against the wire names.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // As the derive reads a field name: an identifier, which JSON
        // formats read as a string.
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// The next key of the object, or `None` at its end.
pub fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key()
}

/// Reads the value of the field `name` into its slot; a second value for
/// the same field is an error, as with the derive.
pub fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads and drops the value of a key the struct does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The derive's error for a required field that the object lacks.
pub fn missing<E: de::Error>(name: &'static str) -> E {
    E::missing_field(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct as the generator writes it: `id` required, `name` optional.
    #[derive(Debug, PartialEq)]
    struct Item {
        id: i32,
        name: Option<String>,
    }

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ItemVisitor;

            impl<'de> Visitor<'de> for ItemVisitor {
                type Value = Item;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Item")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                    let (mut id, mut name) = (None, None);
                    while let Some(key) = next_key(&mut map)? {
                        match key.as_str() {
                            "id" => field(&mut map, &mut id, "id"),
                            "name" => field(&mut map, &mut name, "name"),
                            _ => skip(&mut map),
                        }?;
                    }
                    Ok(Item {
                        id: match id {
                            Some(value) => value,
                            None => return Err(missing("id")),
                        },
                        name: name.flatten(),
                    })
                }
            }

            deserializer.deserialize_map(ItemVisitor)
        }
    }

    fn parse(json: &str) -> Result<Item, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_an_object_as_the_derive_did() {
        let item = Item {
            id: 1,
            name: Some("a".to_owned()),
        };
        assert_eq!(parse(r#"{"id":1,"name":"a","extra":[1,{}]}"#), Ok(item));
        assert_eq!(parse(r#"{"\u0069d":2,"name":null}"#), Ok(Item { id: 2, name: None }));
        assert_eq!(parse(r#"{"id":3}"#), Ok(Item { id: 3, name: None }));
        let from_value = serde_json::from_value(serde_json::json!({"id": 4}));
        assert_eq!(from_value.ok(), Some(Item { id: 4, name: None }));
    }

    /// `Item` as serde's derive reads it.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Derived {
        id: i32,
        #[serde(default)]
        name: Option<String>,
    }

    #[test]
    fn errors_are_the_derives() {
        for json in [
            r#"{"name":"a"}"#,
            r#"{"id":1,"id":2}"#,
            r#"{"id":1,"name":"a","name":null}"#,
            r#"{"id":"1"}"#,
            r#"{"id":1,"x":}"#,
            r#"{"id":1"#,
        ] {
            let derived = serde_json::from_str::<Derived>(json).unwrap_err().to_string();
            assert_eq!(parse(json).unwrap_err(), derived, "{json}");
        }
        let error = |json| parse(json).unwrap_err();
        assert_eq!(
            error(r#""x""#),
            "invalid type: string \"x\", expected struct Item at line 1 column 3"
        );
        // The one difference: the derive also took an array, as the fields in order.
        assert_eq!(
            error("[1]"),
            "invalid type: sequence, expected struct Item at line 1 column 0"
        );
    }
}
