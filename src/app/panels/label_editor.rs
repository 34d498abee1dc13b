//! The label set editor: rename, recolour, re-key, add and remove labels and
//! their attributes. Each Apply is one undoable change of the project's one
//! timeline; the editor's own drafts live in [`LabelEditorState`].

use std::collections::BTreeMap;

use egui::{Button, RichText, Ui};

use crate::model::{AttrDef, AttrKind, EXTRA_COLORS, LabelDef, LabelEdit, Rgb, valid_label_id};
use crate::session::Session;

use super::super::command::{Command, UiCommand};
use super::super::keys::hotkey_problem;

/// A label as typed in the editor, and the label it started from: when the
/// label changes underneath (undo), the draft follows it.
#[derive(Clone, Debug)]
struct LabelDraft {
    base: LabelDef,
    edited: LabelDef,
}

/// A new attribute being typed for a label.
#[derive(Clone, Debug, Default)]
struct NewAttr {
    name: String,
    free_text: bool,
    values: String,
}

/// The label editor's own state.
#[derive(Debug, Default)]
pub struct LabelEditorState {
    drafts: BTreeMap<String, LabelDraft>,
    new_attrs: BTreeMap<String, NewAttr>,
    new_name: String,
    /// The label whose fields are shown for editing (one at a time).
    editing: Option<String>,
}

/// Show the label set editor window; returns `false` once it is closed.
pub fn label_editor_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut LabelEditorState,
    area: Option<egui::Rect>,
    commands: &mut Vec<Command>,
) -> bool {
    let project = session.project();
    let mut open = true;
    let mut window = egui::Window::new("Labels")
        .open(&mut open)
        .default_width(460.0)
        .resizable(true);
    // Over the text, never over the bars (the menu stays usable).
    if let Some(area) = area.filter(|a| a.is_positive()) {
        window = window
            .constrain_to(area)
            .default_pos(area.min + egui::vec2(16.0, 16.0));
    }
    window
        .show(ui.ctx(), |ui| {
            undo_row_ui(ui, session, commands);
            ui.separator();
            // The labels, a line each; the one being edited shows its fields
            // below the list (one editor at a time keeps the window calm).
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .show(ui, |ui| {
                    for label in project.labels.iter() {
                        let in_use = session.summary().label_count(&label.id);
                        list_row_ui(ui, label, in_use, &mut state.editing, commands);
                    }
                });
            // Drafts of labels that no longer exist are dropped.
            state.drafts.retain(|id, _| project.labels.contains(id));
            state.new_attrs.retain(|id, _| project.labels.contains(id));
            if state.editing.as_ref().is_some_and(|id| !project.labels.contains(id)) {
                state.editing = None;
            }
            ui.separator();
            match state.editing.as_ref().and_then(|id| project.labels.get(id)) {
                Some(label) => {
                    let draft = state
                        .drafts
                        .entry(label.id.clone())
                        .or_insert_with(|| LabelDraft {
                            base: label.clone(),
                            edited: label.clone(),
                        });
                    if draft.base != *label {
                        *draft = LabelDraft {
                            base: label.clone(),
                            edited: label.clone(),
                        };
                    }
                    let new_attr = state.new_attrs.entry(label.id.clone()).or_default();
                    ui.push_id(&label.id, |ui| {
                        label_row_ui(ui, label, &mut draft.edited, new_attr, commands);
                    });
                }
                None => {
                    ui.weak("Click Edit beside a label to rename, recolour or re-key it, or change its attributes.");
                }
            }
            ui.separator();
            if let Some(added) = new_label_ui(ui, session, &mut state.new_name, commands) {
                state.editing = Some(added);
            }
        });
    open
}

/// Undo and redo of the project's one timeline, saying what they would do.
fn undo_row_ui(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let undo = session.undo_label();
        let redo = session.redo_label();
        let r = ui.add_enabled(undo.is_some(), Button::new("Undo"));
        if r.on_hover_text(format!("Undo {}", undo.as_deref().unwrap_or("nothing")))
            .clicked()
        {
            commands.push(Command::Ui(UiCommand::Undo));
        }
        let r = ui.add_enabled(redo.is_some(), Button::new("Redo"));
        if r.on_hover_text(format!("Redo {}", redo.as_deref().unwrap_or("nothing")))
            .clicked()
        {
            commands.push(Command::Ui(UiCommand::Redo));
        }
    });
}

