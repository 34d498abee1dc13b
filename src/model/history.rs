//! Undo/redo over [`Edit`]s.

use super::document::Document;
use super::edit::{Edit, EditError};
use super::label::LabelSet;

/// The undo and redo stacks of one document.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Apply a new edit; clears the redo stack.
    pub fn apply(
        &mut self,
        doc: &mut Document,
        labels: &LabelSet,
        edit: Edit,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(doc, labels)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undo the last edit. Returns `Ok(false)` if there was nothing to undo.
    pub fn undo(&mut self, doc: &mut Document, labels: &LabelSet) -> Result<bool, EditError> {
        Self::step(&mut self.undo, &mut self.redo, doc, labels)
    }

    /// Redo the last undone edit. Returns `Ok(false)` if there was nothing to redo.
    pub fn redo(&mut self, doc: &mut Document, labels: &LabelSet) -> Result<bool, EditError> {
        Self::step(&mut self.redo, &mut self.undo, doc, labels)
    }

    fn step(
        from: &mut Vec<Edit>,
        to: &mut Vec<Edit>,
        doc: &mut Document,
        labels: &LabelSet,
    ) -> Result<bool, EditError> {
        let Some(edit) = from.pop() else {
            return Ok(false);
        };
        match edit.clone().apply(doc, labels) {
            Ok(inverse) => {
                to.push(inverse);
                Ok(true)
            }
            Err(e) => {
                from.push(edit);
                Err(e)
            }
        }
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
    use crate::model::{Span, SpanId};

    #[test]
    fn undo_redo_walks_back_and_forth() {
        let labels = LabelSet::default();
        let mut doc = Document::new("d", "D", "Dmitry Peskov");
        let mut h = History::default();
        let add = Edit::AddSpan {
            span: Span::new(SpanId(1), 0, 13, "entity"),
            relations: vec![],
        };
        assert!(h.apply(&mut doc, &labels, add).is_ok());
        assert_eq!(doc.spans.len(), 1);
        assert_eq!(h.undo(&mut doc, &labels), Ok(true));
        assert!(doc.spans.is_empty());
        assert_eq!(h.undo(&mut doc, &labels), Ok(false));
        assert_eq!(h.redo(&mut doc, &labels), Ok(true));
        assert_eq!(doc.spans.len(), 1);
        assert_eq!(h.redo(&mut doc, &labels), Ok(false));
    }
}
