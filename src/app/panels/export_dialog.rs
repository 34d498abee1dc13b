//! File > Export: choose a format, filters and a destination; the export
//! runs off the UI thread and reports where it wrote and what it left out.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Button, ComboBox, Id, Modal, Ui};

use crate::formats::{ExportOptions, ExportReport, Format};
use crate::model::{DocStatus, Project};
use crate::session::Session;

use super::super::command::Command;

/// What the person chose in the export dialog last time, offered again
/// (kept between runs in eframe's storage).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    /// The format.
    pub format: Option<Format>,
    /// The status filter.
    pub status: Option<DocStatus>,
    /// Labels that were left unticked (ids).
    pub labels_off: Vec<String>,
    /// CoNLL: the layer chosen.
    pub conll_label: Option<String>,
    /// CoNLL: `# doc_id` lines instead of `-DOCSTART-`.
    pub conll_comments: bool,
    /// The project last exported and where its export went.
    pub last: Option<(PathBuf, String)>,
}

impl ExportChoices {
    /// The storage key.
    const KEY: &'static str = "export_choices";

    /// The choices kept in `storage`, if any.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, Self::KEY))
            .unwrap_or_default()
    }

    /// Keep the choices in `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Self::KEY, self);
    }
}

/// The export dialog's state.
#[derive(Debug)]
pub struct ExportDialog {
    /// Chosen format.
    pub format: Format,
    /// Only documents with this status (`None`: all).
    pub status: Option<DocStatus>,
    /// Labels to export (ids), all by default.
    pub labels: Vec<(String, bool)>,
    /// CoNLL: one label's layer, or all (outermost wins).
    pub conll_label: Option<String>,
    /// Destination path as typed.
    pub path: String,
    /// The export in progress.
    pub running: Option<Receiver<Result<ExportReport, String>>>,
    /// The destination exists: asking whether to replace it.
    pub asking_replace: bool,
    /// CoNLL: `# doc_id` lines instead of `-DOCSTART-`.
    pub conll_comments: bool,
}

impl ExportDialog {
    /// A dialog with the choices made last time (everything selected the
    /// first time), and a destination beside the project or where this
    /// project's last export went.
    pub fn new(
        project: &Project,
        project_path: Option<&std::path::Path>,
        choices: &ExportChoices,
    ) -> Self {
        let format = choices.format.unwrap_or(Format::Jsonl);
        let path = match (&choices.last, project_path) {
            (Some((last, out)), Some(p)) if last == p => out.clone(),
            _ => default_path(project_path, format),
        };
        Self {
            format,
            status: choices.status,
            labels: project
                .labels
                .iter()
                .map(|l| (l.id.clone(), !choices.labels_off.contains(&l.id)))
                .collect(),
            conll_label: choices
                .conll_label
                .clone()
                .filter(|id| project.labels.contains(id)),
            path,
            running: None,
            asking_replace: false,
            conll_comments: choices.conll_comments,
        }
    }

    /// The choices to offer next time.
    pub fn choices(&self, project_path: Option<&std::path::Path>) -> ExportChoices {
        ExportChoices {
            format: Some(self.format),
            status: self.status,
            labels_off: self
                .labels
                .iter()
                .filter(|(_, on)| !on)
                .map(|(id, _)| id.clone())
                .collect(),
            conll_label: self.conll_label.clone(),
            conll_comments: self.conll_comments,
            last: project_path.map(|p| (p.to_owned(), self.path.trim().to_owned())),
        }
    }

    /// The options the dialog describes.
    pub fn options(&self) -> ExportOptions {
        let all = self.labels.iter().all(|(_, on)| *on);
        ExportOptions {
            status: self.status,
            labels: (!all).then(|| {
                self.labels
                    .iter()
                    .filter(|(_, on)| *on)
                    .map(|(id, _)| id.clone())
                    .collect()
            }),
            conll_label: self.conll_label.clone(),
            conll_comments: self.conll_comments,
        }
    }

