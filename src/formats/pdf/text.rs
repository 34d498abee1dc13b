//! Text as a PDF gives it, made into text a person searches: ligatures and
//! presentation forms to their letters (NFKC), right-to-left lines from
//! the page's visual order back into logical order, hyphenated words
//! joined, and the document title decoded as the specification says.

use unicode_bidi::{BidiInfo, Level};
use unicode_normalization::UnicodeNormalization;

/// Whether `c` is a presentation form: a Latin ligature (`ﬁ`), a Hebrew
/// or Arabic form (U+FB00 to U+FDFF, U+FE70 to U+FEFF).
fn presentation_form(c: char) -> bool {
    matches!(u32::from(c), 0xFB00..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Presentation forms replaced by their NFKC letters (`ﬁ` → `fi`); the
/// rest of the text as it is.
pub(super) fn unligature(text: &str) -> String {
    if !text.chars().any(presentation_form) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// A line read left to right on the page, in logical order: where most of
/// its letters are right-to-left (Arabic, Hebrew), the bidirectional
/// algorithm applied to the visual order gives the logical order back
/// (words and numbers the right way round).
pub(super) fn logical(line: &str) -> String {
    let rtl = line
        .chars()
        .filter(|c| matches!(u32::from(*c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
        .count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if rtl == 0 || rtl * 2 < letters {
        return line.to_owned();
    }
    let info = BidiInfo::new(line, Some(Level::rtl()));
    match info.paragraphs.first() {
        Some(para) => info.reorder_line(para, para.range.clone()).into_owned(),
        None => line.to_owned(),
    }
}

/// Continue `text` with the next line `next`: a word hyphenated at the
/// line's end is joined again, otherwise a space goes between.
pub(super) fn join(text: &mut String, next: &str) {
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1].ends_with(char::is_alphabetic)
        && next.starts_with(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else if !(text.ends_with(is_wide) && next.starts_with(is_wide)) {
        text.push(' ');
    }
    text.push_str(next);
}

/// Whether `c` is a CJK character (no space between two of them).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Add a paragraph to the text: after a blank line, or continuing the last
/// one where a column or page cut it (no end of sentence before, a
/// lowercase letter after).
pub(super) fn append(text: &mut String, para: &str) {
    let cut = !text.is_empty()
        && !text.ends_with(['.', '!', '?', ':', '”', '"', ')'])
        && para.starts_with(char::is_lowercase);
    if cut {
        join(text, para);
    } else {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(para);
    }
}

/// PDFDocEncoding's characters for bytes 0x18 to 0x1F and 0x80 to 0xA0
/// (the rest is Latin-1); U+FFFD where the encoding has none.
const PDF_DOC: [char; 41] = [
    '˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜', // 0x18
    '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', // 0x80
    '’', '‚', '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    '€', // 0x9F, 0xA0
];

/// A text string of the PDF (a title) decoded as the specification says:
/// UTF-16BE after its byte order mark, UTF-8 after its mark (PDF 2.0),
/// otherwise PDFDocEncoding; trimmed, and `None` if empty.
pub(super) fn decode_text_string(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect()
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes
            .iter()
            .map(|b| match b {
                0x18..=0x1F => PDF_DOC[usize::from(b - 0x18)],
                0x80..=0xA0 => PDF_DOC[usize::from(b - 0x80) + 8],
                _ => char::from(*b),
            })
            .collect()
    };
    // Control characters (a language escape, a stray NUL) are not text.
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let text = unligature(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    Some(text).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_decode_as_the_specification_says() {
        let utf16: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(
                "Gespräch über Kyjiw"
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes),
            )
            .collect();
        assert_eq!(
            decode_text_string(&utf16).as_deref(),
            Some("Gespräch über Kyjiw")
        );
        // PDFDocEncoding: 0x8D “, 0x8E ”, 0x84 —, 0xE9 é.
        let doc = b"\x8DCaf\xE9\x8E \x84 a review";
        assert_eq!(
            decode_text_string(doc).as_deref(),
            Some("“Café” — a review")
        );
        assert_eq!(decode_text_string(b"  ").as_deref(), None);
    }

    #[test]
    fn ligatures_and_arabic_forms_become_letters() {
        assert_eq!(unligature("the ﬁle was ﬂagged"), "the file was flagged");
        // ﻣﺼﺮ in presentation forms is مصر.
        assert_eq!(unligature("\u{FEE3}\u{FEBC}\u{FEAE}"), "مصر");
    }

    #[test]
    fn a_right_to_left_line_comes_back_into_logical_order() {
        // "مصر 2024" drawn left to right: the number, then the word reversed.
        assert_eq!(logical("2024 رصم"), "مصر 2024");
        assert_eq!(logical("plain text"), "plain text");
    }
}
