//! JSON objects as structs and enums of wire values.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::{doc, field_ty, ident, rt, serde_crate};
use crate::plan::{CatchAll, EnumPlan, Repr, Struct};
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
        // Only `Serialize` is derived: `Deserialize` is `de::deserialize`'s.
        let optional =
            (!field.required).then(|| quote!(#[serde(skip_serializing_if = "::core::option::Option::is_none")]));
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
    let deserialize = super::de::deserialize(object);
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq,
                 #rt::__private::serde::Serialize)]
        #serde
        pub struct #name {
            #(#fields)*
        }

        #deserialize
        #param_value
    }
}

/// An enum of the allowed wire values, serialised as exactly those values;
/// a response enum also holds, in its catch-all variant, a value the spec
/// does not list. Only the tables are generated here: the serde and param
/// impls forward to the runtime (`wire_enum!`).
pub fn enumeration(plan: &EnumPlan) -> TokenStream {
    let rt = rt();
    let name = ident(&plan.name);
    let wire = match plan.repr {
        Repr::I32 => quote!(i32),
        Repr::I64 => quote!(i64),
        Repr::Str => quote!(str),
    };
    let catch_all = plan
        .unknown
        .as_ref()
        .map(|unknown| CatchAllTokens::new(unknown, plan.repr, &wire));
    let declaration = declaration(plan, catch_all.as_ref());
    let wire_value = wire_value(plan, &wire, catch_all.as_ref());
    let from_wire = from_wire(plan, &wire, catch_all.as_ref());
    quote! {
        #declaration

        impl #name {
            #wire_value
        }

        impl #rt::__private::enums::WireEnum for #name {
            type Wire = #wire;

            #from_wire
        }

        #rt::__private::wire_enum!(#name: #wire);
    }
}

/// The variants' names and their wire values as literals.
fn table(plan: &EnumPlan) -> (Vec<proc_macro2::Ident>, Vec<TokenStream>) {
    plan.variants
        .iter()
        .map(|v| (ident(&v.ident), literal(&v.value)))
        .unzip()
}

/// The enum itself. One that holds a string kept from a response is not `Copy`.
fn declaration(plan: &EnumPlan, catch_all: Option<&CatchAllTokens>) -> TokenStream {
    let name = ident(&plan.name);
    let docs = doc(&plan.docs);
    let idents = plan.variants.iter().map(|v| ident(&v.ident));
    let variant_docs = plan.variants.iter().map(|v| doc(&v.docs));
    let catch_all_variant = catch_all.map(|c| &c.variant);
    let holds_string = plan.repr == Repr::Str && catch_all.is_some();
    let copy = (!holds_string).then(|| quote!(::core::marker::Copy,));
    let non_exhaustive = catch_all.is_some().then(|| quote!(#[non_exhaustive]));
    quote! {
        #docs
        #[derive(::core::clone::Clone, #copy ::core::fmt::Debug, ::core::cmp::PartialEq,
                 ::core::cmp::Eq, ::core::hash::Hash)]
        #non_exhaustive
        pub enum #name {
            #(#variant_docs #idents,)*
            #catch_all_variant
        }
    }
}

/// `wire_value()`: a `const fn`, but where it borrows a kept string.
fn wire_value(plan: &EnumPlan, wire: &TokenStream, catch_all: Option<&CatchAllTokens>) -> TokenStream {
    let (idents, values) = table(plan);
    let (constness, ty) = match (plan.repr, catch_all) {
        (Repr::Str, Some(_)) => (quote!(), quote!(&str)),
        (Repr::Str, None) => (quote!(const), quote!(&'static str)),
        (Repr::I32 | Repr::I64, _) => (quote!(const), wire.clone()),
    };
    let catch_all_arm = catch_all.map(|c| &c.wire_arm);
    quote! {
        /// The value on the wire.
        pub #constness fn wire_value(&self) -> #ty {
            match self {
                #(Self::#idents => #values,)*
                #catch_all_arm
            }
        }
    }
}

/// `WireEnum`'s methods: the variant of a wire value, and which is unlisted.
fn from_wire(plan: &EnumPlan, wire: &TokenStream, catch_all: Option<&CatchAllTokens>) -> TokenStream {
    let (idents, values) = table(plan);
    // Integers are matched by value, strings as `&str`.
    let matched = (plan.repr != Repr::Str).then(|| quote!(*));
    let unlisted = match catch_all {
        Some(c) => c.from_unlisted.clone(),
        None => quote!(_ => ::core::option::Option::None),
    };
    let is_listed = catch_all.map(|c| &c.is_listed);
    // The texts of the listed values, compiled in: a header sends one as it is.
    let texts = plan.variants.iter().map(|v| match &v.value {
        Literal::Integer(n) => n.to_string(),
        Literal::String(s) => s.clone(),
    });
    let other = catch_all.map(|_| quote!(_ => ::core::option::Option::None,));
    quote! {
        fn from_wire(value: &#wire) -> ::core::option::Option<Self> {
            match #matched value {
                #(#values => ::core::option::Option::Some(Self::#idents),)*
                #unlisted
            }
        }

        #is_listed

        fn wire_text(&self) -> ::core::option::Option<&'static str> {
            match self {
                #(Self::#idents => ::core::option::Option::Some(#texts),)*
                #other
            }
        }
    }
}

/// The pieces of an enum's catch-all variant.
struct CatchAllTokens {
    /// The variant, with its docs.
    variant: TokenStream,
    /// Its arm of `wire_value`.
    wire_arm: TokenStream,
    /// The last arm of `from_wire`.
    from_unlisted: TokenStream,
    /// `WireEnum::is_listed`, which is `false` for it alone.
    is_listed: TokenStream,
}

impl CatchAllTokens {
    fn new(unknown: &CatchAll, repr: Repr, wire: &TokenStream) -> Self {
        let ident = ident(&unknown.ident);
        let docs = doc(&unknown.docs);
        let (held, wire_arm, kept) = match repr {
            Repr::Str => (
                quote!(::std::string::String),
                quote!(Self::#ident(value) => value,),
                quote!(::std::borrow::ToOwned::to_owned(other)),
            ),
            Repr::I32 | Repr::I64 => (wire.clone(), quote!(Self::#ident(value) => *value,), quote!(other)),
        };
        Self {
            variant: quote!(#docs #ident(#held),),
            wire_arm,
            from_unlisted: quote!(other => ::core::option::Option::Some(Self::#ident(#kept)),),
            is_listed: quote! {
                fn is_listed(&self) -> bool {
                    !::core::matches!(self, Self::#ident(_))
                }
            },
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
