//! The dialogs and screen that keep work from being lost: recovering a
//! crashed session's changes, a save that failed, a file another program
//! changed, replacing an existing file, and a project that cannot be read.

use egui::{Id, Modal as EguiModal, RichText, Ui};

use super::super::command::{Command, UiCommand};
use super::super::state::{LoadFailure, RecoverOffer, RecoverSource};

/// `HH:MM UTC` of a time in seconds since 1970.
fn clock(secs: u64) -> String {
    format!("{:02}:{:02} UTC", (secs / 3600) % 24, (secs / 60) % 60)
}

fn heading_and_text(ui: &mut Ui, heading: &str, text: &str) {
    ui.set_width(420.0);
    ui.heading(heading);
    ui.add_space(4.0);
    ui.label(text);
    ui.add_space(8.0);
}

/// Offer what a crashed session's journal holds: Keep or Discard. The
/// command that answers takes the offer out of the modal.
pub fn recover_ui(ui: &mut Ui, offer: &RecoverOffer, commands: &mut Vec<Command>) -> bool {
    EguiModal::new(Id::unique("recover")).show(ui.ctx(), |ui| {
        let n = offer.changes.len();
        let what = match &offer.source {
            RecoverSource::Project => "this project".to_owned(),
            RecoverSource::Untitled(_, _, None) => "an untitled project".to_owned(),
            RecoverSource::Untitled(_, _, Some(p)) | RecoverSource::ReadOnly { project: p, .. } => {
                format!("{} in a window that could not save it", p.display())
            }
            RecoverSource::Reading { project, .. } => {
                format!("{} while it was being read", project.display())
            }
            RecoverSource::Backup => "this backup".to_owned(),
        };
        let mut text = format!(
            "Recovered {n} {} made to {what} in a session that ended unexpectedly \
             (it began at {}).",
            if n == 1 { "change" } else { "changes" },
            clock(offer.started)
        );
        if offer.damaged {
            text.push_str(
                " The journal is damaged after these: what came after them cannot be read \
                 (the journal is kept aside whatever you choose).",
            );
        } else if offer.torn {
            text.push_str(" The last change was cut off and is left out.");
        }
        if matches!(offer.source, RecoverSource::Untitled(_, _, Some(_))) {
            text.push_str(" They open as an untitled copy: Save as keeps them.");
        }
        if matches!(offer.source, RecoverSource::Reading { .. }) {
            text.push_str(
                " They go back into its document if it is shown and unchanged, \
                 else open as an untitled copy: Save as keeps them.",
            );
        }
        heading_and_text(ui, "Unsaved changes recovered", &text);
        ui.horizontal(|ui| {
            if ui.button("Keep them").clicked() {
                commands.push(Command::KeepRecovered);
            }
            if ui
                .button("Discard them")
                .on_hover_text("They are set aside in a .discarded file, not deleted")
                .clicked()
            {
                commands.push(Command::DiscardRecovered);
            }
        });
    });
    false
}

/// A save failed: the changes are still here; offer Save as. `journal` is
/// the journal file holding them, when they are journaled (and the
/// journal works): the dialog says only what is true.
pub fn save_failed_ui(
    ui: &mut Ui,
    message: &str,
    journal: Option<&std::path::Path>,
    commands: &mut Vec<Command>,
) -> bool {
    let mut done = false;
    EguiModal::new(Id::unique("save_failed")).show(ui.ctx(), |ui| {
        heading_and_text(ui, "Not saved", message);
        match journal {
            Some(j) => ui.label(format!(
                "Your changes are still here, and in the journal {} (they come back after a crash).",
                j.display()
            )),
            None => ui.label(
                "Your changes are only in this window: they are not in a journal. Save as keeps them in another file.",
            ),
        };
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save as…").clicked() {
                commands.push(Command::Ui(UiCommand::SaveAs));
                done = true;
            }
            if ui.button("Close").clicked() {
                commands.push(Command::PromptCancelled(
                    super::super::state::FilePurpose::SaveAs,
                ));
                done = true;
            }
        });
    });
    done
}

/// The file changed on disk since it was read: whose version wins?
pub fn changed_on_disk_ui(
    ui: &mut Ui,
    path: &std::path::Path,
    commands: &mut Vec<Command>,
) -> bool {
    let mut done = false;
    EguiModal::new(Id::unique("changed_on_disk")).show(ui.ctx(), |ui| {
        let name = path.display();
        heading_and_text(
            ui,
            "The file changed on disk",
            &format!(
                "{name} was changed by another program (a git pull, another editor) since it \
                 was opened here. Saving now would replace those changes."
            ),
        );
        ui.horizontal(|ui| {
            if ui.button("Save mine as…").clicked() {
                commands.push(Command::Ui(UiCommand::SaveAs));
                done = true;
            }
            if ui.button("Keep mine (replace theirs)").clicked() {
                commands.push(Command::OverwriteMine);
                done = true;
            }
            if ui
                .button("Reload theirs")
                .on_hover_text("Read the file again; the changes made here are discarded")
                .clicked()
            {
                commands.push(Command::ReloadFromDisk);
                done = true;
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::PromptCancelled(
                    super::super::state::FilePurpose::SaveAs,
                ));
                done = true;
            }
        });
    });
    done
}

/// Save as would replace an existing file: ask first.
pub fn confirm_overwrite_ui(
    ui: &mut Ui,
    path: &std::path::Path,
    commands: &mut Vec<Command>,
) -> bool {
    let mut done = false;
    EguiModal::new(Id::unique("confirm_overwrite")).show(ui.ctx(), |ui| {
        heading_and_text(
            ui,
            "Replace the file?",
            &format!(
                "{} exists already. Replacing it keeps its present content as a .bak file beside it.",
                path.display()
            ),
        );
        ui.horizontal(|ui| {
            if ui.button("Replace it").clicked() {
                commands.push(Command::SaveToConfirmed(path.to_owned()));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::PromptCancelled(super::super::state::FilePurpose::SaveAs));
                done = true;
            }
        });
    });
    done
}

/// Shown instead of a project that could not be opened: what is wrong, and
/// the ways on. The file itself is never touched.
pub fn load_failure_ui(ui: &mut Ui, failure: &LoadFailure, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.set_max_width(640.0);
        ui.heading("This project could not be opened");
        ui.add_space(8.0);
        ui.label(RichText::new(&failure.message).color(ui.visuals().error_fg_color));
        ui.add_space(8.0);
        ui.label(
            "The file is left exactly as it is: nothing here will write over it without asking.",
        );
        ui.add_space(16.0);
        // One under another, centred like the text above.
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = 8.0;
            if let Some(backup) = &failure.backup {
                let name = backup
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                if ui
                    .button(format!("Open the backup ({name})"))
                    .on_hover_text("The version before the last save")
                    .clicked()
                {
                    commands.push(Command::OpenBackup(backup.clone()));
                }
            }
            if ui.button("Open another project…").clicked() {
                commands.push(Command::Ui(UiCommand::Open));
            }
            if ui.button("New project").clicked() {
                commands.push(Command::Ui(UiCommand::NewProject));
            }
        });
    });
}
