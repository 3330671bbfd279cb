//! `multipart/form-data` bodies (RFC 7578), written here rather than with
//! reqwest's `multipart` feature, which would add `mime_guess` and a
//! streaming body the rest of the client does not use: a form's parts are
//! a few text values and files already in memory.

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;

/// A file sent as one part of a `multipart/form-data` body: its file name,
/// an optional Content-Type, and its bytes.
///
/// ```
/// let logo = meeting_api::FilePart::new("logo.png", std::fs::read("Cargo.toml").unwrap_or_default())
///     .with_content_type("image/png");
/// assert_eq!(logo.file_name(), "logo.png");
/// ```
///
/// The part goes out as `Content-Disposition: form-data; name="<param>";
/// filename="<file name>"`, with a `Content-Type` only when one is given,
/// as the official SDK sends files. `Debug` shows the file name, the
/// content type and the length, never the bytes.
///
/// Built from JSON (for [`crate::WireForm`]) it reads
/// `{"filename": ..., "content": <text>, "content_type": ...}`, the form
/// a spec's examples write a file in.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
pub struct FilePart {
    #[serde(rename = "filename")]
    file_name: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(rename = "content", deserialize_with = "text_bytes")]
    bytes: Bytes,
}

impl FilePart {
    /// A file with this name and these bytes. The name is what the server
    /// sees as the file name: give the base name (`logo.png`), not a
    /// path, as the SDK does.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// The same file with a `Content-Type` for its part (`image/png`);
    /// without one, the part has no Content-Type, as the SDK sends it.
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name the part carries.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The part's Content-Type, if one was given.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A file's content as JSON gives it: text, sent as its UTF-8 bytes.
fn text_bytes<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
    <String as serde::Deserialize>::deserialize(deserializer).map(Bytes::from)
}

/// A `multipart/form-data` body being written: text parts before file
/// parts, whatever order they are added in, as the SDK sends them. The
/// bytes are the whole body at every step, closing delimiter included, so
/// that a part is inserted once and the body is never copied to be read.
pub(crate) struct Form {
    boundary: String,
    bytes: Vec<u8>,
    /// Where the first file part (or the closing delimiter) starts: text
    /// parts go here.
    files_start: usize,
}

impl Form {
    pub(crate) fn new() -> Self {
        let boundary = boundary();
        let bytes = format!("--{boundary}--\r\n").into_bytes();
        Self {
            boundary,
            bytes,
            files_start: 0,
        }
    }

    /// The request's Content-Type, with the boundary.
    pub(crate) fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// Adds a text part, after the text parts so far and before every file.
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        let part = self.part(name, None, None, value.as_bytes());
        let at = self.files_start;
        self.files_start += part.len();
        self.insert(at, part);
    }

    /// Adds a file part, after every part so far.
    pub(crate) fn file(&mut self, name: &str, file: &FilePart) {
        let part = self.part(name, Some(&file.file_name), file.content_type(), &file.bytes);
        let closing = self.boundary.len() + "----\r\n".len();
        self.insert(self.bytes.len() - closing, part);
    }

    /// The whole body, as it is so far.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The whole body.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn insert(&mut self, at: usize, part: Vec<u8>) {
        self.bytes.splice(at..at, part);
    }

    fn part(&self, name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) -> Vec<u8> {
        let mut head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            escape(name)
        );
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{}\"", escape(file_name)));
        }
        if let Some(content_type) = content_type {
            head.push_str(&format!("\r\nContent-Type: {content_type}"));
        }
        head.push_str("\r\n\r\n");
        let mut part = head.into_bytes();
        part.extend_from_slice(bytes);
        part.extend_from_slice(b"\r\n");
        part
    }
}

/// A name or file name inside a quoted Content-Disposition parameter, as
/// RFC 7578 section 4.2 and the HTML standard write it: `"`, CR and LF
/// percent-encoded, so that no value ends the quote, the header or the
/// part; other text, non-ASCII included, as its UTF-8 bytes.
pub(crate) fn escape(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// Whether a part's Content-Type can be sent as given: visible ASCII and
/// spaces only, so that it cannot end its header line.
pub(crate) fn is_content_type(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// A boundary unlike any other: 128 bits from the standard library's
/// randomly keyed hasher (no dependency on a random number crate), fed
/// with the time and a counter so that no two forms of a process share
/// one. A boundary of 32 random hex digits is not found in a file by
/// chance.
fn boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(nanos);
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.finish()
    };
    format!("meeting-api-{:016x}{:016x}", half(0), half(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_leave_their_quotes() {
        assert_eq!(escape("a\"b\r\nc.png"), "a%22b%0D%0Ac.png");
        assert_eq!(escape("会议.png"), "会议.png");
    }

    #[test]
    fn text_parts_come_before_files_and_boundaries_differ() {
        let mut form = Form::new();
        form.file("file", &FilePart::new("a.txt", "A"));
        form.text("title", "T");
        let body = String::from_utf8(form.bytes().to_vec()).unwrap();
        assert!(body.find("name=\"title\"").unwrap() < body.find("name=\"file\"").unwrap());
        assert!(body.ends_with(&format!("--{}--\r\n", form.boundary)));
        assert_ne!(Form::new().boundary, Form::new().boundary);
    }

    #[test]
    fn debug_shows_no_bytes() {
        let shown = format!("{:?}", FilePart::new("a.txt", "secret bytes"));
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("a.txt") && shown.contains("12"), "{shown}");
    }
}
