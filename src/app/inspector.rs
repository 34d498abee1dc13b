//! The side panel: the document, the selection, and the selected span with
//! its attributes, relations and note, all editable.

use egui::{Button, ComboBox, RichText, Ui};

use crate::model::{AttrKind, DocStatus, DocView, Edit, LabelDef, Project, Span, SpanId};

use super::commands::Command;
use super::menu_bar::{label_color, swatch};
use super::reader::snippet;
use super::state::UiState;

/// How far (in characters) to look for entities to offer as speakers.
const SPEAKER_WINDOW: usize = 4_000;

/// Show the document, what is selected, and the selected span's details.
pub fn inspector_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    project: &Project,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let doc = view.doc;
    let labels = &project.labels;
    ui.heading("Document");
    ui.label(RichText::new(&doc.title).strong());
    ui.horizontal_wrapped(|ui| {
        for label in labels.iter() {
            swatch(ui, label_color(labels, &label.id));
            ui.label(format!("{} {}", label.name, view.index.count(&label.id)));
        }
    });
    let status = match doc.status {
        DocStatus::Todo => "to do",
        DocStatus::InProgress => "in progress",
        DocStatus::Done => "done",
    };
    ui.label(format!("{} relations · {status}", doc.relations.len()));
    ui.separator();

    if let Some((a, b)) = state.selection.range {
        ui.heading("Selection");
        ui.label(format!("“{}”", snippet(view.slice(a, b))));
        ui.weak(format!(
            "characters {a}–{b} · press a number key or click a label"
        ));
        ui.separator();
    }

    flush_drafts(view, state, commands);
    let Some(span) = state.selection.span.and_then(|id| view.span(id)) else {
        if state.selection.range.is_none() {
            ui.weak(
                "Drag across text to select it, then press 1–4 to tag it. \
                 Click a highlight to select a span; click again to select the one around it.",
            );
        }
        return;
    };
    ui.heading("Span");
    let def = labels.get(&span.label);
    ui.horizontal(|ui| {
        swatch(ui, label_color(labels, &span.label));
        let name = def.map_or(span.label.as_str(), |l| l.name.as_str());
        ui.label(RichText::new(name).strong().size(16.0));
    });
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(view.span_text(span)).italics());
    });
    ui.weak(format!(
        "{} · characters {}–{} · drag a handle, or Shift+Left/Right to resize (with Alt: the start)",
        span.id, span.start, span.end
    ));

    if let Some(def) = def {
        attributes_ui(ui, span, def, state, commands);
    }
    ui.add_space(4.0);
    relations_ui(ui, view, span, state, commands);
    ui.add_space(4.0);
    note_ui(ui, span, state, commands);
    ui.add_space(6.0);
    if ui.button("Delete span").clicked() {
        commands.push(Command::DeleteSpan);
    }
}

/// Save drafts typed for a span that is no longer selected (the click that
/// selected another span took the focus away before the field could).
fn flush_drafts(view: DocView<'_>, state: &mut UiState, commands: &mut Vec<Command>) {
    let selected = state.selection.span;
    if let Some((id, text)) = &state.note_draft
        && Some(*id) != selected
    {
        let note = Some(text.trim().to_owned()).filter(|n| !n.is_empty());
        if let Some(span) = view.span(*id)
            && span.note != note
        {
            commands.push(set_note(*id, note));
        }
        state.note_draft = None;
    }
    if let Some((id, key, text)) = &state.attr_draft
        && Some(*id) != selected
    {
        let value = Some(text.trim().to_owned()).filter(|v| !v.is_empty());
        if let Some(span) = view.span(*id)
            && span.attrs.get(key) != value.as_ref()
        {
            commands.push(set_attr(*id, key.clone(), value));
        }
        state.attr_draft = None;
    }
}

fn attributes_ui(
    ui: &mut Ui,
    span: &Span,
    def: &LabelDef,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let editable: Vec<_> = def
        .attributes
        .iter()
        .filter(|a| a.kind != AttrKind::Link)
        .collect();
    if editable.is_empty() {
        return;
    }
    egui::Grid::new("span_attrs")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for attr in editable {
                let name = ui.label(&attr.name);
                let current = span.attrs.get(&attr.name);
                match &attr.kind {
                    AttrKind::Choice(values) => {
                        let mut chosen = current.cloned();
                        ComboBox::from_id_salt(("attr", &attr.name))
                            .selected_text(chosen.as_deref().unwrap_or("—"))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut chosen, None, "—");
                                for v in values {
                                    ui.selectable_value(&mut chosen, Some(v.clone()), v);
                                }
                            })
                            .response
                            .labelled_by(name.id);
                        if chosen.as_ref() != current {
                            commands.push(set_attr(span.id, attr.name.clone(), chosen));
                        }
                    }
                    AttrKind::Text | AttrKind::Link => {
                        let draft = match &mut state.attr_draft {
                            Some((id, key, text)) if *id == span.id && *key == attr.name => text,
                            _ => {
                                state.attr_draft = Some((
                                    span.id,
                                    attr.name.clone(),
                                    current.cloned().unwrap_or_default(),
                                ));
                                match &mut state.attr_draft {
                                    Some((_, _, text)) => text,
                                    None => continue,
                                }
                            }
                        };
                        let r = ui
                            .add(
                                egui::TextEdit::singleline(draft)
                                    .hint_text("type, then Enter")
                                    .desired_width(150.0),
                            )
                            .labelled_by(name.id);
                        let value = Some(draft.trim().to_owned()).filter(|v| !v.is_empty());
                        if r.lost_focus() && value.as_ref() != current {
                            commands.push(set_attr(span.id, attr.name.clone(), value));
                        }
                    }
                }
                ui.end_row();
            }
        });
}

