//! Commands that change the project: every change goes
//! through [`SpanmarkApp::propose`] into the session's one path, then the
//! selection and panels are brought up to date.

use crate::model::{Change, Intent, LabelEdit, SpanId, Touched};
use crate::session::rules::{self, Outcome};

use super::SpanmarkApp;
use super::keys::hotkey_problem;
use super::state::Selection;

impl SpanmarkApp {
    /// Apply a proposed change (or say why there is none).
    pub(super) fn propose(&mut self, outcome: Outcome) -> bool {
        let proposal = match outcome {
            Ok(p) => p,
            Err(why) => {
                if let Some(why) = why.message() {
                    self.state.info(why);
                }
                return false;
            }
        };
        let intent = Intent {
            message: proposal.message.clone().into(),
            before: self.state.selection.span,
            after: proposal.select,
        };
        match self.session.apply_as(proposal.change, intent) {
            Ok(applied) => {
                if let Some(id) = proposal.select {
                    self.state.selection = Selection::span(id);
                }
                self.after_change();
                match applied.not_shown {
                    Some(e) => self
                        .state
                        .error(format!("{}; not shown: {e}", proposal.message)),
                    None => self.state.info(proposal.message),
                }
                true
            }
            Err(e) => {
                self.state.error(format!("Not applied: {e}"));
                false
            }
        }
    }

    /// The suggestion Enter, Backspace and Tab act on: the focused one,
    /// while the suggestions panel is open and no span is selected.
    pub(super) fn suggestion_focus(&self) -> Option<usize> {
        let open = self.state.left == Some(super::state::LeftTab::Suggestions);
        let pending = self
            .session
            .document()
            .map_or(0, |d| d.suggestions.pending.len());
        self.state
            .suggestions
            .focus
            .filter(|&i| open && self.state.selection.span.is_none() && i < pending)
    }

    /// Focus pending suggestion `i` (the last, past the end; none when
    /// there are none), select nothing and scroll to it.
    pub(super) fn focus_suggestion(&mut self, i: usize) {
        let Some(doc) = self.session.document() else {
            return;
        };
        let pending = &doc.suggestions.pending;
        if pending.is_empty() {
            self.state.suggestions.focus = None;
            return;
        }
        let i = i.min(pending.len() - 1);
        let start = pending[i].start;
        self.state.suggestions.focus = Some(i);
        self.state.selection = super::state::Selection::default();
        self.state.reader.scroll_to = Some(start);
    }

    /// Drop selections and filters that a change left pointing at nothing.
    fn after_change(&mut self) {
        let labels = &self.session.project().labels;
        self.state.span_list.forget_missing(labels);
        let view = self.session.view();
        let exists =
            |id: Option<SpanId>| id.is_some_and(|id| view.is_some_and(|v| v.span(id).is_some()));
        if !exists(self.state.selection.span) {
            self.state.selection.span = None;
        }
        if self.state.linking.is_some() && !exists(self.state.linking) {
            self.state.linking = None;
        }
    }

    /// Undo or redo one step of the timeline, showing the document it touched.
    pub(super) fn undo_redo(&mut self, undo: bool) {
        let result = if undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        let verb = if undo { "Undone" } else { "Redone" };
        match result {
            Ok(Some(applied)) => {
                if let Touched::One(i) = applied.touched {
                    self.open_document(i);
                    // Select the span brought back or changed, as it was.
                    if let Some(id) = applied.span {
                        self.state.selection.span = Some(id);
                        self.state.selection.range = None;
                    }
                }
                self.after_change();
                let what = applied.message.as_deref().unwrap_or("a change");
                match &applied.not_shown {
                    Some(e) => self.state.error(format!("{verb}: {what}; not shown: {e}")),
                    None => self.state.info(format!("{verb}: {what}")),
                }
            }
            Ok(None) => self.state.info(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            }),
            Err(e) => {
                self.after_change();
                self.state
                    .error(format!("Not {}: {e}", verb.to_lowercase()));
            }
        }
    }

    /// Change the label set, refusing a hotkey that a command owns.
    pub(super) fn edit_labels(&mut self, os: egui::os::OperatingSystem, edit: LabelEdit) {
        if let LabelEdit::Update { label, .. } | LabelEdit::Add { label, .. } = &edit
            && let Some(problem) = label.hotkey.and_then(|c| hotkey_problem(c, os))
        {
            self.state.error(format!("Not changed: {problem}"));
            return;
        }
        let outcome = Ok(rules::Proposal {
            change: Change::Labels(edit),
            message: "Labels changed".to_owned(),
            select: None,
        });
        self.propose(outcome);
    }

    /// A click on these spans (innermost first): select the innermost, or
    /// the next one outward when one of them is selected already.
    pub(super) fn click_spans(&mut self, hits: &[SpanId]) {
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
            caret: self.state.selection.caret,
        };
    }

    /// Start linking the selected span: the next click picks its target.
    pub(super) fn start_link(&mut self) {
        let label = self
            .state
            .selection
            .span
            .and_then(|id| self.session.view()?.span(id).map(|s| (id, s.label.clone())));
        match label {
            Some((id, label)) => {
                self.state.linking = Some(id);
                let labels = &self.session.project().labels;
                self.state
                    .info(crate::session::linking::link_prompt(labels, &label));
            }
            None => self
                .state
                .info("Select a quote or claim first, then press L"),
        }
    }
}
