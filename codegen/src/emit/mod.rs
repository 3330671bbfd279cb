//! Tokens from a [`Plan`]: data types, the request with its builder and
//! `Operation` impl, the response and the error. Generated code names everything by
//! absolute path through the `meeting_api` runtime, so it needs no import
//! and no dependency of the user's own.

mod builder;
mod data;
mod de;
mod outcome;
mod paging;
mod request;
mod wire;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::plan::{FieldPlan, Plan, Ty, TypeDef};

pub use outcome::errors_module;

/// All items generated for one spec; the `WireForm` impl with `wire_form`.
pub fn items(plan: &Plan, spec: &meeting_api_spec::Spec, wire_form: bool) -> TokenStream {
    let types = plan.types.iter().map(|def| type_def(def, &plan.param_types));
    let request = request::request(plan, spec);
    let response = outcome::response(&plan.response);
    let error = outcome::error(&plan.error);
    let wire = wire_form.then(|| wire::wire_form(plan));
    let paged = paging::paged(plan);
    quote! {
        #request
        #paged
        #response
        #error
        #wire
        #(#types)*
    }
}

/// The items of one named type; `param_types` names the structs that
/// travel outside a body.
pub fn type_def(def: &TypeDef, param_types: &[String]) -> TokenStream {
    match def {
        TypeDef::Struct(object) => data::object(object, param_types.contains(&object.name)),
        TypeDef::Enum(enumeration) => data::enumeration(enumeration),
    }
}

/// The runtime crate, as generated code names it.
fn rt() -> TokenStream {
    quote!(::meeting_api)
}

/// `#[serde(crate = ...)]`, so that derives find serde through the runtime.
fn serde_crate() -> TokenStream {
    quote!(#[serde(crate = "::meeting_api::__private::serde")])
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub fn doc(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// The Rust type of a value.
fn ty(ty: &Ty) -> TokenStream {
    let rt = rt();
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Ty::Shared(name) => {
            let module = ident(crate::plan::SHAPES_MODULE);
            let name = ident(name);
            quote!(super::#module::#name)
        }
        Ty::Vec(item) => {
            let item = self::ty(item);
            quote!(::std::vec::Vec<#item>)
        }
        Ty::Map(value) => {
            let value = self::ty(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        Ty::Secret(inner) => {
            let inner = self::ty(inner);
            quote!(#rt::Secret<#inner>)
        }
        Ty::ServiceError => quote!(#rt::ServiceError),
        Ty::File => quote!(#rt::FilePart),
    }
}

/// The type of a field: optional fields are `Option`s.
fn field_ty(field: &FieldPlan) -> TokenStream {
    let inner = ty(&field.ty);
    match field.required {
        true => inner,
        false => quote!(::core::option::Option<#inner>),
    }
}
