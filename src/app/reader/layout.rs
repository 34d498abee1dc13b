//! Paragraph layout: splitting text, laying out one paragraph, and the
//! geometry of character ranges within a laid-out paragraph.

use std::sync::Arc;

use egui::text::{CCursor, CharIndex, LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Rect, TextFormat, Vec2, pos2};

use crate::model::{Document, text};

/// Widest the text column grows, in points: a comfortable reading measure.
pub const MAX_READING_WIDTH: f32 = 720.0;
/// Body font size in points.
pub const FONT_SIZE: f32 = 17.0;
/// Line height as a multiple of the font's row height: room for underlines.
pub const LINE_SPACING: f32 = 1.5;
/// Vertical gap after each paragraph.
pub const PARAGRAPH_GAP: f32 = 6.0;
/// With all relations shown: room added above and below every line (egui
/// splits a line's extra height evenly), so the arcs between two lines have
/// about twice this.
pub const ARC_ROOM: f32 = 17.0;

/// Height of one laid-out line, with room for relation arcs or without.
pub fn line_height(row_height: f32, arcs: bool) -> f32 {
    let room = if arcs { 2.0 * ARC_ROOM } else { 0.0 };
    (row_height * LINE_SPACING + room).round()
}

/// One line of the document (text between `\n`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// First code point.
    pub char_start: usize,
    /// One past the last code point (the `\n` excluded).
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte (the `\n` excluded).
    pub byte_end: usize,
}

impl Paragraph {
    /// Length in code points.
    pub fn len(&self) -> usize {
        self.char_end - self.char_start
    }

    /// Whether the paragraph is a blank line.
    pub fn is_empty(&self) -> bool {
        self.char_end == self.char_start
    }
}

/// Split `text` into paragraphs at `\n`, with char and byte offsets.
pub fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let (mut char_start, mut byte_start) = (0, 0);
    for line in text.split('\n') {
        let chars = text::char_len(line);
        out.push(Paragraph {
            char_start,
            char_end: char_start + chars,
            byte_start,
            byte_end: byte_start + line.len(),
        });
        char_start += chars + 1;
        byte_start += line.len() + 1;
    }
    out
}

/// The reader's body font.
pub fn body_font() -> FontId {
    FontId::proportional(FONT_SIZE)
}

/// Height of one row of the body font.
pub fn font_row_height(ctx: &egui::Context) -> f32 {
    ctx.fonts_mut(|f| f.row_height(&body_font()))
}

/// The format of the reader's text.
pub fn body_format(color: Color32, line_height: f32) -> TextFormat {
    TextFormat {
        font_id: body_font(),
        color,
        line_height: Some(line_height),
        ..Default::default()
    }
}

/// The colour of stand-ins for invisible characters.
pub fn faint(color: Color32) -> Color32 {
    color.gamma_multiply(0.45)
}

/// Lay out one paragraph in logical order (egui's galley cache makes
/// repeats cheap).
pub fn layout_paragraph(
    ctx: &egui::Context,
    doc: &Document,
    para: &Paragraph,
    wrap_width: f32,
    color: Color32,
    line_height: f32,
) -> Arc<Galley> {
    let text = doc.text.get(para.byte_start..para.byte_end).unwrap_or("");
    let format = body_format(color, line_height);
    // Every stand-in's first UTF-8 byte is one of these: most paragraphs
    // are passed over by a byte scan.
    let maybe = text.bytes().any(|b| matches!(b, 0xC2 | 0xD8 | 0xE2 | 0xEF));
    let mut job = if !maybe || !text.chars().any(|c| stand_in(c).is_some()) {
        LayoutJob::single_section(text.to_owned(), format)
    } else {
        shown_job(text.chars(), &format, faint(color))
    };
    job.wrap = TextWrapping::wrap_at_width(wrap_width);
    ctx.fonts_mut(|f| f.layout_job(job))
}

/// A job showing `chars`, one for one: characters that draw nothing (or a
/// box) as their faint stand-ins, so every offset stays the same and a span
/// boundary at one of them can be seen.
pub fn shown_job(
    chars: impl Iterator<Item = char>,
    format: &TextFormat,
    faint: Color32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    let mut plain = String::new();
    for c in chars {
        match stand_in(c) {
            Some(shown) => {
                if !plain.is_empty() {
                    job.append(&std::mem::take(&mut plain), 0.0, format.clone());
                }
                let mut faint_format = format.clone();
                faint_format.color = faint;
                job.append(shown.encode_utf8(&mut [0; 4]), 0.0, faint_format);
            }
            None => plain.push(c),
        }
    }
    if !plain.is_empty() || job.sections.is_empty() {
        job.append(&plain, 0.0, format.clone());
    }
    job
}

/// What the reader draws for a character that shows nothing by itself: a
/// soft hyphen as a hyphen, zero-width spaces, joiners of words and
/// direction marks as a faint dot, a narrow no-break space as a space.
/// Zero-width joiners and non-joiners are left to the fonts (they shape
/// emoji sequences and Persian or Indic words).
pub fn stand_in(c: char) -> Option<char> {
    match c {
        '\u{00AD}' => Some('-'),
        '\u{200B}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some('·'),
        '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' => Some('\u{00A0}'),
        _ => None,
    }
}

/// Rectangles (galley coordinates) covering code points `[a, b)` of a galley,
/// one per row, as tall as the font (not the line).
pub fn range_rects(galley: &Galley, a: usize, b: usize, font_height: f32) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (s, e) = (a.max(row_start), b.min(row_start + n));
        if s < e {
            let x0 = row.pos.x + row.x_offset(CharIndex(s - row_start));
            let x1 = row.pos.x + row.x_offset(CharIndex(e - row_start));
            let pad = ((row.max_y() - row.min_y()) - font_height).max(0.0) / 2.0;
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y() + pad),
                pos2(x1, row.max_y() - pad),
            ));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= b {
            break;
        }
    }
    out
}

/// Char offset (within the galley) of the boundary nearest to `local`,
/// and the code point under it if the pointer is over text.
pub fn hit(galley: &Galley, local: Vec2) -> (usize, Option<usize>) {
    let cursor: CCursor = galley.cursor_from_pos(local);
    let boundary = cursor.index.0;
    let under = if galley.rect.contains(local.to_pos2()) {
        let x = galley.pos_from_cursor(cursor).min.x;
        let c = if local.x < x {
            boundary.checked_sub(1)
        } else {
            Some(boundary)
        };
        c.filter(|c| *c < galley.job.text.chars().count())
    } else {
        None
    };
    (boundary, under)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_carry_char_and_byte_offsets() {
        let t = "“Hi”\n\nPeskov’s";
        let p = split_paragraphs(t);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].char_start, p[0].char_end), (0, 4));
        assert_eq!((p[1].char_start, p[1].char_end), (5, 5));
        assert!(p[1].is_empty());
        assert_eq!((p[2].char_start, p[2].char_end), (6, 14));
        assert_eq!(&t[p[2].byte_start..p[2].byte_end], "Peskov’s");
    }
}
