//! The reader: the document's text with span highlights.
//!
//! Text is split into paragraphs at `\n`. Only paragraphs that intersect the
//! viewport are laid out and painted (`ScrollArea::show_viewport`), using
//! measured heights where known and estimates elsewhere. Galleys come from
//! egui's galley cache, which reuses them across frames while they are shown;
//! no galley is kept in the app state.

use egui::text::{CCursor, CharIndex, LayoutJob, TextWrapping};
use egui::{
    Color32, CornerRadius, FontId, Galley, Pos2, Rect, Sense, Stroke, TextFormat, Ui, Vec2, pos2,
    vec2,
};
use std::sync::Arc;

use crate::model::{DocView, Document, LabelSet, Rgb, Span, SpanId, text};

mod heights;

use heights::Heights;

use super::commands::Command;
use super::state::Selection;

/// Widest the text column grows, in points: a comfortable reading measure.
pub const MAX_READING_WIDTH: f32 = 720.0;
/// Body font size in points.
pub const FONT_SIZE: f32 = 17.0;
/// Line height as a multiple of the font's row height: room for underlines.
const LINE_SPACING: f32 = 1.5;
/// Vertical gap after each paragraph.
const PARAGRAPH_GAP: f32 = 6.0;
/// Height of a nesting underline and the step between stacked ones.
const UNDERLINE_STEP: f32 = 3.0;

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

/// Reader state that lives across frames: paragraph geometry, not galleys.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// Which document (index, text length in bytes) the paragraphs belong to.
    doc_key: Option<(usize, usize)>,
    paragraphs: Vec<Paragraph>,
    /// Height of each paragraph, measured once shown, estimated before.
    heights: Heights,
    /// (wrap width, font size) the heights were measured at.
    layout_key: (f32, f32),
    /// A height changed this frame: positions below it moved.
    heights_changed: bool,
    /// Paragraphs painted last frame with their on-screen origin.
    visible: Vec<(usize, Pos2)>,
    /// Where a drag started, as a char offset.
    drag_anchor: Option<usize>,
    /// Wrap width used last frame.
    wrap_width: f32,
    /// Text colour used last frame (part of the galley cache key).
    text_color: Color32,
    /// Scroll so this char offset is in view next frame.
    pub scroll_to: Option<usize>,
    /// Scroll by this many pages next frame (negative: up).
    pub page_jump: Option<f32>,
    /// Scroll offset after last frame.
    scroll_offset: f32,
    /// Height of the visible area last frame.
    viewport_height: f32,
}

impl ReaderState {
    fn sync(&mut self, doc_index: usize, doc: &Document, wrap_width: f32, row_height: f32) {
        let key = (doc_index, doc.text.len());
        if self.doc_key != Some(key) {
            self.doc_key = Some(key);
            self.paragraphs = split_paragraphs(&doc.text);
            self.layout_key = (0.0, 0.0);
            self.drag_anchor = None;
        }
        if self.layout_key != (wrap_width, row_height) {
            self.layout_key = (wrap_width, row_height);
            // Estimate: average glyph is about half the row height wide.
            let chars_per_row = (wrap_width / (row_height * 0.45)).max(1.0);
            self.heights = Heights::new(
                self.paragraphs
                    .iter()
                    .map(|p| {
                        if p.char_end == p.char_start {
                            return row_height * 0.5;
                        }
                        let rows = ((p.char_end - p.char_start) as f32 / chars_per_row)
                            .ceil()
                            .max(1.0);
                        rows * row_height * LINE_SPACING + PARAGRAPH_GAP
                    })
                    .collect(),
            );
        }
    }

