//! A catalog, a directory of specs, as one API: a module per operation,
//! one module of the shared shapes they use, so that a shape used by ten
//! operations is one Rust type, and one of the error enums they share.

use std::path::PathBuf;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit;
use crate::names;
use crate::plan::{self, ERRORS_MODULE, NameClash, SHAPES_MODULE, SharedShapes};
use crate::shared_errors;
use meeting_api_spec::{Shapes, Spec};

/// One spec of a catalog and the file it was read from.
#[derive(Clone, Debug)]
pub struct CatalogSpec {
    /// The file, as it is named in messages.
    pub file: PathBuf,
    /// The spec.
    pub spec: Spec,
}

/// Why a valid catalog cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// A spec, or the shapes file, asks for a name that is taken.
    #[error("{}:{clash}", file.display())]
    Clash {
        /// The spec or shapes file.
        file: PathBuf,
        /// What clashed, and where.
        clash: NameClash,
    },
    /// Two specs give their operations' modules the same name.
    #[error(
        "{}: the operation's module would be `{module}`, as is {}'s; every spec of a catalog needs its own `name`",
        file.display(),
        first.display()
    )]
    SameModule {
        /// The later spec.
        file: PathBuf,
        /// The spec that took the name first.
        first: PathBuf,
        /// The module name.
        module: String,
    },
    /// A spec's module would be the shapes module or the errors module.
    #[error(
        "{}: an operation may not be named `{module}`: the catalog's module of shared {} has that name",
        file.display(),
        if *module == SHAPES_MODULE { "shapes" } else { "error enums" }
    )]
    ReservedModule {
        /// The spec.
        file: PathBuf,
        /// The reserved name.
        module: &'static str,
    },
    /// Specs of one catalog name different shapes files.
    #[error(
        "{}: names the shapes file {}, but {} names {}; the specs of a catalog share one shapes file",
        file.display(),
        shapes.display(),
        first.display(),
        first_shapes.display()
    )]
    ShapesFiles {
        /// The later spec.
        file: PathBuf,
        /// Its shapes file.
        shapes: PathBuf,
        /// The first spec that named a shapes file.
        first: PathBuf,
        /// That spec's shapes file.
        first_shapes: PathBuf,
    },
}

/// The items of a whole catalog: `shapes`, `errors` (the error enums
/// that several operations share), and a module per spec (named after
/// it, snake_case). With `wire_form`, each request also implements
/// `meeting_api::WireForm`, and `visit_operations` shows a
/// `meeting_api::OperationVisitor` every operation.
pub fn generate_catalog(specs: &[CatalogSpec], wire_form: bool) -> Result<TokenStream, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let modules = module_names(specs, &mut errors);
    let shapes = shapes_file(specs, &mut errors);
    let mut plans = plan_all(specs, &mut errors);
    let shared_errors = shared_errors::share(plans.iter_mut().flatten().map(|plan| &mut plan.error));
    let param_types: Vec<String> = plans
        .iter()
        .flatten()
        .flat_map(|plan| plan.shared_param_types.clone())
        .collect();
    let shapes = match shapes {
        Some(shapes) => shapes_module(&shapes, &param_types, &mut errors),
        None => TokenStream::new(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every spec was planned: one that was not is an error above.
    let plans: Vec<plan::Plan> = plans.into_iter().flatten().collect();
    let operations = specs.iter().zip(&modules).zip(&plans).map(|((entry, module), plan)| {
        let items = emit::items(plan, &entry.spec, wire_form);
        let docs = emit::doc(&crate::escape::prose(&entry.spec.summary));
        let module = emit::ident(module);
        quote! {
            #docs
            pub mod #module {
                #items
            }
        }
    });
    let errors_module = (!shared_errors.is_empty()).then(|| emit::errors_module(&shared_errors));
    let visit = wire_form.then(|| visit_operations(specs, &modules, &plans));
    Ok(quote! {
        #shapes
        #errors_module
        #(#operations)*
        #visit
    })
}

