//! Keeping a line where it is on screen while the layout changes under it
//! (all relations shown or hidden move the lines apart or together): the
//! line under the pointer, else the first one shown, stays at its height
//! in the view until the heights around it settle.

use egui::Pos2;

use crate::model::Document;

use super::layout::font_row_height;
use super::state::ReaderState;

/// A code point whose line must stay `y` points below the top of the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Anchor {
    char: usize,
    y: f32,
}

impl ReaderState {
    /// Keep the line under `pointer` (else the first line shown) where it
    /// is while the layout changes: call before changing it.
    pub fn keep_line(&mut self, ctx: &egui::Context, doc: &Document, pointer: Option<Pos2>) {
        let Some(viewport) = self.viewport_rect else {
            return;
        };
        let under = pointer
            .filter(|p| viewport.contains(*p))
            .and_then(|p| self.locate(ctx, doc, p))
            .map(|(b, _)| b);
        let Some(char) = under.or_else(|| self.visible_chars().map(|(first, _)| first)) else {
            return;
        };
        let Some(rect) = self.char_rect(ctx, doc, char.min(doc.text.len())) else {
            return;
        };
        self.anchor = Some(Anchor {
            char,
            y: rect.min.y - viewport.min.y,
        });
        self.scroll_to = None;
    }

    /// The scroll offset that puts the anchored line where it was, laid
    /// out as it is now.
    pub(super) fn anchored_offset(&self, ctx: &egui::Context, doc: &Document) -> Option<f32> {
        let anchor = self.anchor?;
        let i = self.paragraph_of(anchor.char);
        let para = *self.paragraphs.get(i)?;
        let shaped = self.galley(ctx, doc, &para);
        let local = anchor.char.saturating_sub(para.char_start);
        let row = shaped
            .range_rects(local, local + 1, font_row_height(ctx))
            .first()
            .map_or(0.0, |r| r.min.y);
        Some((self.heights.top(i) + row - anchor.y).max(0.0))
    }
}
