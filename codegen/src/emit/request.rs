//! The request struct: `builder()`, `send`, and the `Operation` impl that
//! puts each param where the spec says.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, field_ty, ident, rt, serde_crate};
use crate::plan::{FieldPlan, Plan, ResponsePlan, Ty};
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
    let start = super::builder::start(plan);
    let builder = super::builder::builder(plan);
    let operation = operation(plan, spec);
    let response = ident(response_name(&plan.response));
    let error = ident(&plan.error.name);
    let rt = rt();
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #start

            /// Sends this request with `client`: the same as `client.send(request)`.
            pub fn send(
                self,
                client: &#rt::Client,
            ) -> impl ::core::future::Future<Output = ::core::result::Result<#rt::Response<#response>, #error>> + '_ {
                client.send(self)
            }
        }

        #builder
        #operation
    }
}

pub(super) fn response_name(response: &ResponsePlan) -> &str {
    match response {
        ResponsePlan::Unit { name, .. } | ResponsePlan::ByStatus { name, .. } | ResponsePlan::Whole { name, .. } => {
            name
        }
        ResponsePlan::Body(object) => &object.name,
    }
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
    let writes = writes(plan);
    let decode = super::outcome::decode(plan);
    let session = plan.request.fields.iter().filter_map(session_param);
    quote! {
        impl #rt::Operation for #name {
            type Response = #response;
            type Error = #error;

            const INFO: #rt::OperationInfo = #rt::OperationInfo {
                name: #op_name,
                method: #rt::Method::#method,
                path: #path,
                server: #server,
                session: &[#(#session),*],
            };

            fn write(&self, request: &mut #rt::RequestParts) {
                #writes
            }

            #decode
        }
    }
}

/// The `SessionParam` of a field that a session may fill.
fn session_param(field: &FieldPlan) -> Option<TokenStream> {
    let rt = rt();
    let slot = field.session.as_ref()?;
    let value = &slot.value;
    let required = slot.required;
    let wire = &field.wire;
    let secret = field.secret;
    let location = match field.location {
        Some(ParamIn::Path) => quote!(Path),
        Some(ParamIn::Query) => quote!(Query),
        _ => quote!(Header),
    };
    Some(quote! {
        #rt::SessionParam {
            value: #value,
            location: #rt::Location::#location,
            name: #wire,
            required: #required,
            secret: #secret,
        }
    })
}

/// The body of `Operation::write`: each param where it travels, then the
/// JSON body. Watching a value for an enum's `Unknown` variant is a
/// thread-local mark around writing it; the plan knows which types cannot
/// hold one, and those values are written unwatched, the watch switched
/// only where it changes (it starts on).
fn writes(plan: &Plan) -> TokenStream {
    let fields = &plan.request.fields;
    let params = fields
        .iter()
        .filter(|f| f.location != Some(ParamIn::Body))
        .map(|f| (write_param(f), watched(plan, f)));
    let body_watched = fields
        .iter()
        .any(|f| f.location == Some(ParamIn::Body) && plan.may_hold_unknown(&f.ty));
    let body = body(plan).map(|body| (body, Some(body_watched)));
    let mut watching = true;
    let mut out = TokenStream::new();
    for (write, watch) in params.chain(body) {
        if let Some(watch) = watch.filter(|watch| *watch != watching) {
            watching = watch;
            out.extend(quote!(request.watch_unknown(#watch);));
        }
        out.extend(write);
    }
    out
}

/// Whether a param's value is written watched for an `Unknown` variant;
/// `None` for a file part, which holds no enum and is never watched.
fn watched(plan: &Plan, field: &FieldPlan) -> Option<bool> {
    (field.ty != Ty::File).then(|| plan.may_hold_unknown(&field.ty))
}

fn write_param(field: &FieldPlan) -> TokenStream {
    let ident = ident(&field.ident);
    let wire = &field.wire;
    match field.location {
        Some(ParamIn::Form) if field.ty == Ty::File => write_file(field),
        Some(ParamIn::Form) => quote!(request.form_text(#wire, &self.#ident);),
        Some(location @ (ParamIn::Path | ParamIn::Query | ParamIn::Header)) if field.session.is_some() => {
            // Left unset, the param is the session's to fill after `write`.
            let write = write_value(location, wire, quote!(value), field.secret);
            quote! {
                if let ::core::option::Option::Some(value) = &self.#ident {
                    #write
                }
            }
        }
        Some(location @ (ParamIn::Path | ParamIn::Query | ParamIn::Header)) => {
            write_value(location, wire, quote!(&self.#ident), field.secret)
        }
        _ => quote!(),
    }
}

/// A file part; an optional file that is absent sends no part.
fn write_file(field: &FieldPlan) -> TokenStream {
    let ident = ident(&field.ident);
    let wire = &field.wire;
    match field.required {
        true => quote!(request.form_file(#wire, &self.#ident);),
        false => quote! {
            if let ::core::option::Option::Some(file) = &self.#ident {
                request.form_file(#wire, file);
            }
        },
    }
}

/// The JSON body: a struct of references to the body params, declared
/// inside the method so that it adds nothing to the module, under the name
/// the plan gave it (it shadows a module type of the same name there).
fn body(plan: &Plan) -> Option<TokenStream> {
    let fields = &plan.request.fields;
    let body: Vec<_> = fields.iter().filter(|f| f.location == Some(ParamIn::Body)).collect();
    if body.is_empty() {
        return None;
    }
    if let [whole] = body.as_slice()
        && whole.whole_body
    {
        let ident = ident(&whole.ident);
        return Some(quote!(request.json(&self.#ident);));
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
    Some(quote! {
        #[derive(#rt::__private::serde::Serialize)]
        #serde
        struct #name<'a> {
            #(#decls)*
        }
        request.json(&#name { #(#inits)* });
    })
}

/// Writes a path, query or header value.
fn write_value(location: ParamIn, wire: &str, value: TokenStream, secret: bool) -> TokenStream {
    match location {
        ParamIn::Path => quote!(request.path(#wire, #value, #secret);),
        ParamIn::Query => quote!(request.query(#wire, #value, #secret);),
        _ => quote!(request.header(#wire, #value, #secret);),
    }
}
