//! Reads a `multipart/form-data` body back into its parts, so that tests
//! check what a client wrote whatever random boundary it chose.

/// One part as it arrived.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's header lines, as written.
    pub headers: Vec<String>,
    /// The part's bytes.
    pub body: Vec<u8>,
}

/// The boundary of a `multipart/form-data` Content-Type.
pub fn boundary(content_type: &str) -> &str {
    content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart Content-Type: {content_type}"))
}

/// The parts of `body`, which must be framed exactly by `boundary`: CRLF
/// line ends, a closing delimiter and nothing after it.
pub fn parts(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}").into_bytes();
    let closing = [delimiter.as_slice(), b"--\r\n"].concat();
    assert!(body.ends_with(&closing), "the body ends with the closing delimiter");
    let mut rest = body;
    let mut parts = Vec::new();
    while rest != closing.as_slice() {
        rest = rest
            .strip_prefix(delimiter.as_slice())
            .expect("each part starts with the delimiter");
        rest = rest.strip_prefix(b"\r\n").expect("the delimiter ends its line");
        let head_end = find(rest, b"\r\n\r\n").expect("headers end with an empty line");
        let headers = std::str::from_utf8(&rest[..head_end]).expect("headers are text");
        let after = &rest[head_end + 4..];
        let next = [b"\r\n".as_slice(), delimiter.as_slice()].concat();
        let end = find(after, &next).expect("a part ends before a delimiter");
        parts.push(Part {
            headers: headers.split("\r\n").map(str::to_owned).collect(),
            body: after[..end].to_vec(),
        });
        rest = &after[end + 2..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}
