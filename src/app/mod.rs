//! The desktop window (eframe/egui): a thin view over a
//! [`crate::session::Session`].
//!
//! Each frame the panels draw the session and push [`Command`]s
//! (`frame.rs`); the commands are applied at the end of the frame
//! (`apply.rs`, `annotate.rs`, `files.rs`). Named commands and their
//! shortcuts come from one table (`command.rs`, `keys.rs`); each panel keeps
//! its own state beside its `*_ui` function (`panels/`).

mod agreement;
mod annotate;
mod apply;
mod cache;
pub mod command;
mod dialogs;
mod files;
mod fonts;
mod frame;
mod keys;
pub mod learner;
mod navigate;
mod opening;
pub mod panels;
mod places;
mod reader;
mod reading;
mod recent;
mod recovery;
mod settings;
pub mod state;
mod suggester;
mod ui_command;

use std::path::{Path, PathBuf};

pub use command::{Command, UiCommand};
pub use fonts::missing_scripts;
pub use keys::hotkey_problem;
pub use panels::export_dialog::ExportChoices;
pub use places::{Place, ReadingPlaces};
pub use reader::{MAX_READING_WIDTH, Paragraph, ReaderState, body_font, split_paragraphs};
pub use recent::RecentProjects;
pub use state::{Selection, UiState};

use crate::model::Project;
use crate::session::Session;

/// The sample project, built into the binary as a last resort.
pub const SAMPLE_PROJECT: &str = include_str!("../../projects/sample.ron");

/// The application: the open session plus window state.
pub struct SpanmarkApp {
    /// The open project.
    pub session: Session,
    /// Selection, messages, dialogs, panels.
    pub state: UiState,
    /// Use native file dialogs when available (off in tests).
    pub native_dialogs: bool,
    /// Remember opened projects for the next start (off in tests).
    pub remember_recent: bool,
    /// Recently opened projects.
    pub recent: RecentProjects,
    /// Where untitled projects are journaled (`None`: they are not; tests).
    pub journal_dir: Option<PathBuf>,
    /// The export dialog's choices last time.
    pub export_choices: ExportChoices,
    /// Where the person was reading in each project.
    pub places: ReadingPlaces,
    /// Who is annotating (recorded on new spans and relations): the name
    /// the person chose, else their account's (see [`account_name`]).
    pub annotator: Option<String>,
    /// Whether the person chose the name (it is then remembered; an
    /// account's name is taken afresh at each start).
    pub annotator_chosen: bool,
    /// The external suggester's command (Suggestions panel).
    pub suggester: String,
    /// Whether a model learns from the person's work (Suggestions panel).
    pub learn: bool,
    /// Scripts already reported as missing from the fonts (said once).
    pub scripts_reported: std::collections::BTreeSet<String>,
    /// While set, a project read in the background is held back when read
    /// (tests look at the window while a large project is being read).
    pub hold_reading: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl SpanmarkApp {
    /// An app showing `session`, with native dialogs and recent-file memory off.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            state: UiState::default(),
            native_dialogs: false,
            remember_recent: false,
            recent: RecentProjects::default(),
            journal_dir: None,
            export_choices: ExportChoices::default(),
            places: ReadingPlaces::default(),
            annotator: None,
            annotator_chosen: false,
            suggester: String::new(),
            learn: true,
            scripts_reported: Default::default(),
            hold_reading: Default::default(),
        }
    }

    /// The app as a person starts it: `path`, else the last project, else
    /// the sample. A project that cannot be read is shown as an error,
    /// never swapped for another. Sessions are journaled (untitled ones in
    /// `journal_dir`), and what a crashed session left is offered back.
    pub fn startup(
        path: Option<PathBuf>,
        recent: RecentProjects,
        journal_dir: Option<PathBuf>,
    ) -> Self {
        Self::startup_at(path, recent, journal_dir, ReadingPlaces::default())
    }

    /// [`Self::startup`], knowing where the person was reading each project
    /// (a large folder project shows that document first).
    pub fn startup_at(
        path: Option<PathBuf>,
        recent: RecentProjects,
        journal_dir: Option<PathBuf>,
        places: ReadingPlaces,
    ) -> Self {
        let mut app = Self::new(Session::new(Project::new("Untitled"), None));
        app.recent = recent;
        app.journal_dir = journal_dir;
        app.places = places;
        // An article (not a project) opens in a new, unsaved project.
        if let Some(p) = &path
            && is_article(p)
        {
            app.open_article(p, false);
            app.offer_orphans();
            return app;
        }
        let candidate = path.or_else(|| app.recent.list().first().cloned());
        match candidate {
            Some(p) if opening::is_big(&p) => {
                app.start_open(&p, false, true);
            }
            Some(p) => {
                let result = Session::open(&p);
                app.opened_at_start(&p, result);
            }
            None => {
                // The shipped sample may be read-only (an installed one):
                // the person's own copy then, so a first Ctrl+S saves.
                let sample = sample_paths().into_iter().find(|p| p.is_file());
                let sample = sample.map(|p| app.own_copy_of_sample(p));
                match sample.map(|p| Session::open(&p)) {
                    Some(Ok(session)) => app.adopt(session, false),
                    _ => {
                        let project =
                            crate::store::from_ron(SAMPLE_PROJECT, Path::new("sample.ron"))
                                .unwrap_or_else(|_| Project::new("Untitled"));
                        app.adopt(Session::new(project, None), false);
                    }
                }
            }
        }
        app.offer_orphans();
        app
    }

    /// Who is annotating at start, without asking: the name the person
    /// chose before (`stored`: `Some(None)` is "no name"), else their
    /// account's. Edit > Your name, or "change" in the status bar, changes it.
    pub fn restore_annotator(&mut self, stored: Option<Option<String>>) {
        self.annotator_chosen = stored.is_some();
        self.annotator = stored.unwrap_or_else(account_name);
        self.session.set_annotator(self.annotator.clone());
    }

    /// The sample to open: `shipped` itself when it may be written, else
    /// the person's own copy in the app's data folder (made once).
    fn own_copy_of_sample(&self, shipped: PathBuf) -> PathBuf {
        if !crate::store::is_read_only(&shipped) {
            return shipped;
        }
        let Some(data) = self.journal_dir.as_deref().and_then(Path::parent) else {
            return shipped;
        };
        let copy = data.join("sample.ron");
        if copy.is_file() {
            return copy;
        }
        let copied = std::fs::create_dir_all(data)
            .and_then(|()| std::fs::read(&shipped))
            .and_then(|bytes| crate::store::write_atomic(&copy, &bytes));
        if copied.is_ok() { copy } else { shipped }
    }

    /// Show the project asked for at start, or the error screen.
    pub(crate) fn opened_at_start(
        &mut self,
        path: &Path,
        result: Result<Session, crate::store::StoreError>,
    ) {
        match result {
            Ok(session) => {
                self.adopt(session, false);
                if self.remember_recent {
                    self.recent.remember(path);
                }
            }
            Err(e) => self.failed_to_open(path, e.to_string()),
        }
    }

    /// A new unsaved project holding the article at `path` (or the error).
    pub fn article(path: &Path) -> Self {
        let mut app = Self::new(Session::new(Project::new("Untitled"), None));
        app.open_article(path, false);
        app
    }

    /// Show the article at `path` in a new, unsaved project; `discard`: the
    /// person agreed to drop the unsaved changes of the project shown.
    pub(crate) fn open_article(&mut self, path: &Path, discard: bool) {
        let name = path.file_stem().map_or_else(
            || "Untitled".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        self.adopt(Session::new(Project::new(name), None), discard);
        let options = crate::formats::ImportOptions::default();
        let docs = crate::formats::plan(&[path.to_owned()], &options)
            .and_then(|plan| crate::formats::import_plan(&plan, &options, |_, _| {}));
        let error = match docs {
            Ok(imported) => self.session.import(imported).err().map(|e| e.to_string()),
            Err(e) => Some(e.to_string()),
        };
        match error {
            Some(e) => self.state.error(format!("Could not open the article: {e}")),
            None => {
                self.state.article = Some(path.to_owned());
                self.state
                    .info("Article opened in a new project: Ctrl+S saves it");
            }
        }
    }
}

