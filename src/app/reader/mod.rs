//! The reader: the document's text with span highlights.
//!
//! Text is split into paragraphs at `\n`. Only paragraphs that intersect the
//! viewport are laid out and painted (`ScrollArea::show_viewport`), using
//! measured heights where known and estimates elsewhere (kept in a Fenwick
//! tree). Galleys come from egui's galley cache, which reuses them across
//! frames while they are shown; no galley is kept in the app state.
//!
//! The reader never changes the document: what the person does becomes
//! [`Command`]s, applied at the end of the frame. Its rooms: `state` (what
//! lives across frames), `input` (pointer to commands), `highlight`
//! (painting), `layout` and `heights` (geometry), `paint` (helpers).

mod anchor;
mod arcs;
pub mod bidi;
mod heights;
mod highlight;
mod input;
mod layout;
mod paint;
pub mod palette;
mod state;

use egui::{Pos2, Sense, Ui, vec2};

use crate::model::{DocView, LabelSet};

use super::command::Command;
use super::state::Selection;
pub use layout::{MAX_READING_WIDTH, Paragraph, body_font, split_paragraphs, stand_in};
use layout::{PARAGRAPH_GAP, font_row_height};
pub use state::ReaderState;
use state::hit_paragraph;

/// Everything the reader shows this frame.
pub struct Reader<'a> {
    /// Which document is shown (`Session::shown_generation`): paragraph
    /// geometry is cached per document shown.
    pub shown: u64,
    /// The document with its indexes.
    pub view: DocView<'a>,
    /// The label set.
    pub labels: &'a LabelSet,
    /// The selection, updated while dragging.
    pub selection: &'a mut Selection,
    /// Snap selections to whole words (off while Alt is held).
    pub snap: bool,
    /// Search matches to highlight, sorted.
    pub matches: &'a [(usize, usize)],
    /// Index of the current search match.
    pub current_match: Option<usize>,
    /// The next click on a span completes a relation.
    pub linking: bool,
    /// Take keyboard focus (nothing else wants it).
    pub grab_focus: bool,
    /// A suggested link to draw faintly: a suggested quote's range and
    /// its speaker's.
    pub ghost_link: Option<((usize, usize), (usize, usize))>,
}

/// The paragraphs laid out this frame: which, where, and their galleys.
pub(super) struct Laid {
    /// (paragraph index, paragraph, on-screen origin, layout), top to bottom.
    pub items: Vec<(usize, Paragraph, Pos2, bidi::Shaped)>,
}

impl Laid {
    /// Screen x of the leading edge of code point `c` (the trailing edge
    /// of `c - 1` if `after`), where right-to-left text moved it; `None`
    /// where the text reads left to right as egui laid it out.
    pub fn edge_x(&self, c: usize, after: bool) -> Option<f32> {
        let (_, para, origin, shaped) = self
            .items
            .iter()
            .find(|(_, p, _, _)| p.char_start <= c && c <= p.char_end)?;
        let (x, _, _) = shaped.edge(c - para.char_start, after)?;
        Some(origin.x + x)
    }

    /// (char boundary, code point under it) of a screen position.
    pub fn locate(&self, p: Pos2) -> Option<(usize, Option<usize>)> {
        let k = self
            .items
            .iter()
            .rposition(|(_, _, pos, _)| pos.y <= p.y)
            .unwrap_or(0);
        let (_, para, origin, galley) = self.items.get(k)?;
        Some(hit_paragraph(para, *origin, galley, p))
    }
}

