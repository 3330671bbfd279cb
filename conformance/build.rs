//! Generates the client of every spec in the spec directory with the same
//! generator as the `#[meeting_api]` attribute, and a registry of them.
//! The directory is `../spec`, or `MEETING_API_SPEC_DIR` when set.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-env-changed=MEETING_API_SPEC_DIR");
    let dir = spec_dir();
    // A directory's mtime changes when a file is added or removed.
    println!("cargo::rerun-if-changed={}", dir.display());
    let files = match meeting_api_spec::spec_files_in(&dir) {
        Ok(files) => files,
        Err(error) => fail(&format!("cannot read the spec directory {}: {error}", dir.display())),
    };
    let mut modules = String::new();
    let mut registry = String::new();
    let mut problems = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        match generate(file) {
            Ok((module, request, code)) if !names.contains(&module) => {
                let doc = format!("The client generated from `{}`.", file.display());
                writeln!(modules, "#[doc = {doc:?}] pub mod {module} {{ {code} }}").unwrap();
                let path = format!("{:?}", file.display().to_string());
                writeln!(
                    registry,
                    "crate::SpecEntry::new::<{module}::{request}>({path}, include_str!({path})),"
                )
                .unwrap();
                names.push(module);
            }
            Ok((module, ..)) => problems.push(format!(
                "{}: another spec in {} has the same name; the cases are named after it (module `{module}`)",
                file.display(),
                dir.display()
            )),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        fail(&problems.join("\n"));
    }
    let code = format!(
        "/// The specs found at build time, one module each.\npub mod specs {{\n{modules}}}\n\n\
         /// Every spec found at build time, with its generated client.\n\
         pub fn entries() -> ::std::vec::Vec<crate::SpecEntry> {{\n    use specs::*;\n    ::std::vec![\n{registry}    ]\n}}\n\n\
         /// The directory the specs were read from.\npub const SPEC_DIR: &str = {:?};\n",
        dir.display().to_string()
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("specs.rs"), code).expect("OUT_DIR is writable");
}

fn spec_dir() -> PathBuf {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = match std::env::var_os("MEETING_API_SPEC_DIR") {
        // Relative to the workspace, where `cargo test` is usually run from.
        Some(dir) => manifest.join("..").join(dir),
        None => manifest.join("../spec"),
    };
    dir.canonicalize().unwrap_or(dir)
}

/// The module name, request type name and generated items of one spec.
fn generate(file: &Path) -> Result<(String, String, String), String> {
    let spec = meeting_api_spec::load(file).map_err(|error| error.to_string())?;
    let clash = |clashes: Vec<meeting_api_codegen::NameClash>| {
        let lines: Vec<String> = clashes.iter().map(|c| format!("{}:{c}", file.display())).collect();
        lines.join("\n")
    };
    let plan = meeting_api_codegen::plan::plan(&spec).map_err(clash)?;
    let items = meeting_api_codegen::generate(&spec, &Default::default()).map_err(clash)?;
    Ok((
        meeting_api_codegen::names::snake(&spec.name),
        plan.request.name,
        items.to_string(),
    ))
}

fn fail(message: &str) -> ! {
    eprintln!("conformance: the specs cannot be built:\n{message}");
    std::process::exit(1);
}
