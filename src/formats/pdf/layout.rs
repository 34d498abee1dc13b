//! Laying a page's glyphs out again: glyphs into words and lines by their
//! baselines (a copy drawn over itself counted once); lines cut into
//! pieces where the gap is wide (between columns); line numbers in a
//! margin dropped; a page whose pieces leave gutters down it read column by
//! column; lines into paragraphs by the spacing and the indent.

use super::engine::Glyph;
use super::text;

/// A run of words on one baseline with no wide gap: part of a line in one
/// column.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline (y grows down).
    pub y: f64,
    /// The largest glyph's size.
    pub size: f64,
    /// The words, in reading order.
    pub text: String,
}

/// Whether `c` is written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF)
}

/// Whether glyph `g` is on the line that `first` began: baselines within
/// a third of the larger size, or half of it for glyphs of another size
/// (a superscript mark beside a name, a footnote number).
fn on_line(first: &Glyph, g: &Glyph) -> bool {
    let (big, small) = (g.size.max(first.size), g.size.min(first.size));
    let reach = if small < big * 0.8 { 0.5 } else { 1.0 / 3.0 };
    (first.y - g.y).abs() <= big * reach
}

/// Glyphs (of one direction) as pieces: by baseline, left to right, a
/// space where the font draws one or the gap is wider than a word gap, cut
/// where the gap is wide.
pub(super) fn pieces(mut glyphs: Vec<Glyph>) -> Vec<Piece> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: glyphs whose baselines are within a third of their size.
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if on_line(&line[0], &g) => {
                line.push(g);
            }
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        // A line that draws its spaces: gaps without one are kerning, not
        // words. Decided per line, not per page: TeX draws no spaces, so
        // its body lines need the narrower gap even where a title or a
        // table on the same page draws them.
        let spaced = line.iter().any(|g| g.text.trim().is_empty());
        let word_gap = if spaced { 0.3 } else { 0.15 };
        let mut cur: Option<Piece> = None;
        let mut last: Option<Glyph> = None;
        let mut space = false;
        for g in line {
            if g.text.trim().is_empty() {
                space = true;
                continue;
            }
            // The same glyph drawn again over itself (a form drawn twice,
            // fake bold): once.
            if last.as_ref().is_some_and(|l| {
                l.text == g.text
                    && (l.x - g.x).abs() < g.size * 0.2
                    && (l.y - g.y).abs() < g.size * 0.2
            }) {
                continue;
            }
            let gap = cur.as_ref().map_or(0.0, |p| g.x - p.x1);
            match &mut cur {
                Some(p) if gap < g.size * 1.5 => {
                    let cjk = p.text.ends_with(is_cjk) && g.text.starts_with(is_cjk);
                    let wide = gap > g.size * if cjk { 1.0 } else { word_gap };
                    if (space && gap > -g.size * 0.1 && !cjk || wide) && !p.text.ends_with(' ') {
                        p.text.push(' ');
                    }
                    p.text.push_str(&g.text);
                    p.x1 = p.x1.max(g.end);
                    p.size = p.size.max(g.size);
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Piece {
                        x0: g.x,
                        x1: g.end,
                        y: g.y,
                        size: g.size,
                        text: g.text.clone(),
                    });
                }
            }
            space = false;
            last = Some(g);
        }
        out.extend(cur);
    }
    for p in &mut out {
        let words = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        p.text = text::logical(&text::unligature(&words));
    }
    out.retain(|p| !p.text.is_empty());
    out
}

