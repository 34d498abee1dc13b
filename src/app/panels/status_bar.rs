//! The status bar: the last message, or a hint.

use egui::Ui;

use crate::session::Session;

use super::super::command::{Command, UiCommand};
use super::super::state::{MessageKind, UiState};

/// The journal failure banner: the person's changes are not crash-safe
/// until saved. Returns whether it was dismissed (it comes back at the
/// next failure).
pub fn journal_banner_ui(ui: &mut Ui, error: &str) -> bool {
    banner_ui(
        ui,
        &format!(
            "Changes are not being journaled: {error}. They are not safe from a crash until you save: save often (Ctrl+S)."
        ),
    )
}

/// An error, in a banner over the text until the person dismisses it (a
/// line in the status bar is easy to miss). Returns whether it was dismissed.
pub fn error_banner_ui(ui: &mut Ui, text: &str) -> bool {
    banner_ui(ui, &format!("Error: {text}")) || ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// A banner's text with a Dismiss button at its right; whether it was
/// pressed.
fn banner_ui(ui: &mut Ui, text: &str) -> bool {
    let mut dismissed = false;
    ui.horizontal(|ui| {
        // The button first, so that the text wraps in the room left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            dismissed = ui.button("Dismiss").clicked();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(text).color(ui.visuals().strong_text_color()),
                    )
                    .wrap(),
                );
            });
        });
    });
    dismissed
}

/// The banner's frame: the error colour, faint, with a strong edge.
pub fn error_banner_frame(ui: &Ui) -> egui::Frame {
    let red = ui.visuals().error_fg_color;
    egui::Frame::new()
        .fill(red.gamma_multiply(0.18))
        .stroke(egui::Stroke::new(1.0, red))
        .inner_margin(egui::Margin::symmetric(12, 8))
}

/// Show the last message (an error is in its banner), where the project
/// lives, whether its changes are journaled, and who is annotating (with a
/// link to change it).
pub fn status_bar_ui(ui: &mut Ui, session: &Session, state: &UiState, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        // The right side first, so the message gets what room is left and
        // never runs under it.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            where_and_who_ui(ui, session, commands);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                message_ui(ui, session, state);
            });
        });
    });
}

/// The last message, cut to the room left (the whole of it on hover), with
/// right-to-left words in reading order as the reader draws them; or a hint.
fn message_ui(ui: &mut Ui, session: &Session, state: &UiState) {
    match &state.message {
        Some(m) if m.kind == MessageKind::Error => {
            ui.colored_label(ui.visuals().error_fg_color, "Error (see above)");
        }
        Some(m) => {
            let shown = super::super::reader::bidi::visual_line(&m.text);
            ui.add(egui::Label::new(shown.as_ref()).truncate())
                .on_hover_text(shown.as_ref());
        }
        None => {
            let keys = session.project().labels.hotkeys_hint();
            let tag = keys.map_or_else(String::new, |k| format!("{k} tag · "));
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!(
                        "Drag to select · {tag}click a span to select it · Del deletes · F1 help"
                    ))
                    .weak(),
                )
                .truncate(),
            );
        }
    }
}

/// Right to left: who is annotating (with "change"), whether changes are
/// journaled, where the project lives and whether it is saved.
fn where_and_who_ui(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    if ui
        .link("change")
        .on_hover_text("The name recorded on the spans and relations you make")
        .clicked()
    {
        commands.push(Command::Ui(UiCommand::YourName));
    }
    let by = session.annotator().map_or_else(
        || "annotating without a name ·".to_owned(),
        |a| format!("annotating as {a} ·"),
    );
    ui.weak(super::super::reader::bidi::visual_line(&by));
    if session.journal_error().is_some() {
        ui.colored_label(ui.visuals().error_fg_color, "not journaled: save often ·");
    }
    let where_ = session
        .path()
        .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
    let dirty = if session.is_dirty() {
        " · unsaved changes"
    } else {
        ""
    };
    ui.weak(format!("{where_}{dirty} ·"));
}