/// Name a new label and add it.
/// Name a new label and add it; returns its id when it was added.
fn new_label_ui(
    ui: &mut Ui,
    session: &Session,
    new_name: &mut String,
    commands: &mut Vec<Command>,
) -> Option<String> {
    let project = session.project();
    let mut added = None;
    ui.horizontal(|ui| {
        let label = ui.label("New label:");
        ui.add(
            egui::TextEdit::singleline(new_name)
                .hint_text("e.g. source")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let id: String = new_name
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        let ok = valid_label_id(&id) && !project.labels.contains(&id);
        if ui.add_enabled(ok, Button::new("Add label")).clicked() {
            let color = EXTRA_COLORS[project.labels.len() % EXTRA_COLORS.len()];
            let used: Vec<char> = project.labels.iter().filter_map(|l| l.hotkey).collect();
            let hotkey = ('1'..='9').find(|c| !used.contains(c));
            added = Some(id.clone());
            commands.push(Command::EditLabels(LabelEdit::Add {
                at: project.labels.len(),
                label: LabelDef {
                    hotkey,
                    ..LabelDef::new(id, new_name.trim(), color)
                },
                restore: Vec::new(),
            }));
            new_name.clear();
        }
    });
    added
}

/// Give a widget the accessible name screen readers (and tests) find it by.
fn named(response: &egui::Response, role: egui::Role, name: impl Fn() -> String) {
    response.widget_info(|| egui::WidgetInfo::labeled(role, true, name()));
}

/// One label in the list: its colour, name, hotkey and use, and buttons to
/// edit or remove it.
fn list_row_ui(
    ui: &mut Ui,
    label: &LabelDef,
    in_use: usize,
    editing: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let color = egui::Color32::from(label.color);
        super::label_bar::swatch(ui, color);
        ui.label(RichText::new(&label.name).strong());
        let key = label
            .hotkey
            .map(|k| format!("key {k} · "))
            .unwrap_or_default();
        ui.weak(format!("{key}{in_use} spans"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let remove = ui.add(Button::new("Remove").small());
            named(&remove, egui::Role::Button, || {
                format!("Remove {}", label.name)
            });
            if remove.clicked() {
                commands.push(if in_use > 0 {
                    Command::ConfirmRemoveLabel(label.id.clone())
                } else {
                    Command::EditLabels(LabelEdit::Remove {
                        id: label.id.clone(),
                    })
                });
            }
            let on = editing.as_deref() == Some(label.id.as_str());
            let edit = ui.add(Button::new("Edit").small().selected(on));
            named(&edit, egui::Role::Button, || format!("Edit {}", label.name));
            if edit.clicked() {
                *editing = (!on).then(|| label.id.clone());
            }
        });
    });
}

/// The fields of the label being edited, with Apply and Revert once changed.
fn label_row_ui(
    ui: &mut Ui,
    label: &LabelDef,
    draft: &mut LabelDef,
    new_attr: &mut NewAttr,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(format!("Edit {} (id {})", label.name, label.id)).strong());
    ui.horizontal(|ui| {
        let mut rgb = [draft.color.0, draft.color.1, draft.color.2];
        ui.color_edit_button_srgb(&mut rgb).on_hover_text("Colour");
        draft.color = Rgb(rgb[0], rgb[1], rgb[2]);
        ui.weak("name");
        let name = ui
            .add(egui::TextEdit::singleline(&mut draft.name).desired_width(140.0))
            .on_hover_text("Name");
        named(&name, egui::Role::TextInput, || {
            format!("Name of {}", label.name)
        });
        ui.weak("key");
        let mut key = draft.hotkey.map(String::from).unwrap_or_default();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut key)
                    .desired_width(24.0)
                    .char_limit(1),
            )
            .on_hover_text("Hotkey (one character)");
        named(&r, egui::Role::TextInput, || {
            format!("Hotkey of {}", label.name)
        });
        if r.changed() {
            draft.hotkey = key.chars().next();
        }
    });
    super::label_guidance::role_ui(ui, label, draft);
    attributes_ui(ui, label, draft, new_attr);
    super::label_guidance::guidance_ui(ui, label, draft);
    // Apply and Revert appear once something was changed.
    if draft != label {
        let problem = draft
            .hotkey
            .filter(|k| label.hotkey != Some(*k))
            .and_then(|k| hotkey_problem(k, ui.ctx().os()));
        if let Some(problem) = problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.horizontal(|ui| {
            let apply = ui.button("Apply");
            named(&apply, egui::Role::Button, || {
                format!("Apply changes to {}", label.name)
            });
            if apply.clicked() {
                commands.push(Command::EditLabels(LabelEdit::Update {
                    id: label.id.clone(),
                    label: draft.clone(),
                }));
            }
            if ui.button("Revert").clicked() {
                *draft = label.clone();
            }
        });
    }
}

fn attributes_ui(ui: &mut Ui, label: &LabelDef, draft: &mut LabelDef, new_attr: &mut NewAttr) {
    egui::CollapsingHeader::new(format!("Attributes of {}", label.name))
        .id_salt("attrs")
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            for (i, attr) in draft.attributes.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&attr.name).strong());
                    ui.weak(match &attr.kind {
                        AttrKind::Choice(v) => format!("one of: {}", v.join(", ")),
                        AttrKind::Text => "free text".to_owned(),
                        AttrKind::Link => "link to a span".to_owned(),
                        AttrKind::Flag => "yes or no".to_owned(),
                    });
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.attributes.remove(i);
            }
            add_attribute_ui(ui, draft, new_attr);
        });
}

fn add_attribute_ui(ui: &mut Ui, draft: &mut LabelDef, new: &mut NewAttr) {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut new.name)
                .hint_text("new attribute")
                .desired_width(110.0),
        );
        egui::ComboBox::from_id_salt("attr_kind")
            .selected_text(if new.free_text { "free text" } else { "choice" })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut new.free_text, false, "choice");
                ui.selectable_value(&mut new.free_text, true, "free text");
            })
            .response
            .on_hover_text("Kind of attribute");
        if !new.free_text {
            ui.add(
                egui::TextEdit::singleline(&mut new.values)
                    .hint_text("values, comma-separated")
                    .desired_width(150.0),
            );
        }
        let name = new.name.trim().to_owned();
        let ok = !name.is_empty() && !draft.attributes.iter().any(|a| a.name == name);
        if ui.add_enabled(ok, Button::new("Add")).clicked() {
            let kind = if new.free_text {
                AttrKind::Text
            } else {
                AttrKind::Choice(
                    new.values
                        .split(',')
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .collect(),
                )
            };
            draft.attributes.push(AttrDef::new(name, kind));
            *new = NewAttr::default();
        }
    });
}
