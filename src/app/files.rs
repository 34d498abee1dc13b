//! Files: open, save, new, the unsaved-changes question, and the import and
//! export jobs that run off the UI thread.

use std::path::{Path, PathBuf};

use crate::formats::ExportReport;
use crate::model::Project;
use crate::session::{Saved, Session};
use crate::store::StoreError;

use super::state::{FilePurpose, ImportJob, ImportMsg, LeftTab, Modal, PathPrompt, Pending};
use super::{SpanmarkApp, dialogs};

impl SpanmarkApp {
    /// Go ahead with `pending`, unless there are unsaved changes: then ask.
    pub(super) fn unless_unsaved(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.session.is_dirty() && !self.state.allow_close {
            self.state.modal = Some(Modal::Unsaved(pending));
        } else {
            self.go_ahead(ctx, pending);
        }
    }

    /// Quit, open or start anew, without asking.
    pub(super) fn go_ahead(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Quit => {
                // Nothing unsaved, or the person discarded it: the journal goes.
                self.session.close(self.state.allow_close);
                self.state.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::Open(Some(path)) => self.open(&path),
            Pending::Open(None) => self.ask_path(ctx, FilePurpose::Open),
            Pending::New => {
                let discard = self.state.allow_close;
                self.adopt(Session::new(Project::new("Untitled"), None), discard);
                self.state
                    .info("New project: import articles with File > Import (Ctrl+I)");
            }
        }
    }

    /// Ask for a path: a native dialog where there is one, else in the window.
    pub(super) fn ask_path(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        // Web addresses are typed or pasted: no file dialog knows them.
        let native = self.native_dialogs && dialogs::native_available();
        if native && purpose != FilePurpose::Url {
            let suggested = self.suggested_path();
            match dialogs::pick(purpose, Some(&suggested)) {
                // Native save dialogs ask before replacing a file themselves.
                Some(path) => match purpose {
                    FilePurpose::Open => self.unless_unsaved(ctx, Pending::Open(Some(path))),
                    FilePurpose::SaveAs => self.save_as(ctx, &path),
                    FilePurpose::Import | FilePurpose::Url => self.start_import(vec![path]),
                },
                None if purpose == FilePurpose::SaveAs => self.state.after_save = None,
                None => {}
            }
        } else {
            let text = match purpose {
                FilePurpose::SaveAs => self.suggested_path().display().to_string(),
                FilePurpose::Open | FilePurpose::Import | FilePurpose::Url => String::new(),
            };
            self.state.modal = Some(Modal::PathPrompt(PathPrompt { purpose, text }));
        }
    }

