//! The data model: projects, documents, spans, labels and edits.
//!
//! Knows nothing of egui, files or formats.

mod document;
mod edit;
mod history;
mod index;
mod label;
mod label_edit;
mod project;
mod span;
pub mod text;

pub use document::{DocStatus, Document, Meta};
pub use edit::{Edit, EditError};
pub use history::History;
pub use index::{DocView, SpanIndex};
pub use label::{AttrDef, AttrKind, EXTRA_COLORS, LabelDef, LabelSet, Rgb};
pub use label_edit::{LabelEdit, LabelEditError, Removed, spans_with_label, valid_label_id};
pub use project::{FORMAT_VERSION, Project, ValidationError};
pub use span::{Relation, RelationId, Span, SpanId};