fn relations_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    span: &Span,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let doc = view.doc;
    let kind = match span.label.as_str() {
        "quote" => Some(("said_by", "Speaker")),
        "claim" => Some(("claimed_by", "Claimant")),
        _ => None,
    };
    if let Some((kind, title)) = kind {
        let current = doc
            .relations
            .iter()
            .find(|r| r.from == span.id && r.kind == kind)
            .and_then(|r| view.span(r.to));
        // Entities near the span, nearest first.
        let mut near: Vec<&Span> = view
            .spans_in(
                span.start.saturating_sub(SPEAKER_WINDOW),
                span.end + SPEAKER_WINDOW,
            )
            .into_iter()
            .filter(|s| s.label == "entity" && s.id != span.id)
            .collect();
        near.sort_by_key(|s| s.start.abs_diff(span.start));
        near.truncate(40);
        ui.horizontal(|ui| {
            let name = ui.label(format!("{title}:"));
            ComboBox::from_id_salt("speaker")
                .selected_text(current.map_or("—".to_owned(), |s| snippet(view.span_text(s))))
                .width(170.0)
                .show_ui(ui, |ui| {
                    for s in near {
                        let text = format!("{} ({})", snippet(view.span_text(s)), s.id);
                        if ui
                            .selectable_label(current.map(|c| c.id) == Some(s.id), text)
                            .clicked()
                        {
                            commands.push(Command::Link {
                                from: span.id,
                                to: s.id,
                                kind: kind.to_owned(),
                            });
                        }
                    }
                })
                .response
                .labelled_by(name.id);
        });
    }
    let linking = state.linking == Some(span.id);
    let hint = if linking {
        "Now click the target span in the text (Esc cancels)"
    } else {
        "Link to another span: click this, or press L, then click the target"
    };
    if ui
        .add_enabled(!linking, Button::new("Link…"))
        .on_hover_text(hint)
        .clicked()
    {
        commands.push(Command::StartLink);
    }
    for rel in view.relations_of(span.id) {
        let outgoing = rel.from == span.id;
        let other = if outgoing { rel.to } else { rel.from };
        let other_text = view
            .span(other)
            .map(|s| snippet(view.span_text(s)))
            .unwrap_or_default();
        ui.horizontal(|ui| {
            if outgoing {
                ui.label(format!("{} “{other_text}”", rel.kind));
            } else {
                ui.label(format!("“{other_text}” {} this", rel.kind));
            }
            if ui.small_button("Go").clicked() {
                commands.push(Command::GoToSpan(other));
            }
            if ui.small_button("Remove").clicked() {
                commands.push(Command::Apply {
                    edit: Edit::RemoveRelation { id: rel.id },
                    done: "Relation removed",
                });
            }
        });
    }
}

fn note_ui(ui: &mut Ui, span: &Span, state: &mut UiState, commands: &mut Vec<Command>) {
    let label = ui.label("Note");
    let draft = match &mut state.note_draft {
        Some((id, text)) if *id == span.id => text,
        _ => {
            state.note_draft = Some((span.id, span.note.clone().unwrap_or_default()));
            match &mut state.note_draft {
                Some((_, text)) => text,
                None => return,
            }
        }
    };
    let r = ui
        .add(
            egui::TextEdit::multiline(draft)
                .hint_text("a note about this span (saved when you leave the field)")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus_note {
        r.request_focus();
        state.focus_note = false;
    }
    let note = Some(draft.trim().to_owned()).filter(|n| !n.is_empty());
    if r.lost_focus() && note != span.note {
        commands.push(set_note(span.id, note));
    }
}

fn set_note(id: SpanId, note: Option<String>) -> Command {
    Command::Apply {
        edit: Edit::SetNote { id, note },
        done: "Note saved",
    }
}

fn set_attr(id: SpanId, key: String, value: Option<String>) -> Command {
    Command::Apply {
        edit: Edit::SetAttr { id, key, value },
        done: "Attribute set",
    }
}
