//! Opening a large project off the UI thread: the window stays responsive
//! and shows how far the reading has got. A folder project's document
//! (the one last read, else the first) is read first and shown at once,
//! ready to annotate (`reading.rs`; to read only while a crashed session's
//! journal waits to be offered); the project takes its place when it is
//! all read, at the same place, with the changes made meanwhile. Small
//! projects open at once, as before.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use crate::session::Session;
use crate::store::{Progress, StoreError};

use super::command::Command;
use super::reader::{Reader, ReaderState};
use super::state::Selection;
use super::{Place, SpanmarkApp};

/// A single-file project at least this large opens in the background.
const BIG_FILE: u64 = 4 << 20;
/// A folder project with at least this many documents opens in the background.
const BIG_FOLDER: usize = 200;

/// How many of the documents shown last (the current one among them) stay
/// whole in memory in a large folder project (the others are parked: see
/// [`crate::model::parked`]).
pub const KEEP_SHOWN: usize = 8;

/// A project being read on another thread.
#[derive(Debug)]
pub struct OpenJob {
    /// The project asked for.
    pub path: PathBuf,
    /// The person agreed to drop the unsaved changes of the project shown.
    pub discard: bool,
    /// Asked for at start: a failure shows the error screen.
    pub at_start: bool,
    /// Documents read so far, of how many.
    pub progress: Arc<Progress>,
    /// When the reading began.
    pub started: Instant,
    /// The document read first, shown (to read only) while the rest is read.
    pub preview: Option<Preview>,
    /// The document read first is the session shown, and may be changed:
    /// which it is.
    pub editing: Option<super::reading::Editing>,
    /// What the reading thread says.
    rx: Receiver<Opened>,
}

/// What the reading thread sends: the first document, then the project.
enum Opened {
    /// A project holding only the document to show first: its place in the
    /// project and how many documents the project has.
    First(Session, usize, usize),
    /// The whole project, or why it could not be opened.
    All(Result<Session, StoreError>),
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::First(..) => "First",
            Self::All(_) => "All",
        })
    }
}

/// The document shown while the rest of its project is read.
#[derive(Debug)]
pub struct Preview {
    /// A session holding only that document (never saved).
    pub session: Session,
    /// Its place in the project.
    pub index: usize,
    /// How many documents the project has.
    pub total: usize,
    /// The reader's state (where it is scrolled).
    pub reader: ReaderState,
    selection: Selection,
}

/// Whether opening `path` may take long enough to need a progress display.
pub(super) fn is_big(path: &Path) -> bool {
    let root = crate::store::project_root(path);
    if crate::store::is_folder_project(&root) {
        std::fs::read_dir(root.join(crate::store::folder::DOCS))
            .map(|dir| dir.take(BIG_FOLDER).count() >= BIG_FOLDER)
            .unwrap_or(false)
    } else {
        std::fs::metadata(&root).is_ok_and(|m| m.len() >= BIG_FILE)
    }
}

impl SpanmarkApp {
    /// Read the project at `path` on another thread; it is shown when read
    /// (a folder project's first document before that).
    pub(super) fn start_open(&mut self, path: &Path, discard: bool, at_start: bool) {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let (p, shared) = (path.to_owned(), Arc::clone(&progress));
        let root = crate::store::project_root(path);
        let wanted = self.places.get(&root).map(|place| place.doc.clone());
        let hold = Arc::clone(&self.hold_reading);
        std::thread::spawn(move || {
            if crate::store::is_folder_project(&root)
                && let Ok(Some((project, index, total))) =
                    crate::store::folder::preview(&root, wanted.as_deref())
            {
                let _ = tx.send(Opened::First(Session::new(project, None), index, total));
            }
            // The document to show and the few shown last stay whole in
            // memory; the others are parked as they are read.
            let parking = Some((wanted.as_deref(), KEEP_SHOWN));
            let opened = Session::open_parked(&p, Some(&shared), parking);
            while hold.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let _ = tx.send(Opened::All(opened));
        });
        self.state.opening = Some(OpenJob {
            path: path.to_owned(),
            discard,
            at_start,
            progress,
            started: Instant::now(),
            preview: None,
            editing: None,
            rx,
        });
    }

    /// Show the first document when it has been read, and the project once
    /// it all has (or say why it was not).
    pub(super) fn poll_open(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.state.opening else {
            return;
        };
        // Keep the progress moving while the thread reads.
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let result = match job.rx.try_recv() {
            Ok(Opened::First(session, index, total)) => {
                if super::reading::may_edit_while_reading(&job.path) {
                    self.begin_editing(session, index, total);
                    return;
                }
                job.preview = Some(Preview {
                    session,
                    index,
                    total,
                    reader: ReaderState::default(),
                    selection: Selection::default(),
                });
                return;
            }
            Ok(Opened::All(result)) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(StoreError::Io {
                path: job.path.clone(),
                source: std::io::Error::other("the reading stopped unexpectedly"),
            }),
        };
        if job.editing.is_some() {
            return self.finish_editing(result);
        }
        let Some(job) = self.state.opening.take() else {
            return;
        };
        // The project opens where the person was reading its first document.
        if let Some(place) = job
            .preview
            .as_ref()
            .and_then(|p| Place::in_session(&p.session, &p.reader))
        {
            self.places
                .remember(&crate::store::project_root(&job.path), place);
        }
        if job.at_start {
            self.opened_at_start(&job.path, result);
        } else {
            self.opened(&job.path, result, job.discard);
        }
    }
}

/// The window while a project is read: what, how far, and how long so far;
/// the first document, to read, once it is there.
pub(super) fn opening_ui(ui: &mut egui::Ui, job: &mut OpenJob) {
    let name = job.path.file_name().map_or_else(
        || job.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let done = job.progress.done.load(Ordering::Relaxed);
    let total = job.progress.total.load(Ordering::Relaxed);
    let seconds = job.started.elapsed().as_secs_f32();
    if let Some(preview) = &mut job.preview {
        let of = total.max(preview.total);
        egui::Panel::top("reading").show(ui, |ui| {
            let hint = "you can read now; changes once the project is read";
            super::reading::reading_progress_ui(ui, &job.path, done, of, hint);
        });
        // The inspector's place, so the text does not move when the
        // project arrives.
        super::frame::inspector_panel().show(ui, |ui| {
            ui.heading("Document");
            if let Some(doc) = preview.session.document() {
                ui.label(egui::RichText::new(&doc.title).strong());
                ui.weak(format!("document {} of {of}", preview.index + 1));
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(view) = preview.session.view() else {
                return;
            };
            // Nothing read here changes anything: the commands are dropped.
            let mut ignored: Vec<Command> = Vec::new();
            Reader {
                shown: u64::MAX,
                view,
                labels: &preview.session.project().labels,
                selection: &mut preview.selection,
                snap: true,
                matches: &[],
                current_match: None,
                linking: false,
                grab_focus: false,
                ghost_link: None,
            }
            .ui(ui, &mut preview.reader, &mut ignored);
        });
        return;
    }
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            ui.heading(format!("Opening {name}"));
            ui.add_space(10.0);
            if total == 0 {
                ui.add(egui::Spinner::new().size(28.0));
                ui.label(format!("{seconds:.1} s"));
            } else {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .desired_width(360.0)
                        .text(format!("{done} of {total} documents · {seconds:.1} s")),
                );
            }
        });
    });
}
