//! The status bar: the last message, or a hint.

use egui::Ui;

use crate::session::Session;

use super::super::state::{MessageKind, UiState};

/// Show the last message (errors in red) and where the project lives.
pub fn status_bar_ui(ui: &mut Ui, session: &Session, state: &UiState) {
    ui.horizontal(|ui| {
        match &state.message {
            Some(m) if m.kind == MessageKind::Error => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Error: {}", m.text));
            }
            Some(m) => {
                ui.label(&m.text);
            }
            None => {
                ui.weak(
                    "Drag to select · 1–4 tag · click a span to select it · Del deletes · F1 help",
                );
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let where_ = session
                .path()
                .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
            let dirty = if session.is_dirty() {
                " · unsaved changes"
            } else {
                ""
            };
            ui.weak(format!("{where_}{dirty}"));
        });
    });
}
