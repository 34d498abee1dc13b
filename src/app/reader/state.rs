//! The reader's state across frames: paragraph geometry (not galleys),
//! the drag in progress, and the mapping from screen positions to code
//! point offsets through the paragraphs painted last frame.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Galley, Pos2, Rect};

use crate::model::{DocView, Document, Span, SpanId, text};
use crate::session::Edge;

use super::bidi::{self, Shaped, Style};
use super::heights::Heights;
use super::layout::{
    PARAGRAPH_GAP, Paragraph, body_format, faint, font_row_height, layout_paragraph, line_height,
    split_paragraphs,
};

/// What a drag in the reader is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Drag {
    /// Selecting text from this char boundary.
    Select { anchor: usize },
    /// Moving one edge of a span, held `dy` below the middle of its handle
    /// (the knob is above or below the line: the pointer is read as if it
    /// held the handle's middle, so the edge stays on the lines the person
    /// moves along).
    Resize { id: SpanId, edge: Edge, dy: f32 },
}

/// Reader state that lives across frames: paragraph geometry, not galleys.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// Which document shown (`Session::shown_generation`) the paragraphs
    /// belong to.
    pub(super) doc_key: Option<u64>,
    pub(super) paragraphs: Vec<Paragraph>,
    /// Height of each paragraph, measured once shown, estimated before.
    pub(super) heights: Heights,
    /// (wrap width, row height, line height) the heights were measured at.
    pub(super) layout_key: (f32, f32, f32),
    /// A height changed this frame: positions below it moved.
    pub(super) heights_changed: bool,
    /// Paragraphs painted last frame with their on-screen origin.
    pub(super) visible: Vec<(usize, Pos2)>,
    /// The drag in progress.
    pub(super) drag: Option<Drag>,
    /// A span being resized: its range as it would be if released now.
    pub(super) preview: Option<(SpanId, usize, usize)>,
    /// Wrap width used last frame.
    pub(super) wrap_width: f32,
    /// Text colour used last frame (part of the galley cache key).
    pub(super) text_color: Color32,
    /// Scroll so this char offset is in view next frame.
    pub scroll_to: Option<usize>,
    /// Scroll by this many pages next frame (negative: up).
    pub page_jump: Option<f32>,
    /// Scroll offset after last frame.
    pub(super) scroll_offset: f32,
    /// Height of the visible area last frame.
    pub(super) viewport_height: f32,
    /// The visible area on screen last frame.
    pub(super) viewport_rect: Option<Rect>,
    /// A line to keep where it is while the layout changes.
    pub(super) anchor: Option<super::anchor::Anchor>,
    /// The anchor's offset was within reach this frame.
    pub(super) anchor_reached: bool,
    /// How far the reader could scroll last frame.
    pub(super) max_scroll: f32,
    /// Screen rectangles of the selected span's start and end handles.
    pub(super) handles: Option<(Rect, Rect)>,
    /// Linking: where the line from the source to the pointer ended, as
    /// painted last frame.
    pub(super) link_preview: Option<egui::Pos2>,
    /// Show every relation of the visible text as arcs between the lines
    /// (the lines move apart to make room).
    pub show_relations: bool,
    /// Relation arcs painted last frame: (relation, its label's rectangle).
    pub(super) arc_labels: Vec<(crate::model::RelationId, Rect)>,
    /// Paragraphs with right-to-left text, reordered, by the logical
    /// galley they were made from (egui's cache hands out a new one when
    /// anything about the layout changes; the same one for the same text).
    /// The galley is kept, so its address is not reused while it is here.
    reordered: RefCell<HashMap<usize, (Arc<Galley>, Shaped)>>,
}

impl ReaderState {
    /// The width the reader wraps its text at (shrinks when side panels
    /// take room).
    pub fn wrap_width(&self) -> f32 {
        self.wrap_width
    }

