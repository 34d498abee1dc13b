//! Reading a PDF's glyphs with `hayro-interpret` (pure Rust): every glyph
//! a page draws, with its text (from the font's `ToUnicode` map, its
//! encoding, or a predefined CJK character map), where it stands and its
//! size, in the page's upright coordinates (its `/Rotate` applied, y down).
//! Text drawn in another direction (a rotated page's body, a vertical note
//! in the margin) is turned so that it reads left to right, and each glyph
//! keeps the quarter turn that did it, so that lines are built per
//! direction.

use std::collections::HashMap;

use super::cjk::Collections;

use hayro_interpret::font::{Glyph as Drawn, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, TransformExt, interpret_page,
};

/// One glyph, turned to read left to right (y grows down).
#[derive(Clone, Debug)]
pub(super) struct Glyph {
    /// Where its baseline starts.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// Where the next glyph would start (its advance).
    pub end: f64,
    /// Its size (the em square's side).
    pub size: f64,
    /// Its text; a space is a word break.
    pub text: String,
    /// Quarter turns that bring it upright (0: it already reads left to right).
    pub turn: u8,
}

/// A page's glyphs and size (upright).
#[derive(Debug, Default)]
pub(super) struct Page {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The glyphs in the order the page draws them.
    pub glyphs: Vec<Glyph>,
}

/// What was read from a PDF.
#[derive(Debug, Default)]
pub(super) struct Read {
    /// Each page.
    pub pages: Vec<Page>,
    /// The document information dictionary's title, as bytes.
    pub title: Option<Vec<u8>>,
    /// Glyphs drawn whose text the fonts do not give.
    pub unmapped: usize,
    /// Pages the reader failed on (1-based) and how.
    pub failed: Vec<(usize, String)>,
}

/// Collects a page's glyphs.
struct Collector<'f> {
    glyphs: Vec<Glyph>,
    unmapped: usize,
    fonts: &'f mut Fonts,
    cjk: &'f Collections,
}

/// Each embedded font's characters by glyph, from its own `cmap` table
/// (for a font the PDF gives no `ToUnicode` map or glyph names for), by
/// the font's cache key.
type Fonts = HashMap<u128, HashMap<u32, char>>;

/// The text of a glyph whose font gives none through the PDF: a CJK
/// font's character collection's; the character the font program's
/// `cmap` table maps to it; else, for a one-byte code, the code read as
/// Latin-1 (as poppler does).
fn fallback(glyph: &Drawn<'_>, fonts: &mut Fonts, cjk: &Collections) -> Option<String> {
    if let Drawn::Outline(o) = glyph
        && let Some(data) = o.font_data()
    {
        if let Some(text) = data
            .postscript_name
            .as_deref()
            .and_then(|name| cjk.text(name, o.char_code()))
        {
            return Some(text);
        }
        let map = fonts.entry(data.cache_key).or_insert_with(|| {
            let bytes: &[u8] = (*data.data).as_ref();
            let Ok(font) = skrifa::FontRef::new(bytes) else {
                return HashMap::new();
            };
            let mut map = HashMap::new();
            for (c, g) in skrifa::MetadataProvider::charmap(&font).mappings() {
                if let Some(c) = char::from_u32(c) {
                    map.entry(g.to_u32()).or_insert(c);
                }
            }
            map
        });
        if let Some(c) = map.get(&o.glyph_id().to_u32()) {
            let private = ('\u{F000}'..='\u{F0FF}').contains(c);
            return (!c.is_control() && !private).then(|| c.to_string());
        }
    }
    let code = u8::try_from(glyph.char_code()).ok()?;
    Some(char::from(code))
        .filter(|c| !c.is_control())
        .map(String::from)
}

