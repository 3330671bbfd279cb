//! The `Paged` impl of a request whose spec has `paging`: where its
//! offset and limit are, and where an answer holds the page. The loop
//! that pages is the runtime's, written once.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, rt, ty};
use crate::plan::{PagingPlan, Plan, Ty};

pub fn paged(plan: &Plan) -> TokenStream {
    let Some(paging) = &plan.paging else {
        return TokenStream::new();
    };
    let rt = rt();
    let request = ident(&plan.request.name);
    let response = ident(super::request::response_name(&plan.response));
    let item = ty(&paging.item);
    let offset = ident(&paging.offset);
    let offset_wire = &paging.offset_wire;
    let limit = ident(&paging.limit);
    let items = items(paging);
    let total = total(paging);
    quote! {
        impl #rt::Paged for #request {
            type Item = #item;
            const OFFSET: &'static str = #offset_wire;

            fn offset(&self) -> ::core::option::Option<i64> {
                #rt::__private::paging::get(&self.#offset)
            }

            fn set_offset(&mut self, offset: i64) -> bool {
                #rt::__private::paging::set(&mut self.#offset, offset)
            }

            fn limit(&self) -> ::core::option::Option<i64> {
                #rt::__private::paging::get(&self.#limit)
            }

            fn page(body: #response) -> (::std::vec::Vec<#item>, ::core::option::Option<i64>) {
                fn items(body: #response) -> ::core::option::Option<::std::vec::Vec<#item>> {
                    #items
                }
                fn total(body: &#response) -> ::core::option::Option<i64> {
                    #total
                }
                let total = total(&body);
                (items(body).unwrap_or_default(), total)
            }
        }
    }
}

/// The body of `items`: the list moved out along the path, `None` where an
/// optional field on the way is absent.
fn items(paging: &PagingPlan) -> TokenStream {
    // The plan's paths have a step at least.
    let Some((last, through)) = paging.items.split_last() else {
        return quote!(::core::option::Option::None);
    };
    let mut value = quote!(body);
    let mut lets = Vec::new();
    for step in through {
        let field = ident(&step.ident);
        let question = (!step.required).then(|| quote!(?));
        lets.push(quote!(let v = #value.#field #question;));
        value = quote!(v);
    }
    let field = ident(&last.ident);
    let end = match last.required {
        true => quote!(::core::option::Option::Some(#value.#field)),
        false => quote!(#value.#field),
    };
    quote!(#(#lets)* #end)
}

/// The body of `total`: the count read by reference along the path, as
/// an `i64`, or `None` (also when the spec names no total).
fn total(paging: &PagingPlan) -> TokenStream {
    let Some((path, count)) = &paging.total else {
        return quote!(::core::option::Option::None);
    };
    let Some((last, through)) = path.split_last() else {
        return quote!(::core::option::Option::None);
    };
    let mut value = quote!(body);
    let mut lets = Vec::new();
    for step in through {
        let field = ident(&step.ident);
        let borrow = match step.required {
            true => quote!(&#value.#field),
            false => quote!(#value.#field.as_ref()?),
        };
        lets.push(quote!(let v = #borrow;));
        value = quote!(v);
    }
    let field = ident(&last.ident);
    let end = match (last.required, count) {
        (true, Ty::I32) => quote!(::core::option::Option::Some(i64::from(#value.#field))),
        (true, _) => quote!(::core::option::Option::Some(#value.#field)),
        (false, Ty::I32) => quote!(#value.#field.map(i64::from)),
        (false, _) => quote!(#value.#field),
    };
    quote!(#(#lets)* #end)
}