    pub(super) fn sync(&mut self, shown: u64, doc: &Document, wrap_width: f32, row_height: f32) {
        // Per document shown (`Session::shown_generation`), never per
        // index: after an import or its undo another document can take an
        // index.
        let key = shown;
        if self.doc_key != Some(key) {
            self.doc_key = Some(key);
            self.paragraphs = split_paragraphs(&doc.text);
            self.layout_key = (0.0, 0.0, 0.0);
            self.drag = None;
            self.preview = None;
            self.reordered.get_mut().clear();
        }
        let line = line_height(row_height, self.show_relations);
        if self.layout_key != (wrap_width, row_height, line) {
            self.layout_key = (wrap_width, row_height, line);
            self.reordered.get_mut().clear();
            // Estimate: average glyph is about half the row height wide.
            let chars_per_row = (wrap_width / (row_height * 0.45)).max(1.0);
            self.heights = Heights::new(
                self.paragraphs
                    .iter()
                    .map(|p| {
                        if p.is_empty() {
                            return row_height * 0.5;
                        }
                        let rows = (p.len() as f32 / chars_per_row).ceil().max(1.0);
                        rows * line + PARAGRAPH_GAP
                    })
                    .collect(),
            );
        }
    }

    /// Paragraph `para` laid out as the reader shows it: a paragraph with
    /// right-to-left text in visual order.
    pub(super) fn galley(&self, ctx: &egui::Context, doc: &Document, para: &Paragraph) -> Shaped {
        let line = self.layout_key.2;
        let logical = layout_paragraph(ctx, doc, para, self.wrap_width, self.text_color, line);
        let text = doc.text.get(para.byte_start..para.byte_end).unwrap_or("");
        if !bidi::may_be_rtl(text) {
            return Shaped::plain(logical);
        }
        let key = Arc::as_ptr(&logical) as usize;
        if let Some((_, shaped)) = self.reordered.borrow().get(&key) {
            return shaped.clone();
        }
        let format = body_format(self.text_color, line);
        let style = Style {
            format: &format,
            faint: faint(self.text_color),
            wrap_width: self.wrap_width,
        };
        let shaped = bidi::lay_out(ctx, logical.clone(), text, &style);
        let mut cache = self.reordered.borrow_mut();
        if cache.len() > 256 {
            cache.clear();
        }
        cache.insert(key, (logical, shaped.clone()));
        shaped
    }

    /// Relation arcs painted last frame: (relation, the rectangle of its
    /// label). Used by tests.
    pub fn arc_labels(&self) -> &[(crate::model::RelationId, Rect)] {
        &self.arc_labels
    }

