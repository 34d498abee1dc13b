//! Keys: turning key presses into commands from the one command table
//! (label hotkeys included), the keys labels may not take, and the help
//! rows the F1 overlay shows.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::LabelSet;

use super::command::{Command, UiCommand};

/// The key a label's hotkey character stands for, if any.
pub fn hotkey_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_string())
}

/// The shortcut of a label hotkey (a plain key).
pub fn hotkey_shortcut(c: char) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(Modifiers::NONE, hotkey_key(c)?))
}

/// Why `c` cannot be a label's hotkey: it is no key, or a command owns it.
pub fn hotkey_problem(c: char, os: egui::os::OperatingSystem) -> Option<String> {
    let Some(key) = hotkey_key(c) else {
        return Some(format!(
            "“{c}” cannot be a hotkey: it is not a key of its own; use a letter, digit or sign"
        ));
    };
    // A label hotkey is a plain key; egui ignores an extra Shift, so a
    // command on the plain key or on Shift + the key would take it first.
    let owner = UiCommand::all().find(|cmd| {
        cmd.shortcuts(os).iter().any(|s| {
            s.logical_key == key && (s.modifiers.is_none() || s.modifiers == Modifiers::SHIFT)
        })
    })?;
    Some(format!(
        "“{c}” is the shortcut of “{}”: choose another hotkey",
        owner.text().trim_end_matches('…')
    ))
}

/// Every shortcut with what it does, most specific first: egui matches
/// shortcuts ignoring extra Shift and Alt, so Ctrl+Shift+S must be tried
/// before Ctrl+S, and commands before plain label keys.
pub fn bindings(
    labels: &LabelSet,
    os: egui::os::OperatingSystem,
) -> Vec<(KeyboardShortcut, Command)> {
    let mut out: Vec<(KeyboardShortcut, Command)> = UiCommand::all()
        .flat_map(|cmd| {
            cmd.shortcuts(os)
                .into_iter()
                .map(move |s| (s, Command::Ui(cmd)))
        })
        .collect();
    for label in labels.iter() {
        if let Some(s) = label.hotkey.and_then(hotkey_shortcut) {
            out.push((s, Command::Tag(label.id.clone())));
        }
    }
    let specificity = |m: Modifiers| {
        u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
    };
    // Stable: among equals, commands (listed first) before labels.
    out.sort_by_key(|(s, _)| std::cmp::Reverse(specificity(s.modifiers)));
    out
}

/// Consume this frame's shortcut presses and turn them into commands.
/// While a text field has keyboard focus, only commands whose keys edit no
/// text ([`UiCommand::works_in_text_fields`]) are taken.
pub fn dispatch(ctx: &egui::Context, labels: &LabelSet, commands: &mut Vec<Command>) {
    let typing = ctx.text_edit_focused();
    let bindings = bindings(labels, ctx.os());
    ctx.input_mut(|input| {
        for (shortcut, command) in bindings {
            let allowed = !typing || matches!(&command, Command::Ui(c) if c.works_in_text_fields());
            if !allowed {
                continue;
            }
            // Every press counts: several can arrive in one frame (a key
            // held down, or pressed faster than frames are drawn).
            let presses = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
            for _ in 0..presses {
                commands.push(command.clone());
            }
        }
    });
}

/// The help rows: (keys, what they do), labels and mouse gestures included.
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
    for cmd in UiCommand::all() {
        let keys: Vec<String> = cmd
            .shortcuts(ctx.os())
            .iter()
            .map(|s| ctx.format_shortcut(s).replace("Questionmark", "?"))
            .collect();
        if !keys.is_empty() {
            rows.push((keys.join(" / "), cmd.help().to_owned()));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::os::OperatingSystem;

    #[test]
    fn no_two_commands_or_default_labels_share_a_key() {
        for os in [
            OperatingSystem::Nix,
            OperatingSystem::Mac,
            OperatingSystem::Windows,
        ] {
            let all = bindings(&LabelSet::default(), os);
            for (i, (a, ca)) in all.iter().enumerate() {
                for (b, cb) in &all[i + 1..] {
                    assert!(a != b, "{os:?}: {ca:?} and {cb:?} share {a:?}");
                }
            }
        }
    }

    #[test]
    fn keys_that_commands_own_are_refused_as_hotkeys() {
        let os = OperatingSystem::Nix;
        let l = hotkey_problem('l', os).unwrap_or_default();
        assert!(l.contains("Link"), "{l}");
        let q = hotkey_problem('?', os).unwrap_or_default();
        assert!(q.contains("Keyboard shortcuts"), "{q}");
        assert!(hotkey_problem('é', os).is_some(), "no key of its own");
        let x = hotkey_problem('x', os).unwrap_or_default();
        assert!(x.contains("Reject span"), "{x}");
        for free in ['1', '5', '9', 's', 'y'] {
            assert_eq!(hotkey_problem(free, os), None, "{free}");
        }
    }

    #[test]
    fn default_label_hotkeys_are_free() {
        for label in LabelSet::default().iter() {
            if let Some(c) = label.hotkey {
                assert_eq!(hotkey_problem(c, OperatingSystem::Nix), None, "{c}");
            }
        }
    }
}