    /// Where Save as suggests saving: the project's own file (when it may
    /// be written; else a copy beside it, or in the home folder when its
    /// folder is read-only too), else a project beside the article it was
    /// opened from, else one named after the project in the current folder.
    fn suggested_path(&self) -> std::path::PathBuf {
        if let Some(path) = self.session.path() {
            let writable = self.session.locked_by().is_none() && !crate::store::is_read_only(path);
            if writable {
                return path.to_owned();
            }
            let stem = path
                .file_stem()
                .map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned());
            let ext = path
                .extension()
                .map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
            let copy = format!("{stem} (copy){ext}");
            let beside = path.with_file_name(&copy);
            if !crate::store::is_read_only(&beside) {
                return beside;
            }
            let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
            return home.unwrap_or_default().join(copy);
        }
        if let Some(article) = &self.state.article {
            return article.with_extension("ron");
        }
        let name = crate::formats::safe_name(&self.session.project().name);
        let dir = std::env::current_dir().unwrap_or_default();
        dir.join(format!("{name}.ron"))
    }

    /// Save to the project's own file (asking where if it has none).
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        if self.session.path().is_none() {
            return self.ask_path(ctx, FilePurpose::SaveAs);
        }
        let result = self.session.save();
        self.saved(ctx, result);
    }

    /// Save to a path typed in the window: ask before replacing another file.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        let own = self
            .session
            .path()
            .is_some_and(|p| crate::store::real_path(p) == crate::store::real_path(path));
        if path.exists() && !own {
            self.state.modal = Some(Modal::ConfirmOverwrite(path.to_owned()));
        } else {
            self.save_as(ctx, path);
        }
    }

    /// Save to `path`, whatever is there (the person agreed).
    pub(super) fn save_as(&mut self, ctx: &egui::Context, path: &Path) {
        let result = self.session.save_as(path);
        self.saved(ctx, result);
    }

    /// After a save: what waited on it goes ahead only if it worked; a
    /// failure keeps everything and says why, offering Save as.
    fn saved(&mut self, ctx: &egui::Context, result: Result<Saved, StoreError>) {
        match result {
            Ok(saved) => {
                let path = self.session.path().map(Path::to_owned).unwrap_or_default();
                let theirs = match saved.taken_as_on_disk {
                    0 => String::new(),
                    1 => " (1 document you had not changed was saved as another program left it; undo starts afresh)"
                        .to_owned(),
                    n => format!(
                        " ({n} documents you had not changed were saved as another program left them; undo starts afresh)"
                    ),
                };
                match saved.left_unread {
                    None => self.state.info(format!("Saved {}{theirs}", path.display())),
                    // Saved, but another program left the folder with
                    // documents that cannot be read: say which.
                    Some((n, first)) => self.state.error(format!(
                        "Saved {}{theirs}; {n} document(s) could not be read and were left as they are on disk: {first}",
                        path.display()
                    )),
                }
                self.state.load_failure = None;
                if self.remember_recent {
                    self.recent.remember(&path);
                }
                if let Some(pending) = self.state.after_save.take() {
                    self.go_ahead(ctx, pending);
                }
            }
            Err(StoreError::ChangedOnDisk { path }) => {
                self.state.allow_close = false;
                self.state.modal = Some(Modal::ChangedOnDisk(path));
            }
            Err(e) => {
                self.state.allow_close = false;
                self.state.error(format!("Not saved: {e}"));
                self.state.modal = Some(Modal::SaveFailed(e.to_string()));
            }
        }
    }

    /// Open a project; if it cannot be read, say so and keep what is open.
    fn open(&mut self, path: &Path) {
        // An article opens in a new project, as on the command line.
        if super::is_article(path) && path.is_file() {
            let discard = self.state.allow_close;
            self.open_article(path, discard);
            return;
        }
        let discard = self.state.allow_close;
        if super::opening::is_big(path) {
            self.start_open(path, discard, false);
        } else {
            let result = Session::open(path);
            self.opened(path, result, discard);
        }
    }

    /// Show a project just read (dropping the one shown; `discard`: its
    /// unsaved changes too), or say why it could not be read and keep what
    /// is open.
    pub(super) fn opened(
        &mut self,
        path: &Path,
        result: Result<Session, StoreError>,
        discard: bool,
    ) {
        match result {
            Ok(session) => {
                self.adopt(session, discard);
                if self.state.message.is_none() {
                    self.state.info(format!("Opened {}", path.display()));
                }
                if self.remember_recent {
                    self.recent.remember(path);
                }
            }
            Err(e) => {
                self.state.allow_close = false;
                let backup = crate::store::backup_path(path);
                let hint = if backup.is_file() {
                    format!(" (its backup {} can be opened)", backup.display())
                } else {
                    String::new()
                };
                self.state.error(format!("Could not open: {e}{hint}"));
            }
        }
    }

    /// Read the project again from disk, dropping the changes made here.
    pub(super) fn reload(&mut self) {
        if let Some(path) = self.session.path().map(Path::to_owned) {
            self.session.close(true);
            self.state.allow_close = true;
            self.open(&path);
        }
    }

    pub(super) fn ask_import(&mut self, ctx: &egui::Context) {
        if self.native_dialogs && dialogs::native_available() {
            if let Some(paths) = dialogs::pick_import() {
                self.start_import(paths);
            }
        } else {
            self.ask_path(ctx, FilePurpose::Import);
        }
    }

    /// Read files on another thread; the documents join the project, as one
    /// undo step through the import gate, when all of them have been read.
    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.state.import.is_some() {
            self.state.error("An import is already running");
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let options = crate::formats::ImportOptions::default();
            let result = crate::formats::plan(&paths, &options).and_then(|plan| {
                let _ = tx.send(ImportMsg::Progress(0, plan.len()));
                crate::formats::import_plan(&plan, &options, |done, total| {
                    let _ = tx.send(ImportMsg::Progress(done, total));
                })
            });
            let _ = tx.send(ImportMsg::Finished(result.map_err(|e| e.to_string())));
        });
        self.state.import = Some(ImportJob {
            rx,
            done: 0,
            total: 0,
        });
    }

    /// Take in an import's progress; add its documents when it is done.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.state.import else {
            return;
        };
        ctx.request_repaint();
        let mut finished = None;
        loop {
            match job.rx.try_recv() {
                Ok(ImportMsg::Progress(done, total)) => {
                    job.done = done;
                    job.total = total;
                }
                Ok(ImportMsg::Finished(result)) => finished = Some(result),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    finished.get_or_insert(Err("the import stopped unexpectedly".to_owned()));
                    break;
                }
            }
        }
        let Some(result) = finished else {
            return;
        };
        self.state.import = None;
        let imported = match result {
            Ok(imported) if imported.docs.is_empty() => {
                return self
                    .state
                    .info("Nothing to import: no file of a known type");
            }
            Ok(imported) => imported,
            Err(e) => return self.state.error(format!("Nothing imported: {e}")),
        };
        let first_new = self.session.project().documents.len();
        match self.session.import(imported) {
            Ok(report) => {
                self.open_document(first_new);
                if self.session.project().documents.len() > 1 {
                    self.state.left = Some(LeftTab::Documents);
                }
                let mut msg = format!(
                    "Imported {} {} ({} spans)",
                    report.documents,
                    if report.documents == 1 {
                        "document"
                    } else {
                        "documents"
                    },
                    report.spans
                );
                if !report.added_labels.is_empty() {
                    msg.push_str(&format!("; added labels: {}", report.added_labels_line()));
                }
                for line in report.notices.lines() {
                    msg.push_str("; ");
                    msg.push_str(&line);
                }
                self.state.info(msg);
            }
            Err(e) => self.state.error(format!("Nothing imported: {e}")),
        }
    }

    /// An export finished: say where it went and what it left out.
    pub(super) fn export_finished(&mut self, result: Result<ExportReport, String>, path: &str) {
        match result {
            Ok(report) => {
                if let Some(Modal::Export(dialog)) = &self.state.modal {
                    self.export_choices = dialog.choices(self.session.path());
                }
                let mut msg = format!("Exported {} to {path}", report.written());
                for path in &report.also_written {
                    msg.push_str(&format!(" and {}", path.display()));
                }
                for (n, why) in &report.left_out {
                    msg.push_str(&format!("; left out: {n} {why}"));
                }
                if report.layer_hint {
                    msg.push_str("; choose a label under “CoNLL layer” to export its spans alone");
                }
                for note in &report.notes {
                    msg.push_str("; ");
                    msg.push_str(note);
                }
                self.state.info(msg);
                self.state.modal = None;
            }
            Err(e) => self.state.error(format!("Export failed: {e}")),
        }
    }
}
