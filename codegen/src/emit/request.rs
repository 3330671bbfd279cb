//! The request struct: constructor, setters, `send`, and the `Operation`
//! impl that puts each param where the spec says.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, field_ty, ident, rt, serde_crate, ty};
use crate::plan::{FieldPlan, Plan, ResponsePlan};
use meeting_api_spec::{ParamIn, Spec};

pub fn request(plan: &Plan, spec: &Spec) -> TokenStream {
    let request = &plan.request;
    let name = ident(&request.name);
    let docs = doc(&request.docs);
    let fields = request.fields.iter().map(|field| {
        let docs = doc(&field.docs);
        let ident = ident(&field.ident);
        let ty = field_ty(field);
        quote!(#docs pub #ident: #ty,)
    });
    let all_optional = request.fields.iter().all(|f| !f.required);
    let default = all_optional.then(|| quote!(, ::core::default::Default));
    let constructor = constructor(&request.fields);
    let setters = request.fields.iter().filter_map(setter);
    let operation = operation(plan, spec);
    let response = ident(response_name(&plan.response));
    let error = ident(&plan.error.name);
    let rt = rt();
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq #default)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#setters)*

            /// Sends this request with `client`: the same as `client.send(request)`.
            pub async fn send(self, client: &#rt::Client) -> ::core::result::Result<#rt::Response<#response>, #error> {
                client.send(self).await
            }
        }

        #operation
    }
}

pub(super) fn response_name(response: &ResponsePlan) -> &str {
    match response {
        ResponsePlan::Unit { name, .. } | ResponsePlan::ByStatus { name, .. } => name,
        ResponsePlan::Body(object) => &object.name,
    }
}

fn constructor(fields: &[FieldPlan]) -> TokenStream {
    let required: Vec<_> = fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let ident = ident(&f.ident);
        let ty = ty(&f.ty);
        quote!(#ident: impl ::core::convert::Into<#ty>)
    });
    let inits = fields.iter().map(|f| {
        let ident = ident(&f.ident);
        match f.required {
            true => quote!(#ident: ::core::convert::Into::into(#ident)),
            false => quote!(#ident: ::core::option::Option::None),
        }
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.ident)).collect();
    let summary = match names.is_empty() {
        true => " Creates a request; every param is optional and set with the `with_` methods.".to_owned(),
        false => format!(
            " Creates a request from its required params ({}); optional ones are set with the `with_` methods.",
            names.join(", ")
        ),
    };
    // Specs with many required params get a long constructor on purpose:
    // every required value is asked for, so a request cannot lack one.
    quote! {
        #[doc = #summary]
        #[allow(clippy::too_many_arguments)]
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

fn setter(field: &FieldPlan) -> Option<TokenStream> {
    let setter = field.setter.as_ref()?;
    let ident = ident(&field.ident);
    let method = super::ident(&setter.ident);
    let ty = ty(&field.ty);
    let docs = doc(&setter.docs);
    Some(quote! {
        #docs
        #[must_use]
        pub fn #method(mut self, #ident: impl ::core::convert::Into<#ty>) -> Self {
            self.#ident = ::core::option::Option::Some(::core::convert::Into::into(#ident));
            self
        }
    })
}

fn operation(plan: &Plan, spec: &Spec) -> TokenStream {
    let rt = rt();
    let name = ident(&plan.request.name);
    let response = ident(response_name(&plan.response));
    let error = ident(&plan.error.name);
    let op_name = &spec.name;
    let method = ident(spec.method.as_str());
    let path = &spec.path;
    let server = match &spec.server {
        Some(server) => quote!(::core::option::Option::Some(#server)),
        None => quote!(::core::option::Option::None),
    };
    let writes = plan
        .request
        .fields
        .iter()
        .filter(|f| f.location != Some(ParamIn::Body))
        .map(write_param);
    let body = body(plan);
    let decode = super::outcome::decode(plan);
    quote! {
        impl #rt::Operation for #name {
            type Response = #response;
            type Error = #error;

            const INFO: #rt::OperationInfo = #rt::OperationInfo {
                name: #op_name,
                method: #rt::Method::#method,
                path: #path,
                server: #server,
            };

            fn write(&self, request: &mut #rt::RequestParts) {
                #(#writes)*
                #body
            }

            #decode
        }
    }
}

fn write_param(field: &FieldPlan) -> TokenStream {
    let ident = ident(&field.ident);
    let wire = &field.wire;
    let secret = field.secret;
    match field.location {
        Some(ParamIn::Path) => quote!(request.path(#wire, &self.#ident, #secret);),
        Some(ParamIn::Query) => quote!(request.query(#wire, &self.#ident, #secret);),
        Some(ParamIn::Header) => quote!(request.header(#wire, &self.#ident, #secret);),
        _ => quote!(),
    }
}

/// The JSON body: a struct of references to the body params, declared
/// inside the method so that it adds nothing to the module, under the name
/// the plan gave it (it shadows a module type of the same name there).
fn body(plan: &Plan) -> TokenStream {
    let fields = &plan.request.fields;
    let body: Vec<_> = fields.iter().filter(|f| f.location == Some(ParamIn::Body)).collect();
    if body.is_empty() {
        return quote!();
    }
    let rt = rt();
    let serde = serde_crate();
    let decls = body.iter().map(|f| {
        let ident = ident(&f.ident);
        let wire = &f.wire;
        let ty = field_ty(f);
        let skip = (!f.required).then(|| quote!(#[serde(skip_serializing_if = "::core::option::Option::is_none")]));
        quote!(#[serde(rename = #wire)] #skip #ident: &'a #ty,)
    });
    let inits = body.iter().map(|f| {
        let ident = ident(&f.ident);
        quote!(#ident: &self.#ident,)
    });
    let name = ident(&plan.body_type);
    quote! {
        #[derive(#rt::__private::serde::Serialize)]
        #serde
        struct #name<'a> {
            #(#decls)*
        }
        request.json(&#name { #(#inits)* });
    }
}
