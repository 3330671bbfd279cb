//! Bounds on what the mock quotes of a request, in its log and in its error
//! bodies: a hostile request may carry 60,000 undeclared keys or a value of
//! a megabyte, and neither may come back whole.

use std::borrow::Cow;

/// The most faults a refusal names; the rest are counted.
pub const MAX_LISTED: usize = 8;

/// The longest quoted value (or name) a message keeps, in bytes.
pub const MAX_QUOTED: usize = 64;

/// The longest message about one fault, in bytes.
pub const MAX_MESSAGE: usize = 256;

/// The longest request target the log shows, in bytes.
pub const MAX_TARGET: usize = 1024;

/// `text`, cut to at most `max` bytes (at a character boundary) with a
/// marker saying how much was left out.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    Cow::Owned(with_marker(text, max, 0))
}

/// The start of `text` that fits in `max` bytes, then a marker counting
/// what is left out, `beyond` bytes more included.
fn with_marker(text: &str, max: usize, beyond: usize) -> String {
    let end = floor_boundary(text, max);
    format!("{}…[{} more bytes]", &text[..end], text.len() - end + beyond)
}

/// The largest character boundary of `text` at or below `max`.
fn floor_boundary(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A message with each quoted run (`"…"`, with its escapes, or `` `…` ``)
/// cut to [`MAX_QUOTED`], then the whole cut to [`MAX_MESSAGE`]: the
/// quotes are what a request controls, the words around them are the
/// mock's own and stay readable.
pub fn message(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while out.len() <= MAX_MESSAGE {
        let Some(open) = rest.find(['"', '`']) else {
            break;
        };
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        // An unterminated quote runs to the end.
        let close = closing(inside, quote).unwrap_or(inside.len());
        out.push_str(&cut(&inside[..close], MAX_QUOTED));
        rest = &inside[close..];
        if let Some(after) = rest.strip_prefix(quote as char) {
            out.push(quote as char);
            rest = after;
        }
    }
    // Past the bound the rest is counted, not copied.
    let end = floor_boundary(rest, (MAX_MESSAGE + 1).saturating_sub(out.len()));
    out.push_str(&rest[..end]);
    let beyond = rest.len() - end;
    if out.len() > MAX_MESSAGE {
        with_marker(&out, MAX_MESSAGE, beyond)
    } else if beyond > 0 {
        with_marker(&out, out.len(), beyond)
    } else {
        out
    }
}

/// Where the quote `quote` that `text` is inside closes; a backslash
/// escapes a `"`.
fn closing(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            byte if byte == quote => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// The first [`MAX_LISTED`] of `items` joined with `separator`, then how
/// many more there are.
pub fn listed(items: impl ExactSizeIterator<Item = String>, separator: &str) -> String {
    let total = items.len();
    let shown: Vec<String> = items.take(MAX_LISTED).collect();
    let mut text = shown.join(separator);
    if total > shown.len() {
        text.push_str(&format!("{separator}and {} more", total - shown.len()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_cut_at_a_character_boundary() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "abc…[1 more bytes]");
        assert_eq!(cut("ééé", 3), "é…[4 more bytes]");
    }

    #[test]
    fn quoted_values_are_cut_and_the_words_kept() {
        let long = "x".repeat(10_000);
        let text = message(&format!("value \"{long}\" has the wrong type; expected integer"));
        assert!(
            text.starts_with(&format!("value \"{}…[", "x".repeat(MAX_QUOTED))),
            "{text}"
        );
        assert!(
            text.ends_with("more bytes]\" has the wrong type; expected integer"),
            "{text}"
        );
        let escaped = message(&format!("`{long}` is \"a\\\"b\" or \"{long}"));
        assert!(escaped.contains("is \"a\\\"b\" or \""), "{escaped}");
        assert!(escaped.len() <= MAX_MESSAGE + 32, "{escaped}");
        assert_eq!(message("no quotes at all"), "no quotes at all");
    }

    #[test]
    fn lists_name_the_first_few_and_count_the_rest() {
        let items = (0..100).map(|n| n.to_string());
        assert_eq!(listed(items, ", "), "0, 1, 2, 3, 4, 5, 6, 7, and 92 more");
        assert_eq!(listed(["a".to_owned()].into_iter(), "; "), "a");
    }
}
