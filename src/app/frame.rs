//! One frame of the window: the panels draw the session and push commands;
//! the commands are applied at the end of the frame.

use std::path::PathBuf;

use super::command::{Command, UiCommand};
use super::panels::modals::{self, ModalOutcome};
use super::panels::{
    curation, doc_list, inspector, label_bar, label_editor, menu_bar, search_bar, span_list,
    status_bar, suggestions,
};
use super::reader;
use super::state::LeftTab;
use super::{SpanmarkApp, keys};

impl SpanmarkApp {
    /// Draw one frame and apply the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        // While a project is read there is nothing to do but wait or leave
        // (the person already answered for the unsaved changes).
        self.poll_open(&ctx);
        if let Some(job) = self.state.opening.as_mut().filter(|j| j.editing.is_none()) {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Q)) {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            super::opening::opening_ui(ui, job);
            return;
        }

        if ctx.input(|i| i.viewport().close_requested())
            && self.session.is_dirty()
            && !self.state.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Ui(UiCommand::Quit));
        }
        // A journal that starts or stops failing asks for a frame itself.
        if !self.session.has_journal_waker() {
            let waker = ctx.clone();
            self.session
                .set_journal_waker(crate::store::journal::Waker(std::sync::Arc::new(
                    move || {
                        waker.request_repaint();
                    },
                )));
        }
        // Active time: input arriving while the window has the focus.
        let (focused, input) = ctx.input(|i| {
            let moved = i.pointer.is_moving() || i.pointer.any_down();
            (i.focused, moved || !i.events.is_empty())
        });
        if !focused {
            self.session.pause_activity();
        } else if input {
            self.session.note_activity(std::time::Instant::now());
        }
        self.poll_import(&ctx);
        self.poll_suggester(&ctx);
        self.poll_learner(&ctx);
        self.poll_agreement(&ctx);
        self.check_fonts(&ctx);
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
        // A web address pasted onto the window (not into a field): its
        // article is imported.
        if !ctx.text_edit_focused() && self.state.modal.is_none() {
            let pasted: Vec<PathBuf> = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(s) if crate::formats::is_url(s) => {
                            Some(PathBuf::from(s.trim()))
                        }
                        _ => None,
                    })
                    .collect()
            });
            if !pasted.is_empty() {
                commands.push(Command::ImportPaths(pasted));
            }
        }
        let blocked = self.state.blocked();
        // The reader keeps keyboard focus, unless a text field has it or a
        // click may be giving it to one this frame.
        let grab_focus = !blocked
            && !ctx.text_edit_focused()
            && !ctx.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
            && !self.state.search.focus
            && !self.state.inspector.focus_note;
        if !blocked {
            keys::dispatch(&ctx, &self.session.project().labels, &mut commands);
            // A command asked for while typing takes what is typed with it.
            if !commands.is_empty()
                && ctx.text_edit_focused()
                && let Some(view) = self.session.view()
            {
                let mut typed = Vec::new();
                self.state.inspector.commit(view, &mut typed);
                commands.splice(0..0, typed);
            }
        }

        self.panels_ui(ui, &ctx, grab_focus, &mut commands);
        self.modals_ui(ui, &ctx, &mut commands);

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

    fn panels_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &egui::Context,
        grab_focus: bool,
        commands: &mut Vec<Command>,
    ) {
        let state = &mut self.state;
        let session = &self.session;
        let labels = &session.project().labels;
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let has_span = state.selection.span.is_some();
            let relations = state.reader.show_relations;
            let recent = self.recent.list();
            menu_bar::menu_bar_ui(ui, session, has_span, relations, recent, commands);
        });
        bar("label_bar", ui).show(ui, |ui| {
            label_bar::label_bar_ui(ui, labels, &state.selection, commands);
        });
        if state.search.open
            && let Some(doc) = session.document()
        {
            bar("search_bar", ui).show(ui, |ui| {
                let shown = session.shown_generation();
                search_bar::search_bar_ui(ui, shown, doc, labels, &mut state.search, commands);
            });
        }
        if let Some(job) = state.opening.as_ref().filter(|j| j.editing.is_some()) {
            bar("reading_bar", ui).show(ui, |ui| super::reading::reading_bar_ui(ui, job));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, session, state, commands);
        });
        // Changes that do not reach the journal: said at once, and again
        // at the next failure after a success.
        if let Some(journal) = session.journal_state()
            && let Some(error) = &journal.error
            && journal.failures > state.journal_dismissed
        {
            let frame = status_bar::error_banner_frame(ui);
            egui::Panel::top("journal_banner")
                .frame(frame)
                .show(ui, |ui| {
                    if status_bar::journal_banner_ui(ui, error) {
                        state.journal_dismissed = journal.failures;
                    }
                });
        }
        if let Some(m) = &state.message
            && m.kind == super::state::MessageKind::Error
        {
            let text = m.text.clone();
            let frame = status_bar::error_banner_frame(ui);
            egui::Panel::top("error_banner")
                .frame(frame)
                .show(ui, |ui| {
                    if status_bar::error_banner_ui(ui, &text) {
                        state.message = None;
                    }
                });
        }
        if let Some(failure) = &state.load_failure {
            egui::CentralPanel::default().show(ui, |ui| {
                super::panels::safety::load_failure_ui(ui, failure, commands);
            });
            return;
        }
        let Some(view) = session.view() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 3.0);
                    ui.heading("This project has no documents.");
                    ui.add_space(6.0);
                    ui.label(
                        "Import articles with File > Import (Ctrl+I), or drop files or folders here.",
                    );
                });
            });
            return;
        };
        side_panels_ui(
            ui,
            session,
            view,
            state,
            (&mut self.suggester, &mut self.learn),
            commands,
        );
        let suggestion_marks: Vec<(usize, usize)> = if state.left == Some(LeftTab::Suggestions) {
            let pending = &view.doc.suggestions.pending;
            pending.iter().map(|s| (s.start, s.end)).collect()
        } else {
            Vec::new()
        };
        // The focused suggestion's speaker, drawn as a faint arrow.
        let ghost_link = (state.left == Some(LeftTab::Suggestions))
            .then_some(state.suggestions.focus)
            .flatten()
            .and_then(|i| view.doc.suggestions.pending.get(i))
            .and_then(|s| s.said_by.map(|to| ((s.start, s.end), to)));
        egui::CentralPanel::default().show(ui, |ui| {
            // Where windows over the text may go: never over the bars.
            state.text_area = Some(ui.max_rect());
            let search = &state.search;
            // Curating: the reader marks the differences still waiting.
            let marks: &[(usize, usize)] = if search.open {
                &search.matches
            } else if state.left == Some(LeftTab::Suggestions) {
                &suggestion_marks
            } else if state.left == Some(LeftTab::Curation) {
                state
                    .curation
                    .get(view, session.current_index(), session.revision())
                    .1
            } else {
                &[]
            };
            reader::Reader {
                shown: session.shown_generation(),
                view,
                labels,
                selection: &mut state.selection,
                snap: !ctx.input(|i| i.modifiers.alt),
                matches: marks,
                current_match: if search.open {
                    search.current
                } else if state.left == Some(LeftTab::Suggestions) {
                    state.suggestions.focus
                } else {
                    None
                },
                linking: state.linking.is_some(),
                ghost_link,
                grab_focus,
            }
            .ui(ui, &mut state.reader, commands);
        });
    }

    fn modals_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.state.statistics.open {
            super::panels::statistics::statistics_ui(
                ui,
                &self.session,
                &mut self.state.statistics,
                self.state.text_area,
            );
        }
        if let Some(editor) = &mut self.state.label_editor
            && !label_editor::label_editor_ui(
                ui,
                &self.session,
                editor,
                self.state.text_area,
                commands,
            )
        {
            self.state.label_editor = None;
        }
        if let Some(modal) = &mut self.state.modal {
            match modals::modal_ui(ui, modal, &self.session, commands) {
                ModalOutcome::Open => {}
                ModalOutcome::Close => self.state.modal = None,
                ModalOutcome::Exported(result, path) => self.export_finished(result, &path),
            }
        }
        if let Some(job) = &self.state.import {
            modals::import_progress_ui(ui, job);
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            modals::drop_hint_ui(ui);
        }
    }
}