/// Each spec's plan; `None`, and the clashes in `errors`, for one that
/// cannot be planned.
fn plan_all(specs: &[CatalogSpec], errors: &mut Vec<CatalogError>) -> Vec<Option<plan::Plan>> {
    specs
        .iter()
        .map(|entry| match plan::plan_with(&entry.spec, SharedShapes::Sibling) {
            Ok(plan) => Some(plan),
            Err(clashes) => {
                errors.extend(clashes.into_iter().map(|clash| CatalogError::Clash {
                    file: entry.file.clone(),
                    clash,
                }));
                None
            }
        })
        .collect()
}

/// `visit_operations`, which shows a visitor every operation.
fn visit_operations(specs: &[CatalogSpec], modules: &[String], plans: &[plan::Plan]) -> TokenStream {
    let rt = quote!(::meeting_api);
    let visits = specs.iter().zip(modules).zip(plans).map(|((entry, module), plan)| {
        let module = emit::ident(module);
        let request = emit::ident(&plan.request.name);
        let name = &entry.spec.name;
        quote!(visitor.visit::<#module::#request>(#name);)
    });
    quote! {
        /// Shows `visitor` every operation of this API, by its spec's `name`.
        pub fn visit_operations(visitor: &mut impl #rt::OperationVisitor) {
            #(#visits)*
        }
    }
}

/// The module name of each spec, reporting names taken twice.
fn module_names(specs: &[CatalogSpec], errors: &mut Vec<CatalogError>) -> Vec<String> {
    let mut seen: Vec<(String, &PathBuf)> = Vec::new();
    specs
        .iter()
        .map(|entry| {
            let module = names::snake(&entry.spec.name);
            if let Some(reserved) = [SHAPES_MODULE, ERRORS_MODULE]
                .into_iter()
                .find(|reserved| module == *reserved)
            {
                errors.push(CatalogError::ReservedModule {
                    file: entry.file.clone(),
                    module: reserved,
                });
            } else if let Some((_, first)) = seen.iter().find(|(name, _)| *name == module) {
                errors.push(CatalogError::SameModule {
                    file: entry.file.clone(),
                    first: (*first).clone(),
                    module: module.clone(),
                });
            } else {
                seen.push((module.clone(), &entry.file));
            }
            module
        })
        .collect()
}

/// The one shapes file the specs use, if any; a second one is an error.
fn shapes_file(specs: &[CatalogSpec], errors: &mut Vec<CatalogError>) -> Option<Arc<Shapes>> {
    let mut first: Option<(&CatalogSpec, &Arc<Shapes>)> = None;
    for entry in specs {
        let Some(shapes) = &entry.spec.shapes else { continue };
        match first {
            None => first = Some((entry, shapes)),
            Some((_, known)) if same_file(known, shapes) => {}
            Some((first_entry, known)) => errors.push(CatalogError::ShapesFiles {
                file: entry.file.clone(),
                shapes: shapes.path.clone(),
                first: first_entry.file.clone(),
                first_shapes: known.path.clone(),
            }),
        }
    }
    first.map(|(_, shapes)| shapes.clone())
}

fn same_file(a: &Shapes, b: &Shapes) -> bool {
    let canonical = |shapes: &Shapes| shapes.path.canonicalize().unwrap_or_else(|_| shapes.path.clone());
    canonical(a) == canonical(b)
}

fn shapes_module(shapes: &Shapes, param_types: &[String], errors: &mut Vec<CatalogError>) -> TokenStream {
    match plan::plan_shapes(shapes) {
        Ok(types) => {
            let module = emit::ident(SHAPES_MODULE);
            let types = types.iter().map(|def| emit::type_def(def, param_types));
            // The file's name only: its path is the building machine's.
            let file = shapes
                .path
                .file_name()
                .map_or_else(Default::default, |name| name.to_string_lossy());
            let docs = format!(
                " The shapes that several operations share, from the catalog's {}: one type each.",
                crate::escape::code(&file)
            );
            quote! {
                #[doc = #docs]
                pub mod #module {
                    #(#types)*
                }
            }
        }
        Err(clashes) => {
            errors.extend(clashes.into_iter().map(|clash| CatalogError::Clash {
                file: shapes.path.clone(),
                clash,
            }));
            TokenStream::new()
        }
    }
}
