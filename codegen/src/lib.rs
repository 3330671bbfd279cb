//! The meeting-api generator: from a validated [`Spec`] to the Rust items of
//! a typed async client. A plain library, so that the `#[meeting_api]`
//! attribute, the conformance kit, tests and tools all share one generator.
//!
//! Stages: [`plan`] names every type, field and variant; `emit` prints
//! tokens from the plan; [`format()`] pretty-prints them for people.

#![warn(missing_docs)]

pub mod attribute;
mod docs;
mod emit;
mod escape;
pub mod names;
pub mod plan;

use proc_macro2::TokenStream;
use quote::quote;

pub use meeting_api_spec::Spec;
pub use plan::NameClash;

/// What the generated items are wrapped with.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Absolute path of the spec file. When set, the items include it with
    /// `include_str!`, so that cargo rebuilds the crate when it changes.
    pub spec_file: Option<String>,
}

/// The items generated for `spec`: request, response, error and data types,
/// each implementing the `meeting_api` runtime's traits.
pub fn generate(spec: &Spec, options: &Options) -> Result<TokenStream, Vec<NameClash>> {
    let plan = plan::plan(spec)?;
    let items = emit::items(&plan, spec);
    let tracked = options.spec_file.as_ref().map(|file| {
        quote! {
            // Makes cargo rebuild this crate whenever the spec file changes.
            const _: &str = ::core::include_str!(#file);
        }
    });
    Ok(quote! {
        #tracked
        #items
    })
}

/// Generated items as formatted Rust source.
pub fn format(items: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(items.clone())?;
    Ok(prettyplease::unparse(&file))
}
