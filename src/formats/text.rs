//! Plain text in: decoding and normalisation.
//!
//! - A UTF-8 byte order mark is dropped; UTF-16 LE/BE with a byte order mark
//!   is decoded.
//! - CRLF and lone CR become LF. [`Normalized::map`] shifts offsets given
//!   against the original text so they cover the same characters.
//! - Text that is not valid UTF-8 is an error naming the byte position; a
//!   file with NUL bytes is taken for binary; an empty file is an error.

use std::path::Path;

use super::FormatError;

/// Text after normalisation, with what was removed (to shift offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Code point offsets (in the original) of characters removed, ascending.
    removed: Vec<usize>,
}

impl Normalized {
    /// Map a code point offset in the original text to the normalised text.
    pub fn map(&self, offset: usize) -> usize {
        offset - self.removed.partition_point(|r| *r < offset)
    }
}

/// Drop a leading BOM and turn CRLF / lone CR into LF.
pub fn normalize(text: &str) -> Normalized {
    if !text.contains('\r') && !text.starts_with('\u{feff}') {
        return Normalized {
            text: text.to_owned(),
            removed: Vec::new(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\u{feff}' if i == 0 => removed.push(i),
            '\r' => {
                if matches!(chars.peek(), Some((_, '\n'))) {
                    removed.push(i);
                } else {
                    out.push('\n');
                }
            }
            c => out.push(c),
        }
    }
    Normalized { text: out, removed }
}

/// Decode a file's bytes as text (UTF-8, or UTF-16 with a BOM).
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, FormatError> {
    if bytes.is_empty() {
        return Err(FormatError::malformed(path, 0, "the file is empty"));
    }
    let utf16 = |be: bool| -> Result<String, FormatError> {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if be {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|e| FormatError::malformed(path, 0, format!("invalid UTF-16: {e}")))
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(false),
        [0xFE, 0xFF, ..] => return utf16(true),
        _ => {}
    }
    utf8_at(bytes, 0, path).map(str::to_owned)
}

/// Bytes of a file as UTF-8 text: all of it, or a piece of it (a line)
/// starting at byte `offset`. A byte order mark at the file's start is
/// dropped, a NUL byte is taken for a binary file, and invalid UTF-8 is
/// named by its byte position in the file.
pub(crate) fn utf8_at<'a>(
    bytes: &'a [u8],
    offset: usize,
    path: &Path,
) -> Result<&'a str, FormatError> {
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let at = offset + at;
        return Err(FormatError::malformed(
            path,
            0,
            format!("looks like a binary file (NUL byte at position {at}), not text"),
        ));
    }
    let body = match offset {
        0 => bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes),
        _ => bytes,
    };
    std::str::from_utf8(body).map_err(|e| {
        let at = offset + e.valid_up_to() + (bytes.len() - body.len());
        FormatError::malformed(
            path,
            0,
            format!(
                "not valid UTF-8 (byte position {at}); pass --encoding if it is another encoding"
            ),
        )
    })
}

/// A title from the first non-empty line of a text (at most 120 characters).
/// Input quoted in an error message: at most 60 characters, on one line.
pub(crate) fn quote(s: &str) -> String {
    format!("“{}”", crate::model::text::snippet_of(s, 60))
}

pub(crate) fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let t: String = line.chars().take(120).collect();
    if t.is_empty() {
        "Untitled".to_owned()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_are_normalised_and_offsets_follow() {
        let original = "\u{feff}“A”\r\nB\rC\r\n";
        let n = normalize(original);
        assert_eq!(n.text, "“A”\nB\nC\n");
        // "B" is at 6 in the original (after the BOM and CR LF), 4 after.
        assert_eq!(n.map(6), 4);
        let b: String = original.chars().skip(6).take(1).collect();
        assert_eq!(b, "B");
        assert_eq!(n.text.chars().nth(n.map(6)), Some('B'));
        assert_eq!(n.map(original.chars().count()), n.text.chars().count());
    }

    #[test]
    fn decoding_handles_boms_and_reports_bad_bytes() {
        let p = Path::new("x.txt");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", p).ok().as_deref(), Some("hi"));
        assert_eq!(decode(b"\xFF\xFEh\x00i\x00", p).ok().as_deref(), Some("hi"));
        assert_eq!(decode(b"\xFE\xFF\x00h\x00i", p).ok().as_deref(), Some("hi"));
        let e = decode(b"ok \xC3\x28", p)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("byte position 3"), "{e}");
        let e = decode(b"\x89PNG\x00\x00", p)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("binary"), "{e}");
        assert!(decode(b"", p).is_err());
    }
}
