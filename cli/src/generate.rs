//! `meeting-api generate`: the attribute's own expansion, formatted.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

/// Why no code could be printed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The path could not be made absolute.
    #[error("cannot resolve {}: {source}", path.display())]
    Resolve {
        /// The path given.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The spec is unreadable or invalid, or its names clash: the messages
    /// of the expansion's `compile_error!`s, one per problem, as the
    /// compiler would print them.
    #[error("{}", .0.join("\n"))]
    Spec(Vec<String>),
    /// The expansion is neither the module nor errors (a generator bug).
    #[error("the attribute's expansion is neither a module nor `compile_error!`s")]
    Expansion,
    /// The generated tokens do not parse as a file (a generator bug).
    #[error("the generated code does not parse: {0}")]
    Format(#[from] syn::Error),
}

/// The items that `#[meeting_api(spec = "<spec>")]` puts in its module (or
/// `catalog = "<spec>"`, when `spec` is a directory), as the attribute
/// generates them for a crate whose directory is the current one: the very
/// expansion, not a second rendering of the spec.
pub fn items(spec: &Path) -> Result<TokenStream, GenerateError> {
    let absolute = std::path::absolute(spec).map_err(|source| GenerateError::Resolve {
        path: spec.to_owned(),
        source,
    })?;
    let (dir, file) = match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(file)) => (dir.to_owned(), file.to_string_lossy().into_owned()),
        _ => (absolute.clone(), String::new()),
    };
    let argument = match absolute.is_dir() {
        true => quote!(catalog = #file),
        false => quote!(spec = #file),
    };
    let expansion = meeting_api_codegen::attribute::expand(
        argument,
        quote!(
            mod generated {}
        ),
        &dir,
    );
    let module: syn::ItemMod = syn::parse2(expansion.clone()).map_err(|_| errors(&expansion))?;
    let items = module.content.map(|(_, items)| items).unwrap_or_default();
    Ok(quote!(#(#items)*))
}

/// The formatted source of [`items`].
pub fn source(spec: &Path) -> Result<String, GenerateError> {
    Ok(meeting_api_codegen::format(&items(spec)?)?)
}

/// The messages of the `compile_error!`s that an expansion holds.
fn errors(expansion: &TokenStream) -> GenerateError {
    let file: Result<syn::File, _> = syn::parse2(expansion.clone());
    let messages: Vec<String> = file
        .map(|file| {
            file.items
                .iter()
                .filter_map(|item| match item {
                    syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "compile_error") => {
                        syn::parse2::<syn::LitStr>(m.mac.tokens.clone()).ok().map(|l| l.value())
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    match messages.is_empty() {
        true => GenerateError::Expansion,
        false => GenerateError::Spec(messages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_compile_error_is_one_message() {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("bad.yaml");
        let source =
            "name: hands\nsummary: x\nmethod: PUTT\npath: x\nresponses:\n  - status: 200\n    description: ok\n";
        std::fs::write(&spec, source).unwrap();
        let Err(GenerateError::Spec(messages)) = items(&spec) else {
            panic!("the expansion of an invalid spec has errors");
        };
        let expected: Vec<String> = meeting_api_spec::parse(source, "bad.yaml")
            .unwrap_err()
            .diagnostics
            .iter()
            .map(|d| format!("bad.yaml:{d}"))
            .collect();
        assert_eq!(expected.len(), 2, "{expected:?}");
        assert_eq!(messages, expected);
    }
}
