//! The label set editor: rename, recolour, re-key, add and remove labels and
//! their attributes. Every applied change is one undoable [`LabelEdit`].

use egui::{Button, RichText, Ui};

use crate::model::{
    AttrDef, AttrKind, EXTRA_COLORS, LabelDef, LabelEdit, Rgb, spans_with_label, valid_label_id,
};

use super::commands::Command;
use super::session::Session;
use super::state::UiState;

/// Show the label set editor window.
pub fn label_editor_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let project = session.project();
    let mut open = true;
    egui::Window::new("Labels")
        .open(&mut open)
        .default_width(520.0)
        .resizable(true)
        .show(ui.ctx(), |ui| {
            let (can_undo, can_redo) = session.can_undo_labels();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(can_undo, Button::new("Undo label change"))
                    .clicked()
                {
                    commands.push(Command::UndoLabels);
                }
                if ui
                    .add_enabled(can_redo, Button::new("Redo label change"))
                    .clicked()
                {
                    commands.push(Command::RedoLabels);
                }
            });
            ui.separator();
            let drafts = &mut state.label_drafts;
            egui::ScrollArea::vertical()
                .max_height(460.0)
                .show(ui, |ui| {
                    for label in project.labels.iter() {
                        let draft = drafts
                            .labels
                            .entry(label.id.clone())
                            .or_insert_with(|| label.clone());
                        ui.push_id(&label.id, |ui| {
                            label_row_ui(
                                ui,
                                label,
                                draft,
                                spans_with_label(project, &label.id),
                                commands,
                            );
                        });
                        ui.separator();
                    }
                });
            // Drafts of labels that no longer exist are dropped.
            drafts.labels.retain(|id, _| project.labels.contains(id));

            ui.horizontal(|ui| {
                let label = ui.label("New label:");
                ui.add(
                    egui::TextEdit::singleline(&mut drafts.new_name)
                        .hint_text("e.g. source")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                let id: String = drafts
                    .new_name
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
                    commands.push(Command::EditLabels(LabelEdit::Add {
                        at: project.labels.len(),
                        label: LabelDef {
                            id,
                            name: drafts.new_name.trim().to_owned(),
                            color,
                            hotkey,
                            attributes: Vec::new(),
                        },
                        restore: Vec::new(),
                    }));
                    drafts.new_name.clear();
                }
            });
        });
    if !open {
        state.show_label_editor = false;
    }
}

fn label_row_ui(
    ui: &mut Ui,
    label: &LabelDef,
    draft: &mut LabelDef,
    in_use: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let mut rgb = [draft.color.0, draft.color.1, draft.color.2];
        ui.color_edit_button_srgb(&mut rgb).on_hover_text("Colour");
        draft.color = Rgb(rgb[0], rgb[1], rgb[2]);
        ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(140.0))
            .on_hover_text("Name")
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    format!("Name of {}", label.name),
                )
            });
        let mut key = draft.hotkey.map(String::from).unwrap_or_default();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut key)
                    .desired_width(24.0)
                    .char_limit(1),
            )
            .on_hover_text("Hotkey (one character)");
        if r.changed() {
            draft.hotkey = key.chars().next();
        }
        ui.weak(format!("id {} · {in_use} spans", label.id));
    });
    egui::CollapsingHeader::new(format!("Attributes of {}", label.name))
        .id_salt("attrs")
        .show(ui, |ui| {
            let mut remove = None;
            for (i, attr) in draft.attributes.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&attr.name).strong());
                    ui.weak(match &attr.kind {
                        AttrKind::Choice(v) => format!("one of: {}", v.join(", ")),
                        AttrKind::Text => "free text".to_owned(),
                        AttrKind::Link => "link to a span".to_owned(),
                    });
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.attributes.remove(i);
            }
            add_attribute_ui(ui, draft);
        });
    ui.horizontal(|ui| {
        let changed = draft != label;
        let apply = ui.add_enabled(changed, Button::new("Apply"));
        apply.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                changed,
                format!("Apply changes to {}", label.name),
            )
        });
        if apply.clicked() {
            commands.push(Command::EditLabels(LabelEdit::Update {
                id: label.id.clone(),
                label: draft.clone(),
            }));
        }
        if ui.add_enabled(changed, Button::new("Revert")).clicked() {
            *draft = label.clone();
        }
        if ui.button(format!("Remove {}", label.name)).clicked() {
            commands.push(if in_use > 0 {
                Command::ConfirmRemoveLabel(label.id.clone())
            } else {
                Command::EditLabels(LabelEdit::Remove {
                    id: label.id.clone(),
                })
            });
        }
    });
}

fn add_attribute_ui(ui: &mut Ui, draft: &mut LabelDef) {
    let id = ui.make_persistent_id("new_attr");
    let mut new: (String, usize, String) = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut new.0)
                .hint_text("new attribute")
                .desired_width(110.0),
        );
        egui::ComboBox::from_id_salt("attr_kind")
            .selected_text(if new.1 == 0 { "choice" } else { "free text" })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut new.1, 0, "choice");
                ui.selectable_value(&mut new.1, 1, "free text");
            })
            .response
            .on_hover_text("Kind of attribute");
        if new.1 == 0 {
            ui.add(
                egui::TextEdit::singleline(&mut new.2)
                    .hint_text("values, comma-separated")
                    .desired_width(150.0),
            );
        }
        let name = new.0.trim().to_owned();
        let ok = !name.is_empty() && !draft.attributes.iter().any(|a| a.name == name);
        if ui.add_enabled(ok, Button::new("Add")).clicked() {
            let kind = if new.1 == 0 {
                AttrKind::Choice(
                    new.2
                        .split(',')
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .collect(),
                )
            } else {
                AttrKind::Text
            };
            draft.attributes.push(AttrDef { name, kind });
            new = Default::default();
        }
    });
    ui.data_mut(|d| d.insert_temp(id, new));
}
