//! PDF articles: reports, court filings and press releases. The text layer
//! is read with `pdf-extract` as positioned characters and laid out again:
//! characters into words and lines by their baselines; a page whose lines
//! leave a gutter down its middle read column by column; lines into
//! paragraphs by the space between them and the indent; a word hyphenated
//! at a line's end joined again; lines that repeat at the top or bottom of
//! most pages (running heads, page numbers) dropped. Where each page starts
//! is kept in the document's metadata (`pages`), so a span's page can be
//! named. A PDF without a text layer (a scan) is refused with a clear word.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::model::{Document, MetaValue};

use super::FormatError;

/// One character as the PDF places it (y grows down the page).
#[derive(Clone, Debug)]
struct Char {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// A page's characters and size.
#[derive(Debug, Default)]
struct Page {
    width: f64,
    height: f64,
    chars: Vec<Char>,
}

/// Collects every page's characters from `pdf-extract`.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let height = media.ury - media.lly;
        self.pages.push(Page {
            width: media.urx - media.llx,
            height,
            chars: Vec::new(),
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The text matrix maps (size, size) to this; y flipped to grow down.
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt().max(0.1);
        if !text.trim().is_empty() {
            page.chars.push(Char {
                x: trm.m31,
                y: page.height - trm.m32,
                end: trm.m31 + width * size,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A run of words on one baseline with no wide gap: part of a line in one
/// column.
#[derive(Clone, Debug)]
struct Piece {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Read the PDF at `path` into a document.
pub fn import_pdf(path: &Path, bytes: &[u8], id: String) -> Result<Document, FormatError> {
    let bad = |m: String| FormatError::malformed(path, 0, m);
    // pdf-extract can panic on malformed files: a panic is a refusal here.
    let read = super::panics::catch_quietly(|| -> Result<(Collector, Option<String>), String> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            return Err("the PDF is encrypted".to_owned());
        }
        let title = info_title(&doc);
        let mut collector = Collector::default();
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| format!("{e:?}"))?;
        Ok((collector, title))
    });
    let (collector, info) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(e)) => return Err(bad(format!("cannot read the PDF: {e}"))),
        Err(_) => return Err(bad("cannot read the PDF: it is malformed".to_owned())),
    };
    if collector.pages.iter().all(|p| p.chars.is_empty()) {
        return Err(bad(
            "the PDF has no text layer (a scan?): run OCR on it first (e.g. ocrmypdf)".to_owned(),
        ));
    }
    let pages: Vec<Vec<Piece>> = collector.pages.iter().map(pieces).collect();
    let repeated = running_lines(&pages, &collector.pages);
    let mut text = String::new();
    let mut starts = Vec::new();
    // Code points in `text` up to byte `counted` (so each is counted once).
    let (mut counted, mut chars) = (0, 0);
    let mut headline: Option<(f64, String)> = None;
    for (k, (page, pieces)) in collector.pages.iter().zip(&pages).enumerate() {
        let kept: Vec<Piece> = pieces
            .iter()
            .filter(|p| !repeated.contains(&(k, p.y.to_bits(), p.x0.to_bits())))
            .cloned()
            .collect();
        if k == 0 {
            headline = kept
                .iter()
                .max_by(|a, b| a.size.total_cmp(&b.size))
                .map(|p| (p.size, p.text.clone()));
        }
        chars += text[counted..].chars().count();
        counted = text.len();
        starts.push(chars);
        for block in reading_order(kept, page.width) {
            for para in paragraphs(&block) {
                append(&mut text, &para);
            }
        }
    }
    let body_size = median_size(&pages);
    let title = info
        .or_else(|| {
            headline
                .filter(|(s, _)| *s > body_size * 1.15)
                .map(|(_, t)| t)
        })
        .unwrap_or_else(|| super::text::first_line(&text));
    let mut doc = Document::new(id, title, text);
    let pages_json = serde_json::to_string(&starts).unwrap_or_default();
    doc.meta
        .extra
        .insert("pages".to_owned(), MetaValue::Json(pages_json));
    doc.source = Some(path.display().to_string());
    Ok(doc)
}

/// Add a paragraph to the text: after a blank line, or continuing the last
/// one where a column or page cut it (no end of sentence before, a
/// lowercase letter after).
fn append(text: &mut String, para: &str) {
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

/// Continue `text` with the next line `next`: a word hyphenated at the
/// line's end is joined again, otherwise a space goes between.
fn join(text: &mut String, next: &str) {
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1].ends_with(char::is_alphabetic)
        && next.starts_with(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(next);
}

/// The page a character offset is on (1-based), from a document's `pages`
/// metadata.
pub fn page_of(doc: &Document, offset: usize) -> Option<usize> {
    let MetaValue::Json(json) = doc.meta.extra.get("pages")? else {
        return None;
    };
    let starts: Vec<usize> = serde_json::from_str(json).ok()?;
    Some(starts.partition_point(|s| *s <= offset).max(1))
}

/// The document information dictionary's title, if it has one.
fn info_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    let title = info.get(b"Title").ok()?.as_str().ok()?;
    let title = String::from_utf8_lossy(title).trim().to_owned();
    Some(title).filter(|t| !t.is_empty())
}

/// The usual text size of the document (the median piece's).
fn median_size(pages: &[Vec<Piece>]) -> f64 {
    let mut sizes: Vec<f64> = pages.iter().flatten().map(|p| p.size).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// A page's characters as pieces: by baseline, left to right, cut where
/// the gap is wide (between columns).
fn pieces(page: &Page) -> Vec<Piece> {
    let mut chars = page.chars.clone();
    chars.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: characters whose baselines are within a third of their size.
    let mut lines: Vec<Vec<Char>> = Vec::new();
    for c in chars {
        match lines.last_mut() {
            Some(line) if (line[0].y - c.y).abs() <= c.size.max(line[0].size) / 3.0 => {
                line.push(c);
            }
            _ => lines.push(vec![c]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut cur: Option<Piece> = None;
        for c in line {
            let gap = cur.as_ref().map_or(0.0, |p| c.x - p.x1);
            match &mut cur {
                Some(p) if gap < c.size * 1.5 => {
                    if gap > c.size * 0.15 && !p.text.ends_with(' ') {
                        p.text.push(' ');
                    }
                    p.text.push_str(&c.text);
                    p.x1 = p.x1.max(c.end);
                    p.size = p.size.max(c.size);
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Piece {
                        x0: c.x,
                        x1: c.end,
                        y: c.y,
                        size: c.size,
                        text: c.text.clone(),
                    });
                }
            }
        }
        out.extend(cur);
    }
    for p in &mut out {
        p.text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// Pieces at the top or bottom of pages that repeat on most pages (digits
/// aside: page numbers count as the same line), or that are only a page
/// number: (page, y, x0) of each, as bits.
fn running_lines(pages: &[Vec<Piece>], sizes: &[Page]) -> HashSet<(usize, u64, u64)> {
    let key = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .to_lowercase()
    };
    let in_margin = |k: usize, p: &Piece| {
        let h = sizes.get(k).map_or(0.0, |s| s.height);
        p.y < h * 0.09 || p.y > h * 0.91
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (k, page) in pages.iter().enumerate() {
        let mut seen = HashSet::new();
        for p in page.iter().filter(|p| in_margin(k, p)) {
            if seen.insert(key(&p.text)) {
                *counts.entry(key(&p.text)).or_default() += 1;
            }
        }
    }
    let need = (pages.len() * 2).div_ceil(3).max(2);
    let page_number = |t: &str| {
        let t = t.trim().to_lowercase();
        let t = t.strip_prefix("page").unwrap_or(&t).trim();
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || c == '/' || c == '-')
            || t.split(" of ")
                .all(|n| !n.is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
    };
    let mut out = HashSet::new();
    for (k, page) in pages.iter().enumerate() {
        for p in page.iter().filter(|p| in_margin(k, p)) {
            let repeats = counts.get(&key(&p.text)).is_some_and(|n| *n >= need);
            if repeats || page_number(&p.text) {
                out.insert((k, p.y.to_bits(), p.x0.to_bits()));
            }
        }
    }
    out
}

/// The pieces of a page in reading order, as blocks: what spans the page
/// above the columns (a headline), then, where a gutter runs down the
/// middle, the left column and the right column, then what spans it below;
/// each top to bottom.
fn reading_order(mut pieces: Vec<Piece>, width: f64) -> Vec<Vec<Piece>> {
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    // A gutter: an x in the middle third no piece crosses (a few may: a
    // headline), with several pieces on both sides.
    let gutter = (0..=40)
        .map(|i| width / 3.0 + width / 3.0 * f64::from(i) / 40.0)
        .filter(|x| {
            let left = pieces.iter().filter(|p| p.x1 <= *x).count();
            let right = pieces.iter().filter(|p| p.x0 >= *x).count();
            let crossing = pieces.iter().filter(|p| p.x0 < *x && p.x1 > *x).count();
            left >= 3 && right >= 3 && crossing * 4 <= left + right
        })
        .min_by(|a, b| (a - width / 2.0).abs().total_cmp(&(b - width / 2.0).abs()));
    let Some(g) = gutter else {
        return vec![pieces];
    };
    let (spanning, columns): (Vec<Piece>, Vec<Piece>) =
        pieces.into_iter().partition(|p| p.x0 < g && p.x1 > g);
    let top = columns.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let (above, below): (Vec<Piece>, Vec<Piece>) = spanning.into_iter().partition(|p| p.y < top);
    let (left, right): (Vec<Piece>, Vec<Piece>) = columns.into_iter().partition(|p| p.x1 <= g);
    vec![above, left, right, below]
}

/// Lines (a block, top to bottom) into paragraphs: a new one after a wider
/// gap than the lines' spacing, at an indented line, after a short line
/// that ends a sentence, or where the size changes; hyphenated words
/// rejoined.
fn paragraphs(lines: &[Piece]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Piece> = None;
    let right = lines.iter().map(|p| p.x1).fold(f64::NEG_INFINITY, f64::max);
    for line in lines {
        let new = prev.is_none_or(|p| {
            let gap = line.y - p.y;
            let wide = gap > p.size.max(line.size) * 1.9;
            let indented = line.x0 > p.x0 + line.size * 0.8;
            let short =
                p.x1 < right - p.size * 4.0 && p.text.ends_with(['.', '!', '?', ':', '”', '"']);
            let resized = (line.size - p.size).abs() > p.size * 0.15;
            wide || indented || short || resized
        });
        match out.last_mut() {
            Some(para) if !new => join(para, &line.text),
            _ => out.push(line.text.clone()),
        }
        prev = Some(line);
    }
    out.retain(|p| !p.trim().is_empty());
    out
}
