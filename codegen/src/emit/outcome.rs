//! What a call gives back: the response type, the error enum, and the
//! `decode` method that picks between them by status.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, rt, ty};
use crate::plan::{ERRORS_MODULE, ErrorHome, ErrorPlan, Plan, ResponsePlan, StatusVariant};

pub fn response(response: &ResponsePlan) -> TokenStream {
    let rt = rt();
    let serde = super::serde_crate();
    match response {
        ResponsePlan::Unit { name, docs } => {
            let name = ident(name);
            let docs = doc(docs);
            quote! {
                #docs
                #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default,
                         ::core::cmp::PartialEq, ::core::cmp::Eq, #rt::__private::serde::Serialize)]
                #serde
                pub struct #name;
            }
        }
        // The body struct is generated with the other data types.
        // The response struct travels only as a body.
        ResponsePlan::Body(object) => super::data::object(object, false),
        ResponsePlan::Whole { name, docs, ty } => {
            let name = ident(name);
            let docs = doc(docs);
            let ty = super::ty(ty);
            quote!(#docs pub type #name = #ty;)
        }
        ResponsePlan::ByStatus { name, docs, variants } => {
            let name = ident(name);
            let docs = doc(docs);
            let variants = variants.iter().map(variant);
            quote! {
                #docs
                #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, #rt::__private::serde::Serialize)]
                #serde
                // Serialises as the body alone, as it came on the wire.
                #[serde(untagged)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
    }
}

fn variant(variant: &StatusVariant) -> TokenStream {
    let docs = doc(&variant.docs);
    let ident = ident(&variant.ident);
    match &variant.body {
        Some(body) => {
            let body = ty(body);
            quote!(#docs #ident(#body),)
        }
        None => quote!(#docs #ident,),
    }
}

/// The error enum, or the alias of the catalog's shared enum it is.
pub fn error(plan: &ErrorPlan) -> TokenStream {
    match &plan.home {
        ErrorHome::Own => error_enum(plan),
        ErrorHome::Shared(shared) => {
            let name = ident(&plan.name);
            let docs = doc(&plan.docs);
            let module = ident(ERRORS_MODULE);
            let shared = ident(shared);
            quote!(#docs pub type #name = super::#module::#shared;)
        }
    }
}

fn error_enum(plan: &ErrorPlan) -> TokenStream {
    let rt = rt();
    let name = ident(&plan.name);
    let docs = doc(&plan.docs);
    let variants = plan.statuses.iter().map(variant);
    let idents: Vec<_> = plan.statuses.iter().map(|s| ident(&s.ident)).collect();
    let codes: Vec<_> = plan.statuses.iter().map(|s| status_literal(s.status)).collect();
    let service_arms = plan
        .statuses
        .iter()
        .filter(|s| s.body == Some(crate::plan::Ty::ServiceError))
        .map(|s| {
            let ident = ident(&s.ident);
            quote!(Self::#ident(body) => ::core::option::Option::Some(body),)
        });
    let display_arms = plan.statuses.iter().map(|s| {
        let ident = ident(&s.ident);
        let description = &s.description;
        match s.body == Some(crate::plan::Ty::ServiceError) {
            true => {
                let format = format!("{}: {{}}", description.replace('{', "{{").replace('}', "}}"));
                quote!(Self::#ident(body) => ::core::write!(f, #format, body),)
            }
            false => quote!(Self::#ident(..) => f.write_str(#description),),
        }
    });
    // A documented status's body is no source; without such variants an
    // arm for them would be unreachable, a warning in the user's crate.
    let documented_source = (!plan.statuses.is_empty()).then(|| quote!(_ => ::core::option::Option::None,));
    let from_response = from_response(plan);
    quote! {
        #docs
        #[derive(::core::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// The service answered with a status the spec does not document.
            UnexpectedStatus(#rt::UnexpectedStatus),
            /// The service answered with a redirect the spec does not
            /// document; it was not followed.
            Redirect(#rt::Redirect),
            /// The response body was longer than the client's limit.
            BodyTooLarge(#rt::BodyTooLarge),
            /// The response body did not decode into its documented shape.
            Decode(#rt::DecodeError),
            /// No response arrived: connection, TLS or timeout.
            Transport(#rt::TransportError),
            /// The request could not be built, so it was not sent.
            InvalidRequest(#rt::InvalidRequest),
        }

        impl #name {
            #from_response

            /// The HTTP status of the response, when there was one.
            pub fn status(&self) -> ::core::option::Option<#rt::StatusCode> {
                match self {
                    #(Self::#idents(..) => #rt::StatusCode::from_u16(#codes).ok(),)*
                    Self::UnexpectedStatus(error) => ::core::option::Option::Some(error.status()),
                    Self::Redirect(error) => ::core::option::Option::Some(error.status()),
                    Self::BodyTooLarge(error) => ::core::option::Option::Some(error.status()),
                    Self::Decode(error) => ::core::option::Option::Some(error.status()),
                    Self::Transport(_) | Self::InvalidRequest(_) => ::core::option::Option::None,
                }
            }

            /// Whether sending the same request again may succeed: a timeout
            /// or connection failure, or a status such as 429, 500 or 503.
            pub fn is_retryable(&self) -> bool {
                match self {
                    Self::Transport(error) => error.is_retryable(),
                    Self::Redirect(_) | Self::BodyTooLarge(_) | Self::Decode(_) | Self::InvalidRequest(_) => false,
                    _ => self.status().is_some_and(#rt::is_retryable_status),
                }
            }

            /// The service's standard error body, when the response carried one.
            pub fn service_error(&self) -> ::core::option::Option<&#rt::ServiceError> {
                match self {
                    #(#service_arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#display_arms)*
                    Self::UnexpectedStatus(error) => ::core::fmt::Display::fmt(error, f),
                    Self::Redirect(error) => ::core::fmt::Display::fmt(error, f),
                    Self::BodyTooLarge(error) => ::core::fmt::Display::fmt(error, f),
                    Self::Decode(error) => ::core::fmt::Display::fmt(error, f),
                    Self::Transport(error) => ::core::fmt::Display::fmt(error, f),
                    Self::InvalidRequest(error) => ::core::fmt::Display::fmt(error, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::UnexpectedStatus(error) => ::core::option::Option::Some(error),
                    Self::Redirect(error) => ::core::option::Option::Some(error),
                    Self::BodyTooLarge(error) => ::core::option::Option::Some(error),
                    Self::Decode(error) => ::core::option::Option::Some(error),
                    Self::Transport(error) => ::core::option::Option::Some(error),
                    Self::InvalidRequest(error) => ::core::option::Option::Some(error),
                    #documented_source
                }
            }
        }

        impl ::core::convert::From<#rt::Failure> for #name {
            fn from(failure: #rt::Failure) -> Self {
                match failure {
                    #rt::Failure::UnexpectedStatus(error) => Self::UnexpectedStatus(error),
                    #rt::Failure::Redirect(error) => Self::Redirect(error),
                    #rt::Failure::BodyTooLarge(error) => Self::BodyTooLarge(error),
                    #rt::Failure::Decode(error) => Self::Decode(error),
                    #rt::Failure::Transport(error) => Self::Transport(error),
                    #rt::Failure::InvalidRequest(error) => Self::InvalidRequest(error),
                }
            }
        }
    }
}

/// `Operation::decode`: a documented status maps to its variant, anything
/// else to `Redirect` (3xx) or `UnexpectedStatus`.
pub fn decode(plan: &Plan) -> TokenStream {
    let rt = rt();
    let response = ident(super::request::response_name(&plan.response));
    let error = ident(&plan.error.name);
    let successes = match &plan.response {
        ResponsePlan::Unit { name, .. } => {
            let name = ident(name);
            let statuses = plan.success_statuses.iter().map(|s| status_literal(*s));
            quote!(#(#statuses)|* => ::core::result::Result::Ok(#name),)
        }
        ResponsePlan::Body(_) | ResponsePlan::Whole { .. } => {
            let statuses = plan.success_statuses.iter().map(|s| status_literal(*s));
            quote!(#(#statuses)|* => ::core::result::Result::Ok(response.json()?),)
        }
        ResponsePlan::ByStatus { variants, .. } => {
            let arms = variants.iter().map(|v| {
                let status = status_literal(v.status);
                let ident = ident(&v.ident);
                let value = match v.body {
                    Some(_) => quote!(#response::#ident(response.json()?)),
                    None => quote!(#response::#ident),
                };
                quote!(#status => ::core::result::Result::Ok(#value),)
            });
            quote!(#(#arms)*)
        }
    };
    // The error statuses are the error enum's to decode, once for all the
    // operations that share it.
    quote! {
        fn decode(response: &#rt::RawResponse) -> ::core::result::Result<#response, #error> {
            match response.status().as_u16() {
                #successes
                _ => ::core::result::Result::Err(#error::__from_response(response)),
            }
        }
    }
}

/// The error enum's `__from_response`, which each operation's `decode`
/// calls for a status that is not a documented success: a documented error
/// status maps to its variant, anything else to `Redirect` (3xx) or
/// `UnexpectedStatus`.
fn from_response(plan: &ErrorPlan) -> TokenStream {
    let rt = rt();
    let failures = plan.statuses.iter().map(|s| {
        let status = status_literal(s.status);
        let ident = ident(&s.ident);
        quote! {
            #status => match response.json() {
                ::core::result::Result::Ok(body) => Self::#ident(body),
                ::core::result::Result::Err(failure) => Self::from(failure),
            },
        }
    });
    quote! {
        /// The error for a response whose status is not a documented
        /// success; called by the operations' `decode`.
        #[doc(hidden)]
        pub fn __from_response(response: &#rt::RawResponse) -> Self {
            match response.status().as_u16() {
                #(#failures)*
                _ => Self::from(response.unexpected_status()),
            }
        }
    }
}

fn status_literal(status: u16) -> proc_macro2::Literal {
    proc_macro2::Literal::u16_unsuffixed(status)
}

/// The catalog's module of shared error enums.
pub fn errors_module(errors: &[ErrorPlan]) -> TokenStream {
    let module = ident(ERRORS_MODULE);
    let errors = errors.iter().map(error_enum);
    quote! {
        /// The error enums that several operations share, one per set of
        /// documented error statuses; each operation's error type is an
        /// alias of one of them.
        pub mod #module {
            #(#errors)*
        }
    }
}
