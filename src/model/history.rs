//! One undo timeline per project, over [`Change`]s.

use super::change::{Change, ChangeError, CharLens};
use super::project::Project;

/// The undo and redo stacks of a project: each entry is the change that
/// takes the project one step back (undo) or forward again (redo), with a
/// description of the step as the person made it ("adding a span").
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(Change, &'static str)>,
    redo: Vec<(Change, &'static str)>,
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
    /// Apply a new change as one step; clears the redo stack.
    pub fn apply(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
        change: Change,
    ) -> Result<(), ChangeError> {
        let what = change.describe();
        let inverse = change.apply(project, lens)?;
        self.undo.push((inverse, what));
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; `Ok(None)` if there is none, else the change that
    /// was applied to go back.
    pub fn undo(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Change>, StepError> {
        Self::step(&mut self.undo, &mut self.redo, project, lens)
    }

    /// Redo the last undone step; `Ok(None)` if there is none.
    pub fn redo(
        &mut self,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Change>, StepError> {
        Self::step(&mut self.redo, &mut self.undo, project, lens)
    }

    fn step(
        from: &mut Vec<(Change, &'static str)>,
        to: &mut Vec<(Change, &'static str)>,
        project: &mut Project,
        lens: &mut CharLens,
    ) -> Result<Option<Change>, StepError> {
        let Some((change, what)) = from.pop() else {
            return Ok(None);
        };
        let applied = change.clone();
        match change.apply(project, lens) {
            Ok(inverse) => {
                to.push((inverse, what));
                Ok(Some(applied))
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
    pub fn next_undo(&self) -> Option<(&Change, &'static str)> {
        self.undo.last().map(|(c, w)| (c, *w))
    }

    /// The change redo would apply, and what the step was.
    pub fn next_redo(&self) -> Option<(&Change, &'static str)> {
        self.redo.last().map(|(c, w)| (c, *w))
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
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
        assert!(matches!(h.undo(&mut p, &mut lens), Ok(Some(_))));
        assert!(p.documents[0].spans.is_empty());
        assert_eq!(h.undo(&mut p, &mut lens), Ok(None));
        assert!(matches!(h.redo(&mut p, &mut lens), Ok(Some(_))));
        assert_eq!(p.documents[0].spans.len(), 1);
        assert_eq!(h.redo(&mut p, &mut lens), Ok(None));
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
