//! One undo timeline per project, over [`Change`]s.

use std::borrow::Cow;

use super::change::{Change, ChangeError, CharLens};
use super::project::Project;
use super::span::SpanId;

/// What a step was, in the words the person read when they made it
/// ("Tagged 12 matches as Entity"), and the span selected on either side
/// of it: undo selects the one before again, redo the one after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Intent {
    /// What the step did (a change's own name is kept as the static text
    /// it is, so an ordinary edit allocates nothing for it).
    pub message: Cow<'static, str>,
    /// The span selected before the step.
    pub before: Option<SpanId>,
    /// The span selected after the step.
    pub after: Option<SpanId>,
}

impl Intent {
    /// A step made without words of its own: named by its change
    /// ("Adding a span"), nothing selected.
    pub fn of(change: &Change) -> Self {
        Self {
            message: Cow::Borrowed(change.describe()),
            before: None,
            after: None,
        }
    }

    /// The message as shown: its first letter a capital ("Adding a span").
    pub fn text(&self) -> Cow<'_, str> {
        let mut chars = self.message.chars();
        match chars.next() {
            Some(c) if c.is_lowercase() => Cow::Owned(c.to_uppercase().chain(chars).collect()),
            _ => Cow::Borrowed(&self.message),
        }
    }
}

/// A step undone or redone: the change applied to make it, what it was,
/// and the span to select now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stepped {
    /// The change that was applied.
    pub change: Change,
    /// What the step was.
    pub message: String,
    /// The span to select: after an undo the one selected before the
    /// step, after a redo the one selected after it.
    pub select: Option<SpanId>,
}

/// The undo and redo stacks of a project: each entry is the change that
/// takes the project one step back (undo) or forward again (redo), with
/// what the step was as the person made it ([`Intent`]).
///
/// Every state the project reaches through the history has a number, and
/// the history knows which one was saved last (as helix keeps its
/// `last_saved_revision`), so undoing back to it leaves nothing unsaved.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// The state the project is in now.
    state: u64,
    /// The number the next new state gets.
    next_state: u64,
    /// The state last saved (`None`: no state in reach was saved).
    saved: Option<u64>,
}

impl Default for History {
    /// A history whose starting state is the saved one.
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved: Some(0),
        }
    }
}

/// One step: the change that makes it (or takes it back), what it was,
/// and the states on either side of it.
#[derive(Clone, Debug)]
struct Entry {
    change: Change,
    intent: Intent,
    /// The state the step leaves (for an undo entry: the state before).
    to: u64,
    /// The state the step starts from.
    from: u64,
}

/// A step that could not be undone or redone: the project is unchanged,
/// and the step was dropped from the history (so older steps stay
/// reachable), unless it is `kept` (it failed for a reason that may pass,
/// such as a file that could not be read).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source} ({})", if *.kept { "the step is kept" } else { "that step was dropped from the history" })]
pub struct StepError {
    /// Why the step failed.
    #[source]
    pub source: ChangeError,
    /// Whether the step is still in the history.
    pub kept: bool,
}

impl History {
    /// Apply a new change as one step, named by its change; clears the
    /// redo stack.
    pub fn apply(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
        change: Change,
    ) -> Result<(), ChangeError> {
        let intent = Intent::of(&change);
        self.apply_as(project, lens, change, intent)
    }

