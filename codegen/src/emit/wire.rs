//! The `WireForm` impl: a request from JSON values by wire name, and
//! outcomes back to JSON, for the conformance kit and other spec-driven tools.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, rt};
use crate::plan::Plan;
use meeting_api_spec::ParamIn;

pub fn wire_form(plan: &Plan) -> TokenStream {
    let rt = rt();
    let name = ident(&plan.request.name);
    let error = ident(&plan.error.name);
    let response = ident(super::request::response_name(&plan.response));
    let fields = plan.request.fields.iter().map(|field| {
        let ident = ident(&field.ident);
        let wire = &field.wire;
        let location = match field.location {
            Some(ParamIn::Path) => quote!(Path),
            Some(ParamIn::Query) => quote!(Query),
            Some(ParamIn::Header) => quote!(Header),
            Some(ParamIn::Form) => quote!(Form),
            _ => quote!(Body),
        };
        let read = if field.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote!(#ident: values.#read(#rt::Location::#location, #wire)?,)
    });
    let errors = plan.error.statuses.iter().map(|status| {
        let variant = ident(&status.ident);
        let code = status.status;
        quote!(#error::#variant(body) => #rt::ErrorOutcome::Documented { status: #code, body: #rt::__private::to_json(body) },)
    });
    quote! {
        impl #rt::WireForm for #name {
            fn from_wire(values: &#rt::WireValues) -> ::core::result::Result<Self, #rt::WireError> {
                ::core::result::Result::Ok(Self { #(#fields)* })
            }

            fn response_json(response: &#response) -> #rt::__private::serde_json::Value {
                #rt::__private::to_json(response)
            }

            fn error_outcome(error: &#error) -> #rt::ErrorOutcome {
                match error {
                    #(#errors)*
                    #error::UnexpectedStatus(e) => #rt::ErrorOutcome::UnexpectedStatus(e.status().as_u16()),
                    #error::Redirect(e) => #rt::ErrorOutcome::Redirect(e.status().as_u16()),
                    #error::BodyTooLarge(e) => #rt::ErrorOutcome::BodyTooLarge(e.status().as_u16()),
                    #error::Decode(e) => #rt::ErrorOutcome::Decode(e.status().as_u16()),
                    #error::Transport(e) => #rt::ErrorOutcome::Transport(e.kind()),
                    #error::InvalidRequest(_) => #rt::ErrorOutcome::InvalidRequest,
                }
            }
        }
    }
}
