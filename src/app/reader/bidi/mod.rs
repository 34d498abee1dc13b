//! Right-to-left and mixed-direction paragraphs.
//!
//! egui 0.37 shapes text (an Arabic word comes out joined and reversed) but
//! lays every run out in logical order, and its galleys lose the map from
//! glyphs to characters inside a right-to-left run. So a paragraph holding
//! right-to-left text is laid out here: words are measured and broken into
//! lines in logical order (UAX #9 breaks lines before reordering), each line
//! is cut into level runs in visual order (`unicode-bidi`), a left-to-right
//! run is laid out as one piece and a right-to-left run word by word in
//! reverse, and the pieces are placed left to right (the lines of a
//! right-to-left paragraph flush right). A map from every code point to
//! where it is drawn serves hit-testing, highlights and the caret, so every
//! offset stays logical. Left-to-right paragraphs never come here.

mod label;
mod visual;

use std::sync::Arc;

use egui::{Galley, Rect, Vec2, pos2};

pub use label::visual_line;
pub use visual::{Style, lay_out};

/// A short excerpt of `text` for a label, in reading order (see
/// [`visual_line`]).
pub fn snippet(text: &str) -> String {
    visual_line(&crate::model::text::snippet(text)).into_owned()
}

/// Whether `text` may hold right-to-left text: a byte scan, then a range
/// check of the characters (the bidi algorithm has the last word).
pub fn may_be_rtl(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD6)
        && text.chars().any(|c| {
            matches!(c,
                '\u{0590}'..='\u{08FF}'
                | '\u{FB1D}'..='\u{FDFF}'
                | '\u{FE70}'..='\u{FEFC}'
                | '\u{10800}'..='\u{10FFF}'
                | '\u{1E800}'..='\u{1EFFF}'
                | '\u{200F}'
                | '\u{202B}'
                | '\u{202E}'
                | '\u{2067}')
        })
}

/// Where one code point is drawn (galley coordinates, x only) and in which
/// direction it reads.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Extent {
    x0: f32,
    x1: f32,
    rtl: bool,
}

/// One line of a reordered paragraph.
#[derive(Debug)]
struct Line {
    /// First code point (paragraph-local).
    start: usize,
    top: f32,
    bottom: f32,
    /// Where each code point of the line is drawn, in logical order.
    chars: Vec<Extent>,
}

impl Line {
    fn end(&self) -> usize {
        self.start + self.chars.len()
    }
}

/// A paragraph as the reader draws it: the galley to paint and, for a
/// paragraph with right-to-left text, where each code point is drawn.
#[derive(Clone, Debug)]
pub struct Shaped {
    /// What to paint.
    pub galley: Arc<Galley>,
    lines: Option<Arc<Vec<Line>>>,
}

impl Shaped {
    /// A paragraph egui laid out as it is (left to right).
    pub fn plain(galley: Arc<Galley>) -> Self {
        Self {
            galley,
            lines: None,
        }
    }

    /// Size of the laid-out paragraph.
    pub fn size(&self) -> Vec2 {
        self.galley.size()
    }

    /// Rectangles covering code points `[a, b)`, as tall as the font: one
    /// per visually contiguous stretch of each line.
    pub fn range_rects(&self, a: usize, b: usize, font_height: f32) -> Vec<Rect> {
        let Some(lines) = &self.lines else {
            return super::layout::range_rects(&self.galley, a, b, font_height);
        };
        let mut out = Vec::new();
        for line in lines.iter() {
            let (s, e) = (a.max(line.start), b.min(line.end()));
            if s >= e {
                continue;
            }
            let mut xs: Vec<(f32, f32)> = line.chars[s - line.start..e - line.start]
                .iter()
                .map(|x| (x.x0, x.x1))
                .collect();
            xs.sort_by(|p, q| p.0.total_cmp(&q.0));
            let pad = ((line.bottom - line.top) - font_height).max(0.0) / 2.0;
            let mut cur: Option<(f32, f32)> = None;
            for (x0, x1) in xs {
                cur = match cur {
                    Some((c0, c1)) if x0 <= c1 + 0.75 => Some((c0, c1.max(x1))),
                    Some((c0, c1)) => {
                        out.push(rect(c0, c1, line, pad));
                        Some((x0, x1))
                    }
                    None => Some((x0, x1)),
                };
            }
            if let Some((c0, c1)) = cur {
                out.push(rect(c0, c1, line, pad));
            }
        }
        out
    }

    /// Where the leading edge of code point `c` is drawn (the trailing
    /// edge of `c - 1` if `after`): x and the line's top and bottom. `None`
    /// for a paragraph egui laid out itself.
    pub fn edge(&self, c: usize, after: bool) -> Option<(f32, f32, f32)> {
        let lines = self.lines.as_ref()?;
        let k = if after { c.checked_sub(1)? } else { c };
        let line = lines.iter().find(|l| l.start <= k && k < l.end())?;
        let x = line.chars.get(k - line.start)?;
        let at = if x.rtl != after { x.x1 } else { x.x0 };
        Some((at, line.top, line.bottom))
    }

    /// The caret at char boundary `c` (a zero-width rectangle as tall as
    /// the line): at the leading edge of the code point after it, or the
    /// trailing edge of the one before at the end of a paragraph.
    pub fn caret_rect(&self, c: usize) -> Rect {
        match self.edge(c, false).or_else(|| self.edge(c, true)) {
            Some((x, top, bottom)) => Rect::from_min_max(pos2(x, top), pos2(x, bottom)),
            None => self.galley.pos_from_cursor(egui::text::CCursor::new(c)),
        }
    }

    /// Char offset of the boundary nearest to `local`, and the code point
    /// under it if the pointer is over text.
    pub fn hit(&self, local: Vec2) -> (usize, Option<usize>) {
        let Some(lines) = &self.lines else {
            return super::layout::hit(&self.galley, local);
        };
        let Some(line) = lines
            .iter()
            .rfind(|l| l.top <= local.y)
            .or_else(|| lines.first())
        else {
            return (0, None);
        };
        let over_line = local.y < line.bottom;
        // The code point drawn nearest the pointer (inside it if any).
        let distance = |x: &Extent| {
            if local.x < x.x0 {
                x.x0 - local.x
            } else if local.x >= x.x1 {
                local.x - x.x1 + if x.x1 > x.x0 { 0.0 } else { 0.01 }
            } else {
                -1.0
            }
        };
        let Some((k, ext)) = line
            .chars
            .iter()
            .enumerate()
            .min_by(|a, b| distance(a.1).total_cmp(&distance(b.1)))
        else {
            return (line.start, None);
        };
        // The code points drawn at the same place form one cluster.
        let same = |x: &Extent| x.x0 == ext.x0 && x.x1 == ext.x1;
        let first = (0..=k)
            .rev()
            .take_while(|&i| same(&line.chars[i]))
            .last()
            .unwrap_or(k);
        let last = (k..line.chars.len())
            .take_while(|&i| same(&line.chars[i]))
            .last()
            .unwrap_or(k);
        let before_mid = local.x < (ext.x0 + ext.x1) / 2.0;
        let boundary = if before_mid != ext.rtl {
            line.start + first
        } else {
            line.start + last + 1
        };
        let inside = over_line && distance(ext) < 0.0;
        (boundary, inside.then_some(line.start + first))
    }
}

fn rect(x0: f32, x1: f32, line: &Line, pad: f32) -> Rect {
    Rect::from_min_max(pos2(x0, line.top + pad), pos2(x1, line.bottom - pad))
}
