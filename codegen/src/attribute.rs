//! The `#[meeting_api(spec = "...")]` and `#[meeting_api(catalog = "...")]`
//! attribute's expansion, from its tokens to the module's: argument
//! parsing, file loading, and errors turned into `compile_error!` on the
//! path literal.
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
    let generated = arguments(args).and_then(|(source, wire_form)| match source {
        Source::Spec(literal) => generate(&literal, manifest_dir, wire_form),
        Source::Catalog(literal) => generate_catalog(&literal, manifest_dir, wire_form),
    });
    match generated {
        Ok(items) => fill(module, items),
        // The module stays, empty, so that errors do not cascade.
        Err(error) => {
            let error = error.into_compile_error();
            quote!(#error #module)
        }
    }
}

/// What the attribute generates from.
enum Source {
    /// `spec = "..."`: one spec file.
    Spec(LitStr),
    /// `catalog = "..."`: every spec of a directory.
    Catalog(LitStr),
}

const PATHS: &str = "expected `spec = \"path/to/spec.yaml\"` or `catalog = \"path/to/specs\"`";

/// The `spec = "..."` or `catalog = "..."` literal, and `wire_form = ...`
/// (default `true`).
fn arguments(args: TokenStream) -> syn::Result<(Source, bool)> {
    let mut source = None;
    let mut wire_form = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("wire_form") {
            let value = meta.value()?.parse::<syn::LitBool>()?;
            if wire_form.replace(value.value).is_some() {
                return Err(syn::Error::new(value.span(), "`wire_form` is given twice"));
            }
            return Ok(());
        }
        let kind = match () {
            _ if meta.path.is_ident("spec") => Source::Spec,
            _ if meta.path.is_ident("catalog") => Source::Catalog,
            _ => {
                return Err(meta.error(format!(
                    "unknown argument; {PATHS}, then optionally `wire_form = false`"
                )));
            }
        };
        let literal = meta.value()?.parse::<LitStr>().map_err(|error| {
            let message =
                "expected the path as a string literal, like `spec = \"hands.yaml\"` or `catalog = \"catalog\"`";
            syn::Error::new(error.span(), message)
        })?;
        if source.is_some() {
            let message = "a second spec or catalog; expected one spec file, or one catalog directory, per module";
            return Err(syn::Error::new(literal.span(), message));
        }
        source = Some(kind(literal));
        Ok(())
    });
    syn::parse::Parser::parse2(parser, args)?;
    let source = source.ok_or_else(|| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("missing the spec; {PATHS}, relative to Cargo.toml"),
        )
    })?;
    Ok((source, wire_form.unwrap_or(true)))
}

/// Loads the spec the literal names and generates its items; every problem
/// becomes an error spanning the literal.
fn generate(literal: &LitStr, manifest_dir: &Path, wire_form: bool) -> syn::Result<TokenStream> {
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
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut cache = meeting_api_spec::ShapesCache::default();
    let spec =
        meeting_api_spec::parse_with(&source, &relative, &mut |file| cache.get(&dir.join(file))).map_err(|error| {
            let messages = error.diagnostics.iter().map(|d| format!("{relative}:{d}"));
            combine(literal, messages)
        })?;
    let options = crate::Options {
        spec_file: Some(path.display().to_string()),
        wire_form,
    };
    crate::generate(&spec, &options)
        .map_err(|clashes| combine(literal, clashes.iter().map(|clash| format!("{relative}:{clash}"))))
}

/// Loads every spec of the directory the literal names and generates the
/// catalog; every problem of every file becomes an error spanning the literal.
fn generate_catalog(literal: &LitStr, manifest_dir: &Path, wire_form: bool) -> syn::Result<TokenStream> {
    let relative = literal.value();
    let dir = manifest_dir.join(&relative);
    let files = meeting_api_spec::spec_files_in(&dir).map_err(|error| {
        let message = format!("{relative}: cannot read the catalog directory: {error}; expected a directory of YAML specs, relative to the directory of the crate's Cargo.toml");
        syn::Error::new(literal.span(), message)
    })?;
    if files.is_empty() {
        let message = format!("{relative}: the catalog directory holds no spec (`*.yaml` or `*.yml`)");
        return Err(syn::Error::new(literal.span(), message));
    }
    let mut cache = meeting_api_spec::ShapesCache::default();
    let mut specs = Vec::new();
    let mut problems = Vec::new();
    let mut tracked: Vec<String> = Vec::new();
    for file in files {
        // Named as written in the attribute, like the single-spec messages.
        let shown = Path::new(&relative).join(file.file_name().unwrap_or_default());
        tracked.push(file.display().to_string());
        match meeting_api_spec::load_with(&file, &mut cache) {
            Ok(spec) => specs.push(crate::CatalogSpec { file: shown, spec }),
            Err(meeting_api_spec::LoadError::Invalid(error)) => {
                problems.extend(error.diagnostics.iter().map(|d| format!("{}:{d}", shown.display())));
            }
            Err(error) => problems.push(error.to_string()),
        }
    }
    if !problems.is_empty() {
        return Err(combine(literal, problems.into_iter()));
    }
    let items = crate::generate_catalog(&specs, wire_form)
        .map_err(|errors| combine(literal, errors.iter().map(ToString::to_string)))?;
    let shapes = specs.iter().find_map(|entry| entry.spec.shapes.as_ref());
    let tracked = crate::tracked(
        tracked
            .into_iter()
            .chain(shapes.map(|shapes| shapes.path.display().to_string())),
    );
    Ok(quote! {
        #tracked
        #items
    })
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