impl Reader<'_> {
    /// Show the reader. Changes to the document go out as commands.
    pub fn ui(mut self, ui: &mut Ui, state: &mut ReaderState, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        let row_height = font_row_height(&ctx);
        let avail = ui.available_width();
        let wrap_width = (avail - 48.0).clamp(120.0, MAX_READING_WIDTH);
        let left_margin = ((avail - wrap_width) / 2.0).max(12.0);
        let text_color = palette::reader_text(ui.visuals());
        state.sync(self.shown, self.view.doc, wrap_width, row_height);
        state.wrap_width = wrap_width;
        state.text_color = text_color;

        // A long article would get a sliver of a handle: keep it grabbable.
        ui.spacing_mut().scroll.handle_min_length = 36.0;
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink([false, false]);
        // Keep applying a jump until the measured heights around it settle.
        if let Some(offset) = state.anchored_offset(&ctx, self.view.doc) {
            // Never past the end the scroll area knows from last frame (it
            // would spring back from there): the rest follows next frame.
            let reach = offset.min(state.max_scroll.max(0.0));
            state.anchor_reached = (reach - offset).abs() < 0.5;
            scroll = scroll.vertical_scroll_offset(reach);
        } else if let Some(pos) = state.scroll_to {
            let top = state.heights.top(state.paragraph_of(pos));
            scroll = scroll.vertical_scroll_offset((top - 80.0).max(0.0));
        } else if let Some(pages) = state.page_jump.take() {
            let y = state.scroll_offset + pages * state.viewport_height * 0.9;
            scroll = scroll.vertical_scroll_offset(y.clamp(0.0, state.heights.total()));
        }
        let total_height = state.heights.total() + 40.0;

        let output = scroll.show_viewport(ui, |ui, viewport| {
            let (content_rect, response) = ui.allocate_exact_size(
                vec2(ui.available_width(), total_height),
                Sense::click_and_drag(),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text")
            });
            if self.grab_focus && !response.has_focus() {
                response.request_focus();
            }
            // Keep Tab and the arrow keys for the reader's own shortcuts.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
            let origin = content_rect.min + vec2(left_margin, 0.0);
            let laid = lay_out_visible(&ctx, state, self.view, viewport, origin, row_height);
            state.visible = laid.items.iter().map(|(i, _, pos, _)| (*i, *pos)).collect();
            input::pointer_ui(&ctx, &response, &laid, state, &mut self, commands);
            input::hover_ui(&ctx, &response, &laid, state, &self);
            let painter = ui.painter_at(ui.clip_rect());
            highlight::paint(ui, &painter, &laid, state, &self, row_height);
        });
        state.scroll_offset = output.state.clamped_offset().y;
        state.viewport_height = output.inner_rect.height();
        state.viewport_rect = Some(output.inner_rect);
        state.max_scroll = output.content_size.y - output.inner_rect.height();
        // The anchored line is where it was once the heights settle, or
        // as near as the text's end allows.
        if state.anchor.is_some() && !state.heights_changed {
            let want = state.anchored_offset(&ctx, self.view.doc).unwrap_or(0.0);
            if state.anchor_reached || want > state.max_scroll + 0.5 {
                state.anchor = None;
            } else {
                ctx.request_repaint();
            }
        }
    }
}

/// Lay out the paragraphs in the viewport, measuring their heights.
fn lay_out_visible(
    ctx: &egui::Context,
    state: &mut ReaderState,
    view: DocView<'_>,
    viewport: egui::Rect,
    origin: Pos2,
    row_height: f32,
) -> Laid {
    let first = state.heights.find(viewport.min.y);
    let mut top = state.heights.top(first);
    let mut items = Vec::new();
    let mut i = first;
    state.heights_changed = false;
    while i < state.paragraphs.len() && top <= viewport.max.y {
        let para = state.paragraphs[i];
        let galley = state.galley(ctx, view.doc, &para);
        let measured = if para.is_empty() {
            row_height * 0.5 // A blank line between paragraphs: half a line.
        } else {
            galley.size().y.max(state.layout_key.2) + PARAGRAPH_GAP
        };
        state.heights_changed |= state.heights.set(i, measured);
        items.push((i, para, origin + vec2(0.0, top), galley));
        top += measured;
        i += 1;
    }
    if state.heights_changed {
        ctx.request_repaint();
    } else {
        state.scroll_to = None;
    }
    Laid { items }
}
