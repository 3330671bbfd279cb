//! `meeting-api generate` prints what `meeting_api_codegen::attribute::expand`
//! returns (the function that the `#[meeting_api]` proc-macro calls): equal
//! token for token with `--tokens`, byte for byte once formatted. The tests
//! compare with that function; they do not run the proc-macro itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quote::quote;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

fn meeting_api(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meeting-api"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the command runs")
}

/// The items of the module that `attribute::expand` returns for
/// `spec = "<relative>"` on an empty module, with the workspace root as the
/// crate's directory.
fn attribute_items(relative: &str) -> proc_macro2::TokenStream {
    let expansion = meeting_api_codegen::attribute::expand(
        quote!(spec = #relative),
        quote!(
            pub mod endpoint {}
        ),
        &workspace(),
    );
    let module: syn::ItemMod = syn::parse2(expansion.clone()).unwrap_or_else(|_| panic!("{expansion}"));
    let (_, items) = module.content.expect("an inline module");
    quote!(#(#items)*)
}

/// What the command printed for `args`.
fn printed(args: &[&str]) -> String {
    let output = meeting_api(args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

const SPECS: [&str; 6] = [
    "spec/hands.yaml",
    "spec/mute.yaml",
    "spec/token.yaml",
    "conformance/tests/specs/room.yaml",
    "conformance/tests/specs/lookup.yaml",
    "runtime/tests/specs/update_room.yaml",
];

#[test]
fn tokens_equal_attribute_expand_token_for_token() {
    for spec in SPECS {
        let expansion = attribute_items(spec);
        let printed = printed(&["generate", "--tokens", spec]);
        assert_eq!(printed, format!("{expansion}\n"), "{spec}");
        assert!(
            printed.contains("include_str"),
            "{spec}: the spec is tracked with include_str, as expand does"
        );
    }
}

#[test]
fn the_default_output_equals_attribute_expand_formatted_byte_for_byte() {
    for spec in SPECS {
        let formatted = meeting_api_codegen::format(&attribute_items(spec)).expect("the expansion is a file");
        assert_eq!(printed(&["generate", spec]), formatted, "{spec}");
    }
}

#[test]
fn the_default_output_has_a_field_per_indented_line() {
    let stdout = printed(&["generate", "spec/hands.yaml"]);
    assert!(stdout.contains("pub struct HandsRequest {\n"), "{stdout}");
    assert!(
        stdout.contains("\n    pub conference_id: ::std::string::String,\n"),
        "{stdout}"
    );
}

#[test]
fn an_invalid_spec_prints_its_problems_and_no_code() {
    let dir = tempdir("generate-invalid");
    let spec = dir.join("bad.yaml");
    std::fs::write(
        &spec,
        "name: hands\nsummary: x\nmethod: PUTT\npath: /x\nresponses:\n  - status: 200\n    description: ok\n",
    )
    .unwrap();
    let output = meeting_api(&["generate", spec.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(stderr.contains("bad.yaml:3:9"), "{stderr}");
    assert!(stderr.contains("3 | method: PUTT"), "{stderr}");

    let output = meeting_api(&["generate", "no/such/spec.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot read no/such/spec.yaml"), "{stderr}");
}

#[test]
fn a_name_clash_prints_its_problem_under_its_line_and_no_code() {
    let dir = tempdir("generate-clash");
    let spec = dir.join("clash.yaml");
    std::fs::write(
        &spec,
        "name: clash\nsummary: x\nmethod: GET\npath: /x\nparams:\n  - name: a\n    in: query\n    type: string\n    \
         rust_name: same\n  - name: b\n    in: query\n    type: string\n    rust_name: same\nresponses:\n  - status: \
         200\n    description: ok\n",
    )
    .unwrap();
    let output = meeting_api(&["generate", spec.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    // Rendered as `check` renders it, with one `error:` heading, not two.
    assert!(
        stderr.starts_with("error: `rust_name` \"same\" names a field that is already taken"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {}:13:16", spec.display())), "{stderr}");
    assert!(
        stderr.contains("13 |     rust_name: same\n   |                ^^^^"),
        "{stderr}"
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
