//! PDF articles: reports, court filings and press releases. The glyphs of
//! the text layer are read with `hayro-interpret` (`engine`) and laid out
//! again (`layout`): glyphs into words and lines by their baselines, each
//! direction of text on its own (a rotated page reads upright); a page
//! whose lines leave gutters down it read column by column; line numbers
//! in a margin dropped; lines into paragraphs by the spacing and the
//! indent; a word hyphenated at a line's end joined again; lines that
//! repeat at the top or bottom of most pages (running heads, page numbers)
//! dropped; ligatures made letters and right-to-left lines put back into
//! logical order (`text`). Where each page starts is kept in the
//! document's metadata (`pages`), so a span's page can be named. A PDF
//! without a text layer (a scan) is refused with a clear word.

mod cjk;
mod engine;
mod layout;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::model::{Document, MetaValue};

use super::FormatError;
use layout::Piece;

/// The pieces of a page's text in one direction, and the page's size
/// turned that way.
struct Group {
    pieces: Vec<Piece>,
    width: f64,
    height: f64,
}

/// Read the PDF at `path` into a document.
pub fn import_pdf(path: &Path, bytes: &[u8], id: String) -> Result<Document, FormatError> {
    let bad = |m: String| FormatError::malformed(path, 0, m);
    // The reader may panic on a malformed file: a panic is a refusal here.
    let read = match super::panics::catch_quietly(|| engine::read(bytes)) {
        Ok(Ok(read)) => read,
        Ok(Err(e)) => return Err(bad(format!("cannot read the PDF: {e}"))),
        Err(e) => return Err(bad(format!("cannot read the PDF: {}", one_line(&e)))),
    };
    // Each page's pieces: the main direction of its text first, then the rest.
    let mut pages: Vec<Vec<Group>> = Vec::new();
    for page in &read.pages {
        let mut turns = [0usize; 4];
        for g in &page.glyphs {
            turns[usize::from(g.turn)] += 1;
        }
        let mut order: Vec<u8> = (0..4).filter(|t| turns[usize::from(*t)] > 0).collect();
        order.sort_by_key(|t| std::cmp::Reverse(turns[usize::from(*t)]));
        let groups = order
            .into_iter()
            .map(|turn| {
                let (glyphs, (_, _, width, height)) = engine::upright(page, turn);
                let mut pieces = layout::pieces(glyphs);
                layout::drop_line_numbers(&mut pieces, width);
                Group {
                    pieces,
                    width,
                    height,
                }
            })
            .collect();
        pages.push(groups);
    }
    if pages.iter().flatten().all(|g| g.pieces.is_empty()) {
        return Err(bad(no_text(&read)));
    }
    let repeated = running_lines(&pages);
    let mut text = String::new();
    let mut starts = Vec::new();
    // Code points in `text` up to byte `counted` (so each is counted once).
    let (mut counted, mut chars) = (0, 0);
    let mut first_page: Vec<layout::Paragraph> = Vec::new();
    for (k, groups) in pages.iter().enumerate() {
        chars += text[counted..].chars().count();
        counted = text.len();
        starts.push(chars);
        for (g, group) in groups.iter().enumerate() {
            let kept: Vec<Piece> = group
                .pieces
                .iter()
                .filter(|p| g > 0 || !repeated.contains(&(k, p.y.to_bits(), p.x0.to_bits())))
                .cloned()
                .collect();
            for block in layout::reading_order(kept, group.width) {
                for para in layout::paragraphs(&block) {
                    text::append(&mut text, &para.0);
                    if k == 0 {
                        first_page.push(para);
                    }
                }
            }
        }
    }
    let body_size = median_size(&pages);
    let title = read
        .title
        .as_deref()
        .and_then(text::decode_text_string)
        .filter(|t| !generated_title(t))
        .or_else(|| headline(&first_page, body_size))
        .unwrap_or_else(|| super::text::first_line(&text));
    let mut doc = Document::new(id, title, text);
    let pages_json = serde_json::to_string(&starts).unwrap_or_default();
    doc.meta
        .extra
        .insert("pages".to_owned(), MetaValue::Json(pages_json));
    doc.source = Some(path.display().to_string());
    Ok(doc)
}

/// Why a PDF gave no text: pages the reader failed on, glyphs the fonts
/// give no text for, or no glyphs at all (a scan).
fn no_text(read: &engine::Read) -> String {
    if let Some((page, e)) = read.failed.first() {
        return format!(
            "cannot read the PDF: the reader failed on page {page} ({})",
            one_line(e)
        );
    }
    if read.unmapped > 0 {
        return "cannot read the PDF's text: its fonts use a character map this reader lacks"
            .to_owned();
    }
    "the PDF has no text layer (a scan?): run OCR on it first (e.g. ocrmypdf)".to_owned()
}

/// A message on one line, at most 100 characters.
fn one_line(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let line: String = line.chars().take(100).collect();
    if line.is_empty() {
        "it is malformed".to_owned()
    } else {
        line
    }
}

/// A title a program made up, not the author: a file name, "Untitled",
/// "Microsoft Word - report.docx".
fn generated_title(title: &str) -> bool {
    let t = title.to_lowercase();
    t.starts_with("microsoft word -")
        || t == "untitled"
        || [".doc", ".docx", ".pdf", ".indd", ".qxd", ".tex", ".dvi"]
            .iter()
            .any(|e| t.ends_with(e))
}

/// The headline of page 1: its first paragraph in the largest size (over
/// two lines or more, whole), if that is clearly larger than the text.
fn headline(paragraphs: &[layout::Paragraph], body_size: f64) -> Option<String> {
    let largest = paragraphs.iter().map(|p| p.1).fold(0.0, f64::max);
    let (text, size) = paragraphs.iter().find(|p| p.1 >= largest * 0.95)?;
    (*size > body_size * 1.15 && text.chars().count() <= 300).then(|| text.clone())
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

/// The usual text size of the document (the median piece's).
fn median_size(pages: &[Vec<Group>]) -> f64 {
    let mut sizes: Vec<f64> = pages
        .iter()
        .flatten()
        .flat_map(|g| &g.pieces)
        .map(|p| p.size)
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// Pieces at the top or bottom of pages (their main direction) that
/// repeat on most pages (digits aside: page numbers count as the same
/// line), or that are only a page number: (page, y, x0) of each, as bits.
fn running_lines(pages: &[Vec<Group>]) -> HashSet<(usize, u64, u64)> {
    let main = |k: usize| pages.get(k).and_then(|g| g.first());
    let key = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .to_lowercase()
    };
    let in_margin = |k: usize, p: &Piece| {
        let h = main(k).map_or(0.0, |g| g.height);
        p.y < h * 0.09 || p.y > h * 0.91
    };
    let margin = |k: usize| {
        main(k)
            .map(|g| g.pieces.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(move |p| in_margin(k, p))
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for k in 0..pages.len() {
        let mut seen = HashSet::new();
        for p in margin(k) {
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
    for k in 0..pages.len() {
        for p in margin(k) {
            let repeats = counts.get(&key(&p.text)).is_some_and(|n| *n >= need);
            if repeats || page_number(&p.text) {
                out.insert((k, p.y.to_bits(), p.x0.to_bits()));
            }
        }
    }
    out
}
