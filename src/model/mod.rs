//! The data model: projects, documents, spans, labels, and the one change
//! type every mutation goes through.
//!
//! Knows nothing of egui, files or formats.

pub mod assignments;
mod cascade;
mod change;
mod choice;
mod document;
mod edit;
pub mod guidelines;
mod history;
mod label;
mod label_edit;
pub mod parked;
mod project;
mod relation;
mod relations;
mod renumber;
mod roles;
mod span;
mod span_serde;
mod spans;
mod suggestion;
pub mod text;
mod validate;
mod view;

pub use assignments::Assignments;
pub use change::{Change, ChangeError, CharLens, Import, Touched};
pub use choice::{CategorySuggestion, Choice};
pub use document::{ACTIVE_SECONDS, DONE_ON, DocStatus, Document, Meta, MetaValue};
pub use edit::{Edit, EditCtx, EditError, NewId, fragments_fit};
pub use guidelines::Guidelines;
pub use history::{History, Intent, StepError, Stepped};
pub use label::{AttrDef, AttrKind, EXTRA_COLORS, LabelDef, LabelSet, Rgb};
pub use label_edit::{LabelEdit, LabelEditError, Removed, spans_with_label, valid_label_id};
pub use parked::Parked;
pub use project::{FORMAT_VERSION, NextIds, Project, ValidationError};
pub use relation::{Event, EventId, Relation, RelationId};
pub use relations::RelationSet;
pub use roles::Role;
pub use span::{Normalization, Span, SpanExtra, SpanId, TypedNote};
pub use spans::{SpanKey, SpanSet};
pub use suggestion::{Rejected, Score, Suggestion, Suggestions};
pub use validate::validate_document_labels;
pub use view::DocView;