    /// Number of paragraphs of the document shown.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Index of the paragraph holding char offset `pos`.
    fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.char_end < pos)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Screen rectangle of the code point at `pos`, if it was painted last frame.
    /// Used by tests and to aim the pointer; needs the same `ui` context.
    pub fn char_rect(&self, ctx: &egui::Context, doc: &Document, pos: usize) -> Option<Rect> {
        let para_idx = self.paragraph_of(pos);
        let (_, origin) = self.visible.iter().find(|(i, _)| *i == para_idx)?;
        let para = self.paragraphs.get(para_idx)?;
        let galley = layout_paragraph(ctx, doc, para, self.wrap_width, self.text_color);
        let local = pos - para.char_start;
        let rects = range_rects(&galley, local, local + 1, font_row_height(ctx));
        rects.first().map(|r| r.translate(origin.to_vec2()))
    }

    /// The char range `[start, end)` of the paragraphs painted last frame.
    pub fn visible_chars(&self) -> Option<(usize, usize)> {
        let first = self.paragraphs.get(self.visible.first()?.0)?;
        let last = self.paragraphs.get(self.visible.last()?.0)?;
        Some((first.char_start, last.char_end))
    }

    /// Map a screen position to (char boundary, code point under it) using the
    /// paragraphs painted last frame.
    pub fn locate(
        &self,
        ctx: &egui::Context,
        doc: &Document,
        p: Pos2,
    ) -> Option<(usize, Option<usize>)> {
        let k = self
            .visible
            .iter()
            .rposition(|(_, pos)| pos.y <= p.y)
            .unwrap_or(0);
        let (pi, origin) = self.visible.get(k)?;
        let para = self.paragraphs.get(*pi)?;
        let galley = layout_paragraph(ctx, doc, para, self.wrap_width, self.text_color);
        let (b, under) = hit(&galley, p - *origin);
        Some((para.char_start + b, under.map(|u| para.char_start + u)))
    }

    /// The innermost span under a screen position, if any.
    pub fn span_at(&self, ctx: &egui::Context, view: DocView<'_>, p: Pos2) -> Option<SpanId> {
        let (_, under) = self.locate(ctx, view.doc, p)?;
        view.spans_at(under?).first().map(|s| s.id)
    }
}

fn body_font() -> FontId {
    FontId::proportional(FONT_SIZE)
}

fn font_row_height(ctx: &egui::Context) -> f32 {
    ctx.fonts_mut(|f| f.row_height(&body_font()))
}

fn layout_paragraph(
    ctx: &egui::Context,
    doc: &Document,
    para: &Paragraph,
    wrap_width: f32,
    color: Color32,
) -> Arc<Galley> {
    let text = doc.text.get(para.byte_start..para.byte_end).unwrap_or("");
    let row_height = font_row_height(ctx);
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat {
            font_id: body_font(),
            color,
            line_height: Some((row_height * LINE_SPACING).round()),
            ..Default::default()
        },
    );
    job.wrap = TextWrapping::wrap_at_width(wrap_width);
    ctx.fonts_mut(|f| f.layout_job(job))
}

