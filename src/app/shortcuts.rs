//! The keyboard shortcut table: one source for key handling and help.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::LabelSet;

use super::commands::{Command, Edge};

/// A key combination and the command it triggers.
#[derive(Clone, Debug)]
pub struct Shortcut {
    /// Keys.
    pub keys: KeyboardShortcut,
    /// What it does.
    pub command: Command,
    /// One-line description for the help.
    pub help: &'static str,
}

fn sc(modifiers: Modifiers, key: Key, command: Command, help: &'static str) -> Shortcut {
    Shortcut {
        keys: KeyboardShortcut::new(modifiers, key),
        command,
        help,
    }
}

/// The fixed shortcuts, most specific first (Ctrl+Shift+S before Ctrl+S).
pub fn shortcuts() -> Vec<Shortcut> {
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let shift = Modifiers::SHIFT;
    let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
    let none = Modifiers::NONE;
    vec![
        // Most specific first: egui ignores extra Shift/Alt when matching.
        sc(
            alt_shift,
            Key::ArrowLeft,
            Command::Nudge(Edge::Start, -1),
            "Move the span's start left",
        ),
        sc(
            alt_shift,
            Key::ArrowRight,
            Command::Nudge(Edge::Start, 1),
            "Move the span's start right",
        ),
        sc(
            shift,
            Key::ArrowLeft,
            Command::Nudge(Edge::End, -1),
            "Move the span's end left",
        ),
        sc(
            shift,
            Key::ArrowRight,
            Command::Nudge(Edge::End, 1),
            "Move the span's end right",
        ),
        sc(
            shift,
            Key::Tab,
            Command::PrevSpan,
            "Select the previous span",
        ),
        sc(none, Key::Tab, Command::NextSpan, "Select the next span"),
        sc(shift, Key::F3, Command::SearchPrev, "Previous search match"),
        sc(none, Key::F3, Command::SearchNext, "Next search match"),
        sc(
            none,
            Key::Enter,
            Command::FocusInspector,
            "Edit the selected span's note",
        ),
        sc(
            none,
            Key::L,
            Command::StartLink,
            "Link the selected span: then click its speaker/target",
        ),
        sc(cmd, Key::F, Command::OpenSearch, "Find in the document"),
        sc(
            cmd,
            Key::B,
            Command::ToggleLeftPanel,
            "Show or hide the documents and spans panel",
        ),
        sc(
            none,
            Key::Questionmark,
            Command::ToggleHelp,
            "Show or hide this help",
        ),
        sc(cmd_shift, Key::S, Command::SaveAs, "Save as…"),
        sc(cmd_shift, Key::Z, Command::Redo, "Redo"),
        sc(cmd, Key::S, Command::Save, "Save"),
        sc(cmd, Key::O, Command::Open, "Open project…"),
        sc(cmd, Key::N, Command::NewProject, "New project"),
        sc(cmd, Key::I, Command::Import, "Import articles…"),
        sc(
            cmd,
            Key::PageDown,
            Command::StepDocument(1),
            "Next document",
        ),
        sc(
            cmd,
            Key::PageUp,
            Command::StepDocument(-1),
            "Previous document",
        ),
        sc(
            cmd,
            Key::D,
            Command::CycleStatus,
            "Set the document's status: to do, in progress, done",
        ),
        sc(cmd, Key::E, Command::OpenExport, "Export a dataset…"),
        sc(cmd, Key::Z, Command::Undo, "Undo"),
        sc(cmd, Key::Y, Command::Redo, "Redo"),
        sc(cmd, Key::Q, Command::Quit, "Quit"),
        sc(
            Modifiers::NONE,
            Key::Delete,
            Command::DeleteSpan,
            "Delete the selected span",
        ),
        sc(
            Modifiers::NONE,
            Key::Backspace,
            Command::DeleteSpan,
            "Delete the selected span",
        ),
        sc(
            Modifiers::NONE,
            Key::Escape,
            Command::ClearSelection,
            "Cancel linking, clear the selection, close the search bar",
        ),
        sc(
            Modifiers::NONE,
            Key::F1,
            Command::ToggleHelp,
            "Show or hide this help",
        ),
        sc(
            Modifiers::NONE,
            Key::PageDown,
            Command::ScrollPages(1),
            "Scroll down a page",
        ),
        sc(
            Modifiers::NONE,
            Key::PageUp,
            Command::ScrollPages(-1),
            "Scroll up a page",
        ),
        sc(
            cmd,
            Key::Home,
            Command::ScrollToStart,
            "Go to the start of the document",
        ),
        sc(
            cmd,
            Key::End,
            Command::ScrollToEnd,
            "Go to the end of the document",
        ),
    ]
}

/// The key that a label's hotkey character stands for.
pub fn hotkey_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_string())
}

/// Shortcuts for tagging with each label that has a hotkey.
pub fn label_shortcuts(labels: &LabelSet) -> Vec<(KeyboardShortcut, Command)> {
    labels
        .iter()
        .filter_map(|l| {
            let key = hotkey_key(l.hotkey?)?;
            Some((
                KeyboardShortcut::new(Modifiers::NONE, key),
                Command::Tag(l.id.clone()),
            ))
        })
        .collect()
}

/// Consume this frame's shortcut key presses and turn them into commands.
/// Does nothing while a text field has keyboard focus.
pub fn handle_shortcuts(ctx: &egui::Context, labels: &LabelSet, commands: &mut Vec<Command>) {
    if ctx.text_edit_focused() {
        return;
    }
    ctx.input_mut(|input| {
        for s in shortcuts() {
            if input.consume_shortcut(&s.keys) {
                commands.push(s.command);
            }
        }
        for (keys, command) in label_shortcuts(labels) {
            if input.consume_shortcut(&keys) {
                commands.push(command);
            }
        }
    });
}

/// The help text rows: (keys, description), labels included.
pub fn help_rows(ctx: &egui::Context, labels: &LabelSet) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = labels
        .iter()
        .filter_map(|l| {
            Some((
                l.hotkey?.to_string(),
                format!("Tag the selection as {}", l.name),
            ))
        })
        .collect();
    rows.push(("Drag".into(), "Select text (snaps to whole words)".into()));
    rows.push(("Alt + drag".into(), "Select text without snapping".into()));
    rows.push(("Click".into(), "Select the span under the pointer".into()));
    // Keys that do the same thing share a row ("Delete / Backspace").
    for s in shortcuts() {
        let keys = ctx.format_shortcut(&s.keys).replace("Questionmark", "?");
        match rows.iter_mut().find(|(_, help)| help == s.help) {
            Some((k, _)) => {
                k.push_str(" / ");
                k.push_str(&keys);
            }
            None => rows.push((keys, s.help.to_owned())),
        }
    }
    rows
}
