//! Moving through the project without changing it: to a span, the next
//! or previous span, another document, the next untagged sentence, a
//! selection's edge, the caret by a character or a word.

use crate::model::SpanId;
use crate::session::rules;

use super::SpanmarkApp;
use super::state::Selection;

impl SpanmarkApp {
    /// Select a span and scroll it into view.
    pub(super) fn go_to_span(&mut self, id: SpanId) {
        if let Some(s) = self.session.view().and_then(|v| v.span(id)) {
            self.state.reader.scroll_to = Some(s.start);
            self.state.selection = Selection::span(id);
        }
    }

    /// Select the next (or previous) span, from the selection or the view.
    pub(super) fn step_span(&mut self, forward: bool) {
        let Some(view) = self.session.view() else {
            return;
        };
        let spans = &view.doc.spans;
        let next = match (self.state.selection.span, forward) {
            (Some(id), true) => spans.after(id),
            (Some(id), false) => spans.before(id),
            (None, true) => {
                let from = self.state.reader.visible_chars().map_or(0, |v| v.0);
                spans.first_from(from)
            }
            (None, false) => {
                let to = self.state.reader.visible_chars().map_or(0, |v| v.1);
                spans.last_before(to)
            }
        };
        match next {
            Some(s) => {
                let (id, start, end) = (s.id, s.start, s.end);
                self.state.selection = Selection::span(id);
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

    /// Show document `i`.
    pub(super) fn open_document(&mut self, i: usize) {
        if i != self.session.current_index() {
            if let Err(e) = self.session.set_current(i) {
                return self.state.error(format!("Not shown: {e}"));
            }
            self.state.selection = Selection::default();
            self.state.linking = None;
            self.state.inspector.clear();
            self.state.reader.scroll_to = Some(0);
        }
    }

    /// Select the next (or previous) sentence that holds no span, ready to
    /// tag: from the selection, the selected span, or the top of the view.
    pub(super) fn untagged_sentence(&mut self, forward: bool) {
        let Some(view) = self.session.view() else {
            return;
        };
        let selected = self.state.selection.span.and_then(|id| view.span(id));
        let from = match (self.state.selection.range, selected) {
            (Some((a, b)), _) => {
                if forward {
                    b
                } else {
                    a
                }
            }
            (None, Some(s)) => {
                if forward {
                    s.end
                } else {
                    s.start
                }
            }
            // From the caret a click put down, else the top of the view.
            (None, None) => match self.state.selection.caret {
                Some(c) => c,
                None => self.state.reader.visible_chars().map_or(0, |v| v.0),
            },
        };
        let at_caret = self.state.selection.range.is_none() && selected.is_none();
        match crate::session::motion::untagged_sentence(view, from, forward, at_caret) {
            Some((a, b)) => {
                self.state.selection = Selection {
                    range: Some((a, b)),
                    span: None,
                    caret: Some(a),
                };
                let shown = self.state.reader.visible_chars();
                if !shown.is_some_and(|(s, e)| s <= a && b <= e) {
                    self.state.reader.scroll_to = Some(a);
                }
                self.state
                    .info(match self.session.project().labels.hotkeys_hint() {
                        Some(k) => format!("Untagged sentence selected: press {k} to tag it"),
                        None => "Untagged sentence selected: click a label to tag it".to_owned(),
                    });
            }
            None => self.state.info(if forward {
                "No untagged sentence after this one"
            } else {
                "No untagged sentence before this one"
            }),
        }
    }

    /// With a text selection and no span selected, move one of its edges a
    /// character or a word (the keys that resize a span); returns whether
    /// there was such a selection.
    pub(super) fn move_selection_edge(
        &mut self,
        edge: rules::Edge,
        delta: Option<i32>,
        right: bool,
    ) -> bool {
        let sel = &self.state.selection;
        let (range, edge) = match (sel.range, sel.span, sel.caret) {
            (Some(range), None, _) => (range, edge),
            // From the caret, the selection grows in the key's direction.
            (None, None, Some(c)) => {
                let edge = if right {
                    rules::Edge::End
                } else {
                    rules::Edge::Start
                };
                ((c, c), edge)
            }
            _ => return false,
        };
        let from_caret = range.0 == range.1;
        if let Some(view) = self.session.view()
            && let Some(mut moved) =
                crate::session::motion::move_range_edge(view, range, edge, delta, right)
        {
            if from_caret {
                // A word taken from the caret comes without the space
                // before or after it.
                moved = trim_spaces(view, moved).unwrap_or(moved);
            }
            self.state.selection.range = Some(moved);
        }
        true
    }

    /// Move the text caret a character or a word (`word`) to the left or
    /// right. From a selection or a selected span the caret goes to its
    /// edge on that side; with nothing, it starts at the top of the view.
    pub(super) fn move_caret(&mut self, right: bool, word: bool) {
        let Some(view) = self.session.view() else {
            return;
        };
        let sel = &self.state.selection;
        let span = sel
            .span
            .and_then(|id| view.span(id))
            .map(|s| (s.start, s.end));
        let len = view.len();
        let caret = match (sel.range.or(span), sel.caret) {
            (Some((a, b)), _) => {
                if right {
                    b
                } else {
                    a
                }
            }
            (None, Some(c)) if word => {
                let (edge, end) = if right {
                    (rules::Edge::End, len)
                } else {
                    (rules::Edge::Start, 0)
                };
                crate::session::motion::word_edge(view, c.min(len), edge, right).unwrap_or(end)
            }
            // A character is a grapheme cluster: the caret never stops
            // inside an emoji sequence or between a letter and its accent.
            (None, Some(c)) if right => view.cluster_step(c.min(len), 1),
            (None, Some(c)) => view.cluster_step(c.min(len), -1),
            // From the caret a click put down, else the top of the view.
            (None, None) => match self.state.selection.caret {
                Some(c) => c,
                None => self.state.reader.visible_chars().map_or(0, |v| v.0),
            },
        };
        self.state.selection = Selection {
            range: None,
            span: None,
            caret: Some(caret),
        };
        let shown = self.state.reader.visible_chars();
        if !shown.is_some_and(|(s, e)| s <= caret && caret <= e) {
            self.state.reader.scroll_to = Some(caret);
        }
    }
}

/// `[a, b)` without white space at its edges; `None` if nothing else is in it.
fn trim_spaces(view: crate::model::DocView<'_>, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let (a, b) = crate::model::text::trimmed(view.slice(a, b), a);
    (a < b).then_some((a, b))
}
