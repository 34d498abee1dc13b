//! Pointer input over the reader: drags select text or resize a span by its
//! handle, clicks select spans (cycling outward where they nest) or finish
//! a link, double-clicks select a word; hover explains what is under the
//! pointer. Everything that changes the project leaves as a command.

use egui::{CursorIcon, Pos2, Response, vec2};

use super::bidi::snippet;
use crate::model::SpanId;
use crate::session::Edge;

use super::super::command::Command;
use super::super::panels::doc_info::span_details;
use super::super::panels::label_bar::{label_color, swatch};
use super::state::{Drag, ReaderState};
use super::{Laid, Reader};

/// How far around a handle a press still grabs it for resizing (a handle
/// is thin; the area that takes it is about 24 px wide).
pub(super) const HANDLE_GRAB: f32 = 10.0;

/// The radius of a handle's knob, as painted.
pub(super) const KNOB_RADIUS: f32 = 5.0;

/// Which handle of the selected span, if any, is at `p`.
fn handle_at(state: &ReaderState, selected: Option<SpanId>, p: Pos2) -> Option<Drag> {
    let (start, end) = state.handles?;
    let id = selected?;
    // The bar, and the round knob at its outer end (the start's on top,
    // the end's below), which is what a person aims at.
    let knob = |at: Pos2| at.distance(p) <= KNOB_RADIUS + 4.0;
    let grab = |r: egui::Rect| r.expand2(vec2(HANDLE_GRAB, 4.0)).contains(p);
    if grab(start) || knob(start.center_top()) {
        Some(Drag::Resize {
            id,
            edge: Edge::Start,
            dy: p.y - start.center().y,
        })
    } else if grab(end) || knob(end.center_bottom()) {
        Some(Drag::Resize {
            id,
            edge: Edge::End,
            dy: p.y - end.center().y,
        })
    } else {
        None
    }
}

/// Drags and clicks.
pub(super) fn pointer_ui(
    ctx: &egui::Context,
    response: &Response,
    laid: &Laid,
    state: &mut ReaderState,
    reader: &mut Reader<'_>,
    commands: &mut Vec<Command>,
) {
    let view = reader.view;
    let doc = view.doc;
    let alt = ctx.input(|i| i.modifiers.alt);
    // The anchor is the press origin, so the first character is never lost.
    if response.drag_started() {
        let press = ctx.input(|i| i.pointer.press_origin());
        let on_handle = press.and_then(|p| handle_at(state, reader.selection.span, p));
        let anchor = press.and_then(|p| laid.locate(p)).map(|(b, _)| b);
        state.drag = match (on_handle, anchor) {
            (Some(resize), _) => Some(resize),
            (None, Some(anchor)) => {
                reader.selection.span = None;
                Some(Drag::Select { anchor })
            }
            (None, None) => None,
        };
    }
    let held = match state.drag {
        Some(Drag::Resize { dy, .. }) => dy,
        _ => 0.0,
    };
    if response.dragged()
        && let Some(p) = response.interact_pointer_pos()
        && let Some((b, _)) = laid.locate(p - vec2(0.0, held))
    {
        match state.drag {
            Some(Drag::Select { anchor }) => {
                let (a, z) = (anchor.min(b), anchor.max(b));
                reader.selection.range = state.make_selection(doc, a, z, reader.snap);
            }
            Some(Drag::Resize { id, edge, .. }) => {
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
        {
            commands.push(Command::Resize { id, start, end });
        }
        state.drag = None;
        state.preview = None;
    }

    if response.double_clicked()
        && let Some(p) = response.interact_pointer_pos()
        && let Some((_, Some(u))) = laid.locate(p)
    {
        reader.selection.range = state.word_at(doc, u);
        reader.selection.span = None;
    } else if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let hits: Vec<SpanId> = laid
            .locate(p)
            .and_then(|(_, u)| u)
            .map(|u| view.spans_at(u).iter().map(|s| s.id).collect())
            .unwrap_or_default();
        if !reader.linking {
            reader.selection.caret = laid.locate(p).map(|(b, _)| b);
        }
        if reader.linking {
            commands.push(match hits.first() {
                Some(to) => Command::LinkTo(*to),
                None => Command::CancelLink,
            });
        } else {
            commands.push(Command::ClickSpans(hits));
        }
    }
}

/// The spans under the pointer as a tooltip, and the right cursor.
pub(super) fn hover_ui(
    ctx: &egui::Context,
    response: &Response,
    laid: &Laid,
    state: &ReaderState,
    reader: &Reader<'_>,
) {
    let view = reader.view;
    let hover = response.hover_pos();
    if let Some(p) = hover
        && !response.dragged()
        && let Some((_, Some(u))) = laid.locate(p)
    {
        let hits = view.spans_at(u);
        if !hits.is_empty() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                for s in &hits {
                    let label = reader.labels.get(&s.label);
                    let color = label_color(reader.labels, &s.label);
                    let name = label.map_or(s.label.as_str(), |l| l.name.as_str());
                    ui.horizontal(|ui| {
                        swatch(ui, color);
                        ui.strong(name);
                        ui.weak(snippet(view.span_text(s)));
                    });
                    if let Some(details) = span_details(s) {
                        ui.label(details);
                    }
                }
            });
        }
    }
    let on_handle = hover.is_some_and(|p| handle_at(state, reader.selection.span, p).is_some());
    if matches!(state.drag, Some(Drag::Resize { .. })) || (response.hovered() && on_handle) {
        ctx.set_cursor_icon(CursorIcon::ResizeHorizontal);
    } else if reader.linking && response.hovered() {
        ctx.set_cursor_icon(CursorIcon::Alias);
    } else if response.hovered() {
        ctx.set_cursor_icon(CursorIcon::Text);
    }
}
