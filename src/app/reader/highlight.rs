//! Painting the reader: every highlight, underline, search match and the
//! selection as one mesh of plain quads (cheap to tessellate), then the
//! selected span's outline and handles, the text, and relation arrows.

use std::collections::{HashMap, HashSet};

use egui::{Color32, CornerRadius, Painter, Rect, Stroke, Ui, pos2, vec2};

use crate::model::{RelationId, Rgb, SpanId};

use super::arcs::{ArcInput, paint_arcs};
use super::layout::Paragraph;
use super::paint::{arrow, fill_color, nesting_depths};
use super::state::ReaderState;
use super::{Laid, Reader};

/// Height of a nesting underline and the step between stacked ones.
const UNDERLINE_STEP: f32 = 3.0;

/// `x` as an offset into paragraph `para`, clamped to it.
fn local(para: &Paragraph, x: usize) -> usize {
    x.saturating_sub(para.char_start).min(para.len())
}

/// Whether `[s, e)` touches paragraph `para`.
fn touches(para: &Paragraph, s: usize, e: usize) -> bool {
    s < para.char_end.max(para.char_start + 1) && e > para.char_start
}

/// Paint everything the reader shows over the laid-out paragraphs.
pub(super) fn paint(
    ui: &Ui,
    painter: &Painter,
    laid: &Laid,
    state: &mut ReaderState,
    reader: &Reader<'_>,
    row_height: f32,
) {
    let view = reader.view;
    let visuals = ui.visuals();
    let strong = visuals.strong_text_color();
    // Spans whose on-screen position we need: the selected one and the
    // ones it is related to (for handles and arrows).
    let selected = reader.selection.span.and_then(|id| view.span(id));
    let related: Vec<(SpanId, SpanId, &str)> = selected
        .map(|s| {
            view.relations_of(s.id)
                .into_iter()
                .map(|r| (r.from, r.to, r.kind.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let all = state.show_relations;
    let wanted = |id: SpanId| {
        all || reader.selection.span == Some(id) || related.iter().any(|r| r.0 == id || r.1 == id)
    };

    let sel_fill = super::palette::selection_fill(visuals);
    let (mesh, anchors) = layers(painter, laid, state, reader, row_height, &wanted, sel_fill);
    painter.add(egui::Shape::mesh(mesh));
    state.handles = selected.and_then(|sel| {
        let pieces: Vec<(usize, usize)> = match state.preview {
            Some((id, s, e)) if id == sel.id => vec![(s, e)],
            _ => sel.pieces().collect(),
        };
        outline(
            painter,
            laid,
            &pieces,
            anchors.get(&sel.id),
            strong,
            row_height,
        )
    });

    for (_, _, pos, galley) in &laid.items {
        painter.galley(*pos, galley.galley.clone(), state.text_color);
    }

    if all {
        let colors = (strong, visuals.panel_fill);
        state.arc_labels = all_relations(painter, laid, state, reader, &anchors, colors);
    } else {
        state.arc_labels.clear();
        // Relations of the selected span, as arrows from source to target
        // (their kinds are in the inspector; "Show all relations" makes
        // room for them between the lines).
        for (from, to, _) in &related {
            if let (Some(a), Some(b)) = (anchors.get(from), anchors.get(to)) {
                // Start from the end of the source nearer to the target.
                let start = if b.0.min.y >= a.1.min.y - 1.0 {
                    a.1
                } else {
                    a.0
                };
                arrow(painter, start, b.0, strong.gamma_multiply(0.8));
            }
        }
    }

    // A suggested quote's speaker: a faint arrow, until it is accepted.
    if let Some((from, to)) = reader.ghost_link
        && let (Some(a), Some(b)) = (
            first_rect(laid, from, row_height),
            first_rect(laid, to, row_height),
        )
    {
        arrow(painter, a, b, strong.gamma_multiply(0.35));
    }

    let sel = &reader.selection;
    if let (None, None, Some(c)) = (sel.range, sel.span, sel.caret) {
        caret(painter, laid, c, strong, row_height);
    }

    // Linking: a line from the source to the pointer, until the click.
    state.link_preview = None;
    if reader.linking
        && let Some(sel) = selected
        && let Some(a) = anchors.get(&sel.id)
        && let Some(p) = ui.ctx().pointer_hover_pos()
        && painter.clip_rect().contains(p)
    {
        let to = Rect::from_center_size(p, vec2(1.0, 1.0));
        let color = strong.gamma_multiply(0.6);
        arrow(painter, a.1, to, color);
        state.link_preview = Some(p);
    }
}

/// The on-screen rectangle of the first row of `(start, end)`, if shown.
fn first_rect(laid: &Laid, (start, end): (usize, usize), row_height: f32) -> Option<Rect> {
    laid.items
        .iter()
        .filter(|(_, para, _, _)| touches(para, start, end))
        .find_map(|(_, para, pos, galley)| {
            galley
                .range_rects(local(para, start), local(para, end), row_height)
                .into_iter()
                .next()
                .map(|r| r.translate(pos.to_vec2()))
        })
}

/// Every relation with an end in the visible text, as arcs between the
/// lines; returns the labels' rectangles.
fn all_relations(
    painter: &Painter,
    laid: &Laid,
    state: &ReaderState,
    reader: &Reader<'_>,
    anchors: &Anchors,
    (color, background): (Color32, Color32),
) -> Vec<(RelationId, Rect)> {
    let view = reader.view;
    let mut seen = HashSet::new();
    let mut arcs = Vec::new();
    let selected = reader.selection.span;
    for id in anchors.keys() {
        for r in view.relations_of(*id) {
            if r.from == r.to || !seen.insert(r.id) {
                continue;
            }
            let start = |id| view.span(id).map_or(0, |s| s.start);
            // The ends nearer each other: the source's last line and the
            // target's first when the target comes later, else the reverse.
            let forward = start(r.from) <= start(r.to);
            let (from, to) = (anchors.get(&r.from), anchors.get(&r.to));
            arcs.push(ArcInput {
                id: r.id,
                from: from.map(|a| if forward { a.1 } else { a.0 }),
                to: to.map(|a| if forward { a.0 } else { a.1 }),
                forward,
                kind: &r.kind,
                emphasis: selected.is_some_and(|s| s == r.from || s == r.to),
            });
        }
    }
    // The same picture every frame, whatever the hash order.
    arcs.sort_by_key(|a| a.id);
    let Some((_, _, pos, _)) = laid.items.first() else {
        return Vec::new();
    };
    let edges = (pos.x, pos.x + state.wrap_width);
    paint_arcs(painter, &arcs, edges, color, background)
}

/// The text caret at char boundary `c`, as tall as the text.
fn caret(painter: &Painter, laid: &Laid, c: usize, color: Color32, row_height: f32) {
    let Some((_, para, pos, galley)) = laid
        .items
        .iter()
        .find(|(_, p, _, _)| p.char_start <= c && c <= p.char_end)
    else {
        return;
    };
    let r = galley
        .caret_rect(c - para.char_start)
        .translate(pos.to_vec2());
    let pad = (r.height() - row_height).max(0.0) / 2.0;
    let line = Rect::from_min_max(
        pos2(r.min.x - 1.0, r.min.y + pad),
        pos2(r.min.x + 1.0, r.max.y - pad),
    );
    painter.rect_filled(line, 0.0, color);
}

/// First and last row rectangle of each span whose position is wanted.
type Anchors = HashMap<SpanId, (Rect, Rect)>;

/// Every highlight, underline, search match and the selection, as one mesh.
fn layers(
    painter: &Painter,
    laid: &Laid,
    state: &ReaderState,
    reader: &Reader<'_>,
    row_height: f32,
    wanted: &dyn Fn(SpanId) -> bool,
    sel_fill: Color32,
) -> (egui::Mesh, Anchors) {
    let view = reader.view;
    let match_fill = super::palette::mark_fill();
    let mut mesh = egui::Mesh::default();
    // First and last row rectangle of each wanted span on screen.
    let mut anchors: Anchors = HashMap::new();
    for (_, para, pos, galley) in &laid.items {
        // (id, start, end, label, pieces) of the spans here, a resize shown
        // live. A discontinuous span is painted piece by piece.
        type Here<'s> = (SpanId, usize, usize, &'s str, Vec<(usize, usize)>);
        let mut spans: Vec<Here<'_>> = view
            .spans_in(para.char_start, para.char_end)
            .into_iter()
            .map(|s| (s.id, s.start, s.end, s.label.as_str(), s.pieces().collect()))
            .collect();
        if let Some((id, s, e)) = state.preview {
            spans.retain(|x| x.0 != id);
            if touches(para, s, e)
                && let Some(orig) = view.span(id)
            {
                spans.push((id, s, e, orig.label.as_str(), vec![(s, e)]));
            }
        }
        let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.1, s.2)).collect();
        let depths = nesting_depths(&ranges);
        for ((id, _, _, label, pieces), depth) in spans.iter().zip(&depths) {
            let color = reader
                .labels
                .get(label)
                .map_or(Rgb(128, 128, 128), |l| l.color);
            let (fill, line) = (
                fill_color(color, super::palette::SPAN_FILL_ALPHA),
                fill_color(color, super::palette::SPAN_LINE_ALPHA),
            );
            let rects: Vec<Rect> = pieces
                .iter()
                .filter(|(a, b)| touches(para, *a, *b))
                .flat_map(|(a, b)| galley.range_rects(local(para, *a), local(para, *b), row_height))
                .collect();
            for r in &rects {
                let r = r.translate(pos.to_vec2());
                mesh.add_colored_rect(r, fill);
                let y = (r.max.y + 1.0 + *depth as f32 * UNDERLINE_STEP).round();
                let underline = Rect::from_min_max(pos2(r.min.x, y), pos2(r.max.x, y + 2.0));
                mesh.add_colored_rect(underline, line);
            }
            if wanted(*id)
                && let (Some(f), Some(l)) = (rects.first(), rects.last())
            {
                // First row of the first paragraph, last row of the last.
                let (f, l) = (f.translate(pos.to_vec2()), l.translate(pos.to_vec2()));
                anchors.entry(*id).or_insert((f, l)).1 = l;
            }
        }
        // Search matches in this paragraph (matches never overlap).
        let matches = reader.matches;
        let lo = matches.partition_point(|m| m.1 <= para.char_start);
        let hi = matches.partition_point(|m| m.0 < para.char_end);
        for (k, m) in matches.iter().enumerate().take(hi).skip(lo) {
            for r in galley.range_rects(local(para, m.0), local(para, m.1), row_height) {
                let r = r.translate(pos.to_vec2()).expand(1.0);
                mesh.add_colored_rect(r, match_fill);
                if reader.current_match == Some(k) {
                    painter.rect_stroke(
                        r,
                        CornerRadius::same(2),
                        Stroke::new(2.0, Color32::from_rgb(255, 200, 0)),
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }
        if let Some((a, b)) = reader.selection.range
            && touches(para, a, b)
        {
            for r in galley.range_rects(local(para, a), local(para, b), row_height) {
                mesh.add_colored_rect(r.translate(pos.to_vec2()), sel_fill);
            }
        }
    }
    (mesh, anchors)
}

/// Outline every row of each piece `[s, e)` and draw the handles at the
/// outer edges; returns where the handles are.
fn outline(
    painter: &Painter,
    laid: &Laid,
    pieces: &[(usize, usize)],
    anchor: Option<&(Rect, Rect)>,
    strong: Color32,
    row_height: f32,
) -> Option<(Rect, Rect)> {
    for (_, para, pos, galley) in &laid.items {
        let rects = pieces
            .iter()
            .filter(|(s, e)| touches(para, *s, *e))
            .flat_map(|(s, e)| galley.range_rects(local(para, *s), local(para, *e), row_height));
        for r in rects {
            painter.rect_stroke(
                r.translate(pos.to_vec2()).expand(1.5),
                CornerRadius::same(3),
                Stroke::new(2.0, strong),
                egui::StrokeKind::Outside,
            );
        }
    }
    let (first, last) = anchor?;
    // In right-to-left text a span starts at its right edge.
    let start_at = pieces.first().and_then(|p| laid.edge_x(p.0, false));
    let end_at = pieces.last().and_then(|p| laid.edge_x(p.1, true));
    let start_x = start_at.map_or(first.min.x - 2.0, |x| {
        x + if x >= first.center().x { 2.0 } else { -2.0 }
    });
    let end_x = end_at.map_or(last.max.x + 2.0, |x| {
        x + if x <= last.center().x { -2.0 } else { 2.0 }
    });
    let start = Rect::from_center_size(
        pos2(start_x, first.center().y),
        vec2(4.0, first.height() + 10.0),
    );
    let end = Rect::from_center_size(
        pos2(end_x, last.center().y),
        vec2(4.0, last.height() + 10.0),
    );
    for (h, dot) in [(start, start.center_top()), (end, end.center_bottom())] {
        painter.rect_filled(h, 1.5, strong);
        painter.circle_filled(dot, super::input::KNOB_RADIUS, strong);
    }
    Some((start, end))
}
