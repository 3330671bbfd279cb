//! The `#[meeting_api(spec = "...")]` attribute. A thin shell: it reads the
//! spec file and hands it to `meeting-api-codegen`. Use it through the
//! `meeting-api` crate, which re-exports it with the runtime the generated
//! code needs.

#![warn(missing_docs)]

use proc_macro::TokenStream;

/// Fills an inline module with the typed client of an endpoint spec.
///
/// ```text
/// #[meeting_api::meeting_api(spec = "specs/hands.yaml")]
/// pub mod hands {}
/// ```
///
/// The path is relative to the crate's `CARGO_MANIFEST_DIR`. The module
/// receives a request struct, a response type, an error enum and the enums
/// and structs of the params, named after the spec's `name`. A spec that
/// breaks the format fails the build with every problem, each naming the
/// file, line and column.
#[proc_macro_attribute]
pub fn meeting_api(args: TokenStream, item: TokenStream) -> TokenStream {
    // Unset only outside cargo; the spec path is then relative to the
    // compiler's working directory.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    meeting_api_codegen::attribute::expand(args.into(), item.into(), std::path::Path::new(&manifest_dir)).into()
}