    /// Apply a new change as one step that was `intent`; clears the redo
    /// stack.
    pub fn apply_as(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
        change: Change,
        intent: Intent,
    ) -> Result<(), ChangeError> {
        let inverse = change.apply(project, lens)?;
        let to = self.next_state;
        self.next_state += 1;
        self.undo.push(Entry {
            change: inverse,
            intent,
            to: self.state,
            from: to,
        });
        self.state = to;
        // The states only redo could reach are gone.
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; `Ok(None)` if there is none, else what was
    /// applied to go back.
    pub fn undo(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Stepped>, StepError> {
        self.walk(true, project, lens)
    }

    /// Redo the last undone step; `Ok(None)` if there is none.
    pub fn redo(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Stepped>, StepError> {
        self.walk(false, project, lens)
    }

    /// One step back (`back`) or forward again, selecting what was
    /// selected on that side of it.
    fn walk(
        &mut self,
        back: bool,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Stepped>, StepError> {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let step = Self::step(from, to, &mut self.state, project, lens)?;
        Ok(step.map(|(change, i)| Stepped {
            change,
            message: i.text().into_owned(),
            select: if back { i.before } else { i.after },
        }))
    }

    fn step(
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
        state: &mut u64,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<(Change, Intent)>, StepError> {
        let Some(entry) = from.pop() else {
            return Ok(None);
        };
        let applied = entry.change.clone();
        match entry.change.apply(project, lens) {
            Ok(inverse) => {
                *state = entry.to;
                let intent = entry.intent.clone();
                to.push(Entry {
                    change: inverse,
                    intent: entry.intent,
                    to: entry.from,
                    from: entry.to,
                });
                Ok(Some((applied, intent)))
            }
            // A step that fails now will fail again: drop it rather than
            // leave it on top, where it would block every older step.
            Err(source) => Err(StepError {
                source,
                kept: false,
            }),
        }
    }

    /// The change undo would apply, and what the step was.
    pub fn next_undo(&self) -> Option<(&Change, &Intent)> {
        self.undo.last().map(|e| (&e.change, &e.intent))
    }

    /// The change redo would apply, and what the step was.
    pub fn next_redo(&self) -> Option<(&Change, &Intent)> {
        self.redo.last().map(|e| (&e.change, &e.intent))
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The project as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.state);
    }

    /// The project as it is now differs from every saved state (as after
    /// a change no step records, such as one another program made).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Whether the project differs from what was last saved.
    pub fn is_unsaved(&self) -> bool {
        self.saved != Some(self.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Edit, Span, SpanId};

    fn add(id: u64, a: usize, b: usize) -> Change {
        Change::Doc {
            doc: 0,
            edit: Edit::AddSpan {
                span: Span::new(SpanId(id), a, b, "entity"),
                relations: vec![],
            },
        }
    }

    fn project() -> Project {
        let mut p = Project::new("p");
        p.documents
            .push(Document::new("d", "D", "Dmitry Peskov on Monday"));
        p
    }

    #[test]
    fn undo_redo_walks_back_and_forth() {
        let mut p = project();
        let mut lens = CharLens::default();
        let mut h = History::default();
        assert!(h.apply(&mut p, &mut lens, add(1, 0, 13)).is_ok());
        assert_eq!(p.documents[0].spans.len(), 1);
        assert!(h.is_unsaved());
        assert!(matches!(h.undo(&mut p, &mut lens), Ok(Some(_))));
        assert!(p.documents[0].spans.is_empty());
        assert!(!h.is_unsaved(), "back where it was saved");
        assert_eq!(h.undo(&mut p, &mut lens), Ok(None));
        assert!(matches!(h.redo(&mut p, &mut lens), Ok(Some(_))));
        assert_eq!(p.documents[0].spans.len(), 1);
        assert_eq!(h.redo(&mut p, &mut lens), Ok(None));
    }

    #[test]
    fn the_saved_point_is_known_through_undo_and_redo() {
        let mut p = project();
        let mut lens = CharLens::default();
        let mut h = History::default();
        assert!(h.apply(&mut p, &mut lens, add(1, 0, 6)).is_ok());
        h.mark_saved();
        assert!(h.apply(&mut p, &mut lens, add(2, 7, 13)).is_ok());
        assert!(h.is_unsaved());
        assert!(h.undo(&mut p, &mut lens).is_ok());
        assert!(!h.is_unsaved(), "undone to the save");
        assert!(h.undo(&mut p, &mut lens).is_ok());
        assert!(h.is_unsaved(), "before the save");
        assert!(h.redo(&mut p, &mut lens).is_ok());
        assert!(!h.is_unsaved(), "redone to the save");
        // A new step after undoing past the save: the saved state is out of
        // reach (its redo is gone), whatever is undone or redone.
        assert!(h.undo(&mut p, &mut lens).is_ok());
        assert!(h.apply(&mut p, &mut lens, add(3, 14, 20)).is_ok());
        assert!(h.undo(&mut p, &mut lens).is_ok());
        assert!(h.is_unsaved());
        assert!(h.redo(&mut p, &mut lens).is_ok());
        assert!(h.is_unsaved());
    }

    #[test]
    fn a_step_that_fails_is_dropped_so_older_steps_still_undo() {
        let mut p = project();
        let mut lens = CharLens::default();
        let mut h = History::default();
        for (id, a, b) in [(1, 0, 6), (2, 7, 13)] {
            assert!(h.apply(&mut p, &mut lens, add(id, a, b)).is_ok());
        }
        // Span 2 disappears behind the history's back: its undo step fails.
        let _ = p.documents[0].spans.remove(SpanId(2));
        assert!(h.undo(&mut p, &mut lens).is_err());
        assert!(
            matches!(h.undo(&mut p, &mut lens), Ok(Some(_))),
            "not stuck"
        );
        assert!(p.documents[0].spans.is_empty());
    }
}
