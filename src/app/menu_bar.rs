//! The menu bar and the label bar under it.

use egui::{Button, Color32, RichText, Ui};

use crate::model::LabelSet;

use super::commands::Command;
use super::session::Session;
use super::state::Selection;

/// One menu entry: a button with its shortcut that pushes a command.
fn item(
    ui: &mut Ui,
    enabled: bool,
    text: &str,
    keys: &str,
    command: Command,
    commands: &mut Vec<Command>,
) {
    let button = if keys.is_empty() {
        Button::new(text)
    } else {
        Button::new(text).shortcut_text(keys)
    };
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command);
    }
}

/// File / Edit / View / Help menus.
pub fn menu_bar_ui(
    ui: &mut Ui,
    session: &Session,
    selection: &Selection,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(
                ui,
                true,
                "New project",
                "Ctrl+N",
                Command::NewProject,
                commands,
            );
            item(ui, true, "Open…", "Ctrl+O", Command::Open, commands);
            let recent = super::recent::recent_projects();
            ui.add_enabled_ui(!recent.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::OpenPath(path));
                        }
                    }
                });
            });
            item(ui, true, "Save", "Ctrl+S", Command::Save, commands);
            item(
                ui,
                true,
                "Save as…",
                "Ctrl+Shift+S",
                Command::SaveAs,
                commands,
            );
            ui.separator();
            item(ui, true, "Import…", "Ctrl+I", Command::Import, commands);
            item(ui, true, "Export…", "Ctrl+E", Command::OpenExport, commands);
            ui.separator();
            item(ui, true, "Quit", "Ctrl+Q", Command::Quit, commands);
        });
        ui.menu_button("Edit", |ui| {
            item(
                ui,
                session.can_undo(),
                "Undo",
                "Ctrl+Z",
                Command::Undo,
                commands,
            );
            item(
                ui,
                session.can_redo(),
                "Redo",
                "Ctrl+Shift+Z",
                Command::Redo,
                commands,
            );
            ui.separator();
            item(ui, true, "Find…", "Ctrl+F", Command::OpenSearch, commands);
            item(
                ui,
                true,
                "Labels…",
                "",
                Command::ToggleLabelEditor,
                commands,
            );
            ui.separator();
            let has_span = selection.span.is_some();
            item(
                ui,
                has_span,
                "Delete span",
                "Del",
                Command::DeleteSpan,
                commands,
            );
            item(
                ui,
                true,
                "Next document status",
                "Ctrl+D",
                Command::CycleStatus,
                commands,
            );
        });
        ui.menu_button("View", |ui| {
            item(
                ui,
                true,
                "Documents and spans",
                "Ctrl+B",
                Command::ToggleLeftPanel,
                commands,
            );
            item(
                ui,
                true,
                "Next document",
                "Ctrl+PageDown",
                Command::StepDocument(1),
                commands,
            );
            item(
                ui,
                true,
                "Previous document",
                "Ctrl+PageUp",
                Command::StepDocument(-1),
                commands,
            );
            ui.separator();
            item(ui, true, "Zoom in", "Ctrl +", Command::Zoom(1), commands);
            item(ui, true, "Zoom out", "Ctrl -", Command::Zoom(-1), commands);
            item(
                ui,
                true,
                "Actual size",
                "Ctrl 0",
                Command::Zoom(0),
                commands,
            );
            ui.separator();
            ui.menu_button("Theme", |ui| {
                for (pref, name) in [
                    (egui::ThemePreference::System, "Follow the system"),
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::Dark, "Dark"),
                ] {
                    let on = ui.ctx().options(|o| o.theme_preference) == pref;
                    if ui.radio(on, name).clicked() {
                        commands.push(Command::SetTheme(pref));
                    }
                }
            });
        });
        ui.menu_button("Help", |ui| {
            item(
                ui,
                true,
                "Keyboard shortcuts",
                "F1",
                Command::ToggleHelp,
                commands,
            );
        });
    });
}

/// Label colour as an egui colour.
pub fn label_color(labels: &LabelSet, id: &str) -> Color32 {
    labels.get(id).map_or(Color32::GRAY, |l| {
        Color32::from_rgb(l.color.0, l.color.1, l.color.2)
    })
}

/// A small filled square in a label's colour.
pub fn swatch(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// One button per label: click to tag the selection (or relabel the span).
pub fn label_bar_ui(
    ui: &mut Ui,
    labels: &LabelSet,
    selection: &Selection,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let can_tag = selection.range.is_some() || selection.span.is_some();
        let prompt = if selection.span.is_some() && selection.range.is_none() {
            "Relabel as:"
        } else {
            "Tag as:"
        };
        ui.add_sized([76.0, 26.0], egui::Label::new(prompt));
        for label in labels.iter() {
            let color = Color32::from_rgb(label.color.0, label.color.1, label.color.2);
            let text = match label.hotkey {
                Some(k) => format!("{k}  {}", label.name),
                None => label.name.clone(),
            };
            let button = Button::new(RichText::new(text).color(ui.visuals().strong_text_color()))
                .fill(color.gamma_multiply(0.35))
                .stroke(egui::Stroke::new(1.5, color))
                .min_size(egui::vec2(96.0, 26.0));
            let response = ui
                .add_enabled(can_tag, button)
                .on_disabled_hover_text("Select some text first: drag across it");
            if response.clicked() {
                commands.push(Command::Tag(label.id.clone()));
            }
        }
    });
}
