//! The request's type-state builder: one type parameter per required
//! param, `meeting_api::Unset` until its setter is called, and `build()`
//! only once none is. Required values sit in one tuple and optional ones in
//! another, so that a setter that changes the type moves two fields, not
//! one per param, and so that no private field shares a setter's name
//! (rustc would then call a setter that is gone a private field).

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};

use super::{doc, ident, rt, ty};
use crate::plan::{FieldPlan, Missing, Plan, Required, Setter};

/// A request field with its setter and its place in its tuple: the
/// required values' or the optional ones'.
struct Slot<'a> {
    field: &'a FieldPlan,
    setter: &'a Setter,
    index: syn::Index,
}

impl Slot<'_> {
    fn arg(&self) -> Ident {
        ident(&self.field.ident)
    }

    fn method(&self) -> Ident {
        ident(&self.setter.ident)
    }

    fn value_ty(&self) -> TokenStream {
        ty(&self.field.ty)
    }
}

/// The builder's parts, ready to print.
struct Parts<'a> {
    name: Ident,
    markers: Ident,
    /// The request's fields, in order.
    slots: Vec<Slot<'a>>,
    /// The type parameters, one per required field.
    states: Vec<TokenStream>,
}

impl<'a> Parts<'a> {
    fn new(plan: &'a Plan) -> Self {
        let mut counts = [0, 0];
        let slots: Vec<Slot> = plan
            .request
            .fields
            .iter()
            .filter_map(|field| {
                let setter = field.setter.as_ref()?;
                let count = &mut counts[usize::from(setter.required.is_none())];
                *count += 1;
                let index = syn::Index::from(*count - 1);
                Some(Slot { field, setter, index })
            })
            .collect();
        let states = slots
            .iter()
            .filter_map(|slot| slot.setter.required.as_ref())
            .map(|tracked| ident(&tracked.state).into_token_stream())
            .collect();
        Self {
            name: ident(&plan.builder.name),
            markers: ident(&plan.builder.markers),
            slots,
            states,
        }
    }

    fn required(&self) -> impl Iterator<Item = (&Slot<'a>, &'a Required)> {
        self.slots
            .iter()
            .filter_map(|slot| Some((slot, slot.setter.required.as_ref()?)))
    }

    fn optional(&self) -> impl Iterator<Item = &Slot<'a>> {
        self.slots.iter().filter(|slot| slot.setter.required.is_none())
    }

    /// The builder's type with the required params in `states`.
    fn with(&self, states: &[TokenStream]) -> TokenStream {
        let name = &self.name;
        let args = angled(states);
        quote!(#name #args)
    }

    /// The states with the one at `at` replaced.
    fn replaced(&self, at: usize, state: TokenStream) -> Vec<TokenStream> {
        let mut states = self.states.clone();
        states[at] = state;
        states
    }
}

