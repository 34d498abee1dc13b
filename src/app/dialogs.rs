//! Native file dialogs (rfd), with an in-window fallback when none exists.

use std::path::PathBuf;

use super::state::FilePurpose;

/// Whether a native file dialog can be shown on this system.
///
/// On Linux rfd talks to the XDG desktop portal over D-Bus and falls back to
/// `zenity`; with neither (a bare X server, a container) it would silently
/// return nothing, so we ask for a path inside the window instead.
pub fn native_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let has_portal = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        && std::env::var_os("XDG_CURRENT_DESKTOP").is_some();
    has_portal || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Show a native dialog; `None` if the user cancelled.
pub fn pick(purpose: FilePurpose, suggested: Option<&std::path::Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    dialog = match purpose {
        // An article opens in a new project, as on the command line.
        FilePurpose::Open => dialog
            .add_filter(
                "Project or article",
                &["ron", "txt", "md", "html", "htm", "pdf"],
            )
            .add_filter("Spanmark project", &["ron"]),
        FilePurpose::Import => dialog,
        FilePurpose::SaveAs => dialog.add_filter("Spanmark project", &["ron"]),
        // Web addresses are typed: no file dialog for them.
        FilePurpose::Url => return None,
    };
    if let Some(dir) = suggested.and_then(|p| p.parent()) {
        dialog = dialog.set_directory(dir);
    }
    match purpose {
        FilePurpose::Open => dialog.set_title("Open project").pick_file(),
        FilePurpose::Import => dialog.set_title("Import").pick_file(),
        FilePurpose::Url => None,
        FilePurpose::SaveAs => {
            let name = suggested.and_then(|p| p.file_name()).map_or_else(
                || "project.ron".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            dialog
                .set_title("Save project as")
                .set_file_name(name)
                .save_file()
                .map(|p| {
                    if p.extension().is_none() {
                        p.with_extension("ron")
                    } else {
                        p
                    }
                })
        }
    }
}

/// Pick where to export: a file, or a folder for brat.
pub fn pick_export(format: crate::formats::Format, current: &str) -> Option<PathBuf> {
    let current = std::path::Path::new(current);
    let mut dialog = rfd::FileDialog::new().set_title("Export to");
    if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    match format.extension() {
        None => dialog.pick_folder(),
        Some(ext) => {
            if let Some(name) = current.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            dialog.add_filter(format.name(), &[ext]).save_file()
        }
    }
}

/// Pick files to import.
pub fn pick_import() -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("Import articles")
        .add_filter(
            "Articles and annotations",
            &["txt", "md", "markdown", "html", "htm", "jsonl", "json"],
        )
        .pick_files()
}
