//! A small `multipart/form-data` reader (RFC 7578 over RFC 2046's
//! framing), for the tools that check the forms of `in: form` params (the
//! `meeting-api mock`, the conformance kit). It reads
//! a body already in memory, which the caller must have bounded (the mock
//! stops at 1 MiB), keeps at most [`MAX_PARTS`] parts and [`MAX_HEAD`]
//! bytes of headers per part, and never indexes past what it found, so
//! hostile input gives an error, never a panic.

/// The most parts a request may carry; the service's forms have a few.
pub const MAX_PARTS: usize = 64;

/// The longest header block of one part, in bytes.
pub const MAX_HEAD: usize = 8 * 1024;

/// One part of a form, as it arrived.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// The `name` of its Content-Disposition, its quoting undone.
    pub name: String,
    /// The `filename`, for a file part.
    pub file_name: Option<String>,
    /// The part's Content-Type, if it has one.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub body: &'a [u8],
}

/// Why a body is not a form. The messages quote nothing of the request
/// but the boundary's length and a part's position.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum MultipartError {
    /// The Content-Type is not `multipart/form-data` with a boundary.
    #[error(
        "the Content-Type is not `multipart/form-data; boundary=...` (a boundary of 1 to 70 characters), which the spec's `in: form` params need"
    )]
    ContentType,
    /// The body does not start with the boundary's delimiter.
    #[error("the body does not start with the delimiter of the boundary its Content-Type names")]
    NoDelimiter,
    /// A part ends before its headers do, or has no closing delimiter.
    #[error("part {0} is cut short: its headers or its closing delimiter are missing")]
    Truncated(usize),
    /// A part's headers are longer than [`MAX_HEAD`].
    #[error("the headers of part {0} are longer than {MAX_HEAD} bytes")]
    HeadTooLong(usize),
    /// More parts than [`MAX_PARTS`].
    #[error("the body has more than {MAX_PARTS} parts")]
    TooManyParts,
    /// A part's headers are not text lines of `name: value`.
    #[error("the headers of part {0} are not lines of `name: value` text")]
    BadHeader(usize),
    /// A part has no `Content-Disposition: form-data` with a `name`.
    #[error("part {0} has no `Content-Disposition: form-data; name=\"...\"`")]
    NoName(usize),
}

/// The boundary of a `multipart/form-data` Content-Type, `None` for any
/// other type or a boundary RFC 2046 does not allow.
pub fn boundary(content_type: &str) -> Option<&str> {
    let mut params = content_type.split(';');
    let media = params.next()?.trim();
    if !media.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("boundary").then(|| value.trim())
    })?;
    let boundary = boundary
        .strip_prefix('"')
        .and_then(|b| b.strip_suffix('"'))
        .unwrap_or(boundary);
    (1..=70).contains(&boundary.len()).then_some(boundary)
}

/// The parts of `body`, framed by `boundary`.
pub fn parse<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, MultipartError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // What ends a part's bytes: the next delimiter on a line of its own.
    let next = [b"\r\n".as_slice(), delimiter].concat();
    let mut rest = body.strip_prefix(delimiter).ok_or(MultipartError::NoDelimiter)?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let number = parts.len() + 1;
        if number > MAX_PARTS {
            return Err(MultipartError::TooManyParts);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or(MultipartError::Truncated(number))?;
        let head_end = find(rest, b"\r\n\r\n").ok_or(MultipartError::Truncated(number))?;
        if head_end > MAX_HEAD {
            return Err(MultipartError::HeadTooLong(number));
        }
        let (head, after) = (&rest[..head_end], &rest[head_end + 4..]);
        let body_end = delimiter_at(after, &next).ok_or(MultipartError::Truncated(number))?;
        parts.push(part(head, &after[..body_end], number)?);
        rest = &after[body_end + next.len()..];
    }
}

/// One part from its header block and its bytes.
fn part<'a>(head: &[u8], body: &'a [u8], number: usize) -> Result<Part<'a>, MultipartError> {
    let head = std::str::from_utf8(head).map_err(|_| MultipartError::BadHeader(number))?;
    let mut disposition = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let (name, value) = line.split_once(':').ok_or(MultipartError::BadHeader(number))?;
        match name.trim() {
            n if n.eq_ignore_ascii_case("content-disposition") => disposition = Some(value.trim()),
            n if n.eq_ignore_ascii_case("content-type") => content_type = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let disposition = disposition.ok_or(MultipartError::NoName(number))?;
    let (kind, params) = disposition.split_once(';').unwrap_or((disposition, ""));
    if !kind.trim().eq_ignore_ascii_case("form-data") {
        return Err(MultipartError::NoName(number));
    }
    let params = disposition_params(params);
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.clone())
    };
    Ok(Part {
        name: get("name").ok_or(MultipartError::NoName(number))?,
        file_name: get("filename"),
        content_type,
        body,
    })
}

