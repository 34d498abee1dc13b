//! Modal dialogs: unsaved changes, the path prompt, the shortcut help, the
//! label removal question; plus the import progress and the drop hint.
//! The one open modal is a [`Modal`] value; each function here shows one.

use egui::{Id, Modal as EguiModal, Ui};

use crate::formats::ExportReport;
use crate::model::LabelEdit;
use crate::session::Session;

use super::super::command::Command;
use super::super::keys::help_rows;
use super::super::state::{ImportJob, Modal, Pending};
use super::export_dialog::{ExportOutcome, export_ui};
use super::safety;

/// What the open modal wants after this frame.
pub enum ModalOutcome {
    /// Stay open.
    Open,
    /// Close it.
    Close,
    /// An export finished (result, destination); the dialog stays open on error.
    Exported(Result<ExportReport, String>, String),
}

/// Show the open modal.
pub fn modal_ui(
    ui: &mut Ui,
    modal: &mut Modal,
    session: &Session,
    commands: &mut Vec<Command>,
) -> ModalOutcome {
    let close = |done: bool| {
        if done {
            ModalOutcome::Close
        } else {
            ModalOutcome::Open
        }
    };
    match modal {
        Modal::Unsaved(pending) => close(unsaved_ui(ui, pending, commands)),
        Modal::PathPrompt(prompt) => close(super::path_box::path_prompt_ui(ui, prompt, commands)),
        Modal::Help => close(help_ui(ui, session)),
        Modal::ConfirmRemoveLabel(id) => close(confirm_remove_label_ui(ui, id, session, commands)),
        Modal::Export(dialog) => match export_ui(ui, dialog, session, commands) {
            ExportOutcome::Open => ModalOutcome::Open,
            ExportOutcome::Closed => ModalOutcome::Close,
            ExportOutcome::Finished(result, path) => ModalOutcome::Exported(result, path),
        },
        Modal::Recover(offer) => close(safety::recover_ui(ui, offer, commands)),
        Modal::SaveFailed(message) => {
            let journal = session
                .journal_path()
                .filter(|_| session.journal_error().is_none());
            close(safety::save_failed_ui(ui, message, journal, commands))
        }
        Modal::ChangedOnDisk(path) => close(safety::changed_on_disk_ui(ui, path, commands)),
        Modal::ConfirmOverwrite(path) => close(safety::confirm_overwrite_ui(ui, path, commands)),
        Modal::YourName(name) => close(your_name_ui(ui, name, commands)),
        Modal::Agreement(a) => close(super::agreement::agreement_ui(
            ui,
            a,
            &session.project().labels,
        )),
    }
}

/// Change who is annotating: the name every new span and relation carries,
/// so that a team's projects can be compared and merged. Escape closes it
/// unchanged.
fn your_name_ui(ui: &mut Ui, name: &mut String, commands: &mut Vec<Command>) -> bool {
    let mut done = false;
    let modal = EguiModal::new(Id::unique("your_name")).show(ui.ctx(), |ui| {
        ui.set_width(380.0);
        ui.heading("Your name");
        ui.label(
            "Your name is recorded on every span and relation you make, so that a \
             team's projects can be compared (spanmark agree) and merged. It starts \
             as your account's name.",
        );
        ui.add_space(8.0);
        let label = ui.label("Your name:");
        let field = ui
            .add(
                egui::TextEdit::singleline(name)
                    .hint_text("e.g. alice")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        // The field keeps the focus; Enter is read here (as the path box does).
        field.request_focus();
        let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || entered {
                let name = name.trim();
                commands.push(Command::SetAnnotator(
                    (!name.is_empty()).then(|| name.to_owned()),
                ));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        ui.add_space(4.0);
        ui.weak("An empty name records no one on what you make.");
    });
    done || modal.should_close()
}

/// Ask what to do about unsaved changes before `pending` goes ahead.
/// Saving continues only once the save succeeded.
fn unsaved_ui(ui: &mut Ui, pending: &Pending, commands: &mut Vec<Command>) -> bool {
    let mut done = false;
    EguiModal::new(Id::unique("unsaved_changes")).show(ui.ctx(), |ui| {
        ui.set_width(340.0);
        ui.heading("Unsaved changes");
        ui.label("This project has changes that are not saved yet.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::SaveThen(pending.clone()));
                done = true;
            }
            if ui.button("Discard changes").clicked() {
                commands.push(Command::Discard(pending.clone()));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    done
}

/// The keyboard shortcut overlay, generated from the command table.
fn help_ui(ui: &mut Ui, session: &Session) -> bool {
    let rows = help_rows(ui.ctx(), &session.project().labels);
    let response = EguiModal::new(Id::unique("shortcut_help")).show(ui.ctx(), |ui| {
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
            || ui.input(|i| i.key_pressed(egui::Key::F1) || i.key_pressed(egui::Key::Escape))
    });
    response.inner || response.should_close()
}

/// Ask before removing a label that spans use (they go with it; undoable).
fn confirm_remove_label_ui(
    ui: &mut Ui,
    id: &str,
    session: &Session,
    commands: &mut Vec<Command>,
) -> bool {
    let project = session.project();
    let name = project.labels.get(id).map_or(id, |l| l.name.as_str());
    let n = session.summary().label_count(id);
    let mut done = false;
    EguiModal::new(Id::unique("confirm_remove_label")).show(ui.ctx(), |ui| {
        ui.set_width(360.0);
        ui.heading(format!("Remove the label {name}?"));
        ui.label(format!(
            "{n} spans carry it. They are removed with the label, with their relations. \
             Undo brings everything back."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(format!("Remove {name} and {n} spans")).clicked() {
                commands.push(Command::EditLabels(LabelEdit::Remove { id: id.to_owned() }));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    done
}

/// Progress of an import running in the background.
pub fn import_progress_ui(ui: &mut Ui, job: &ImportJob) {
    EguiModal::new(Id::unique("import_progress")).show(ui.ctx(), |ui| {
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
