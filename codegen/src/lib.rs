//! The meeting-api generator: from a validated [`Spec`] to the Rust items of
//! a typed async client. A plain library, so that the `#[meeting_api]`
//! attribute, the conformance kit, tests and tools all share one generator.
//!
//! Stages: [`plan`] names every type, field and variant; `emit` prints
//! tokens from the plan; [`format()`] pretty-prints them for people.

#![warn(missing_docs)]

pub mod attribute;
mod catalog;
mod docs;
mod emit;
mod escape;
pub mod names;
pub mod plan;
mod shared_errors;

use proc_macro2::TokenStream;
use quote::quote;

pub use catalog::{CatalogError, CatalogSpec, generate_catalog};
pub use meeting_api_spec::Spec;
pub use plan::NameClash;

/// What the generated items are wrapped with.
#[derive(Clone, Debug)]
pub struct Options {
    /// Absolute path of the spec file. When set, the items include it (and
    /// the shapes file it names) with `include_str!`, so that cargo
    /// rebuilds the crate when either changes.
    pub spec_file: Option<String>,
    /// Whether the request implements `meeting_api::WireForm` (built from
    /// JSON values by wire name: for the conformance kit and other tools).
    /// On by default; it compiles a second serde instantiation of every
    /// type, which an application does not need.
    pub wire_form: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            spec_file: None,
            wire_form: true,
        }
    }
}

/// The items generated for `spec`: request, response, error and data types,
/// each implementing the `meeting_api` runtime's traits.
pub fn generate(spec: &Spec, options: &Options) -> Result<TokenStream, Vec<NameClash>> {
    let plan = plan::plan(spec)?;
    let items = emit::items(&plan, spec, options.wire_form);
    let shapes = spec.shapes.as_ref().map(|shapes| shapes.path.display().to_string());
    let tracked = options
        .spec_file
        .as_ref()
        .map(|file| tracked(std::iter::once(file.clone()).chain(shapes)));
    Ok(quote! {
        #tracked
        #items
    })
}

/// Makes cargo rebuild the crate whenever one of `files` changes.
pub fn tracked(files: impl IntoIterator<Item = String>) -> TokenStream {
    let files = files.into_iter();
    quote! {
        #(const _: &str = ::core::include_str!(#files);)*
    }
}

/// Generated items as formatted Rust source.
pub fn format(items: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(items.clone())?;
    Ok(prettyplease::unparse(&file))
}
