//! The `#[meeting_api(spec = "...")]` attribute's expansion, from its tokens
//! to the module's: argument parsing, file loading, and errors turned into
//! `compile_error!` on the `spec` literal.
//!
//! It lives here, not in the proc-macro crate, so that the `meeting-api
//! generate` command and tests can run the very expansion that the compiler
//! runs; the proc-macro crate only passes the tokens and the crate's
//! directory through.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{ItemMod, LitStr};

/// Expands the attribute with arguments `args` on `item`, reading the spec
/// relative to `manifest_dir` (the using crate's `CARGO_MANIFEST_DIR`).
/// Never fails: problems become `compile_error!` invocations in the output.
pub fn expand(args: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let module = match syn::parse2::<ItemMod>(item.clone()) {
        Ok(module) if module.content.is_some() => module,
        _ => {
            let error = syn::Error::new_spanned(
                &item,
                "#[meeting_api] applies to an inline module, like `#[meeting_api(spec = \"hands.yaml\")] pub mod hands {}`",
            );
            return error.into_compile_error();
        }
    };
    match spec_argument(args).and_then(|literal| generate(&literal, manifest_dir)) {
        Ok(items) => fill(module, items),
        // The module stays, empty, so that errors do not cascade.
        Err(error) => {
            let error = error.into_compile_error();
            quote!(#error #module)
        }
    }
}

/// The `spec = "..."` literal.
fn spec_argument(args: TokenStream) -> syn::Result<LitStr> {
    let mut spec = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("spec") {
            let literal = meta.value()?.parse::<LitStr>().map_err(|error| {
                let message = "expected the spec file as a string literal, like `spec = \"hands.yaml\"`";
                syn::Error::new(error.span(), message)
            })?;
            if spec.is_some() {
                let message = "`spec` is given twice; expected one spec file per module";
                return Err(syn::Error::new(literal.span(), message));
            }
            spec = Some(literal);
            Ok(())
        } else {
            Err(meta.error("unknown argument; expected `spec = \"path/to/spec.yaml\"`"))
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    spec.ok_or_else(|| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            "missing `spec = \"path/to/spec.yaml\"`, the spec file relative to Cargo.toml",
        )
    })
}

/// Loads the spec the literal names and generates its items; every problem
/// becomes an error spanning the literal.
fn generate(literal: &LitStr, manifest_dir: &Path) -> syn::Result<TokenStream> {
    let relative = literal.value();
    let path = manifest_dir.join(&relative);
    // Named as written, like every other spec message: an absolute path
    // would tie the message (and its ui snapshot) to one checkout.
    let source = std::fs::read_to_string(&path).map_err(|error| {
        let why = match error.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
            _ => error.to_string(),
        };
        let message = format!(
            "{relative}: cannot read the spec file: {why}; expected a YAML spec at this path, \
             relative to the directory of the crate's Cargo.toml"
        );
        syn::Error::new(literal.span(), message)
    })?;
    let spec = meeting_api_spec::parse(&source, &relative).map_err(|error| {
        let messages = error.diagnostics.iter().map(|d| format!("{relative}:{d}"));
        combine(literal, messages)
    })?;
    let options = crate::Options {
        spec_file: Some(path.display().to_string()),
    };
    crate::generate(&spec, &options)
        .map_err(|clashes| combine(literal, clashes.iter().map(|clash| format!("{relative}:{clash}"))))
}

/// One error per message, all on the literal.
fn combine(literal: &LitStr, messages: impl Iterator<Item = String>) -> syn::Error {
    messages
        .map(|message| syn::Error::new(literal.span(), message))
        .reduce(|mut all, next| {
            all.combine(next);
            all
        })
        .unwrap_or_else(|| syn::Error::new(literal.span(), "the spec is invalid"))
}

/// The module with the generated items after the user's own.
fn fill(mut module: ItemMod, items: TokenStream) -> TokenStream {
    if let Some((_, content)) = &mut module.content {
        content.push(syn::Item::Verbatim(items));
    }
    module.into_token_stream()
}
