//! Opening a large project off the UI thread: the window stays responsive
//! and shows how far the reading has got; the project is shown when it is
//! all read. Small projects open at once, as before.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use crate::session::Session;
use crate::store::{Progress, StoreError};

use super::SpanmarkApp;

/// A single-file project at least this large opens in the background.
const BIG_FILE: u64 = 4 << 20;
/// A folder project with at least this many documents opens in the background.
const BIG_FOLDER: usize = 200;

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
    /// The session, or why it could not be opened.
    rx: Receiver<Result<Session, StoreError>>,
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
    /// Read the project at `path` on another thread; it is shown when read.
    pub(super) fn start_open(&mut self, path: &Path, discard: bool, at_start: bool) {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let (p, shared) = (path.to_owned(), Arc::clone(&progress));
        std::thread::spawn(move || {
            let _ = tx.send(Session::open_with_progress(&p, Some(&shared)));
        });
        self.state.opening = Some(OpenJob {
            path: path.to_owned(),
            discard,
            at_start,
            progress,
            started: Instant::now(),
            rx,
        });
    }

    /// Show the project once it has been read (or say why it was not).
    pub(super) fn poll_open(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.state.opening else {
            return;
        };
        // Keep the progress moving while the thread reads.
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let result = match job.rx.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(StoreError::Io {
                path: job.path.clone(),
                source: std::io::Error::other("the reading stopped unexpectedly"),
            }),
        };
        let Some(job) = self.state.opening.take() else {
            return;
        };
        if job.at_start {
            self.opened_at_start(&job.path, result);
        } else {
            self.opened(&job.path, result, job.discard);
        }
    }
}

/// The window while a project is read: what, how far, and how long so far.
pub(super) fn opening_ui(ui: &mut egui::Ui, job: &OpenJob) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            let name = job.path.file_name().map_or_else(
                || job.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.heading(format!("Opening {name}"));
            ui.add_space(10.0);
            let done = job.progress.done.load(Ordering::Relaxed);
            let total = job.progress.total.load(Ordering::Relaxed);
            let seconds = job.started.elapsed().as_secs_f32();
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
