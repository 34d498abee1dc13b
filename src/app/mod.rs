//! The desktop window (eframe/egui): a thin view over [`session::Session`].
//!
//! Each frame the panels draw the session and push [`Command`]s; the
//! commands are applied at the end of the frame in [`SpanmarkApp::apply`].

mod commands;
mod dialogs;
mod inspector;
mod menu_bar;
mod modals;
mod reader;
mod recent;
pub mod session;
mod shortcuts;
pub mod state;
mod status_bar;

use std::path::{Path, PathBuf};

pub use commands::Command;
pub use reader::{MAX_READING_WIDTH, Paragraph, split_paragraphs};
pub use session::Session;
pub use state::{Selection, UiState};

use crate::model::{Edit, Project, Span};

/// The sample project, built into the binary as a last resort.
pub const SAMPLE_PROJECT: &str = include_str!("../../projects/sample.ron");

/// The application: the open session plus UI state.
pub struct SpanmarkApp {
    /// The open project.
    pub session: Session,
    /// Selection, messages, dialogs.
    pub state: UiState,
    /// Use native file dialogs when available (off in tests).
    pub native_dialogs: bool,
    /// Remember opened projects for the next start (off in tests).
    pub remember_recent: bool,
}

impl SpanmarkApp {
    /// An app showing `session`, with native dialogs and recent-file memory off.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            state: UiState::default(),
            native_dialogs: false,
            remember_recent: false,
        }
    }

    /// The app as a person starts it: `path`, else the last project, else the sample.
    pub fn startup(path: Option<PathBuf>) -> Self {
        let mut errors: Vec<String> = Vec::new();
        let candidates: Vec<PathBuf> = match path {
            Some(p) => vec![p],
            None => recent::last_project()
                .into_iter()
                .chain(sample_paths())
                .collect(),
        };
        for candidate in candidates {
            match Session::open(&candidate) {
                Ok(session) => {
                    let mut app = Self::new(session);
                    if let Some(e) = errors.first() {
                        app.state.error(e.clone());
                    }
                    return app;
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        let project = crate::store::from_ron(SAMPLE_PROJECT, Path::new("sample.ron"))
            .unwrap_or_else(|_| Project::new("untitled"));
        let mut app = Self::new(Session::new(project, None));
        if let Some(e) = errors.first() {
            app.state.error(e.clone());
        }
        app
    }

    /// Draw one frame and apply the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();

        if ctx.input(|i| i.viewport().close_requested())
            && self.session.is_dirty()
            && !self.state.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.pending = Some(state::Pending::Quit);
        }
        let modal_open =
            self.state.pending.is_some() || self.state.prompt.is_some() || self.state.show_help;
        if !modal_open {
            shortcuts::handle_shortcuts(&ctx, &self.session.project().labels, &mut commands);
        } else if self.state.show_help
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1))
        {
            commands.push(Command::ToggleHelp);
        }

        egui::Panel::top("menu_bar").show(ui, |ui| {
            menu_bar::menu_bar_ui(ui, &self.session, &self.state.selection, &mut commands);
        });
        egui::Panel::top("label_bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 6)),
            )
            .show(ui, |ui| {
                menu_bar::label_bar_ui(
                    ui,
                    &self.session.project().labels,
                    &self.state.selection,
                    &mut commands,
                );
            });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.session, &self.state);
        });
        if let Some(view) = self.session.view() {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(300.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        inspector::inspector_ui(
                            ui,
                            view,
                            &self.session.project().labels,
                            &self.state.selection,
                            &mut commands,
                        );
                    });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match self.session.view() {
            Some(view) => {
                let snap = !ctx.input(|i| i.modifiers.alt);
                reader::reader_ui(
                    ui,
                    self.session.current_index(),
                    view,
                    &self.session.project().labels,
                    &mut self.state.reader,
                    &mut self.state.selection,
                    snap,
                    &mut commands,
                );
            }
            None => {
                ui.centered_and_justified(|ui| ui.heading("This project has no documents."));
            }
        });

        modals::unsaved_ui(ui, &mut self.state, &mut commands);
        modals::path_prompt_ui(ui, &mut self.state, &mut commands);
        let labels = self.session.project().labels.clone();
        modals::help_ui(ui, &mut self.state, &labels);

        if !commands.is_empty() {
            // What a command changed is shown by the next frame: ask for it.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }

        let title = self.session.window_title();
        if title != self.state.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.state.last_title = title;
        }
    }

    /// Apply one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Tag(label) => self.tag(&label),
            Command::DeleteSpan => {
                if let Some(id) = self.state.selection.span.take() {
                    self.edit(Edit::RemoveSpan { id }, "Span deleted");
                }
            }
            Command::SelectSpan(id) => {
                self.state.selection.span = id;
                self.state.selection.range = None;
            }
            Command::ClearSelection => self.state.selection = Selection::default(),
            Command::Undo => match self.session.undo() {
                Ok(true) => self.after_history("Undone"),
                Ok(false) => self.state.info("Nothing to undo"),
                Err(e) => self.state.error(format!("Cannot undo: {e}")),
            },
            Command::Redo => match self.session.redo() {
                Ok(true) => self.after_history("Redone"),
                Ok(false) => self.state.info("Nothing to redo"),
                Err(e) => self.state.error(format!("Cannot redo: {e}")),
            },
            Command::Save => match self.session.path().map(Path::to_owned) {
                Some(path) => self.save_to(&path),
                None => self.ask_path(state::FilePurpose::SaveAs),
            },
            Command::SaveAs => self.ask_path(state::FilePurpose::SaveAs),
            Command::SaveTo(path) => self.save_to(&path),
            Command::Open => {
                if self.session.is_dirty() && !self.state.allow_close {
                    self.state.pending = Some(state::Pending::Open(None));
                } else {
                    self.ask_path(state::FilePurpose::Open);
                }
            }
            Command::OpenPath(path) => {
                if self.session.is_dirty() && !self.state.allow_close {
                    self.state.pending = Some(state::Pending::Open(Some(path)));
                } else {
                    self.open(&path);
                }
            }
            Command::Quit => {
                if self.session.is_dirty() && !self.state.allow_close {
                    self.state.pending = Some(state::Pending::Quit);
                } else {
                    self.state.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::ToggleHelp => self.state.show_help = !self.state.show_help,
            Command::ScrollPages(n) => self.state.reader.page_jump = Some(n as f32),
            Command::ScrollToStart => self.state.reader.scroll_to = Some(0),
            Command::ScrollToEnd => {
                self.state.reader.scroll_to = self.session.document().map(|d| d.char_len());
            }
        }
    }

    fn tag(&mut self, label: &str) {
        let Some(view) = self.session.view() else {
            return;
        };
        let doc = view.doc;
        let name = self
            .session
            .project()
            .labels
            .get(label)
            .map_or(label.to_owned(), |l| l.name.clone());
        if let Some((start, end)) = self.state.selection.range {
            if view
                .spans_in(start, end)
                .iter()
                .any(|s| s.start == start && s.end == end && s.label == label)
            {
                self.state.info(format!("Already tagged as {name}"));
                return;
            }
            let id = doc.next_span_id();
            let mut span = Span::new(id, start, end, label);
            span.annotator = self.session.project().annotator.clone();
            let text = reader::snippet(view.slice(start, end));
            if self.edit(
                Edit::AddSpan {
                    span,
                    relations: Vec::new(),
                },
                &format!("Tagged “{text}” as {name}"),
            ) {
                self.state.selection = Selection {
                    range: None,
                    span: Some(id),
                };
            }
        } else if let Some(id) = self.state.selection.span {
            if view.span(id).is_some_and(|s| s.label != label) {
                self.edit(
                    Edit::SetLabel {
                        id,
                        label: label.to_owned(),
                    },
                    &format!("Relabelled as {name}"),
                );
            }
        } else {
            self.state.info("Select some text first: drag across it");
        }
    }

    fn edit(&mut self, edit: Edit, done: &str) -> bool {
        match self.session.apply(edit) {
            Ok(()) => {
                self.state.info(done);
                true
            }
            Err(e) => {
                self.state.error(format!("Not applied: {e}"));
                false
            }
        }
    }

    fn after_history(&mut self, done: &str) {
        let doc = self.session.document();
        if let Some(id) = self.state.selection.span
            && doc.and_then(|d| d.span(id)).is_none()
        {
            self.state.selection.span = None;
        }
        self.state.info(done);
    }

    fn ask_path(&mut self, purpose: state::FilePurpose) {
        if self.native_dialogs && dialogs::native_available() {
            if let Some(path) = dialogs::pick(purpose, self.session.path()) {
                match purpose {
                    state::FilePurpose::Open => self.open(&path),
                    state::FilePurpose::SaveAs => self.save_to(&path),
                }
            }
        } else {
            let text = match purpose {
                state::FilePurpose::SaveAs => self
                    .session
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                state::FilePurpose::Open => String::new(),
            };
            self.state.prompt = Some(state::PathPrompt { purpose, text });
        }
    }

    fn save_to(&mut self, path: &Path) {
        match self.session.save_as(path) {
            Ok(()) => {
                self.state.info(format!("Saved {}", path.display()));
                if self.remember_recent {
                    recent::remember(path);
                }
            }
            Err(e) => self.state.error(format!("Not saved: {e}")),
        }
        // A save that was asked for on the way out finishes the quit.
        if self.state.allow_close && !self.session.is_dirty() {
            self.state.allow_close = false;
        }
    }

    fn open(&mut self, path: &Path) {
        match Session::open(path) {
            Ok(session) => {
                self.session = session;
                self.state = UiState::default();
                self.state.info(format!("Opened {}", path.display()));
                if self.remember_recent {
                    recent::remember(path);
                }
            }
            Err(e) => {
                self.state.allow_close = false;
                self.state.error(format!("Could not open: {e}"));
            }
        }
    }
}

/// Where the sample project may be, relative to the working directory or the source tree.
fn sample_paths() -> Vec<PathBuf> {
    vec![
        PathBuf::from("projects/sample.ron"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"),
    ]
}

impl eframe::App for SpanmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        SpanmarkApp::ui(self, ui);
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
        Box::new(move |_cc| {
            let mut app = SpanmarkApp::startup(path);
            app.native_dialogs = true;
            app.remember_recent = true;
            if let Some(p) = app.session.path() {
                recent::remember(p);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
