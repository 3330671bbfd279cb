//! Spec text as rustdoc must read it: as text. Every word of a spec that
//! reaches a doc comment goes through [`prose`] or [`code`] (or [`url`]), so
//! that no spec can put a doctest, HTML, a link or a character that rustc
//! rejects in a doc comment into the user's crate, whatever it says.

use std::fmt::Write;

/// Lines of documentation text: the spec's words, shown as written.
///
/// Rustdoc runs fenced and indented code blocks as doctests, so runs of
/// three backticks or tildes are escaped and indentation is dropped (blanks
/// collapse to one space: a list marker followed by five spaces starts an
/// indented block too). `<`, `>` and `&` become entities and `[`, `]`, `\`
/// are escaped, so no HTML and no intra-doc link comes from a spec. Any
/// line break (LF, CRLF, CR) ends a line, since rustc rejects a bare CR in a
/// doc comment.
pub fn prose(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split(['\n', '\r']).map(prose_line).collect()
}

fn prose_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, word) in line.split([' ', '\t']).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for_each_run(word, |c, run| match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '[' | ']' => backslashed(c, &mut out),
            '`' | '~' if run >= 3 => backslashed(c, &mut out),
            _ => visible(c, &mut out),
        });
    }
    out
}

/// An inline code span showing `text` exactly, on one line.
///
/// A backtick in `text` would end a code span, and a longer delimiter can
/// open a fence at the start of a line; such text is shown in `<code>`
/// instead, every punctuation mark escaped so that none means markdown.
pub fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    if text.contains('`') {
        out.push_str("<code>");
        for c in text.chars() {
            match c {
                c if c.is_ascii_punctuation() => backslashed(c, &mut out),
                c => code_char(c, &mut out),
            }
        }
        out.push_str("</code>");
    } else {
        out.push('`');
        text.chars().for_each(|c| code_char(c, &mut out));
        out.push('`');
    }
    out
}

/// A link to `url` when rustdoc can show it as one (an autolink holds no
/// blank, `<` or `>`), else the text as [`code`].
pub fn url(url: &str) -> String {
    let linkable = url.chars().all(|c| c.is_ascii_graphic() && c != '<' && c != '>');
    match linkable {
        true => format!("<{url}>"),
        false => code(url),
    }
}

fn code_char(c: char, out: &mut String) {
    match c {
        // A code span shows line breaks as blanks anyway.
        '\n' | '\r' | '\t' => out.push(' '),
        c => visible(c, out),
    }
}

/// Calls `f` with each character and the length of the run of equal
/// characters it belongs to.
fn for_each_run(text: &str, mut f: impl FnMut(char, usize)) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        (0..run).for_each(|_| f(c, run));
    }
}

fn backslashed(c: char, out: &mut String) {
    out.push('\\');
    out.push(c);
}

/// Pushes `c`, or, for a control character or one that changes the
/// direction of text, its escape as text (`\u{202E}`): rustc rejects the
/// latter in doc comments because they make source read other than it
/// compiles.
fn visible(c: char, out: &mut String) {
    if c.is_control() || is_bidi(c) {
        let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// The embedding, override and isolate controls, and the direction marks.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_words_and_drops_what_markdown_would_run_or_render() {
        assert_eq!(prose("Meeting ID."), ["Meeting ID."]);
        assert_eq!(prose("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
        assert_eq!(prose("    indented\t\tcode"), ["indented code"]);
        assert_eq!(prose("-     code"), ["- code"]);
        assert_eq!(prose("```rust"), ["\\`\\`\\`rust"]);
        assert_eq!(prose("  ~~~"), ["\\~\\~\\~"]);
        assert_eq!(prose("use `isMute`, ~~not~~"), ["use `isMute`, ~~not~~"]);
        assert_eq!(prose("<script>&[x]\\"), ["&lt;script&gt;&amp;\\[x\\]\\\\"]);
        assert_eq!(prose("a\u{202E}b\u{0}"), ["a\\u{202E}b\\u{0}"]);
    }

    #[test]
    fn code_spans_hold_any_text_on_one_line() {
        assert_eq!(code("conferenceID"), "`conferenceID`");
        assert_eq!(code("<b>\na"), "`<b> a`");
        assert_eq!(code("a``b"), "<code>a\\`\\`b</code>");
        assert_eq!(code("x\u{2066}"), "`x\\u{2066}`");
    }

    #[test]
    fn urls_link_only_when_rustdoc_can() {
        assert_eq!(url("https://api.example.com"), "<https://api.example.com>");
        assert_eq!(url("https://h/<script>"), "`https://h/<script>`");
    }
}
