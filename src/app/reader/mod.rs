//! The reader: the document's text with span highlights.
//!
//! Text is split into paragraphs at `\n`. Only paragraphs that intersect the
//! viewport are laid out and painted (`ScrollArea::show_viewport`), using
//! measured heights where known and estimates elsewhere (kept in a Fenwick
//! tree). Galleys come from egui's galley cache, which reuses them across
//! frames while they are shown; no galley is kept in the app state.
//!
//! The reader never changes the document: what the user does becomes
//! [`Command`]s, applied at the end of the frame.

mod heights;
mod layout;
mod paint;

use std::collections::HashMap;

use egui::{Color32, CornerRadius, CursorIcon, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::model::{DocView, Document, Edit, LabelSet, Rgb, Span, SpanId, text};

use super::commands::{Command, Edge};
use super::state::Selection;
use heights::Heights;
use layout::{LINE_SPACING, PARAGRAPH_GAP, font_row_height, hit, layout_paragraph, range_rects};
pub use layout::{MAX_READING_WIDTH, Paragraph, split_paragraphs};
use paint::{arrow, fill_color, nesting_depths};

/// Height of a nesting underline and the step between stacked ones.
const UNDERLINE_STEP: f32 = 3.0;
/// Half the width of the area around a span edge that grabs it for resizing.
const HANDLE_GRAB: f32 = 5.0;

/// What a drag in the reader is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drag {
    /// Selecting text from this char boundary.
    Select { anchor: usize },
    /// Moving one edge of a span.
    Resize { id: SpanId, edge: Edge },
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
    /// The drag in progress.
    drag: Option<Drag>,
    /// A span being resized: its range as it would be if released now.
    preview: Option<(SpanId, usize, usize)>,
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
    /// Screen rectangles of the selected span's start and end handles.
    handles: Option<(Rect, Rect)>,
}

impl ReaderState {
    fn sync(&mut self, doc_index: usize, doc: &Document, wrap_width: f32, row_height: f32) {
        let key = (doc_index, doc.text.len());
        if self.doc_key != Some(key) {
            self.doc_key = Some(key);
            self.paragraphs = split_paragraphs(&doc.text);
            self.layout_key = (0.0, 0.0);
            self.drag = None;
            self.preview = None;
        }
        if self.layout_key != (wrap_width, row_height) {
            self.layout_key = (wrap_width, row_height);
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
                        rows * row_height * LINE_SPACING + PARAGRAPH_GAP
                    })
                    .collect(),
            );
        }
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

    /// Screen rectangles of the selected span's start and end handles, as
    /// painted last frame.
    pub fn handles(&self) -> Option<(Rect, Rect)> {
        self.handles
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
        let galley = layout_paragraph(ctx, doc, para, self.wrap_width, self.text_color);
        Some(hit_paragraph(para, *origin, &galley, p))
    }

    /// The innermost span under a screen position, if any.
    pub fn span_at(&self, ctx: &egui::Context, view: DocView<'_>, p: Pos2) -> Option<SpanId> {
        let (_, under) = self.locate(ctx, view.doc, p)?;
        view.spans_at(under?).first().map(|s| s.id)
    }

    /// The selection `[a, z)` after snapping or trimming; `None` if empty.
    fn make_selection(
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
    fn word_at(&self, doc: &Document, pos: usize) -> Option<(usize, usize)> {
        let p = self.paragraphs.get(self.paragraph_of(pos))?;
        let slice = doc.text.get(p.byte_start..p.byte_end)?;
        let local = pos.checked_sub(p.char_start)?;
        let (a, b) = text::snap_to_words(slice, local, local + 1)?;
        Some((a + p.char_start, b + p.char_start))
    }

    /// Where an edge of a span lands when dragged to boundary `b`.
    fn resized(
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
            b
        };
        match edge {
            Edge::Start => (snapped.min(span.end - 1), span.end),
            Edge::End => (span.start, snapped.max(span.start + 1)),
        }
    }
}

/// Which of the painted paragraphs a screen position falls in (the last
/// one starting above it).
fn visible_at(visible: &[(usize, Pos2)], p: Pos2) -> usize {
    visible
        .iter()
        .rposition(|(_, pos)| pos.y <= p.y)
        .unwrap_or(0)
}

