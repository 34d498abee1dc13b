//! Laying out a paragraph with right-to-left text in visual order.

use std::sync::Arc;

use egui::epaint::text::{Glyph, LayoutJob, PlacedRow};
use egui::{Color32, Galley, Rect, TextFormat, pos2};
use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

use super::super::layout::{shown_job, stand_in};
use super::{Extent, Line, Shaped};

/// A stretch of one line laid out on its own.
pub(super) struct Piece {
    /// Paragraph-local code points, in logical order.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Laid out as a right-to-left word (the shaper reverses it).
    rtl_word: bool,
    /// Read right to left (its level is odd).
    rtl: bool,
}

impl Piece {
    /// How code point `c` of the piece is drawn: a bracket between
    /// right-to-left words mirrored.
    pub(super) fn shown(&self, c: char) -> char {
        if self.rtl && !self.rtl_word {
            mirror(c)
        } else {
            c
        }
    }
}

/// The pieces of line `line` (a byte range) in visual order: each
/// left-to-right run whole, each right-to-left run cut into words and
/// single code points, reversed.
pub(super) fn visual_pieces(
    info: &ParagraphBidiInfo<'_>,
    chars: &[(usize, char)],
    line: std::ops::Range<usize>,
) -> Vec<Piece> {
    let (levels, runs) = info.visual_runs(line);
    let mut pieces = Vec::new();
    for run in runs {
        let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
        let (s, e) = (char_at(chars, run.start), char_at(chars, run.end));
        if rtl {
            pieces.extend(rtl_atoms(chars, s, e).into_iter().rev());
        } else {
            pieces.push(Piece {
                start: s,
                end: e,
                rtl_word: false,
                rtl: false,
            });
        }
    }
    pieces
}

/// What the reader lays out: the text shown, its colours and sizes.
pub struct Style<'a> {
    /// The format of ordinary text.
    pub format: &'a TextFormat,
    /// The colour of stand-ins for invisible characters.
    pub faint: Color32,
    /// Width lines are broken at.
    pub wrap_width: f32,
}

/// Lay out a paragraph holding right-to-left text in visual order, using
/// `template` (egui's logical layout of it) for the galley's other fields.
/// A paragraph the bidi algorithm finds all left to right is kept as is.
pub fn lay_out(
    ctx: &egui::Context,
    template: Arc<Galley>,
    text: &str,
    style: &Style<'_>,
) -> Shaped {
    let info = ParagraphBidiInfo::new(text, None);
    if !info.has_rtl() {
        return Shaped::plain(template);
    }
    let rtl_para = info.paragraph_level.is_rtl();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_of = |c: usize| chars.get(c).map_or(text.len(), |x| x.0);
    let measure = |job: LayoutJob| ctx.fonts_mut(|f| f.layout_job(job));
    let ppp = template.pixels_per_point.max(0.1);

    let mut placed: Vec<PlacedRow> = Vec::new();
    let mut lines = Vec::new();
    let mut top = 0.0_f32;
    for (start, end) in break_lines(&chars, style, &measure) {
        let pieces = visual_pieces(&info, &chars, byte_of(start)..byte_of(end));
        let mut extents = vec![
            Extent {
                x0: 0.0,
                x1: 0.0,
                rtl: false
            };
            end - start
        ];
        let mut row_parts = Vec::new();
        let mut x = 0.0_f32;
        for piece in &pieces {
            let galley = measure(piece_job(&chars, piece, style));
            let Some(row) = galley.rows.first() else {
                continue;
            };
            let xs = if piece.rtl_word {
                rtl_word_extents(&chars[piece.start..piece.end], &row.row.glyphs)
            } else {
                let n = piece.end - piece.start;
                let mut xs: Vec<(f32, f32)> = row
                    .row
                    .glyphs
                    .iter()
                    .take(n)
                    .map(|g| (g.pos.x, g.max_x()))
                    .collect();
                xs.resize(n, (row.row.size.x, row.row.size.x));
                xs
            };
            let xs = fill(xs, row.row.size.x);
            for (k, (x0, x1)) in xs.into_iter().enumerate() {
                if let Some(slot) = extents.get_mut(piece.start + k - start) {
                    *slot = Extent {
                        x0: x + x0,
                        x1: x + x1,
                        rtl: piece.rtl,
                    };
                }
            }
            let baseline = row.row.glyphs.first().map_or(0.0, |g| g.pos.y);
            row_parts.push((x, baseline, row.row.clone()));
            x += row.row.size.x;
        }
        // Flush right in a right-to-left paragraph; whole pixels.
        let shift = if rtl_para {
            (style.wrap_width - x).max(0.0)
        } else {
            0.0
        };
        let shift = (shift * ppp).round() / ppp;
        let height = row_parts.iter().map(|p| p.2.size.y).fold(0.0_f32, f32::max);
        let baseline = row_parts.iter().map(|p| p.1).fold(0.0_f32, f32::max);
        for (px, own_baseline, row) in row_parts {
            let pos = pos2(
                ((px + shift) * ppp).round() / ppp,
                top + baseline - own_baseline,
            );
            placed.push(PlacedRow {
                pos,
                row,
                ends_with_newline: false,
            });
        }
        for e in &mut extents {
            e.x0 += shift;
            e.x1 += shift;
        }
        lines.push(Line {
            start,
            top,
            bottom: top + height,
            chars: extents,
        });
        top += height;
    }

    let mut galley = (*template).clone();
    let mut bounds = Rect::NOTHING;
    let (mut vertices, mut indices) = (0, 0);
    for row in &placed {
        bounds = bounds.union(row.row.visuals.mesh_bounds.translate(row.pos.to_vec2()));
        vertices += row.row.visuals.mesh.vertices.len();
        indices += row.row.visuals.mesh.indices.len();
    }
    let right = placed
        .iter()
        .map(|r| r.pos.x + r.row.size.x)
        .fold(template.rect.max.x, f32::max);
    galley.rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(right, top.max(template.rect.max.y)));
    galley.mesh_bounds = bounds;
    galley.num_vertices = vertices;
    galley.num_indices = indices;
    galley.rows = placed;
    Shaped {
        galley: Arc::new(galley),
        lines: Some(Arc::new(lines)),
    }
}