    /// Index of the paragraph holding char offset `pos`.
    pub(super) fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.char_end < pos)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Screen rectangle of the code point at `pos`, if it was painted last frame.
    /// Used by tests and to aim the pointer; needs the same `ui` context.
    pub fn char_rect(&self, ctx: &egui::Context, doc: &Document, pos: usize) -> Option<Rect> {
        self.range_rects(ctx, doc, pos, pos + 1).first().copied()
    }

    /// Screen rectangles covering code points `[a, b)` of the paragraph
    /// holding `a`, as painted last frame: one per visually contiguous
    /// stretch of each line (several where the text changes direction).
    pub fn range_rects(
        &self,
        ctx: &egui::Context,
        doc: &Document,
        a: usize,
        b: usize,
    ) -> Vec<Rect> {
        let para_idx = self.paragraph_of(a);
        let Some((_, origin)) = self.visible.iter().find(|(i, _)| *i == para_idx) else {
            return Vec::new();
        };
        let Some(para) = self.paragraphs.get(para_idx) else {
            return Vec::new();
        };
        let shaped = self.galley(ctx, doc, para);
        let (la, lb) = (a - para.char_start, b.min(para.char_end) - para.char_start);
        shaped
            .range_rects(la, lb, font_row_height(ctx))
            .into_iter()
            .map(|r| r.translate(origin.to_vec2()))
            .collect()
    }

    /// The char range `[start, end)` of the paragraphs painted last frame.
    pub fn visible_chars(&self) -> Option<(usize, usize)> {
        let first = self.paragraphs.get(self.visible.first()?.0)?;
        let last = self.paragraphs.get(self.visible.last()?.0)?;
        Some((first.char_start, last.char_end))
    }

    /// Screen rectangles of the selected span's start and end handles, as
    /// painted last frame.
    pub fn handles(&self) -> Option<(Rect, Rect)> {
        self.handles
    }

    /// Linking: where the line drawn from the source to the pointer ends,
    /// as painted last frame.
    pub fn link_preview(&self) -> Option<egui::Pos2> {
        self.link_preview
    }

    /// Map a screen position to (char boundary, code point under it) using the
    /// paragraphs painted last frame.
    pub fn locate(
        &self,
        ctx: &egui::Context,
        doc: &Document,
        p: Pos2,
    ) -> Option<(usize, Option<usize>)> {
        let (pi, origin) = self.visible.get(visible_at(&self.visible, p))?;
        let para = self.paragraphs.get(*pi)?;
        let galley = self.galley(ctx, doc, para);
        Some(hit_paragraph(para, *origin, &galley, p))
    }

    /// The innermost span under a screen position, if any.
    pub fn span_at(&self, ctx: &egui::Context, view: DocView<'_>, p: Pos2) -> Option<SpanId> {
        let (_, under) = self.locate(ctx, view.doc, p)?;
        view.spans_at(under?).first().map(|s| s.id)
    }

    /// The selection `[a, z)` after snapping or trimming; `None` if empty.
    pub(super) fn make_selection(
        &self,
        doc: &Document,
        a: usize,
        z: usize,
        snap: bool,
    ) -> Option<(usize, usize)> {
        // Work on the paragraphs the selection touches, not the whole text.
        let p0 = self.paragraphs.get(self.paragraph_of(a))?;
        let p1 = self.paragraphs.get(self.paragraph_of(z))?;
        let base = p0.char_start;
        let slice = doc.text.get(p0.byte_start..p1.byte_end)?;
        let (la, lz) = (a - base, z.min(p1.char_end) - base);
        let local = if snap {
            if la == lz {
                return None;
            }
            text::snap_to_words(slice, la, lz)
        } else {
            text::trim_selection(slice, la, lz)
        }?;
        Some((local.0 + base, local.1 + base))
    }

    /// The word around code point `pos` (for double-click).
    pub(super) fn word_at(&self, doc: &Document, pos: usize) -> Option<(usize, usize)> {
        let p = self.paragraphs.get(self.paragraph_of(pos))?;
        let slice = doc.text.get(p.byte_start..p.byte_end)?;
        let local = pos.checked_sub(p.char_start)?;
        let (a, b) = text::snap_to_words(slice, local, local + 1)?;
        Some((a + p.char_start, b + p.char_start))
    }

    /// Where an edge of a span lands when dragged to boundary `b`.
    pub(super) fn resized(
        &self,
        doc: &Document,
        span: &Span,
        edge: Edge,
        b: usize,
        snap: bool,
    ) -> (usize, usize) {
        let snapped = if snap {
            let probe = match edge {
                Edge::Start => b,
                Edge::End => b.saturating_sub(1),
            };
            self.word_at(doc, probe).map_or(b, |(s, e)| match edge {
                Edge::Start => s,
                Edge::End => e,
            })
        } else {
            // Exactly where dragged, but never inside a grapheme cluster.
            let p = self.paragraphs.get(self.paragraph_of(b));
            p.and_then(|p| {
                let slice = doc.text.get(p.byte_start..p.byte_end)?;
                let local = b.checked_sub(p.char_start)?;
                let (s, e) = text::to_clusters(slice, local, local);
                Some(p.char_start + if edge == Edge::Start { s } else { e })
            })
            .unwrap_or(b)
        };
        match edge {
            Edge::Start => (snapped.min(span.end - 1), span.end),
            Edge::End => (span.start, snapped.max(span.start + 1)),
        }
    }
}

/// Which of the painted paragraphs a screen position falls in (the last
/// one starting above it).
pub(super) fn visible_at(visible: &[(usize, Pos2)], p: Pos2) -> usize {
    visible
        .iter()
        .rposition(|(_, pos)| pos.y <= p.y)
        .unwrap_or(0)
}

/// (char boundary, code point under it) of a screen position over a
/// paragraph laid out at `origin`, as document offsets.
pub(super) fn hit_paragraph(
    para: &Paragraph,
    origin: Pos2,
    shaped: &Shaped,
    p: Pos2,
) -> (usize, Option<usize>) {
    let (b, under) = shaped.hit(p - origin);
    (para.char_start + b, under.map(|u| para.char_start + u))
}
