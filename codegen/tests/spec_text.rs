//! Spec text reaches rustdoc as text: whatever a spec's summary,
//! descriptions, names and server say, the generated docs hold no code
//! block (rustdoc would run it as a doctest of the user's crate), no HTML,
//! and nothing that rustc rejects in printed source.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// A valid spec whose every text is hostile: fences (one unclosed),
/// indented blocks, HTML, CR and CRLF, a text-direction override, and
/// backticks in wire names and values.
const HOSTILE: &str = "../runtime/tests/specs/spec_text.yaml";

fn generated(spec_file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec_file);
    let spec = meeting_api_spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
    let items = meeting_api_codegen::generate(&spec, &meeting_api_codegen::Options::default())
        .unwrap_or_else(|clashes| panic!("{clashes:?}"));
    meeting_api_codegen::format(&items).expect("generated code parses")
}

/// The doc comment of each item of `source`, unindented as rustdoc does.
fn doc_blocks(source: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in source.lines() {
        match line.trim_start().strip_prefix("///") {
            Some(doc) => current.push(doc),
            None if !current.is_empty() => blocks.push(unindent(&std::mem::take(&mut current))),
            None => {}
        }
    }
    blocks
}

fn unindent(lines: &[&str]) -> String {
    let indent = |line: &&str| line.len() - line.trim_start().len();
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(indent)
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| line.get(common..).unwrap_or_default())
        .collect();
    lines.join("\n")
}

/// The markdown extensions rustdoc turns on.
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

#[test]
fn hostile_spec_text_gives_no_code_block_and_no_html() {
    let source = generated(HOSTILE);
    // `#[doc(hidden)]` holds no text; a `#[doc = ...]` would.
    assert!(!source.contains("#[doc ="), "every doc is a line comment:\n{source}");
    let blocks = doc_blocks(&source);
    assert!(blocks.len() > 10, "{blocks:?}");
    for block in &blocks {
        for event in Parser::new_ext(block, rustdoc_options()) {
            match &event {
                Event::Start(Tag::CodeBlock(_)) => panic!("a code block, so a doctest:\n{block}"),
                Event::Html(html) => panic!("HTML {html:?} in:\n{block}"),
                // Code that holds a backtick is shown in <code>, by the generator.
                Event::InlineHtml(html) if !["<code>", "</code>"].contains(&html.as_ref()) => {
                    panic!("HTML {html:?} in:\n{block}")
                }
                _ => {}
            }
        }
    }
    // The words are all there, as text.
    let text: String = blocks.concat();
    for shown in [
        "panic!(\"a doctest from the spec\");",
        "&lt;script&gt;",
        "an unclosed fence",
        "\\u{202E}",
    ] {
        assert!(text.contains(shown), "{shown:?} is shown:\n{text}");
    }
}

#[test]
fn printed_source_holds_nothing_rustc_rejects_in_doc_comments_or_literals() {
    for spec in [HOSTILE, "../spec/hands.yaml", "../runtime/tests/specs/update_room.yaml"] {
        let source = generated(spec);
        syn::parse_file(&source).expect("the printed source parses");
        // rustc: "bare CR not allowed in doc-comment", and it denies
        // text-direction codepoints in comments and literals.
        assert!(!source.contains('\r'), "{spec}: a CR");
        let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        assert!(!source.contains(bidi), "{spec}: a text-direction codepoint");
    }
}
