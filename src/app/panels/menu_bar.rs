//! The menu bar: every entry is a command of the command table, shown with
//! its shortcut in the platform's own notation.

use std::path::PathBuf;

use egui::{Button, Ui};

use crate::session::Session;

use super::super::command::{Command, UiCommand};

/// One menu entry for a table command.
fn entry(ui: &mut Ui, cmd: UiCommand, enabled: bool, commands: &mut Vec<Command>) {
    let mut button = Button::new(cmd.text());
    if let Some(shortcut) = cmd.shortcuts(ui.ctx().os()).first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(cmd.help())
        .clicked()
    {
        commands.push(Command::Ui(cmd));
    }
}

/// A menu entry for a command that turns something on or off.
fn toggle_entry(ui: &mut Ui, cmd: UiCommand, on: bool, commands: &mut Vec<Command>) {
    let mut button = Button::selectable(on, cmd.text());
    if let Some(shortcut) = cmd.shortcuts(ui.ctx().os()).first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add(button).on_hover_text(cmd.help()).clicked() {
        commands.push(Command::Ui(cmd));
    }
}

/// File / Edit / View / Help menus. `recent` lists recent projects.
pub fn menu_bar_ui(
    ui: &mut Ui,
    session: &Session,
    has_span: bool,
    show_relations: bool,
    recent: &[PathBuf],
    commands: &mut Vec<Command>,
) {
    use UiCommand as C;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            entry(ui, C::NewProject, true, commands);
            entry(ui, C::Open, true, commands);
            ui.add_enabled_ui(!recent.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::OpenPath(path.clone()));
                        }
                    }
                });
            });
            entry(ui, C::Save, true, commands);
            entry(ui, C::SaveAs, true, commands);
            ui.separator();
            entry(ui, C::Import, true, commands);
            entry(ui, C::OpenUrl, true, commands);
            entry(ui, C::Export, true, commands);
            ui.separator();
            entry(ui, C::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            entry(ui, C::Undo, session.can_undo(), commands);
            entry(ui, C::Redo, session.can_redo(), commands);
            ui.separator();
            entry(ui, C::Find, true, commands);
            entry(ui, C::Labels, true, commands);
            ui.separator();
            entry(ui, C::DeleteSpan, has_span, commands);
            entry(ui, C::CycleStatus, session.document().is_some(), commands);
            ui.separator();
            entry(ui, C::YourName, true, commands);
        });
        ui.menu_button("Curate", |ui| {
            entry(ui, C::ShowCuration, true, commands);
            entry(ui, C::AcceptSpan, session.document().is_some(), commands);
            entry(ui, C::RejectSpan, session.document().is_some(), commands);
            entry(ui, C::AcceptAgreed, session.document().is_some(), commands);
            ui.separator();
            entry(ui, C::Agreement, true, commands);
            ui.separator();
            entry(ui, C::Suggest, session.document().is_some(), commands);
        });
        ui.menu_button("View", |ui| {
            entry(ui, C::Statistics, true, commands);
            entry(ui, C::ToggleLeftPanel, true, commands);
            toggle_entry(ui, C::ToggleRelations, show_relations, commands);
            entry(ui, C::NextDocument, true, commands);
            entry(ui, C::PreviousDocument, true, commands);
            entry(ui, C::NextUntagged, true, commands);
            entry(ui, C::PreviousUntagged, true, commands);
            ui.separator();
            entry(ui, C::ZoomIn, true, commands);
            entry(ui, C::ZoomOut, true, commands);
            entry(ui, C::ZoomReset, true, commands);
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
            entry(ui, C::Guidelines, true, commands);
            entry(ui, C::Help, true, commands);
        });
    });
}
