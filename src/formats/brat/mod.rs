//! brat standoff: `<doc>.txt` (the text, exactly) and `<doc>.ann` per
//! document, and an `annotation.conf` declaring every type, role and
//! attribute used. Every line type of the format is read and written:
//!
//! - `T<n>\t<label> <start> <end>[;<start> <end>…]\t<text>`: a span; a
//!   discontinuous span has several fragments, and the text is the
//!   fragments joined by a space.
//! - `R<n>\t<kind> <role>:T<from> <role>:T<to>`: a relation (roles `Arg1`
//!   and `Arg2` unless named).
//! - `E<n>\t<type>:T<trigger> <role>:T<arg>…`: an event.
//! - `A<n>\t<name> <target> [<value>]` (and the older `M<n>`): an attribute
//!   of a span, relation or event; no value for a yes/no attribute.
//! - `N<n>\tReference T<n> <kb>:<id>\t<name>`: a link to a knowledge base.
//! - `*\t<kind> T<a> T<b>…`: an equivalence (symmetric relations).
//! - `#<n>\t<kind> <target>\t<text>`: a note (`AnnotatorNotes`, or any
//!   other kind).
//!
//! Offsets are code points (brat on Python 3 counts characters). brat
//! splits `.ann` lines wherever Python's `str.splitlines` does, so span
//! fragments never include such characters (line feed, carriage return,
//! vertical tab, form feed, U+001C–U+001E, U+0085, U+2028, U+2029), and
//! notes write them escaped (`\n`, `\u2028`…).

mod conf;
mod read;
mod write;

pub use conf::Survey;
pub use read::import_brat;
pub use write::{BratStats, document_files};

/// Whether brat (Python's `str.splitlines`) ends a line at `c`.
pub fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A note's text on one `.ann` line: backslashes, tabs and line breaks
/// escaped.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if breaks_line(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`one_line`].
pub fn from_one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = (0..4).filter_map(|_| it.next()).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) => out.push(c),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// A relation kind or type as a brat token: spaces become `_`.
pub fn token(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// An event type, role or relation kind as brat reads it: spaces and `:`
/// (brat splits `type:trigger` and `role:id` at every colon) become `_`.
pub fn type_token(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() || c == ':' {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_survive_one_line() {
        let note = "two\nlines\tand \\ a\u{2028}separator";
        let line = one_line(note);
        assert!(!line.chars().any(breaks_line), "{line:?}");
        assert_eq!(from_one_line(&line), note);
    }
}
