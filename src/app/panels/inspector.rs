//! The side panel: the document, the selection, and the selected span with
//! its attributes, relations and note, all editable. What is typed is kept
//! in drafts (one per field) and saved when the field loses focus.

use std::collections::BTreeMap;

use egui::{Button, ComboBox, RichText, Ui};

use crate::app::reader::bidi::snippet;
use crate::model::{AttrKind, DocView, Edit, LabelDef, Project, Span, SpanId};
use crate::session::rules::status_word;

use super::super::command::{Command, UiCommand};
use super::super::state::Selection;
use super::doc_info::{
    categories_ui, choices_ui, events_ui, meta_ui, quoted, span_extras_ui, span_text,
};
use super::label_bar::{label_color, swatch, swatch_label};
use super::speaker::speaker_ui;

/// What is typed in one field, and the value it started from: when the
/// value changes underneath (undo, another edit) and the field is not being
/// typed in, the draft follows the value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Draft {
    base: Option<String>,
    text: String,
}

impl Draft {
    fn of(value: Option<&String>) -> Self {
        Self {
            base: value.cloned(),
            text: value.cloned().unwrap_or_default(),
        }
    }

    /// Follow `value` unless the person is typing in the field.
    fn sync(&mut self, value: Option<&String>, focused: bool) {
        if self.base.as_ref() != value && !focused {
            *self = Self::of(value);
        }
    }
}

/// What is typed in the inspector's fields for the selected span.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// The span the drafts were typed for.
    span: Option<SpanId>,
    /// The note being typed.
    note: Option<Draft>,
    /// Free-text attributes being typed, by attribute name.
    attrs: BTreeMap<String, Draft>,
    /// Give the note field keyboard focus next frame.
    pub focus_note: bool,
    /// The category being typed for the document.
    category: String,
    /// The Markdown renderer's cache, for the label's guideline.
    markdown: super::guidelines::Markdown,
}

impl InspectorState {
    /// Drop every draft (another document is shown).
    pub fn clear(&mut self) {
        self.span = None;
        self.note = None;
        self.attrs.clear();
    }

    /// Commands that save the drafts of a span no longer selected (the click
    /// that selected another span took the focus before the field could).
    fn flush(&mut self, view: DocView<'_>, selected: Option<SpanId>, commands: &mut Vec<Command>) {
        let Some(id) = self.span else { return };
        if Some(id) == selected {
            return;
        }
        if let Some(span) = view.span(id) {
            if let Some(draft) = &self.note {
                let note = non_empty(&draft.text);
                if span.note() != note.as_deref() {
                    commands.push(set_note(id, note));
                }
            }
            for (key, draft) in &self.attrs {
                let value = non_empty(&draft.text);
                if span.attrs.get(key) != value.as_ref() {
                    commands.push(set_attr(id, key.clone(), value));
                }
            }
        }
        self.clear();
    }

    /// Commands that save what is typed in the drafts now (before a save
    /// or a document switch a shortcut asked for while typing).
    pub fn commit(&self, view: DocView<'_>, commands: &mut Vec<Command>) {
        let Some(span) = self.span.and_then(|id| view.span(id)) else {
            return;
        };
        if let Some(draft) = &self.note {
            let note = non_empty(&draft.text);
            if span.note() != note.as_deref() {
                commands.push(set_note(span.id, note));
            }
        }
        for (key, draft) in &self.attrs {
            let value = non_empty(&draft.text);
            if span.attrs.get(key) != value.as_ref() {
                commands.push(set_attr(span.id, key.clone(), value));
            }
        }
    }

    /// Start fresh drafts when another span is shown.
    fn for_span(&mut self, span: &Span) {
        if self.span != Some(span.id) {
            self.clear();
            self.span = Some(span.id);
        }
    }
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Show the document, what is selected, and the selected span's details.
pub fn inspector_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    project: &Project,
    selection: &Selection,
    linking: Option<SpanId>,
    state: &mut InspectorState,
    commands: &mut Vec<Command>,
) {
    let doc = view.doc;
    let labels = &project.labels;
    ui.heading("Document");
    ui.label(RichText::new(&doc.title).strong());
    // The labels in use, each swatch kept beside its name when lines wrap.
    ui.horizontal_wrapped(|ui| {
        let mut any = false;
        for label in labels.iter() {
            let count = doc.spans.count(&label.id);
            if count > 0 {
                any = true;
                let color = label_color(labels, &label.id);
                ui.add(swatch_label(ui, color, &format!("{} {count}", label.name)));
            }
        }
        if !any {
            ui.weak("No spans yet");
        }
    });
    ui.label(format!(
        "{} relations · {}",
        doc.relations.len(),
        status_word(doc.status)
    ));
    categories_ui(ui, doc, &mut state.category, commands);
    choices_ui(ui, doc, commands);
    meta_ui(ui, doc);
    ui.separator();

    if let Some((a, b)) = selection.range {
        ui.heading("Selection");
        ui.label(quoted(&snippet(view.slice(a, b))));
        ui.weak(format!(
            "characters {a}–{b} · press a number key or click a label"
        ));
        ui.separator();
    }

    state.flush(view, selection.span, commands);
    let Some(span) = selection.span.and_then(|id| view.span(id)) else {
        if selection.range.is_none() {
            let keys = labels.hotkeys_hint().map_or_else(
                || "click a label above to tag it".to_owned(),
                |k| format!("press {k} to tag it"),
            );
            ui.weak(format!(
                "Drag across text to select it, then {keys}. \
                 Click a highlight to select a span; click again to select the one around it."
            ));
        }
        return;
    };
    state.for_span(span);
    ui.heading("Span");
    let def = labels.get(&span.label);
    ui.horizontal(|ui| {
        swatch(ui, label_color(labels, &span.label));
        let name = def.map_or(span.label.as_str(), |l| l.name.as_str());
        ui.label(RichText::new(name).strong().size(16.0));
    });
    // The label's guidance, where the decision is made.
    if let Some(def) = def {
        if let Some(d) = &def.description {
            ui.label(RichText::new(d).italics());
        }
        if let Some(g) = &def.guideline {
            egui::CollapsingHeader::new("Guideline")
                .id_salt("span_guideline")
                .show(ui, |ui| {
                    super::guidelines::markdown_ui(ui, &mut state.markdown, g);
                });
        }
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(span_text(view, span)).italics());
    });
    // A document read from a PDF knows where each page starts.
    let page = crate::formats::page_of(view.doc, span.start)
        .map_or(String::new(), |p| format!(" · page {p}"));
    ui.weak(format!(
        "{} · characters {}–{}{page} · drag a handle, or Shift+Left/Right to resize (with Alt: the start)",
        span.id, span.start, span.end
    ));

    span_extras_ui(ui, span);
    if let Some(def) = def {
        attributes_ui(ui, span, def, state, commands);
    }
    ui.add_space(4.0);
    relations_ui(ui, view, labels, span, linking, commands);
    events_ui(ui, view, span, commands);
    ui.add_space(4.0);
    note_ui(ui, span, state, commands);
    ui.add_space(6.0);
    if ui.button("Delete span").clicked() {
        commands.push(Command::Ui(UiCommand::DeleteSpan));
    }
}