/// Turn `p` by `turn` quarter turns (the inverse of the text's direction).
fn turned(p: Point, turn: u8) -> (f64, f64) {
    match turn {
        1 => (p.y, -p.x),
        2 => (-p.x, -p.y),
        3 => (-p.y, p.x),
        _ => (p.x, p.y),
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => match fallback(g, self.fonts, self.cjk) {
                    Some(t) => t,
                    None => {
                        self.unmapped += 1;
                        continue;
                    }
                },
            };
            // Text space to the page: the glyph's transform, then the CTM.
            let t: Affine = props.transform * g.transform();
            let [a, b, ..] = t.as_coeffs();
            let advance = match &**g {
                Drawn::Outline(o) => o.advance_width(),
                Drawn::Type3(t) => t.advance_width(),
            };
            let advance = f64::from(advance.unwrap_or(0.0));
            // Glyph space is 1000 units to the em; a Type 3 font's own
            // matrix is not in the transform, so its size is guessed from
            // its advance (a glyph is about half an em wide).
            let mut size = t.determinant().abs().sqrt() * 1000.0;
            if matches!(&**g, Drawn::Type3(_)) {
                let run = (t * Point::new(advance, 0.0) - t * Point::ORIGIN).hypot();
                size = size.max(run * 2.0);
            }
            if !size.is_finite() || size < 0.5 || !(a.is_finite() && b.is_finite()) {
                continue;
            }
            // The baseline's direction, to the nearest quarter turn; text
            // written vertically (CJK) runs a quarter turn further, down.
            let angle = b.atan2(a).to_degrees();
            let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
            let turn = ((((angle + 45.0).rem_euclid(360.0)) / 90.0) as u8 + u8::from(vertical)) % 4;
            let (x, y) = turned(t * Point::ORIGIN, turn);
            let (end, _) = if vertical {
                (x + size, y)
            } else {
                turned(t * Point::new(advance, 0.0), turn)
            };
            // A width the font does not give: half an em.
            let end = if end > x { end } else { x + size * 0.5 };
            self.glyphs.push(Glyph {
                x,
                y,
                end,
                size,
                text,
                turn,
            });
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Read every page's glyphs. A page the reader fails on (a panic in the
/// library) is skipped and named in [`Read::failed`].
pub(super) fn read(bytes: &[u8]) -> Result<Read, String> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => "the PDF is encrypted".to_owned(),
        LoadPdfError::Invalid => "it is malformed".to_owned(),
    })?;
    let mut read = Read {
        title: pdf.metadata().title.as_ref().map(|t| t.to_vec()),
        ..Read::default()
    };
    let cache = InterpreterCache::new();
    let mut fonts = Fonts::new();
    let cjk = Collections::of(&pdf);
    for (k, page) in pdf.pages().iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let drawn = super::super::panics::catch_quietly(|| {
            let mut ctx = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, width, height),
                &cache,
                page.xref(),
                InterpreterSettings::default(),
            );
            let mut c = Collector {
                glyphs: Vec::new(),
                unmapped: 0,
                fonts: &mut fonts,
                cjk: &cjk,
            };
            interpret_page(page, &mut ctx, &mut c);
            (c.glyphs, c.unmapped)
        });
        match drawn {
            Ok((glyphs, unmapped)) => {
                read.unmapped += unmapped;
                read.pages.push(Page {
                    width,
                    height,
                    glyphs,
                });
            }
            Err(e) => {
                read.failed.push((k + 1, e));
                read.pages.push(Page {
                    width,
                    height,
                    glyphs: Vec::new(),
                });
            }
        }
    }
    Ok(read)
}

/// A page's glyphs for one direction (`turn`), and the page's box turned
/// the same way: (left, top, width, height).
pub(super) fn upright(page: &Page, turn: u8) -> (Vec<Glyph>, (f64, f64, f64, f64)) {
    let corners =
        [Point::new(0.0, 0.0), Point::new(page.width, page.height)].map(|p| turned(p, turn));
    let left = corners[0].0.min(corners[1].0);
    let top = corners[0].1.min(corners[1].1);
    let w = (corners[0].0 - corners[1].0).abs();
    let h = (corners[0].1 - corners[1].1).abs();
    let glyphs = page
        .glyphs
        .iter()
        .filter(|g| g.turn == turn)
        .map(|g| Glyph {
            x: g.x - left,
            end: g.end - left,
            y: g.y - top,
            ..g.clone()
        })
        .collect();
    (glyphs, (left, top, w, h))
}