/// Rectangles (galley coordinates) covering code points `[a, b)` of a galley,
/// one per row, as tall as the font (not the line).
fn range_rects(galley: &Galley, a: usize, b: usize, font_height: f32) -> Vec<Rect> {
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
fn hit(galley: &Galley, local: Vec2) -> (usize, Option<usize>) {
    let cursor: CCursor = galley.cursor_from_pos(local);
    let boundary = cursor.index.0;
    let inside = galley
        .rect
        .expand2(vec2(0.0, 0.0))
        .contains(local.to_pos2());
    let under = if inside {
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

/// Fill and underline colours for a label colour.
fn fill_color(rgb: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(rgb.0, rgb.1, rgb.2, alpha)
}

/// Assign each span a nesting depth so that overlapping spans get distinct
/// underline rows. `spans` must be sorted by start.
fn nesting_depths(spans: &[&Span]) -> Vec<usize> {
    let mut depths = Vec::with_capacity(spans.len());
    // (end, depth) of spans still open.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, std::cmp::Reverse(spans[i].end)));
    let mut result = vec![0; spans.len()];
    for i in order {
        let s = spans[i];
        open.retain(|(end, _)| *end > s.start);
        let mut d = 0;
        while open.iter().any(|(_, od)| *od == d) {
            d += 1;
        }
        open.push((s.end, d));
        result[i] = d;
    }
    depths.extend(result);
    depths
}

/// Show the reader for `doc`. Changes to the document go out as commands.
#[expect(clippy::too_many_arguments)]
pub fn reader_ui(
    ui: &mut Ui,
    doc_index: usize,
    view: DocView<'_>,
    labels: &LabelSet,
    state: &mut ReaderState,
    selection: &mut Selection,
    snap_to_words: bool,
    commands: &mut Vec<Command>,
) {
    let ctx = ui.ctx().clone();
    let doc = view.doc;
    let row_height = font_row_height(&ctx);
    let avail = ui.available_width();
    let wrap_width = (avail - 48.0).clamp(120.0, MAX_READING_WIDTH);
    let left_margin = ((avail - wrap_width) / 2.0).max(12.0);
    state.sync(doc_index, doc, wrap_width, row_height);
    state.wrap_width = wrap_width;
    state.text_color = ui.visuals().text_color();

    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("reader")
        .auto_shrink([false, false]);
    // Keep applying a jump until the measured heights around it settle.
    if let Some(pos) = state.scroll_to {
        let p = state.paragraph_of(pos);
        let top = state.heights.top(p);
        scroll = scroll.vertical_scroll_offset((top - 80.0).max(0.0));
    } else if let Some(pages) = state.page_jump.take() {
        let y = state.scroll_offset + pages * state.viewport_height * 0.9;
        scroll = scroll.vertical_scroll_offset(y.clamp(0.0, state.heights.total()));
    }

    let text_color = ui.visuals().text_color();
    let sel_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
    let strong = ui.visuals().strong_text_color();
    let total_height = state.heights.total() + 40.0;

    let output = scroll.show_viewport(ui, |ui, viewport| {
        let (content_rect, response) = ui.allocate_exact_size(
            vec2(ui.available_width(), total_height),
            Sense::click_and_drag(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text"));
        let painter = ui.painter_at(ui.clip_rect());
        let origin = content_rect.min;

        // Visible paragraph range.
        let first = state.heights.find(viewport.min.y);
        let mut top = state.heights.top(first);
        let mut visible = Vec::new();
        let mut galleys = Vec::new();
        let mut i = first;
        state.heights_changed = false;
        while i < state.paragraphs.len() && top <= viewport.max.y {
            let para = state.paragraphs[i];
            let galley = layout_paragraph(&ctx, doc, &para, wrap_width, text_color);
            let measured = if para.char_end == para.char_start {
                row_height * 0.5 // A blank line separates paragraphs: half a line is enough.
            } else {
                galley.size().y.max(row_height * LINE_SPACING) + PARAGRAPH_GAP
            };
            state.heights_changed |= state.heights.set(i, measured);
            let pos = origin + vec2(left_margin, top);
            visible.push((i, pos));
            galleys.push(galley);
            top += measured;
            i += 1;
        }
        if state.heights_changed {
            ctx.request_repaint();
        } else {
            state.scroll_to = None;
        }

        // Pointer → char offsets.
        let locate = |p: Pos2| -> Option<(usize, Option<usize>)> {
            let k = visible
                .iter()
                .rposition(|(_, pos)| pos.y <= p.y)
                .unwrap_or(0);
            let (pi, pos) = visible.get(k)?;
            let galley = galleys.get(k)?;
            let para = state.paragraphs[*pi];
            let (b, under) = hit(galley, p - *pos);
            Some((para.char_start + b, under.map(|u| para.char_start + u)))
        };

        // Drag to select, anchored at the press origin.
        if response.drag_started() {
            let press = ctx.input(|i| i.pointer.press_origin());
            state.drag_anchor = press.and_then(&locate).map(|(b, _)| b);
            selection.span = None;
        }
        if response.dragged()
            && let (Some(anchor), Some(p)) = (state.drag_anchor, response.interact_pointer_pos())
            && let Some((b, _)) = locate(p)
        {
            let (a, z) = (anchor.min(b), anchor.max(b));
            selection.range = make_selection(doc, state, a, z, snap_to_words);
        }
        if response.drag_stopped() {
            state.drag_anchor = None;
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let under = locate(p).and_then(|(_, u)| u);
            let hit_span = under.and_then(|u| view.spans_at(u).first().map(|s| s.id));
            commands.push(Command::SelectSpan(hit_span));
        }

        // Hover tooltip: every span under the pointer.
        if let Some(p) = response.hover_pos()
            && !response.dragged()
            && let Some((_, Some(u))) = locate(p)
        {
            let hits = view.spans_at(u);
            if !hits.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for s in &hits {
                        let label = labels.get(&s.label);
                        let color = label.map_or(text_color, |l| {
                            Color32::from_rgb(l.color.0, l.color.1, l.color.2)
                        });
                        let name = label.map_or(s.label.as_str(), |l| l.name.as_str());
                        ui.horizontal(|ui| {
                            super::menu_bar::swatch(ui, color);
                            ui.strong(name);
                            ui.weak(snippet(view.span_text(s)));
                        });
                    }
                });
            }
        }

        // Paint: all highlights as one mesh of plain quads (cheap to
        // tessellate), then the selected span's outline, then the text.
        let mut mesh = egui::Mesh::default();
        let mut outlines = Vec::new();
        for ((pi, pos), galley) in visible.iter().zip(&galleys) {
            let para = state.paragraphs[*pi];
            let para_len = para.char_end - para.char_start;
            let local = |x: usize| x.saturating_sub(para.char_start).min(para_len);
            let spans: Vec<&Span> = view.spans_in(para.char_start, para.char_end);
            let depths = nesting_depths(&spans);
            for (s, depth) in spans.iter().zip(&depths) {
                let color = labels.get(&s.label).map_or(Rgb(128, 128, 128), |l| l.color);
                let (fill, line) = (fill_color(color, 60), fill_color(color, 230));
                for r in range_rects(galley, local(s.start), local(s.end), row_height) {
                    let r = r.translate(pos.to_vec2());
                    mesh.add_colored_rect(r, fill);
                    let y = (r.max.y + 1.0 + *depth as f32 * UNDERLINE_STEP).round();
                    let underline = Rect::from_min_max(pos2(r.min.x, y), pos2(r.max.x, y + 2.0));
                    mesh.add_colored_rect(underline, line);
                }
                if selection.span == Some(s.id) {
                    for r in range_rects(galley, local(s.start), local(s.end), row_height) {
                        outlines.push(r.translate(pos.to_vec2()).expand(1.5));
                    }
                }
            }
            if let Some((a, b)) = selection.range
                && a < para.char_end.max(para.char_start + 1)
                && b > para.char_start
            {
                for r in range_rects(galley, local(a), local(b), row_height) {
                    mesh.add_colored_rect(r.translate(pos.to_vec2()), sel_fill);
                }
            }
        }
        painter.add(egui::Shape::mesh(mesh));
        for r in outlines {
            painter.rect_stroke(
                r,
                CornerRadius::same(3),
                Stroke::new(2.0, strong),
                egui::StrokeKind::Outside,
            );
        }
        for ((_, pos), galley) in visible.iter().zip(galleys) {
            painter.galley(*pos, galley, text_color);
        }

        if response.hovered() {
            ctx.set_cursor_icon(egui::CursorIcon::Text);
        }
        state.visible = visible;
    });
    state.scroll_offset = output.state.clamped_offset().y;
    state.viewport_height = output.inner_rect.height();
}

/// The selection `[a, z)` after snapping or trimming; `None` if empty.
fn make_selection(
    doc: &Document,
    state: &ReaderState,
    a: usize,
    z: usize,
    snap: bool,
) -> Option<(usize, usize)> {
    // Work on the paragraphs the selection touches, not the whole text.
    let p0 = state.paragraphs.get(state.paragraph_of(a))?;
    let p1 = state.paragraphs.get(state.paragraph_of(z))?;
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

/// A short one-line preview of span text.
pub fn snippet(s: &str) -> String {
    const MAX: usize = 60;
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if text::char_len(&one_line) > MAX {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        one_line
    }
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
        assert_eq!((p[2].char_start, p[2].char_end), (6, 14));
        assert_eq!(&t[p[2].byte_start..p[2].byte_end], "Peskov’s");
    }

    #[test]
    fn nested_spans_get_distinct_depths() {
        let outer = Span::new(SpanId(1), 0, 20, "quote");
        let inner = Span::new(SpanId(2), 5, 10, "entity");
        let after = Span::new(SpanId(3), 21, 25, "entity");
        let d = nesting_depths(&[&outer, &inner, &after]);
        assert_eq!(d, vec![0, 1, 0]);
    }
}
