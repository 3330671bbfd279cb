//! Any text through the whole pipeline: parse and validate, plan and
//! generate, format. No stage may panic, and each stage's promise to the
//! next is checked: an invalid spec says why, a valid one either generates
//! or names its clashes, and generated code formats into source that rustc
//! can read (it parses, and holds no CR or text-direction codepoint, which
//! rustc rejects in doc comments and literals).

#![no_main]

use libfuzzer_sys::fuzz_target;
use meeting_api_codegen::Options;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let spec = match meeting_api_spec::parse(source, "fuzz.yaml") {
        Ok(spec) => spec,
        Err(error) => {
            assert!(!error.diagnostics.is_empty(), "an invalid spec without a diagnostic");
            return;
        }
    };
    let items = match meeting_api_codegen::generate(&spec, &Options::default()) {
        Ok(items) => items,
        Err(clashes) => {
            assert!(!clashes.is_empty(), "a rejected spec without a clash");
            return;
        }
    };
    let formatted = meeting_api_codegen::format(&items)
        .unwrap_or_else(|error| panic!("generated code does not parse: {error}\n{items}"));
    syn::parse_file(&formatted).unwrap_or_else(|error| panic!("formatted code does not parse: {error}\n{formatted}"));
    assert!(!formatted.contains('\r'), "a CR in the source:\n{formatted}");
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    assert!(
        !formatted.contains(bidi),
        "a text-direction codepoint in the source:\n{formatted}"
    );
});
