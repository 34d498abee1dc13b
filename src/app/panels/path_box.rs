//! The in-window path box, for systems with no native file dialog: a field
//! with Tab completion (as a shell completes: the whole name when one
//! entry fits, else as far as all that fit agree) and a list of the folder's
//! entries that fit what is typed (a click on a folder goes in, on a file
//! takes it).

use std::path::{Path, PathBuf};

use egui::{Id, Modal as EguiModal, Ui};

use super::super::command::Command;
use super::super::state::{FilePurpose, PathPrompt};

/// Entries listed at most.
const MAX_LISTED: usize = 200;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its name.
    pub name: String,
    /// Whether it is a folder.
    pub folder: bool,
}

/// The folder a typed path lists, and the start of a name typed in it.
fn split(text: &str) -> (PathBuf, String) {
    if text.is_empty() {
        return (PathBuf::from("."), String::new());
    }
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return (PathBuf::from(text), String::new());
    }
    let path = Path::new(text);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, stem)
}

/// The entries of `dir` whose names start with `start`, folders first,
/// each group by name; hidden entries only when `start` asks for them.
pub fn entries(dir: &Path, start: &str) -> Vec<Entry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let shown =
                name.starts_with(start) && (start.starts_with('.') || !name.starts_with('.'));
            shown.then(|| Entry {
                folder: e.path().is_dir(),
                name,
            })
        })
        .collect();
    out.sort_by(|a, b| (!a.folder, &a.name).cmp(&(!b.folder, &b.name)));
    out.truncate(MAX_LISTED);
    out
}

/// Complete a typed path: the whole name when one entry fits (a folder
/// gets its `/`), else as far as every fitting name agrees.
pub fn complete(text: &str) -> String {
    let (dir, start) = split(text);
    let fits = entries(&dir, &start);
    let prefix = &text[..text.len() - start.len()];
    match fits.as_slice() {
        [] => text.to_owned(),
        [one] => format!("{prefix}{}{}", one.name, if one.folder { "/" } else { "" }),
        many => {
            let first = many[0].name.as_str();
            let common = many.iter().fold(first.len(), |n, e| {
                first
                    .char_indices()
                    .zip(e.name.chars())
                    .take_while(|((_, a), b)| a == b)
                    .last()
                    .map_or(0, |((i, c), _)| (i + c.len_utf8()).min(n))
            });
            format!("{prefix}{}", &first[..common.max(start.len())])
        }
    }
}

/// Ask for a file path inside the window (no native dialog available).
pub fn path_prompt_ui(ui: &mut Ui, prompt: &mut PathPrompt, commands: &mut Vec<Command>) -> bool {
    let mut done = None;
    EguiModal::new(Id::unique("path_prompt")).show(ui.ctx(), |ui| {
        let title = match prompt.purpose {
            FilePurpose::Open => "Open project",
            FilePurpose::SaveAs => "Save project as",
            FilePurpose::Import => "Import a file or folder",
            FilePurpose::Url => "Open a web article",
        };
        ui.heading(title);
        let paths = prompt.purpose != FilePurpose::Url;
        if paths {
            ui.label(
                "No native file dialog is available on this system (no desktop portal or zenity). \
                 Tab completes the name; the list shows what is there.",
            );
        } else {
            ui.label("Spanmark fetches the page and keeps its article; nothing else goes over the network.");
        }
        let label = ui.label(match prompt.purpose {
            FilePurpose::Import => "Type the path of a file or folder to import:",
            FilePurpose::Url => "The article's address:",
            FilePurpose::Open => "Type the path of the project file (or an article):",
            FilePurpose::SaveAs => "Type the path of the project file:",
        });
        let hint = match prompt.purpose {
            FilePurpose::Import => "/path/to/articles or /path/to/article.txt",
            FilePurpose::Url => "https://…",
            FilePurpose::Open => "/path/to/project.ron or /path/to/article.txt",
            FilePurpose::SaveAs => "/path/to/project.ron",
        };
        // Tab completes here (before the field, which would let it move the
        // focus away).
        let tab = paths && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
        let mut moved = false;
        if tab {
            let completed = complete(&prompt.text);
            moved = completed != prompt.text;
            prompt.text = completed;
        }
        let output = egui::TextEdit::singleline(&mut prompt.text)
            .hint_text(hint)
            .desired_width(460.0)
            .show(ui);
        let edit = output.response.response.clone().labelled_by(label.id);
        if tab || moved {
            // The caret to the end of what was completed.
            let mut state = output.state;
            let end = egui::text::CCursor::new(prompt.text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), edit.id);
        }
        edit.request_focus();
        if paths {
            listing_ui(ui, &mut prompt.text);
        }
        // The field keeps the focus (asked for every frame), so Enter is
        // read here rather than through `lost_focus`, which would only come
        // a frame later, after the focus was taken back.
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
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
            let path = PathBuf::from(prompt.text.trim());
            commands.push(match prompt.purpose {
                FilePurpose::Open => Command::OpenPath(path),
                FilePurpose::SaveAs => Command::SaveTo(path),
                FilePurpose::Import | FilePurpose::Url => Command::ImportPaths(vec![path]),
            });
            true
        }
        Some(false) => {
            commands.push(Command::PromptCancelled(prompt.purpose));
            true
        }
        _ => false,
    }
}

/// The entries of the folder typed so far that fit the name being typed:
/// a folder clicked is gone into, a file clicked is taken.
fn listing_ui(ui: &mut Ui, text: &mut String) {
    let (dir, start) = split(text);
    let found = entries(&dir, &start);
    ui.weak(format!(
        "In {}: {}",
        dir.display(),
        match found.len() {
            0 => "nothing that fits".to_owned(),
            1 => "1 entry".to_owned(),
            n if n >= MAX_LISTED => format!("the first {MAX_LISTED} entries"),
            n => format!("{n} entries"),
        }
    ));
    egui::ScrollArea::vertical()
        .id_salt("path_listing")
        .max_height(180.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for entry in &found {
                let shown = if entry.folder {
                    format!("{}/", entry.name)
                } else {
                    entry.name.clone()
                };
                if ui.selectable_label(false, shown).clicked() {
                    let prefix = &text[..text.len() - start.len()];
                    *text = format!(
                        "{prefix}{}{}",
                        entry.name,
                        if entry.folder { "/" } else { "" }
                    );
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_a_name_or_as_far_as_the_names_agree() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().display().to_string();
        std::fs::create_dir(dir.path().join("articles"))?;
        std::fs::write(dir.path().join("project-a.ron"), "")?;
        std::fs::write(dir.path().join("project-b.ron"), "")?;
        std::fs::write(dir.path().join(".hidden"), "")?;
        assert_eq!(complete(&format!("{base}/ar")), format!("{base}/articles/"));
        assert_eq!(complete(&format!("{base}/pro")), format!("{base}/project-"));
        assert_eq!(
            complete(&format!("{base}/project-b")),
            format!("{base}/project-b.ron")
        );
        assert_eq!(complete(&format!("{base}/zz")), format!("{base}/zz"));
        let all = entries(dir.path(), "");
        let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["articles", "project-a.ron", "project-b.ron"],
            "folders first, no hidden"
        );
        Ok(())
    }
}