/// The `key=value` params of a Content-Disposition, values unquoted (a
/// quoted value may hold `;`, and `\` escapes the next character).
fn disposition_params(text: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let mut rest = text.trim_start_matches([' ', ';']);
    while let Some((key, after)) = rest.split_once('=') {
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => unquote(quoted),
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim().to_owned(), &after[end..])
            }
        };
        params.push((key.trim().to_owned(), value));
        rest = next.trim_start_matches([' ', ';']);
    }
    params
}

/// A quoted string's text, and what follows its closing quote; an
/// unclosed quote runs to the end. Both ways clients escape a quote are
/// undone: the HTML standard's (and this project's client's) `%22`, `%0D`,
/// `%0A`, and a backslash before a character (urllib3 doubles backslashes).
fn unquote(quoted: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    let rest = loop {
        match chars.next() {
            Some((i, '"')) => break &quoted[i + 1..],
            Some((_, '\\')) => value.extend(chars.next().map(|(_, c)| c)),
            Some((_, c)) => value.push(c),
            None => break "",
        }
    };
    let value = value.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    (value, rest)
}

/// Where the part's bytes end: the first `\r\n--boundary` followed by
/// `--` (the last part) or a line end; `\r\n--boundaryX` is content.
fn delimiter_at(bytes: &[u8], next: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|rest| find(rest, next)) {
        let at = from + found;
        let after = &bytes[at + next.len()..];
        if after.starts_with(b"--") || after.starts_with(b"\r\n") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &[u8] = b"--b1\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLogo\r\n\
        --b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.png\"\r\n\
        Content-Type: image/png\r\n\r\n\x89PNG\r\n--b1x\r\n--b1--\r\n";

    #[test]
    fn reads_text_and_file_parts() {
        let parts = parse(FORM, "b1").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].name.as_str(), parts[0].body), ("title", b"Logo".as_slice()));
        assert_eq!(parts[0].file_name, None);
        assert_eq!(parts[1].file_name.as_deref(), Some("a;b.png"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/png"));
        // A line that starts like the delimiter but is longer is content.
        assert_eq!(parts[1].body, b"\x89PNG\r\n--b1x");
    }

    #[test]
    fn escaped_names_read_back_as_written() {
        let form = b"--b1\r\nContent-Disposition: form-data; name=\"a%22b\"; filename=\"c%0D%0Ad\\\\e.png\"\r\n\r\nx\r\n--b1--\r\n";
        let parts = parse(form, "b1").unwrap();
        assert_eq!(parts[0].name, "a\"b");
        assert_eq!(parts[0].file_name.as_deref(), Some("c\r\nd\\e.png"));
    }

    #[test]
    fn boundaries_come_from_the_content_type() {
        assert_eq!(boundary("multipart/form-data; boundary=abc"), Some("abc"));
        assert_eq!(boundary("Multipart/Form-Data;charset=x; Boundary=\"a b\""), Some("a b"));
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(
            boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))),
            None
        );
    }

    #[test]
    fn malformed_bodies_are_errors() {
        assert_eq!(parse(b"hello", "b1"), Err(MultipartError::NoDelimiter));
        assert_eq!(
            parse(b"--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "b1"),
            Err(MultipartError::Truncated(1))
        );
        assert_eq!(
            parse(b"--b1\r\nX: y\r\n\r\nx\r\n--b1--", "b1"),
            Err(MultipartError::NoName(1))
        );
        assert_eq!(
            parse(b"--b1\r\nnot a header\r\n\r\nx\r\n--b1--", "b1"),
            Err(MultipartError::BadHeader(1))
        );
        let many = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n".repeat(MAX_PARTS + 1) + "--b--";
        assert_eq!(parse(many.as_bytes(), "b"), Err(MultipartError::TooManyParts));
    }

    /// Garbage of every kind, and every prefix of a good form, gives an
    /// answer, never a panic.
    #[test]
    fn garbage_never_panics() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet: &[&[u8]] = &[
            b"--b1",
            b"\r\n",
            b"\r\n\r\n",
            b"--",
            b"\"",
            b";",
            b"=",
            b"name",
            b"filename",
            b"Content-Disposition: form-data",
            b":",
            b"\\",
            b"\xff",
            b"x",
        ];
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let body: Vec<u8> = (0..len)
                .flat_map(|_| alphabet[(next() % alphabet.len() as u64) as usize].iter().copied())
                .collect();
            let _ = parse(&body, "b1");
        }
        for end in 0..FORM.len() {
            let _ = parse(&FORM[..end], "b1");
        }
    }
}