/// `<A, B>`, or nothing for no items.
fn angled(items: &[TokenStream]) -> TokenStream {
    match items.is_empty() {
        true => quote!(),
        false => quote!(<#(#items),*>),
    }
}

/// The request's `builder()`: every required param unset, every optional
/// one `None`.
pub fn start(plan: &Plan) -> TokenStream {
    let rt = rt();
    let parts = Parts::new(plan);
    let name = &parts.name;
    let unset: Vec<_> = parts.required().map(|_| quote!(#rt::Unset)).collect();
    let nones = parts.optional().map(|_| quote!(::core::option::Option::None));
    let ty = parts.with(&unset);
    let docs = doc(&plan.builder.start_docs);
    quote! {
        #docs
        pub fn builder() -> #ty {
            #name { required: (#(#unset,)*), optional: (#(#nones,)*) }
        }
    }
}

/// The builder type, its hidden traits, its setters and `build`.
pub fn builder(plan: &Plan) -> TokenStream {
    let parts = Parts::new(plan);
    let docs = doc(&plan.builder.docs);
    let states = &parts.states;
    let generics = angled(states);
    let name = &parts.name;
    let optional_tys = parts.optional().map(|slot| super::field_ty(slot.field));
    let markers = markers(plan, &parts);
    let required_setters = parts.required().map(|(slot, _)| required_setter(&parts, slot));
    let optional_setters = parts.optional().map(optional_setter);
    let build = build(plan, &parts);
    quote! {
        #docs
        #[must_use = "a builder makes no request until `build()`"]
        pub struct #name #generics {
            required: (#(#states,)*),
            optional: (#(#optional_tys,)*),
        }

        #markers
        #(#required_setters)*

        impl #generics #name #generics {
            #(#optional_setters)*
            #build
        }
    }
}

/// One trait per required param, implemented by every type, so that the
/// only state lacking it is `Unset`: `build()` asks each param's state for
/// its trait, and the trait's `on_unimplemented` names the param. (A
/// marker type named like the param, as an argument of one runtime trait,
/// would print as its full path whenever another spec of the crate has a
/// param of the same name.)
fn markers(plan: &Plan, parts: &Parts) -> TokenStream {
    if parts.states.is_empty() {
        return quote!();
    }
    let module = &parts.markers;
    let value = ident(&plan.builder.value);
    let traits = parts.required().map(|(slot, tracked)| {
        let name = slot.method();
        let Missing { message, label, note } = &tracked.missing;
        quote! {
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            pub trait #name<#value> {
                fn into_value(self) -> #value;
            }

            impl<#value> #name<#value> for #value {
                fn into_value(self) -> #value {
                    self
                }
            }
        }
    });
    quote! {
        /// What `build()` asks of the builder's states.
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub mod #module {
            #(#traits)*
        }
    }
}

/// The setter of a required param, on the builders where it is unset.
fn required_setter(parts: &Parts, slot: &Slot) -> TokenStream {
    let rt = rt();
    let at = slot.index.index as usize;
    let mut others = parts.states.clone();
    others.remove(at);
    let generics = angled(&others);
    let before = parts.with(&parts.replaced(at, quote!(#rt::Unset)));
    let after = parts.with(&parts.replaced(at, slot.value_ty()));
    let (arg, method, value_ty, name) = (slot.arg(), slot.method(), slot.value_ty(), &parts.name);
    let values = parts.required().map(|(other, _)| {
        let index = &other.index;
        match index.index as usize == at {
            true => quote!(::core::convert::Into::into(#arg)),
            false => quote!(self.required.#index),
        }
    });
    let docs = doc(&slot.setter.docs);
    quote! {
        impl #generics #before {
            #docs
            pub fn #method(self, #arg: impl ::core::convert::Into<#value_ty>) -> #after {
                #name { required: (#(#values,)*), optional: self.optional }
            }
        }
    }
}

fn optional_setter(slot: &Slot) -> TokenStream {
    let (arg, method, value_ty, index) = (slot.arg(), slot.method(), slot.value_ty(), &slot.index);
    let docs = doc(&slot.setter.docs);
    quote! {
        #docs
        pub fn #method(mut self, #arg: impl ::core::convert::Into<#value_ty>) -> Self {
            self.optional.#index = ::core::option::Option::Some(::core::convert::Into::into(#arg));
            self
        }
    }
}

/// `build()`, bounded so that each required param's state is its value.
fn build(plan: &Plan, parts: &Parts) -> TokenStream {
    let request = ident(&plan.request.name);
    let markers = &parts.markers;
    let bounds = parts.required().map(|(slot, tracked)| {
        let (state, method, value_ty) = (ident(&tracked.state), slot.method(), slot.value_ty());
        quote!(#state: #markers::#method<#value_ty>,)
    });
    let where_clause = (!parts.states.is_empty()).then(|| quote!(where #(#bounds)*));
    let values = parts.slots.iter().map(|slot| {
        let (field, method, index) = (slot.arg(), slot.method(), &slot.index);
        match slot.setter.required {
            Some(_) => quote!(#field: #markers::#method::into_value(self.required.#index),),
            None => quote!(#field: self.optional.#index,),
        }
    });
    let method = ident(&plan.builder.build.ident);
    let docs = doc(&plan.builder.build.docs);
    quote! {
        #docs
        pub fn #method(self) -> #request #where_clause {
            #request { #(#values)* }
        }
    }
}
