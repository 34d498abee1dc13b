//! Modal dialogs: unsaved changes, the path prompt, shortcut help.

use egui::{Id, Modal, Ui};

use crate::model::{LabelEdit, LabelSet, Project, spans_with_label};

use super::commands::Command;
use super::shortcuts::help_rows;
use super::state::{FilePurpose, Pending, UiState};

/// Ask what to do about unsaved changes before `pending` goes ahead.
pub fn unsaved_ui(ui: &mut Ui, state: &mut UiState, commands: &mut Vec<Command>) {
    let Some(pending) = state.pending.clone() else {
        return;
    };
    let mut close = false;
    Modal::new(Id::unique("unsaved_changes")).show(ui.ctx(), |ui| {
        ui.set_width(340.0);
        ui.heading("Unsaved changes");
        ui.label("This project has changes that are not saved yet.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::Save);
                close = true;
                resume(&pending, state, commands);
            }
            if ui.button("Discard changes").clicked() {
                close = true;
                state.allow_close = true;
                resume(&pending, state, commands);
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close {
        state.pending = None;
    }
}

fn resume(pending: &Pending, state: &mut UiState, commands: &mut Vec<Command>) {
    state.allow_close = true;
    match pending {
        Pending::Quit => commands.push(Command::Quit),
        Pending::Open(Some(path)) => commands.push(Command::OpenPath(path.clone())),
        Pending::Open(None) => commands.push(Command::Open),
        Pending::New => commands.push(Command::NewProject),
    }
}

/// Ask for a file path inside the window (no native dialog available).
pub fn path_prompt_ui(ui: &mut Ui, state: &mut UiState, commands: &mut Vec<Command>) {
    let Some(prompt) = state.prompt.as_mut() else {
        return;
    };
    let mut done = None;
    Modal::new(Id::unique("path_prompt")).show(ui.ctx(), |ui| {
        let title = match prompt.purpose {
            FilePurpose::Open => "Open project",
            FilePurpose::SaveAs => "Save project as",
            FilePurpose::Import => "Import a file or folder",
        };
        ui.heading(title);
        ui.label(
            "No native file dialog is available on this system (no desktop portal or zenity).",
        );
        ui.label(match prompt.purpose {
            FilePurpose::Import => "Type the path of a file or folder to import:",
            _ => "Type the path of the project file:",
        });
        let edit = ui.add(
            egui::TextEdit::singleline(&mut prompt.text)
                .hint_text("/path/to/project.ron")
                .desired_width(420.0),
        );
        edit.request_focus();
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = Some(false);
            }
        });
    });
    match done {
        Some(true) if !prompt.text.trim().is_empty() => {
            let path = std::path::PathBuf::from(prompt.text.trim());
            commands.push(match prompt.purpose {
                FilePurpose::Open => Command::OpenPath(path),
                FilePurpose::SaveAs => Command::SaveTo(path),
                FilePurpose::Import => Command::ImportPaths(vec![path]),
            });
            state.prompt = None;
        }
        Some(false) => state.prompt = None,
        _ => {}
    }
}

/// The keyboard shortcut overlay, generated from the shortcut table.
pub fn help_ui(ui: &mut Ui, state: &mut UiState, labels: &LabelSet) {
    if !state.show_help {
        return;
    }
    let rows = help_rows(ui.ctx(), labels);
    let response = Modal::new(Id::unique("shortcut_help")).show(ui.ctx(), |ui| {
        ui.heading("Keyboard shortcuts");
        ui.add_space(4.0);
        let half = rows.len().div_ceil(2);
        egui::ScrollArea::vertical()
            .max_height(ui.ctx().content_rect().height() * 0.75)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    for (i, part) in rows.chunks(half.max(1)).enumerate() {
                        egui::Grid::new(("help_grid", i))
                            .num_columns(2)
                            .striped(true)
                            .show(ui, |ui| {
                                for (keys, help) in part {
                                    ui.strong(keys);
                                    ui.label(help);
                                    ui.end_row();
                                }
                            });
                        ui.add_space(16.0);
                    }
                });
            });
        ui.add_space(6.0);
        ui.button("Close").clicked()
    });
    if response.inner || response.should_close() {
        state.show_help = false;
    }
}

/// Ask before removing a label that spans use (they go with it; undoable).
pub fn confirm_remove_label_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let Some(id) = state.confirm_remove_label.clone() else {
        return;
    };
    let name = project
        .labels
        .get(&id)
        .map_or(id.as_str(), |l| l.name.as_str());
    let n = spans_with_label(project, &id);
    let mut close = false;
    Modal::new(Id::unique("confirm_remove_label")).show(ui.ctx(), |ui| {
        ui.set_width(360.0);
        ui.heading(format!("Remove the label {name}?"));
        ui.label(format!(
            "{n} spans carry it. They are removed with the label, with their relations. \
             Undo label change brings everything back."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(format!("Remove {name} and {n} spans")).clicked() {
                commands.push(Command::EditLabels(LabelEdit::Remove { id: id.clone() }));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close {
        state.confirm_remove_label = None;
    }
}

/// Progress of an import running in the background.
pub fn import_progress_ui(ui: &mut Ui, state: &UiState) {
    let Some(job) = &state.import else {
        return;
    };
    Modal::new(Id::unique("import_progress")).show(ui.ctx(), |ui| {
        ui.set_width(320.0);
        ui.heading("Importing");
        let fraction = if job.total == 0 {
            0.0
        } else {
            job.done as f32 / job.total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(format!("{} of {} files", job.done, job.total))
                .animate(true),
        );
    });
}

/// Shown while files are dragged over the window.
pub fn drop_hint_ui(ui: &mut Ui) {
    let rect = ui.ctx().content_rect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        Id::unique("drop_hint"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop files or folders to import them",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
