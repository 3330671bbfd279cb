//! A struct's `Deserialize` impl, written out instead of derived.
//!
//! The derive compiles, for every struct, a field-identifier type with its
//! visitor, a `visit_seq` and serde_json's `deserialize_struct`, which
//! takes arrays as well as objects. This impl reads an object only
//! (`deserialize_map`), with the runtime's one key type matched against
//! the wire names, and stores values through the runtime's helpers
//! (`meeting_api::__private::de`), which are compiled once per value type.
//! For an object it behaves as the derive did: unknown keys skipped, a
//! repeated key or a missing required field an error with serde's message,
//! an absent optional field `None`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ident, rt};
use crate::plan::Struct;

/// `Deserialize` for a generated struct: a visitor with `visit_map` only.
pub fn deserialize(object: &Struct) -> TokenStream {
    let rt = rt();
    let serde = quote!(#rt::__private::serde);
    let name = ident(&object.name);
    // The derive's wording, which serde_json puts in its type errors.
    let expecting = format!("struct {}", object.name);
    // Slots are numbered: a field's own name could clash with `map` or `key`.
    let slots: Vec<_> = (0..object.fields.len()).map(|i| format_ident!("__field{i}")).collect();
    let inits = inits(object, &slots);
    let read = read(object, &slots);
    quote! {
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;

                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: #serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<#name, A::Error> {
                        #(let mut #slots = ::core::option::Option::None;)*
                        #read
                        ::core::result::Result::Ok(#name { #inits })
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

/// The struct's fields from their slots: a required one's value, or the
/// derive's "missing field" error; an optional one's value or `None`.
fn inits(object: &Struct, slots: &[Ident]) -> TokenStream {
    let de = de();
    let inits = object.fields.iter().zip(slots).map(|(field, slot)| {
        let ident = ident(&field.ident);
        let wire = &field.wire;
        match field.required {
            // Matched here, not by a generic helper: nothing compiled per field type.
            true => quote! {
                #ident: match #slot {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => return ::core::result::Result::Err(#de::missing(#wire)),
                },
            },
            // An optional field's slot holds an `Option`: absent and null are both `None`.
            false => quote!(#ident: ::core::option::Option::flatten(#slot),),
        }
    });
    quote!(#(#inits)*)
}

/// The loop over the object's entries: a known key's value into its slot,
/// any other skipped.
fn read(object: &Struct, slots: &[Ident]) -> TokenStream {
    let de = de();
    if object.fields.is_empty() {
        // No field to match: every value is skipped.
        return quote! {
            while #de::next_key(&mut map)?.is_some() {
                #de::skip(&mut map)?;
            }
        };
    }
    let wires: Vec<_> = object.fields.iter().map(|f| &f.wire).collect();
    // The key is matched against the wire names here, as the derive does:
    // each comparison is with a string of known length, which the compiler
    // does in a few loads, where a runtime lookup in a table of names
    // calls `memcmp` for each name of the key's length.
    // One `?` for all the arms: each would add its own error path.
    quote! {
        while let ::core::option::Option::Some(key) = #de::next_key(&mut map)? {
            match key.as_str() {
                #(#wires => #de::field(&mut map, &mut #slots, #wires),)*
                _ => #de::skip(&mut map),
            }?;
        }
    }
}

/// The runtime's helpers for these impls.
fn de() -> TokenStream {
    let rt = rt();
    quote!(#rt::__private::de)
}