/// The inspector's panel on the right. Bounded, so that no content can
/// squeeze the text; the person may resize within the bounds, and egui
/// remembers the width between runs.
pub(super) fn inspector_panel() -> egui::Panel {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(310.0)
        .size_range(240.0..=460.0)
}

/// The inspector on the right and the documents / spans list on the left.
fn side_panels_ui(
    ui: &mut egui::Ui,
    session: &crate::session::Session,
    view: crate::model::DocView<'_>,
    state: &mut super::state::UiState,
    (suggester, learn): (&mut String, &mut bool),
    commands: &mut Vec<Command>,
) {
    let labels = &session.project().labels;
    // The guidelines beside the text, left of the inspector.
    if state.guidelines.open {
        egui::Panel::right("guidelines")
            .resizable(true)
            .default_size(380.0)
            .size_range(260.0..=640.0)
            .show(ui, |ui| {
                super::panels::guidelines::guidelines_ui(
                    ui,
                    session,
                    &mut state.guidelines,
                    commands,
                );
            });
    }
    inspector_panel().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            inspector::inspector_ui(
                ui,
                view,
                session.project(),
                &state.selection,
                state.linking,
                &mut state.inspector,
                commands,
            );
        });
    });
    if let Some(tab) = state.left {
        egui::Panel::left("left_panel")
            .resizable(true)
            .default_size(280.0)
            .size_range(200.0..=460.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (t, name) in [
                        (LeftTab::Documents, "Documents"),
                        (LeftTab::Spans, "Spans"),
                        (LeftTab::Curation, "Curation"),
                        (LeftTab::Suggestions, "Suggestions"),
                    ] {
                        if ui.selectable_label(tab == t, name).clicked() {
                            commands.push(Command::ShowLeft(t));
                        }
                    }
                });
                ui.separator();
                match tab {
                    LeftTab::Documents if state.opening.is_some() => {
                        if let Some(job) = &state.opening {
                            super::reading::documents_while_reading_ui(ui, job);
                        }
                    }
                    LeftTab::Documents => {
                        doc_list::doc_list_ui(
                            ui,
                            session,
                            &mut state.doc_list,
                            &state.learner.uncertainty,
                            commands,
                        );
                    }
                    LeftTab::Curation => {
                        let (c, _) =
                            state
                                .curation
                                .get(view, session.current_index(), session.revision());
                        curation::curation_ui(ui, view, c, labels, state.selection.span, commands);
                    }
                    LeftTab::Suggestions => suggestions::suggestions_ui(
                        ui,
                        view,
                        labels,
                        &mut state.suggestions,
                        suggestions::Model {
                            command: suggester,
                            running: state.suggest_job.as_ref().map(|j| j.started),
                        },
                        suggestions::Learning {
                            status: state.learner.status(),
                            training: state.learner.job.is_some(),
                            on: learn,
                        },
                        commands,
                    ),
                    LeftTab::Spans => span_list::span_list_ui(
                        ui,
                        view,
                        session.revision(),
                        labels,
                        state.selection.span,
                        &mut state.span_list,
                        commands,
                    ),
                }
            });
    }
}

/// A toolbar panel under the menu bar, with room around its buttons.
fn bar(id: &'static str, ui: &egui::Ui) -> egui::Panel {
    egui::Panel::top(id)
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(10, 6)))
}
