//! Applying the commands a frame collected: the one place window commands
//! take effect. Changes to the project go through the session's one path
//! (`annotate.rs`); files and jobs through `files.rs`.

use super::command::{Command, UiCommand};
use super::panels::export_dialog::ExportDialog;
use super::state::{FilePurpose, LeftTab, Modal, Pending, Selection};
use super::{SpanmarkApp, dialogs};
use crate::session::{linking, rules};

impl SpanmarkApp {
    /// Apply one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        if self.held_for_read(&command) {
            return;
        }
        match command {
            Command::Ui(cmd) => self.run(ctx, cmd),
            Command::Tag(label) => {
                let s = &self.state.selection;
                let outcome = rules::tag(&self.session, s.range, s.span, &label);
                self.propose(outcome);
            }
            Command::Edit { edit, done } => {
                let change = crate::model::Change::Doc {
                    doc: self.session.current_index(),
                    edit,
                };
                self.propose(Ok(rules::Proposal {
                    change,
                    message: done.to_owned(),
                    select: None,
                }));
            }
            Command::ClickSpans(hits) => self.click_spans(&hits),
            Command::GoToSpan(id) => self.go_to_span(id),
            Command::LinkTo(to) => {
                if let Some(from) = self.state.linking.take() {
                    let labels = &self.session.project().labels;
                    let kind = self
                        .session
                        .view()
                        .and_then(|v| v.span(from))
                        .map_or("about", |s| linking::relation_kind_for(labels, &s.label))
                        .to_owned();
                    self.propose(linking::link(&self.session, from, to, &kind));
                }
            }
            Command::Link { from, to, kind } => {
                self.propose(linking::link(&self.session, from, to, &kind));
            }
            Command::CancelLink => {
                self.state.linking = None;
                self.state.info("Linking cancelled");
            }
            Command::Resize { id, start, end } => {
                self.propose(rules::resize(&self.session, id, start, end));
            }
            Command::Nudge(edge, delta) => {
                let id = self.state.selection.span;
                self.propose(rules::nudge(&self.session, id, edge, delta));
            }
            Command::NudgeWord(edge, right) => {
                let id = self.state.selection.span;
                self.propose(rules::nudge_word(&self.session, id, edge, right));
            }
            Command::TagAllMatches(label) => {
                let outcome = rules::tag_all(&self.session, &self.state.search.matches, &label);
                self.propose(outcome);
            }
            Command::ShowLeft(tab) => self.state.left = Some(tab),
            Command::OpenDocument(i) => self.open_document(i),
            Command::ImportPaths(paths) => self.start_import(paths),
            Command::SetTheme(pref) => ctx.set_theme(pref),
            Command::EditLabels(edit) => self.edit_labels(ctx.os(), edit),
            Command::ConfirmRemoveLabel(id) => {
                self.state.modal = Some(Modal::ConfirmRemoveLabel(id));
            }
            Command::SaveTo(path) => self.save_to(ctx, &path),
            Command::SaveToConfirmed(path) => self.save_as(ctx, &path),
            Command::KeepRecovered => self.keep_recovered(),
            Command::DiscardRecovered => self.discard_recovered(),
            Command::OverwriteMine => {
                if let Some(path) = self.session.path().map(std::path::Path::to_owned) {
                    self.save_as(ctx, &path);
                }
            }
            Command::ReloadFromDisk => self.reload(),
            Command::OpenBackup(path) => self.open_backup(&path),
            Command::SetAnnotator(name) => self.set_annotator(name),
            Command::SuggestRules => {
                self.state.left = Some(LeftTab::Suggestions);
                let model = self.state.learner.model.clone();
                let more = super::learner::model_suggestions(&self.session, model.as_deref());
                if self.propose(crate::session::suggest::run_rules_with(&self.session, more)) {
                    self.focus_suggestion(0);
                }
            }
            Command::FocusSuggestion(i) => self.focus_suggestion(i),
            Command::RunSuggester => self.run_suggester(),
            Command::LearnNow => {
                let path = self.session.path().map(crate::analysis::learn::model_path);
                self.train_now(path);
            }
            Command::AcceptSuggestion(i) => {
                if self.propose(crate::session::suggest::accept(&self.session, i)) {
                    self.focus_suggestion(i);
                }
            }
            Command::RejectSuggestion(i) => {
                if self.propose(crate::session::suggest::reject(&self.session, i)) {
                    self.focus_suggestion(i);
                }
            }
            Command::AcceptSuggestionsPicked => {
                let filter = &self.state.suggestions;
                let (label, source, min) = (
                    filter.label.clone(),
                    filter.source.clone(),
                    filter.min_score,
                );
                let keep = crate::app::panels::suggestions::SuggestionsState {
                    focus: None,
                    label,
                    source,
                    min_score: min,
                };
                self.propose(crate::session::suggest::accept_where(
                    &self.session,
                    |s| keep.picks(s),
                    |s| keep.picks_pair(s),
                ));
            }
            Command::OpenPath(path) => self.unless_unsaved(ctx, Pending::Open(Some(path))),
            Command::BrowseExport => self.browse_export(),
            Command::SaveThen(pending) => {
                self.state.after_save = Some(pending);
                self.run(ctx, UiCommand::Save);
            }
            Command::Discard(pending) => {
                self.state.allow_close = true;
                self.go_ahead(ctx, pending);
            }
            Command::PromptCancelled(_) => {
                // Nothing saved or opened: whatever waited stays put, and
                // the unsaved changes are guarded again.
                self.state.after_save = None;
                self.state.allow_close = false;
            }
        }
    }

    /// Run a named command of the table.
    pub fn run(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        use UiCommand as C;
        let selected = self.state.selection.span;
        match cmd {
            // With a suggestion focused, Enter, Backspace and Tab decide on it.
            C::EditNote | C::DeleteSpan | C::NextSpan if self.suggestion_focus().is_some() => {
                let i = self.suggestion_focus().unwrap_or_default();
                match cmd {
                    C::EditNote => self.apply(ctx, Command::AcceptSuggestion(i)),
                    C::DeleteSpan => self.apply(ctx, Command::RejectSuggestion(i)),
                    _ => self.focus_suggestion(i + 1),
                }
            }
            C::NewProject => self.unless_unsaved(ctx, Pending::New),
            C::Open => self.unless_unsaved(ctx, Pending::Open(None)),
            C::Save => self.save(ctx),
            C::SaveAs => self.ask_path(ctx, FilePurpose::SaveAs),
            C::Import => self.ask_import(ctx),
            C::OpenUrl => self.ask_path(ctx, FilePurpose::Url),
            C::Export => {
                let dialog = ExportDialog::new(
                    self.session.project(),
                    self.session.path(),
                    &self.export_choices,
                );
                self.state.modal = Some(Modal::Export(dialog));
            }
            C::Quit => self.unless_unsaved(ctx, Pending::Quit),
            C::Undo => self.undo_redo(true),
            C::Redo => self.undo_redo(false),
            C::Find => {
                self.state.search.open = true;
                self.state.search.focus = true;
            }
            C::FindNext | C::FindPrevious => {
                if let Some(start) = self.state.search.step(cmd == C::FindNext) {
                    self.state.reader.scroll_to = Some(start);
                }
            }
            C::Labels => {
                self.state.label_editor = match self.state.label_editor.take() {
                    Some(_) => None,
                    None => Some(Default::default()),
                };
            }
            C::DeleteSpan => {
                self.propose(rules::delete(&self.session, selected));
            }
            C::AcceptSpan => {
                self.propose(crate::session::curate::accept(&self.session, selected));
            }
            C::RejectSpan => {
                self.propose(crate::session::curate::reject(&self.session, selected));
            }
            C::AcceptAgreed => {
                self.propose(crate::session::curate::accept_agreed(&self.session));
            }
            C::ShowCuration => self.state.left = Some(LeftTab::Curation),
            C::Suggest => self.apply(ctx, Command::SuggestRules),
            C::Agreement => self.start_agreement(),
            C::YourName => {
                let name = self.annotator.clone().unwrap_or_default();
                self.state.modal = Some(Modal::YourName(name));
            }
            C::CycleStatus => {
                self.propose(rules::cycle_status(&self.session));
            }
            C::NextSpan | C::PreviousSpan => self.step_span(cmd == C::NextSpan),
            C::CaretLeft | C::CaretRight | C::CaretWordLeft | C::CaretWordRight => {
                let right = matches!(cmd, C::CaretRight | C::CaretWordRight);
                self.move_caret(right, matches!(cmd, C::CaretWordLeft | C::CaretWordRight));
            }
            C::EndLeft | C::EndRight | C::StartLeft | C::StartRight => {
                let edge = if matches!(cmd, C::EndLeft | C::EndRight) {
                    rules::Edge::End
                } else {
                    rules::Edge::Start
                };
                let delta = if matches!(cmd, C::EndLeft | C::StartLeft) {
                    -1
                } else {
                    1
                };
                if !self.move_selection_edge(edge, Some(delta), delta > 0) {
                    self.apply(ctx, Command::Nudge(edge, delta));
                }
            }
            C::EndWordLeft | C::EndWordRight | C::StartWordLeft | C::StartWordRight => {
                let edge = if matches!(cmd, C::EndWordLeft | C::EndWordRight) {
                    rules::Edge::End
                } else {
                    rules::Edge::Start
                };
                let right = matches!(cmd, C::EndWordRight | C::StartWordRight);
                if !self.move_selection_edge(edge, None, right) {
                    self.apply(ctx, Command::NudgeWord(edge, right));
                }
            }
            C::EditNote => {
                if selected.is_some() {
                    self.state.inspector.focus_note = true;
                }
            }
            C::Link => self.start_link(),
            C::Escape => self.escape(),
            C::NextUntagged | C::PreviousUntagged => {
                self.untagged_sentence(cmd == C::NextUntagged);
            }
            C::ToggleLeftPanel => {
                self.state.left = match self.state.left {
                    Some(_) => None,
                    None if self.session.project().documents.len() > 1 => Some(LeftTab::Documents),
                    None => Some(LeftTab::Spans),
                };
            }
            C::ToggleRelations => {
                // The lines move apart (or together): the line under the
                // pointer stays where it is.
                let pointer = ctx.pointer_latest_pos();
                if let Some(doc) = self.session.document() {
                    self.state.reader.keep_line(ctx, doc, pointer);
                }
                let reader = &mut self.state.reader;
                reader.show_relations = !reader.show_relations;
            }
            C::NextDocument | C::PreviousDocument => {
                let n = self.session.project().documents.len();
                let step = if cmd == C::NextDocument { 1 } else { -1 };
                let i = self.session.current_index() as i64 + step;
                if n > 0 && (0..n as i64).contains(&i) {
                    self.open_document(i as usize);
                }
            }
            C::PageDown => self.state.reader.page_jump = Some(1.0),
            C::PageUp => self.state.reader.page_jump = Some(-1.0),
            C::GoToStart => self.state.reader.scroll_to = Some(0),
            C::GoToEnd => {
                self.state.reader.scroll_to = self.session.view().map(|v| v.len());
            }
            C::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            C::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            C::ZoomReset => ctx.set_zoom_factor(1.0),
            C::Guidelines => self.state.guidelines.open = !self.state.guidelines.open,
            C::Statistics => self.state.statistics.open = !self.state.statistics.open,
            C::Help => {
                self.state.modal = match self.state.modal.take() {
                    Some(Modal::Help) => None,
                    Some(other) => Some(other),
                    None => Some(Modal::Help),
                };
            }
        }
    }

    /// Esc cancels the innermost thing: linking, the selection, then the
    /// search bar.
    fn escape(&mut self) {
        if self.state.linking.take().is_some() {
            self.state.info("Linking cancelled");
        } else if self.state.selection.range.is_some() || self.state.selection.span.is_some() {
            // The selection goes; the caret stays where it was.
            self.state.selection = Selection {
                range: None,
                span: None,
                caret: self.state.selection.caret,
            };
        } else {
            self.state.search.open = false;
        }
    }

    fn browse_export(&mut self) {
        let native = self.native_dialogs && dialogs::native_available();
        if let Some(Modal::Export(dialog)) = &mut self.state.modal {
            if native {
                if let Some(p) = dialogs::pick_export(dialog.format, &dialog.path) {
                    dialog.path = p.display().to_string();
                }
            } else {
                self.state
                    .info("No native file dialog here: type the path in the field");
            }
        }
    }
}