/// (char boundary, code point under it) of a screen position over a
/// paragraph laid out at `origin`, as document offsets.
fn hit_paragraph(
    para: &Paragraph,
    origin: Pos2,
    galley: &egui::Galley,
    p: Pos2,
) -> (usize, Option<usize>) {
    let (b, under) = hit(galley, p - origin);
    (para.char_start + b, under.map(|u| para.char_start + u))
}

/// Everything the reader shows this frame.
pub struct Reader<'a> {
    /// Index of the document (paragraph geometry is cached per document).
    pub doc_index: usize,
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
}

impl Reader<'_> {
    /// Show the reader. Changes to the document go out as commands.
    pub fn ui(self, ui: &mut Ui, state: &mut ReaderState, commands: &mut Vec<Command>) {
        let Reader {
            doc_index,
            view,
            labels,
            selection,
            snap,
            matches,
            current_match,
            linking,
            grab_focus,
        } = self;
        let doc = view.doc;
        let ctx = ui.ctx().clone();
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
            let top = state.heights.top(state.paragraph_of(pos));
            scroll = scroll.vertical_scroll_offset((top - 80.0).max(0.0));
        } else if let Some(pages) = state.page_jump.take() {
            let y = state.scroll_offset + pages * state.viewport_height * 0.9;
            scroll = scroll.vertical_scroll_offset(y.clamp(0.0, state.heights.total()));
        }

        let text_color = ui.visuals().text_color();
        let sel_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let strong = ui.visuals().strong_text_color();
        let match_fill = Color32::from_rgba_unmultiplied(255, 214, 0, 70);
        let total_height = state.heights.total() + 40.0;

        // Spans whose on-screen position we need: the selected one and the
        // ones it is related to (for handles and arrows).
        let selected = selection.span.and_then(|id| view.span(id));
        let related: Vec<(SpanId, SpanId, &str)> = selected
            .map(|s| {
                view.relations_of(s.id)
                    .into_iter()
                    .map(|r| (r.from, r.to, r.kind.as_str()))
                    .collect()
            })
            .unwrap_or_default();

        let output = scroll.show_viewport(ui, |ui, viewport| {
            let (content_rect, response) = ui.allocate_exact_size(
                vec2(ui.available_width(), total_height),
                Sense::click_and_drag(),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text")
            });
            if grab_focus && !response.has_focus() {
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
            let painter = ui.painter_at(ui.clip_rect());
            let origin = content_rect.min;

            // Lay out the visible paragraphs.
            let first = state.heights.find(viewport.min.y);
            let mut top = state.heights.top(first);
            let mut visible = Vec::new();
            let mut galleys = Vec::new();
            let mut i = first;
            state.heights_changed = false;
            while i < state.paragraphs.len() && top <= viewport.max.y {
                let para = state.paragraphs[i];
                let galley = layout_paragraph(&ctx, doc, &para, wrap_width, text_color);
                let measured = if para.is_empty() {
                    row_height * 0.5 // A blank line between paragraphs: half a line.
                } else {
                    galley.size().y.max(row_height * LINE_SPACING) + PARAGRAPH_GAP
                };
                state.heights_changed |= state.heights.set(i, measured);
                visible.push((i, origin + vec2(left_margin, top)));
                galleys.push(galley);
                top += measured;
                i += 1;
            }
            if state.heights_changed {
                ctx.request_repaint();
            } else {
                state.scroll_to = None;
            }
            state.visible = visible.clone();

            // Pointer to offsets, with the galleys this frame already laid out.
            let paragraphs = &state.paragraphs;
            let locate = |p: Pos2| -> Option<(usize, Option<usize>)> {
                let k = visible_at(&visible, p);
                let (pi, origin) = visible.get(k)?;
                Some(hit_paragraph(
                    paragraphs.get(*pi)?,
                    *origin,
                    galleys.get(k)?,
                    p,
                ))
            };
            let alt = ctx.input(|i| i.modifiers.alt);

            // Drag: resize a span by its handle, else select text. The anchor
            // is the press origin, so the first character is never lost.
            if response.drag_started() {
                let press = ctx.input(|i| i.pointer.press_origin());
                let on_handle = press.and_then(|p| {
                    let (start, end) = state.handles?;
                    let id = selection.span?;
                    if start.expand2(vec2(HANDLE_GRAB, 2.0)).contains(p) {
                        Some(Drag::Resize {
                            id,
                            edge: Edge::Start,
                        })
                    } else if end.expand2(vec2(HANDLE_GRAB, 2.0)).contains(p) {
                        Some(Drag::Resize {
                            id,
                            edge: Edge::End,
                        })
                    } else {
                        None
                    }
                });
                let anchor = press.and_then(&locate).map(|(b, _)| b);
                state.drag = match (on_handle, anchor) {
                    (Some(resize), _) => Some(resize),
                    (None, Some(anchor)) => {
                        selection.span = None;
                        Some(Drag::Select { anchor })
                    }
                    (None, None) => None,
                };
            }
            if response.dragged()
                && let Some(p) = response.interact_pointer_pos()
                && let Some((b, _)) = locate(p)
            {
                match state.drag {
                    Some(Drag::Select { anchor }) => {
                        let (a, z) = (anchor.min(b), anchor.max(b));
                        selection.range = state.make_selection(doc, a, z, snap);
                    }
                    Some(Drag::Resize { id, edge }) => {
                        if let Some(span) = view.span(id) {
                            let (s, e) = state.resized(doc, span, edge, b, !alt);
                            state.preview = Some((id, s, e));
                        }
                    }
                    None => {}
                }
            }
            if response.drag_stopped() {
                if let (Some(Drag::Resize { id, .. }), Some((pid, start, end))) =
                    (state.drag, state.preview)
                    && pid == id
                    && view
                        .span(id)
                        .is_some_and(|s| (s.start, s.end) != (start, end))
                {
                    commands.push(Command::Apply {
                        edit: Edit::SetRange { id, start, end },
                        done: "Span resized",
                    });
                }
                state.drag = None;
                state.preview = None;
            }

            // Clicks: select (cycling outward through nested spans), link, or
            // select a word on double-click.
            if response.double_clicked()
                && let Some(p) = response.interact_pointer_pos()
                && let Some((_, Some(u))) = locate(p)
            {
                selection.range = state.word_at(doc, u);
                selection.span = None;
            } else if response.clicked()
                && let Some(p) = response.interact_pointer_pos()
            {
                let hits: Vec<SpanId> = locate(p)
                    .and_then(|(_, u)| u)
                    .map(|u| view.spans_at(u).iter().map(|s| s.id).collect())
                    .unwrap_or_default();
                if linking {
                    commands.push(match hits.first() {
                        Some(to) => Command::LinkTo(*to),
                        None => Command::CancelLink,
                    });
                } else {
                    commands.push(Command::ClickSpans(hits));
                }
            }

            // Hover: every span under the pointer, and the right cursor.
            let hover = response.hover_pos();
            if let Some(p) = hover
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
            let on_handle = hover.is_some_and(|p| {
                state.handles.is_some_and(|(a, b)| {
                    a.expand2(vec2(HANDLE_GRAB, 2.0)).contains(p)
                        || b.expand2(vec2(HANDLE_GRAB, 2.0)).contains(p)
                })
            });
            if matches!(state.drag, Some(Drag::Resize { .. })) || (response.hovered() && on_handle)
            {
                ctx.set_cursor_icon(CursorIcon::ResizeHorizontal);
            } else if linking && response.hovered() {
                ctx.set_cursor_icon(CursorIcon::Alias);
            } else if response.hovered() {
                ctx.set_cursor_icon(CursorIcon::Text);
            }

            // Paint: all highlights as one mesh of plain quads (cheap to
            // tessellate), then outlines, handles and arrows, then the text.
            let mut mesh = egui::Mesh::default();
            let mut anchors: HashMap<SpanId, (Rect, Rect)> = HashMap::new();
            let wanted = |id: SpanId| {
                selection.span == Some(id) || related.iter().any(|r| r.0 == id || r.1 == id)
            };
            for ((pi, pos), galley) in visible.iter().zip(&galleys) {
                let para = state.paragraphs[*pi];
                let local = |x: usize| x.saturating_sub(para.char_start).min(para.len());
                // (id, start, end, label) of the spans here, a resize shown live.
                let mut spans: Vec<(SpanId, usize, usize, &str)> = view
                    .spans_in(para.char_start, para.char_end)
                    .into_iter()
                    .map(|s| (s.id, s.start, s.end, s.label.as_str()))
                    .collect();
                if let Some((id, s, e)) = state.preview {
                    spans.retain(|x| x.0 != id);
                    if s < para.char_end.max(para.char_start + 1)
                        && e > para.char_start
                        && let Some(orig) = view.span(id)
                    {
                        spans.push((id, s, e, orig.label.as_str()));
                    }
                }
                let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.1, s.2)).collect();
                let depths = nesting_depths(&ranges);
                for (&(id, start, end, label), depth) in spans.iter().zip(&depths) {
                    let color = labels.get(label).map_or(Rgb(128, 128, 128), |l| l.color);
                    let (fill, line) = (fill_color(color, 60), fill_color(color, 230));
                    let rects = range_rects(galley, local(start), local(end), row_height);
                    for r in &rects {
                        let r = r.translate(pos.to_vec2());
                        mesh.add_colored_rect(r, fill);
                        let y = (r.max.y + 1.0 + *depth as f32 * UNDERLINE_STEP).round();
                        let underline =
                            Rect::from_min_max(pos2(r.min.x, y), pos2(r.max.x, y + 2.0));
                        mesh.add_colored_rect(underline, line);
                    }
                    if wanted(id)
                        && let (Some(f), Some(l)) = (rects.first(), rects.last())
                    {
                        // First row of the first paragraph, last row of the last.
                        let (f, l) = (f.translate(pos.to_vec2()), l.translate(pos.to_vec2()));
                        anchors.entry(id).or_insert((f, l)).1 = l;
                    }
                }
                // Search matches in this paragraph (matches never overlap).
                let lo = matches.partition_point(|m| m.1 <= para.char_start);
                let hi = matches.partition_point(|m| m.0 < para.char_end);
                for (k, m) in matches.iter().enumerate().take(hi).skip(lo) {
                    for r in range_rects(galley, local(m.0), local(m.1), row_height) {
                        let r = r.translate(pos.to_vec2()).expand(1.0);
                        mesh.add_colored_rect(r, match_fill);
                        if current_match == Some(k) {
                            painter.rect_stroke(
                                r,
                                CornerRadius::same(2),
                                Stroke::new(2.0, Color32::from_rgb(255, 200, 0)),
                                egui::StrokeKind::Outside,
                            );
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

            // The selected span: outline every row, handles at both ends.
            state.handles = None;
            if let Some(sel) = selected {
                let (s, e) = match state.preview {
                    Some((id, s, e)) if id == sel.id => (s, e),
                    _ => (sel.start, sel.end),
                };
                for ((pi, pos), galley) in visible.iter().zip(&galleys) {
                    let para = state.paragraphs[*pi];
                    if s >= para.char_end.max(para.char_start + 1) || e <= para.char_start {
                        continue;
                    }
                    let local = |x: usize| x.saturating_sub(para.char_start).min(para.len());
                    for r in range_rects(galley, local(s), local(e), row_height) {
                        painter.rect_stroke(
                            r.translate(pos.to_vec2()).expand(1.5),
                            CornerRadius::same(3),
                            Stroke::new(2.0, strong),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                if let Some((first, last)) = anchors.get(&sel.id) {
                    let start = Rect::from_center_size(
                        pos2(first.min.x - 2.0, first.center().y),
                        vec2(3.0, first.height() + 8.0),
                    );
                    let end = Rect::from_center_size(
                        pos2(last.max.x + 2.0, last.center().y),
                        vec2(3.0, last.height() + 8.0),
                    );
                    for (h, dot) in [(start, start.center_top()), (end, end.center_bottom())] {
                        painter.rect_filled(h, 1.0, strong);
                        painter.circle_filled(dot, 3.5, strong);
                    }
                    state.handles = Some((start, end));
                }
            }

            for ((_, pos), galley) in visible.iter().zip(galleys) {
                painter.galley(*pos, galley, text_color);
            }

            // Relations of the selected span, as arrows from source to target.
            for (from, to, kind) in &related {
                if let (Some(a), Some(b)) = (anchors.get(from), anchors.get(to)) {
                    // Start from the end of the source nearer to the target.
                    let start = if b.0.min.y >= a.1.min.y - 1.0 {
                        a.1
                    } else {
                        a.0
                    };
                    let bg = ui.visuals().extreme_bg_color;
                    arrow(&painter, start, b.0, strong.gamma_multiply(0.8), bg, kind);
                }
            }
        });
        state.scroll_offset = output.state.clamped_offset().y;
        state.viewport_height = output.inner_rect.height();
    }
}

/// A short one-line preview of span text.
pub fn snippet(s: &str) -> String {
    snippet_of(s, 60)
}

/// `s` on one line, cut to `max` characters with an ellipsis.
pub fn snippet_of(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if text::char_len(&one_line) > max {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}
