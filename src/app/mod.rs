//! The desktop window (eframe/egui): a thin view over [`session::Session`].
//!
//! Each frame the panels draw the session and push [`Command`]s; the
//! commands are applied at the end of the frame in [`SpanmarkApp::apply`].

mod commands;
mod dialogs;
mod doc_list;
mod export_dialog;
mod inspector;
mod label_editor;
mod menu_bar;
mod modals;
mod reader;
mod recent;
mod search_bar;
pub mod session;
mod shortcuts;
mod span_list;
pub mod state;
mod status_bar;

use std::path::{Path, PathBuf};

pub use commands::{Command, Edge};
pub use reader::{MAX_READING_WIDTH, Paragraph, split_paragraphs};
pub use session::Session;
pub use state::{Selection, UiState};

use crate::model::{DocStatus, Edit, Project, Span};

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
        // An article (not a project) opens in a new, unsaved project.
        if let Some(p) = &path
            && !p.is_dir()
            && p.extension().is_none_or(|e| !e.eq_ignore_ascii_case("ron"))
        {
            return Self::article(p);
        }
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

    /// A new unsaved project holding the article at `path` (or the error).
    pub fn article(path: &Path) -> Self {
        let name = path.file_stem().map_or_else(
            || "Untitled".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let options = crate::formats::ImportOptions::default();
        let docs = crate::formats::plan(&[path.to_owned()], &options)
            .and_then(|plan| crate::formats::import_plan(&plan, &options, |_, _| {}));
        let mut session = Session::new(Project::new(name), None);
        let error = match docs {
            Ok(docs) => {
                session.add_documents(docs);
                None
            }
            Err(e) => Some(e.to_string()),
        };
        let mut app = Self::new(session);
        match error {
            Some(e) => app.state.error(format!("Could not open the article: {e}")),
            None => app
                .state
                .info("Article opened in a new project: Ctrl+S saves it"),
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
        let modal_open = self.state.pending.is_some()
            || self.state.prompt.is_some()
            || self.state.show_help
            || self.state.confirm_remove_label.is_some()
            || self.state.export.is_some()
            || self.state.import.is_some();
        self.poll_import(&ctx);
        // Files dropped on the window are imported.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Command::ImportPaths(dropped));
        }
        // The reader keeps keyboard focus, unless a text field has it or a
        // click may be giving it to one this frame.
        let grab_focus = !modal_open
            && !ctx.text_edit_focused()
            && !ctx.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
            && !self.state.search.focus
            && !self.state.focus_note;
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
        bar("label_bar", ui).show(ui, |ui| {
            menu_bar::label_bar_ui(
                ui,
                &self.session.project().labels,
                &self.state.selection,
                &mut commands,
            );
        });
        if self.state.search.open
            && let Some(doc) = self.session.document()
        {
            bar("search_bar", ui).show(ui, |ui| {
                search_bar::search_bar_ui(
                    ui,
                    self.session.current_index(),
                    doc,
                    &self.session.project().labels,
                    &mut self.state.search,
                    &mut commands,
                );
            });
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.session, &self.state);
        });
        if let Some(view) = self.session.view() {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(310.0)
                .min_size(240.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        inspector::inspector_ui(
                            ui,
                            view,
                            self.session.project(),
                            &mut self.state,
                            &mut commands,
                        );
                    });
                });
            if let Some(tab) = self.state.left {
                egui::Panel::left("left_panel")
                    .resizable(true)
                    .default_size(280.0)
                    .min_size(200.0)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            for (t, name) in [
                                (state::LeftTab::Documents, "Documents"),
                                (state::LeftTab::Spans, "Spans"),
                            ] {
                                if ui.selectable_label(tab == t, name).clicked() {
                                    commands.push(Command::ShowLeft(t));
                                }
                            }
                        });
                        ui.separator();
                        match tab {
                            state::LeftTab::Documents => doc_list::doc_list_ui(
                                ui,
                                self.session.project(),
                                self.session.current_index(),
                                &mut self.state,
                                &mut commands,
                            ),
                            state::LeftTab::Spans => span_list::span_list_ui(
                                ui,
                                view,
                                (self.session.revision(), self.session.current_index()),
                                &self.session.project().labels,
                                &mut self.state,
                                &mut commands,
                            ),
                        }
                    });
            }
        }
        egui::CentralPanel::default().show(ui, |ui| match self.session.view() {
            Some(view) => {
                let search = &self.state.search;
                reader::Reader {
                    doc_index: self.session.current_index(),
                    view,
                    labels: &self.session.project().labels,
                    selection: &mut self.state.selection,
                    snap: !ctx.input(|i| i.modifiers.alt),
                    matches: if search.open { &search.matches } else { &[] },
                    current_match: search.current,
                    linking: self.state.linking.is_some(),
                    grab_focus,
                }
                .ui(ui, &mut self.state.reader, &mut commands);
            }
            None => {
                ui.centered_and_justified(|ui| ui.heading("This project has no documents."));
            }
        });

        modals::unsaved_ui(ui, &mut self.state, &mut commands);
        modals::path_prompt_ui(ui, &mut self.state, &mut commands);
        let labels = self.session.project().labels.clone();
        modals::help_ui(ui, &mut self.state, &labels);
        if self.state.show_label_editor {
            label_editor::label_editor_ui(ui, &self.session, &mut self.state, &mut commands);
        }
        if let Some(dialog) = &mut self.state.export {
            let outcome = export_dialog::export_ui(
                ui,
                dialog,
                self.session.project(),
                self.session.path(),
                &mut commands,
            );
            self.export_finished(outcome);
        }
        modals::import_progress_ui(ui, &self.state);
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            modals::drop_hint_ui(ui);
        }
        modals::confirm_remove_label_ui(ui, self.session.project(), &mut self.state, &mut commands);

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
            Command::Apply { edit, done } => {
                self.edit(edit, done);
            }
            Command::DeleteSpan => {
                if let Some(id) = self.state.selection.span.take() {
                    self.edit(Edit::RemoveSpan { id }, "Span deleted");
                }
            }
            Command::ClickSpans(hits) => {
                // Clicking again where spans nest selects the next one outward.
                let next = match self.state.selection.span {
                    Some(cur) => match hits.iter().position(|h| *h == cur) {
                        Some(k) => hits.get((k + 1) % hits.len()).copied(),
                        None => hits.first().copied(),
                    },
                    None => hits.first().copied(),
                };
                self.state.selection = Selection {
                    range: None,
                    span: next,
                };
            }
            Command::GoToSpan(id) => {
                if let Some(s) = self.session.view().and_then(|v| v.span(id)) {
                    self.state.reader.scroll_to = Some(s.start);
                    self.state.selection = Selection {
                        range: None,
                        span: Some(id),
                    };
                }
            }
            Command::NextSpan | Command::PrevSpan => self.step_span(command == Command::NextSpan),
            Command::ClearSelection => {
                // Esc cancels the innermost thing: linking, the selection,
                // then the search bar.
                if self.state.linking.take().is_some() {
                    self.state.info("Linking cancelled");
                } else if self.state.selection != Selection::default() {
                    self.state.selection = Selection::default();
                } else {
                    self.state.search.open = false;
                }
            }
            Command::Nudge(edge, delta) => self.nudge(edge, delta),
            Command::StartLink => self.start_link(),
            Command::LinkTo(to) => {
                if let Some(from) = self.state.linking.take() {
                    let kind = self.relation_kind_for(from);
                    self.link(from, to, kind);
                }
            }
            Command::Link { from, to, kind } => self.link(from, to, kind),
            Command::CancelLink => {
                self.state.linking = None;
                self.state.info("Linking cancelled");
            }
            Command::FocusInspector => {
                if self.state.selection.span.is_some() {
                    self.state.focus_note = true;
                }
            }
            Command::OpenSearch => {
                self.state.search.open = true;
                self.state.search.focus = true;
            }
            Command::CloseSearch => self.state.search.open = false,
            Command::SearchNext | Command::SearchPrev => {
                self.step_match(command == Command::SearchNext);
            }
            Command::TagAllMatches(label) => self.tag_all_matches(&label),
            Command::ToggleLeftPanel => {
                self.state.left = match self.state.left {
                    Some(_) => None,
                    None if self.session.project().documents.len() > 1 => {
                        Some(state::LeftTab::Documents)
                    }
                    None => Some(state::LeftTab::Spans),
                };
            }
            Command::ShowLeft(tab) => self.state.left = Some(tab),
            Command::OpenDocument(i) => self.open_document(i),
            Command::StepDocument(step) => {
                let n = self.session.project().documents.len();
                let i = self.session.current_index() as i64 + i64::from(step);
                if n > 0 && (0..n as i64).contains(&i) {
                    self.open_document(i as usize);
                }
            }
            Command::CycleStatus => {
                if let Some(doc) = self.session.document() {
                    let next = match doc.status {
                        DocStatus::Todo => DocStatus::InProgress,
                        DocStatus::InProgress => DocStatus::Done,
                        DocStatus::Done => DocStatus::Todo,
                    };
                    let word = doc_list::status_look(next).1;
                    self.edit(Edit::SetStatus(next), &format!("Document marked {word}"));
                }
            }
            Command::NewProject => {
                if self.session.is_dirty() && !self.state.allow_close {
                    self.state.pending = Some(state::Pending::New);
                } else {
                    self.session = Session::new(Project::new("Untitled"), None);
                    self.state = UiState::default();
                    self.state
                        .info("New project: import articles with File > Import (Ctrl+I)");
                }
            }
            Command::Import => self.ask_import(),
            Command::ImportPaths(paths) => self.start_import(paths),
            Command::SetTheme(pref) => ctx.set_theme(pref),
            Command::Zoom(step) => match step {
                0 => ctx.set_zoom_factor(1.0),
                s if s > 0 => egui::gui_zoom::zoom_in(ctx),
                _ => egui::gui_zoom::zoom_out(ctx),
            },
            Command::ToggleLabelEditor => {
                self.state.show_label_editor = !self.state.show_label_editor;
            }
            Command::EditLabels(edit) => match self.session.edit_labels(edit) {
                Ok(()) => self.after_change("Labels changed"),
                Err(e) => self.state.error(format!("Not changed: {e}")),
            },
            Command::ConfirmRemoveLabel(id) => self.state.confirm_remove_label = Some(id),
            Command::UndoLabels => {
                let r = self.session.step_labels(true);
                self.report_step(r, "Label change undone", "No label change to undo");
            }
            Command::RedoLabels => {
                let r = self.session.step_labels(false);
                self.report_step(r, "Label change redone", "No label change to redo");
            }
            Command::Undo => {
                let r = self.session.undo();
                self.report_step(r, "Undone", "Nothing to undo");
            }
            Command::Redo => {
                let r = self.session.redo();
                self.report_step(r, "Redone", "Nothing to redo");
            }
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
            Command::OpenExport => {
                self.state.export = Some(export_dialog::ExportDialog::new(
                    self.session.project(),
                    self.session.path(),
                ));
            }
            Command::BrowseExport => {
                if let Some(dialog) = &mut self.state.export {
                    if self.native_dialogs && dialogs::native_available() {
                        if let Some(p) = dialogs::pick_export(dialog.format, &dialog.path) {
                            dialog.path = p.display().to_string();
                        }
                    } else {
                        self.state
                            .info("No native file dialog here: type the path in the field");
                    }
                }
            }
            Command::ScrollPages(n) => self.state.reader.page_jump = Some(n as f32),
            Command::ScrollToStart => self.state.reader.scroll_to = Some(0),
            Command::ScrollToEnd => {
                self.state.reader.scroll_to = self.session.view().map(|v| v.chars.char_len());
            }
        }
    }

    fn export_finished(&mut self, outcome: export_dialog::ExportOutcome) {
        match outcome {
            export_dialog::ExportOutcome::Open => {}
            export_dialog::ExportOutcome::Closed => self.state.export = None,
            export_dialog::ExportOutcome::Finished(Ok(report), path) => {
                let mut msg = format!(
                    "Exported {} documents, {} spans, {} relations to {path}",
                    report.documents, report.spans, report.relations
                );
                for (n, why) in &report.left_out {
                    msg.push_str(&format!("; {n} spans left out: {why}"));
                }
                self.state.info(msg);
                self.state.export = None;
            }
            export_dialog::ExportOutcome::Finished(Err(e), _) => {
                self.state.error(format!("Export failed: {e}"));
            }
        }
    }

    fn open_document(&mut self, i: usize) {
        if i != self.session.current_index() {
            self.session.set_current(i);
            self.state.selection = Selection::default();
            self.state.linking = None;
            self.state.note_draft = None;
            self.state.attr_draft = None;
            self.state.reader.scroll_to = Some(0);
        }
    }

    fn ask_import(&mut self) {
        if self.native_dialogs && dialogs::native_available() {
            if let Some(paths) = dialogs::pick_import() {
                self.start_import(paths);
            }
        } else {
            self.state.prompt = Some(state::PathPrompt {
                purpose: state::FilePurpose::Import,
                text: String::new(),
            });
        }
    }

    /// Read files on another thread; the documents are added when all of
    /// them have been read (all or nothing).
    fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.state.import.is_some() {
            self.state.error("An import is already running");
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let options = crate::formats::ImportOptions::default();
            let result = crate::formats::plan(&paths, &options).and_then(|plan| {
                let total = plan.files.len();
                let _ = tx.send(state::ImportMsg::Progress(0, total));
                crate::formats::import_plan(&plan, &options, |done, total| {
                    let _ = tx.send(state::ImportMsg::Progress(done, total));
                })
            });
            let _ = tx.send(state::ImportMsg::Finished(
                result.map_err(|e| e.to_string()),
            ));
        });
        self.state.import = Some(state::ImportJob {
            rx,
            done: 0,
            total: 0,
        });
    }

    /// Take in an import's progress; add its documents when it is done.
    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.state.import else {
            return;
        };
        ctx.request_repaint();
        let mut finished = None;
        while let Ok(msg) = job.rx.try_recv() {
            match msg {
                state::ImportMsg::Progress(done, total) => {
                    job.done = done;
                    job.total = total;
                }
                state::ImportMsg::Finished(result) => finished = Some(result),
            }
        }
        let Some(result) = finished else {
            return;
        };
        self.state.import = None;
        match result {
            Ok(docs) if docs.is_empty() => self
                .state
                .info("Nothing to import: no file of a known type"),
            Ok(docs) => {
                let first_new = self.session.project().documents.len();
                let report = self.session.add_documents(docs);
                self.open_document(first_new);
                if self.session.project().documents.len() > 1 {
                    self.state.left = Some(state::LeftTab::Documents);
                }
                let mut msg = format!(
                    "Imported {} documents ({} spans)",
                    report.documents, report.spans
                );
                if !report.added_labels.is_empty() {
                    msg.push_str(&format!(
                        "; added labels: {}",
                        report.added_labels.join(", ")
                    ));
                }
                self.state.info(msg);
            }
            Err(e) => self.state.error(format!("Nothing imported: {e}")),
        }
    }

    /// A label's display name (its id if it has none).
    fn label_name(&self, label: &str) -> String {
        let labels = &self.session.project().labels;
        labels
            .get(label)
            .map_or(label.to_owned(), |l| l.name.clone())
    }

    fn tag(&mut self, label: &str) {
        let Some(view) = self.session.view() else {
            return;
        };
        let doc = view.doc;
        let name = self.label_name(label);
        if let Some((start, end)) = self.state.selection.range {
            if view.has_span(start, end, label) {
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

    /// Report an undo or redo step: done, nothing to do, or why not.
    fn report_step<E: std::fmt::Display>(
        &mut self,
        result: Result<bool, E>,
        done: &str,
        nothing: &str,
    ) {
        match result {
            Ok(true) => self.after_change(done),
            Ok(false) => self.state.info(nothing),
            Err(e) => self.state.error(format!("Not done: {e}")),
        }
    }

    fn step_span(&mut self, forward: bool) {
        let Some(view) = self.session.view() else {
            return;
        };
        let spans = &view.doc.spans;
        let current = self
            .state
            .selection
            .span
            .and_then(|id| view.index.position(id));
        let next = match (current, forward) {
            (Some(i), true) => (i + 1 < spans.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => {
                let from = self.state.reader.visible_chars().map_or(0, |v| v.0);
                let i = spans.partition_point(|s| s.start < from);
                (i < spans.len()).then_some(i)
            }
            (None, false) => {
                let to = self.state.reader.visible_chars().map_or(0, |v| v.1);
                spans.partition_point(|s| s.start < to).checked_sub(1)
            }
        };
        match next.and_then(|i| spans.get(i)) {
            Some(s) => {
                let (id, start, end) = (s.id, s.start, s.end);
                self.state.selection = Selection {
                    range: None,
                    span: Some(id),
                };
                let shown = self
                    .state
                    .reader
                    .visible_chars()
                    .is_some_and(|(a, b)| start >= a && end <= b);
                if !shown {
                    self.state.reader.scroll_to = Some(start);
                }
            }
            None => self.state.info(if forward {
                "No more spans after this one"
            } else {
                "No spans before this one"
            }),
        }
    }

    fn nudge(&mut self, edge: commands::Edge, delta: i32) {
        let Some(view) = self.session.view() else {
            return;
        };
        let Some(span) = self.state.selection.span.and_then(|id| view.span(id)) else {
            self.state.info("Select a span first (click it)");
            return;
        };
        let len = view.chars.char_len();
        let shift = |x: usize| x.saturating_add_signed(delta as isize).min(len);
        let (start, end) = match edge {
            commands::Edge::Start => (shift(span.start), span.end),
            commands::Edge::End => (span.start, shift(span.end)),
        };
        if start >= end || (start, end) == (span.start, span.end) {
            return;
        }
        let id = span.id;
        self.edit(Edit::SetRange { id, start, end }, "Span resized");
    }

    fn relation_kind_for(&self, from: crate::model::SpanId) -> String {
        let label = self
            .session
            .view()
            .and_then(|v| v.span(from))
            .map(|s| s.label.clone());
        match label.as_deref() {
            Some("quote") => "said_by",
            Some("claim") => "claimed_by",
            _ => "about",
        }
        .to_owned()
    }

    fn start_link(&mut self) {
        let Some(id) = self.state.selection.span else {
            self.state
                .info("Select a quote or claim first, then press L");
            return;
        };
        self.state.linking = Some(id);
        let kind = self.relation_kind_for(id);
        self.state.info(match kind.as_str() {
            "said_by" => "Click the entity who said this quote (Esc cancels)",
            "claimed_by" => "Click the entity who makes this claim (Esc cancels)",
            _ => "Click the span this one is about (Esc cancels)",
        });
    }

    fn link(&mut self, from: crate::model::SpanId, to: crate::model::SpanId, kind: String) {
        let Some(doc) = self.session.document() else {
            return;
        };
        if from == to {
            self.state.error("A span cannot be linked to itself");
            return;
        }
        if doc
            .relations
            .iter()
            .any(|r| r.from == from && r.to == to && r.kind == kind)
        {
            self.state.info(format!("Already linked ({kind})"));
            return;
        }
        let relation = crate::model::Relation {
            id: doc.next_relation_id(),
            kind: kind.clone(),
            from,
            to,
        };
        // A quote has one speaker and a claim one claimant: replace, don't add.
        let mut edits: Vec<Edit> = doc
            .relations
            .iter()
            .filter(|r| {
                r.from == from
                    && r.kind == kind
                    && matches!(kind.as_str(), "said_by" | "claimed_by")
            })
            .map(|r| Edit::RemoveRelation { id: r.id })
            .collect();
        edits.push(Edit::AddRelation(relation));
        if self.edit(Edit::Batch(edits), &format!("Linked: {kind}")) {
            self.state.selection = Selection {
                range: None,
                span: Some(from),
            };
        }
    }

    fn step_match(&mut self, forward: bool) {
        let search = &mut self.state.search;
        let n = search.matches.len();
        if n == 0 {
            return;
        }
        let next = match (search.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        search.current = Some(next);
        self.state.reader.scroll_to = Some(search.matches[next].0);
    }

    fn tag_all_matches(&mut self, label: &str) {
        let Some(view) = self.session.view() else {
            return;
        };
        let name = self.label_name(label);
        let mut next = view.doc.next_span_id().0;
        let annotator = self.session.project().annotator.clone();
        let mut edits = Vec::new();
        let mut skipped = 0;
        for &(start, end) in &self.state.search.matches {
            if view.has_span(start, end, label) {
                skipped += 1;
                continue;
            }
            let mut span = Span::new(crate::model::SpanId(next), start, end, label);
            span.annotator = annotator.clone();
            next += 1;
            edits.push(Edit::AddSpan {
                span,
                relations: Vec::new(),
            });
        }
        let n = edits.len();
        if n == 0 {
            self.state
                .info(format!("Every match is already tagged as {name}"));
            return;
        }
        let skipped = if skipped > 0 {
            format!(" ({skipped} already were)")
        } else {
            String::new()
        };
        self.edit(
            Edit::Batch(edits),
            &format!("Tagged {n} matches as {name}{skipped}"),
        );
    }

    /// Drop selections and filters that a change left pointing at nothing.
    fn after_change(&mut self, done: &str) {
        // Drafts may now disagree with the span they were typed for.
        self.state.note_draft = None;
        self.state.attr_draft = None;
        let labels = &self.session.project().labels;
        if let Some(f) = &self.state.span_filter
            && !labels.contains(f)
        {
            self.state.span_filter = None;
        }
        if let Some(id) = self.state.selection.span
            && self.session.view().and_then(|v| v.span(id)).is_none()
        {
            self.state.selection.span = None;
        }
        self.state.info(done);
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

    fn ask_path(&mut self, purpose: state::FilePurpose) {
        if self.native_dialogs && dialogs::native_available() {
            if let Some(path) = dialogs::pick(purpose, self.session.path()) {
                match purpose {
                    state::FilePurpose::Open => self.open(&path),
                    state::FilePurpose::SaveAs => self.save_to(&path),
                    state::FilePurpose::Import => self.start_import(vec![path]),
                }
            }
        } else {
            let text = match purpose {
                state::FilePurpose::SaveAs => self
                    .session
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                state::FilePurpose::Open | state::FilePurpose::Import => String::new(),
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

/// A toolbar panel under the menu bar, with room around its buttons.
fn bar(id: &'static str, ui: &egui::Ui) -> egui::Panel {
    egui::Panel::top(id)
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(10, 6)))
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