    /// Run the export on a background thread; `replace` lets it write over
    /// an existing file or folder (never over a Spanmark project).
    /// Parked documents are read back there, a chunk at a time.
    pub fn start(&mut self, snapshot: crate::session::Snapshot, replace: bool) {
        self.asking_replace = false;
        let (tx, rx) = std::sync::mpsc::channel();
        let (format, options, path) =
            (self.format, self.options(), PathBuf::from(self.path.trim()));
        std::thread::spawn(move || {
            let result = snapshot
                .export(format, &options, &path, replace)
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        self.running = Some(rx);
    }
}

fn default_path(project_path: Option<&std::path::Path>, format: Format) -> String {
    let base = project_path
        .map(|p| p.with_extension(""))
        .unwrap_or_else(|| PathBuf::from("export"));
    let path = match format.extension() {
        Some(ext) => base.with_extension(ext),
        None => PathBuf::from(format!("{}-brat", base.display())),
    };
    path.display().to_string()
}

/// What the dialog wants done after this frame.
pub enum ExportOutcome {
    /// Nothing yet.
    Open,
    /// The user closed it.
    Closed,
    /// An export finished.
    Finished(Result<ExportReport, String>, String),
}

/// Show the export dialog.
pub fn export_ui(
    ui: &mut Ui,
    dialog: &mut ExportDialog,
    session: &Session,
    commands: &mut Vec<Command>,
) -> ExportOutcome {
    let project = session.project();
    let project_path = session.path();
    if let Some(rx) = &dialog.running {
        match rx.try_recv() {
            Ok(result) => {
                dialog.running = None;
                return ExportOutcome::Finished(result, dialog.path.clone());
            }
            Err(TryRecvError::Disconnected) => {
                dialog.running = None;
                return ExportOutcome::Finished(
                    Err("the export stopped unexpectedly".into()),
                    dialog.path.clone(),
                );
            }
            Err(TryRecvError::Empty) => ui.ctx().request_repaint(),
        }
    }
    let mut outcome = ExportOutcome::Open;
    Modal::new(Id::unique("export_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Export dataset");
        ui.add_space(4.0);
        export_form_ui(ui, dialog, project, project_path, commands);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let running = dialog.running.is_some();
            let ready = !running && !dialog.path.trim().is_empty() && !dialog.asking_replace;
            if ui.add_enabled(ready, Button::new("Export")).clicked() {
                if std::path::Path::new(dialog.path.trim()).exists() {
                    dialog.asking_replace = true;
                } else {
                    dialog.start(session.snapshot(), false);
                }
            }
            if ui.add_enabled(!running, Button::new("Cancel")).clicked() {
                outcome = ExportOutcome::Closed;
            }
            if running {
                ui.spinner();
                ui.label("Exporting…");
            }
        });
        if dialog.asking_replace {
            ui.add_space(6.0);
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} exists already. Replace it?", dialog.path.trim()),
            );
            ui.horizontal(|ui| {
                if ui.button("Replace it").clicked() {
                    dialog.start(session.snapshot(), true);
                }
                if ui.button("Keep it").clicked() {
                    dialog.asking_replace = false;
                }
            });
        }
    });
    outcome
}

/// The dialog's form: format, documents, labels, CoNLL layer, destination.
fn export_form_ui(
    ui: &mut Ui,
    dialog: &mut ExportDialog,
    project: &Project,
    project_path: Option<&std::path::Path>,
    commands: &mut Vec<Command>,
) {
    egui::Grid::new("export_grid")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let l = ui.label("Format");
            let before = dialog.format;
            ComboBox::from_id_salt("export_format")
                .selected_text(dialog.format.name())
                .width(240.0)
                .show_ui(ui, |ui| {
                    for f in Format::ALL {
                        ui.selectable_value(&mut dialog.format, f, f.name());
                    }
                })
                .response
                .labelled_by(l.id);
            if dialog.format != before {
                dialog.path = default_path(project_path, dialog.format);
            }
            ui.end_row();

            let l = ui.label("Documents");
            let name = |s: Option<DocStatus>| match s {
                None => "all",
                Some(DocStatus::Todo) => "to do only",
                Some(DocStatus::InProgress) => "in progress only",
                Some(DocStatus::Done) => "done only",
            };
            ComboBox::from_id_salt("export_status")
                .selected_text(name(dialog.status))
                .show_ui(ui, |ui| {
                    for s in [
                        None,
                        Some(DocStatus::Done),
                        Some(DocStatus::InProgress),
                        Some(DocStatus::Todo),
                    ] {
                        ui.selectable_value(&mut dialog.status, s, name(s));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();

            ui.label("Labels");
            ui.horizontal_wrapped(|ui| {
                for (id, on) in &mut dialog.labels {
                    let name = project
                        .labels
                        .get(id)
                        .map_or(id.as_str(), |l| l.name.as_str());
                    ui.checkbox(on, name);
                }
            });
            ui.end_row();

            if dialog.format == Format::Conll {
                let l = ui.label("CoNLL layer");
                let text = dialog
                    .conll_label
                    .as_deref()
                    .and_then(|id| project.labels.get(id))
                    .map_or("all labels (outermost span wins)", |l| l.name.as_str());
                ComboBox::from_id_salt("export_layer")
                    .selected_text(text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut dialog.conll_label,
                            None,
                            "all labels (outermost span wins)",
                        );
                        for label in project.labels.iter() {
                            ui.selectable_value(
                                &mut dialog.conll_label,
                                Some(label.id.clone()),
                                &label.name,
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                ui.label("");
                ui.checkbox(
                    &mut dialog.conll_comments,
                    "Begin documents with “# doc_id” lines (not -DOCSTART-)",
                );
                ui.end_row();
            }

            let l = ui.label(if dialog.format == Format::Brat {
                "Destination folder"
            } else {
                "Destination file"
            });
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(300.0))
                    .labelled_by(l.id);
                if ui.button("Browse…").clicked() {
                    commands.push(Command::BrowseExport);
                }
            });
            ui.end_row();
        });
}