/// Stretch a piece's outermost code points to its edges, so that the
/// highlight of a phrase has no seams between its pieces.
fn fill(mut xs: Vec<(f32, f32)>, width: f32) -> Vec<(f32, f32)> {
    let left = xs.iter().map(|x| x.0).fold(f32::INFINITY, f32::min);
    let right = xs.iter().map(|x| x.1).fold(f32::NEG_INFINITY, f32::max);
    for x in &mut xs {
        if x.0 == left {
            x.0 = x.0.min(0.0);
        }
        if x.1 == right {
            x.1 = x.1.max(width);
        }
    }
    xs
}

/// Index of the code point starting at byte `b`.
fn char_at(chars: &[(usize, char)], b: usize) -> usize {
    chars.partition_point(|c| c.0 < b)
}

/// Break a paragraph into lines (code point ranges) in logical order: at
/// spaces, where the next word would cross the wrap width.
fn break_lines(
    chars: &[(usize, char)],
    style: &Style<'_>,
    measure: &dyn Fn(LayoutJob) -> Arc<Galley>,
) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let (mut line_start, mut width) = (0, 0.0_f32);
    let mut i = 0;
    while i < chars.len() {
        // A word and the spaces after it.
        let word_end = (i..chars.len())
            .find(|&k| chars[k].1.is_whitespace())
            .unwrap_or(chars.len());
        let space_end = (word_end..chars.len())
            .find(|&k| !chars[k].1.is_whitespace())
            .unwrap_or(chars.len());
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().map(|c| c.1).collect() };
        let job = |s: String| LayoutJob::single_section(s, style.format.clone());
        let word = if word_end > i {
            measure(job(text(i, word_end))).size().x
        } else {
            0.0
        };
        let spaces = if space_end > word_end {
            measure(job(text(word_end, space_end))).size().x
        } else {
            0.0
        };
        if width + word > style.wrap_width && i > line_start {
            lines.push((line_start, i));
            line_start = i;
            width = 0.0;
        }
        width += word + spaces;
        i = space_end;
    }
    lines.push((line_start, chars.len()));
    lines
}

