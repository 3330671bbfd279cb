//! JSON objects as structs and enums of wire values.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::{doc, field_ty, ident, rt, serde_crate};
use crate::plan::{EnumPlan, Repr, Struct};
use meeting_api_spec::Literal;

/// A struct for a JSON object, usable in requests and responses; with
/// `param_value`, also as a path, query or header value (its JSON text).
pub fn object(object: &Struct, param_value: bool) -> TokenStream {
    let rt = rt();
    let name = ident(&object.name);
    let docs = doc(&object.docs);
    let serde = serde_crate();
    let fields = object.fields.iter().map(|field| {
        let docs = doc(&field.docs);
        let ident = ident(&field.ident);
        let wire = &field.wire;
        let ty = field_ty(field);
        let optional = (!field.required)
            .then(|| quote!(#[serde(default, skip_serializing_if = "::core::option::Option::is_none")]));
        quote! {
            #docs
            #[serde(rename = #wire)]
            #optional
            pub #ident: #ty,
        }
    });
    let param_value = param_value.then(|| {
        quote! {
            impl #rt::ParamValue for #name {
                fn param_values(&self, out: &mut ::std::vec::Vec<::std::string::String>) {
                    #rt::__private::push_json(self, out);
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq,
                 #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
        #serde
        pub struct #name {
            #(#fields)*
        }

        #param_value
    }
}

/// An enum of the allowed wire values, serialised as exactly those values.
pub fn enumeration(plan: &EnumPlan) -> TokenStream {
    let rt = rt();
    let name = ident(&plan.name);
    let docs = doc(&plan.docs);
    let serde = serde_crate();
    let idents: Vec<_> = plan.variants.iter().map(|v| ident(&v.ident)).collect();
    let variant_docs = plan.variants.iter().map(|v| doc(&v.docs));
    let wire_type = match plan.repr {
        Repr::I32 => quote!(i32),
        Repr::I64 => quote!(i64),
        Repr::Str => quote!(&'static str),
    };
    let values: Vec<TokenStream> = plan.variants.iter().map(|v| literal(&v.value)).collect();
    let (representation, conversions) = match plan.repr {
        Repr::Str => {
            let renames = values.iter().map(|value| quote!(#[serde(rename = #value)]));
            let variants = quote!(#(#variant_docs #renames #idents,)*);
            (variants, quote!())
        }
        Repr::I32 | Repr::I64 => {
            let variants = quote!(#(#variant_docs #idents,)*);
            (variants, integer_conversions(&name, &wire_type, &idents, &values))
        }
    };
    let non_exhaustive = plan.in_response.then(|| quote!(#[non_exhaustive]));
    let integer_serde = (plan.repr != Repr::Str).then(|| {
        let wire = wire_type.to_string();
        quote!(#[serde(into = #wire, try_from = #wire)])
    });
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq,
                 ::core::cmp::Eq, ::core::hash::Hash,
                 #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
        #serde
        #integer_serde
        #non_exhaustive
        pub enum #name {
            #representation
        }

        impl #name {
            /// The value on the wire.
            pub const fn wire_value(self) -> #wire_type {
                match self {
                    #(Self::#idents => #values,)*
                }
            }
        }

        impl #rt::ParamValue for #name {
            fn param_values(&self, out: &mut ::std::vec::Vec<::std::string::String>) {
                out.push(::std::string::ToString::to_string(&self.wire_value()));
            }
        }

        #conversions
    }
}

fn integer_conversions(
    name: &proc_macro2::Ident,
    wire: &TokenStream,
    idents: &[proc_macro2::Ident],
    values: &[TokenStream],
) -> TokenStream {
    let rt = rt();
    let type_name = name.to_string();
    quote! {
        impl ::core::convert::From<#name> for #wire {
            fn from(value: #name) -> Self {
                value.wire_value()
            }
        }

        impl ::core::convert::TryFrom<#wire> for #name {
            type Error = #rt::UnknownValue;

            fn try_from(value: #wire) -> ::core::result::Result<Self, Self::Error> {
                match value {
                    #(#values => ::core::result::Result::Ok(Self::#idents),)*
                    other => ::core::result::Result::Err(#rt::UnknownValue::new(#type_name, other)),
                }
            }
        }
    }
}

/// A wire value as a literal; integers are unsuffixed so that one form
/// serves `i32` and `i64` enums alike.
fn literal(value: &Literal) -> TokenStream {
    match value {
        Literal::Integer(n) => proc_macro2::Literal::i64_unsuffixed(*n).into_token_stream(),
        Literal::String(s) => quote!(#s),
    }
}