/// Whether `t` is a line number (1 to 999).
fn line_number(t: &str) -> bool {
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Drop the numbers of pleading paper and transcripts: a margin (the
/// outer fifth of the page) with five or more bare numbers.
pub(super) fn drop_line_numbers(pieces: &mut Vec<Piece>, width: f64) {
    let left = |p: &Piece| p.x1 < width * 0.2;
    let right = |p: &Piece| p.x0 > width * 0.8;
    for side in [&left as &dyn Fn(&Piece) -> bool, &right] {
        let n = pieces
            .iter()
            .filter(|p| side(p) && line_number(&p.text))
            .count();
        if n >= 5 {
            pieces.retain(|p| !(side(p) && line_number(&p.text)));
        }
    }
}

/// The x of each gutter: a band between 5% and 95% of the page's width
/// that no piece crosses (a few may: a headline), with at least three
/// pieces on each side (a table's columns too, read one after another as
/// pdftotext reads them).
fn gutters(pieces: &[Piece], width: f64) -> Vec<f64> {
    let step = width / 100.0;
    let open = |x: f64| {
        let left = pieces.iter().filter(|p| p.x1 <= x).count();
        let right = pieces.iter().filter(|p| p.x0 >= x).count();
        let crossing = pieces.iter().filter(|p| p.x0 < x && p.x1 > x).count();
        left >= 3 && right >= 3 && crossing * 4 <= left + right
    };
    let mut out = Vec::new();
    let mut run: Vec<f64> = Vec::new();
    for i in 5..=95 {
        let x = step * f64::from(i);
        if open(x) {
            run.push(x);
        } else {
            if !run.is_empty() {
                out.push((run[0] + run[run.len() - 1]) / 2.0);
            }
            run.clear();
        }
    }
    if !run.is_empty() {
        out.push((run[0] + run[run.len() - 1]) / 2.0);
    }
    out
}

/// The pieces of a page in reading order, as blocks: what spans the page
/// above the columns (a headline), then each column left to right, then
/// what spans it below; each top to bottom.
pub(super) fn reading_order(mut pieces: Vec<Piece>, width: f64) -> Vec<Vec<Piece>> {
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let gutters = gutters(&pieces, width);
    if gutters.is_empty() {
        return vec![pieces];
    }
    let crosses = |p: &Piece| gutters.iter().any(|g| p.x0 < *g && p.x1 > *g);
    let (spanning, columns): (Vec<Piece>, Vec<Piece>) = pieces.into_iter().partition(crosses);
    // The columns start at their first piece of a few letters: marks
    // between the lines above them (an author block's superscripts) stay
    // with those lines.
    let top = columns
        .iter()
        .filter(|p| p.text.trim().chars().count() >= 4)
        .map(|p| p.y)
        .fold(f64::INFINITY, f64::min);
    let (mut above, below): (Vec<Piece>, Vec<Piece>) =
        spanning.into_iter().partition(|p| p.y < top);
    let (marks, columns): (Vec<Piece>, Vec<Piece>) = columns.into_iter().partition(|p| p.y < top);
    above.extend(marks);
    above.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut blocks = vec![above];
    blocks.extend((0..=gutters.len()).map(|_| Vec::new()));
    for p in columns {
        let column = gutters.iter().filter(|g| **g <= p.x0).count();
        blocks[column + 1].push(p);
    }
    blocks.push(below);
    blocks
}

/// A paragraph: its text and its first line's size.
pub(super) type Paragraph = (String, f64);

/// Lines (a block, top to bottom) into paragraphs: a new one after a wider
/// gap than the block's line spacing, at an indented line, after a short
/// line that ends a sentence, or where the size changes; hyphenated words
/// rejoined.
pub(super) fn paragraphs(lines: &[Piece]) -> Vec<Paragraph> {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let spacing = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<&Piece> = None;
    let right = lines.iter().map(|p| p.x1).fold(f64::NEG_INFINITY, f64::max);
    for line in lines {
        let new = prev.is_none_or(|p| {
            let gap = line.y - p.y;
            let wide = gap > (spacing * 1.4).max(p.size.max(line.size) * 1.3);
            // Centred lines (a headline, an author block) are inset on
            // both sides alike: not an indent.
            let centred = ((line.x0 - p.x0) - (p.x1 - line.x1)).abs() < line.size * 0.5;
            let indented = line.x0 > p.x0 + line.size * 0.8 && !centred;
            let short =
                p.x1 < right - p.size * 4.0 && p.text.ends_with(['.', '!', '?', ':', '”', '"']);
            let resized = (line.size - p.size).abs() > p.size * 0.15;
            wide || indented || short || resized || gap < 0.0
        });
        match out.last_mut() {
            Some((para, _)) if !new => text::join(para, &line.text),
            _ => out.push((line.text.clone(), line.size)),
        }
        prev = Some(line);
    }
    out.retain(|p| !p.0.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(x0: f64, x1: f64, y: f64, size: f64, text: &str) -> Piece {
        Piece {
            x0,
            x1,
            y,
            size,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_centred_headline_over_two_lines_is_one_paragraph_and_an_indent_starts_one() {
        // pdf.js tracemonkey.pdf: the second line centred under the first.
        let headline = [
            piece(
                100.0,
                500.0,
                100.0,
                17.0,
                "Trace-based Just-in-Time Type Specialization for Dynamic",
            ),
            piece(240.0, 360.0, 121.0, 17.0, "Languages"),
        ];
        let out = paragraphs(&headline);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].0,
            "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
        );
        // Justified text: an indented line still starts a paragraph.
        let body = [
            piece(
                72.0,
                300.0,
                100.0,
                10.0,
                "the end of one paragraph that fills its",
            ),
            piece(
                72.0,
                300.0,
                112.0,
                10.0,
                "line and the next that ends it here",
            ),
            piece(
                84.0,
                300.0,
                124.0,
                10.0,
                "An indented line begins the next one",
            ),
        ];
        assert_eq!(paragraphs(&body).len(), 2);
    }
}