/// A right-to-left run cut into what is laid out alone, in logical order:
/// words (right-to-left letters with their marks and joiners, which the
/// shaper reverses and joins) and every other code point by itself.
fn rtl_atoms(chars: &[(usize, char)], s: usize, e: usize) -> Vec<Piece> {
    let letter = |c: char| {
        stand_in(c).is_none()
            && matches!(
                bidi_class(c),
                BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
            )
    };
    let mut out: Vec<Piece> = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate().take(e).skip(s) {
        let joins = letter(c) && out.last().is_some_and(|p| p.rtl_word && p.end == k);
        match out.last_mut() {
            Some(p) if joins => p.end = k + 1,
            _ => out.push(Piece {
                start: k,
                end: k + 1,
                rtl_word: letter(c),
                rtl: true,
            }),
        }
    }
    out
}

/// The job for one piece: its text as shown (stand-ins faint, brackets
/// mirrored in right-to-left runs).
fn piece_job(chars: &[(usize, char)], piece: &Piece, style: &Style<'_>) -> LayoutJob {
    let shown = chars[piece.start..piece.end]
        .iter()
        .map(|&(_, c)| piece.shown(c));
    shown_job(shown, style.format, style.faint)
}

/// A paired bracket as drawn in right-to-left text.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

/// Where each code point of a right-to-left word is drawn (x within the
/// piece, logical order). The shaper gives glyphs in visual order, each
/// naming the first code point of its cluster: clusters are walked from
/// the last (drawn leftmost); a glyph naming a cluster further on (a
/// ligature covers several) gives the ones it passes no width.
fn rtl_word_extents(chars: &[(usize, char)], glyphs: &[Glyph]) -> Vec<(f32, f32)> {
    let word: String = chars.iter().map(|c| c.1).collect();
    // (first code point index, first char) of each cluster.
    let mut clusters: Vec<(usize, char)> = Vec::new();
    let mut k = 0;
    for g in word.graphemes(true) {
        clusters.push((k, g.chars().next().unwrap_or(' ')));
        k += g.chars().count();
    }
    let m = clusters.len();
    let mut ext: Vec<Option<(f32, f32)>> = vec![None; m];
    let mut cur: Option<usize> = None;
    let right = glyphs.iter().map(|g| g.max_x()).fold(0.0_f32, f32::max);
    for g in glyphs.iter().filter(|g| g.advance_width > 0.0) {
        let (gx0, gx1) = (g.pos.x, g.max_x());
        let next = match cur {
            None => m.checked_sub(1),
            Some(c) => c.checked_sub(1),
        };
        let chosen = match (cur, next) {
            (_, Some(n)) if clusters[n].1 == g.chr => n,
            (Some(c), _) if clusters[c].1 == g.chr => c,
            (_, Some(n)) => (n.saturating_sub(3)..n)
                .rev()
                .find(|&t| clusters[t].1 == g.chr)
                .unwrap_or(n),
            (Some(c), None) => c,
            (None, None) => break,
        };
        if let Some(n) = next {
            for slot in ext.iter_mut().take(n + 1).skip(chosen + 1) {
                slot.get_or_insert((gx0, gx0));
            }
        }
        let slot = &mut ext[chosen];
        *slot = Some(slot.map_or((gx0, gx1), |(a, b)| (a.min(gx0), b.max(gx1))));
        cur = Some(chosen);
    }
    let mut out = Vec::with_capacity(chars.len());
    for (i, (first, _)) in clusters.iter().enumerate() {
        let len = clusters.get(i + 1).map_or(chars.len(), |c| c.0) - first;
        let x = ext[i].unwrap_or((right, right));
        out.extend(std::iter::repeat_n(x, len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_to_left_run_is_cut_into_words_and_single_neutrals() {
        let text = "محمد علي، 25";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let atoms = rtl_atoms(&chars, 0, 9);
        let shown: Vec<(String, bool)> = atoms
            .iter()
            .map(|p| {
                (
                    chars[p.start..p.end].iter().map(|c| c.1).collect(),
                    p.rtl_word,
                )
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                ("محمد".to_owned(), true),
                (" ".to_owned(), false),
                ("علي".to_owned(), true),
                ("،".to_owned(), false),
            ]
        );
    }
}