fn attributes_ui(
    ui: &mut Ui,
    span: &Span,
    def: &LabelDef,
    state: &mut InspectorState,
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
                    AttrKind::Flag => {
                        let mut on = current.is_some_and(|v| v == "true");
                        let r = ui.checkbox(&mut on, "");
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::CheckBox, true, &attr.name)
                        });
                        if r.changed() {
                            let value = on.then(|| "true".to_owned());
                            commands.push(set_attr(span.id, attr.name.clone(), value));
                        }
                    }
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
                        let id = ui.make_persistent_id(("attr_text", &attr.name));
                        let focused = ui.memory(|m| m.has_focus(id));
                        let draft = state
                            .attrs
                            .entry(attr.name.clone())
                            .or_insert_with(|| Draft::of(current));
                        draft.sync(current, focused);
                        let r = ui
                            .add(
                                egui::TextEdit::singleline(&mut draft.text)
                                    .id(id)
                                    .hint_text("type, then Enter")
                                    .desired_width(150.0),
                            )
                            .labelled_by(name.id);
                        let value = non_empty(&draft.text);
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
    labels: &crate::model::LabelSet,
    span: &Span,
    linking: Option<SpanId>,
    commands: &mut Vec<Command>,
) {
    let relations = view.relations_of(span.id);
    speaker_ui(ui, view, labels, span, &relations, commands);
    let is_linking = linking == Some(span.id);
    let hint = if is_linking {
        "Now click the target span in the text (Esc cancels)"
    } else {
        "Link to another span: click this, or press L, then click the target"
    };
    if ui
        .add_enabled(!is_linking, Button::new("Link…"))
        .on_hover_text(hint)
        .clicked()
    {
        commands.push(Command::Ui(UiCommand::Link));
    }
    for rel in relations {
        let outgoing = rel.from == span.id;
        let other = if outgoing { rel.to } else { rel.from };
        let other_text = view
            .span(other)
            .map(|s| snippet(view.span_text(s)))
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            if outgoing {
                ui.label(format!("{} {}", rel.kind, quoted(&other_text)));
            } else {
                ui.label(format!("{} {} this", quoted(&other_text), rel.kind));
            }
            if ui.small_button("Go").clicked() {
                commands.push(Command::GoToSpan(other));
            }
            if ui.small_button("Remove").clicked() {
                commands.push(Command::Edit {
                    edit: Edit::RemoveRelation { id: rel.id },
                    done: "Relation removed",
                });
            }
        });
    }
}

fn note_ui(ui: &mut Ui, span: &Span, state: &mut InspectorState, commands: &mut Vec<Command>) {
    let label = ui.label("Note");
    let id = ui.make_persistent_id("note_text");
    let focused = ui.memory(|m| m.has_focus(id));
    let draft = state
        .note
        .get_or_insert_with(|| Draft::of(span.extra().note.as_ref()));
    draft.sync(span.extra().note.as_ref(), focused);
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.text)
                .id(id)
                .hint_text("a note about this span (saved when you leave the field)")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus_note {
        r.request_focus();
        state.focus_note = false;
    }
    let note = non_empty(&draft.text);
    if r.lost_focus() && note.as_deref() != span.note() {
        commands.push(set_note(span.id, note));
    }
}

fn set_note(id: SpanId, note: Option<String>) -> Command {
    Command::Edit {
        edit: Edit::SetNote { id, note },
        done: "Note saved",
    }
}

fn set_attr(id: SpanId, key: String, value: Option<String>) -> Command {
    Command::Edit {
        edit: Edit::SetAttr { id, key, value },
        done: "Attribute set",
    }
}