/// Whether `path` names an article to open in a new project (any file that
/// is not a `.ron` project).
pub(crate) fn is_article(path: &Path) -> bool {
    !crate::store::is_folder_project(path)
        && path
            .extension()
            .is_none_or(|e| !e.eq_ignore_ascii_case("ron"))
}

/// The name of the person using this account: their full name where the
/// system has one (the GECOS field on Unix), else their user name.
pub fn account_name() -> Option<String> {
    let real = whoami::realname().ok().map(|n| n.trim().to_owned());
    real.filter(|n| !n.is_empty())
        .or_else(|| whoami::username().ok().map(|n| n.trim().to_owned()))
        .filter(|n| !n.is_empty())
}

/// Where the sample project may be: relative to the working directory, in
/// the source tree, or where an installed binary keeps it.
fn sample_paths() -> Vec<PathBuf> {
    let mut paths = vec![PathBuf::from("projects/sample.ron")];
    // Installed (the Debian package, or a prefix): PREFIX/share/spanmark.
    if let Some(prefix) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(Path::to_owned))
    {
        paths.push(prefix.join("share/spanmark/sample.ron"));
    }
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"));
    paths
}

impl eframe::App for SpanmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        SpanmarkApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.remember_recent {
            self.save_settings(storage);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A journal with unsaved changes stays (and is offered back next
        // time); one with nothing unsaved goes.
        self.session.close(false);
    }
}

/// Open the window. `path` is the project to show, if given.
pub fn run_native(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Spanmark")
            .with_inner_size([1200.0, 780.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Spanmark",
        options,
        Box::new(move |cc| {
            let recent = RecentProjects::load(cc.storage);
            let journals = eframe::storage_dir("Spanmark").map(|d| d.join("journals"));
            let places = ReadingPlaces::load(cc.storage);
            let mut app = SpanmarkApp::startup_at(path, recent, journals, places);
            app.load_settings(cc.storage);
            app.restore_place();
            app.native_dialogs = true;
            app.remember_recent = true;
            if let Some(p) = app.session.path().map(Path::to_owned) {
                app.recent.remember(&p);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
