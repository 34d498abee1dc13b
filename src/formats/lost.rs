//! What each export format cannot hold, per kind, and the one place that
//! counts it: every exporter calls [`count`], and `docs/formats.md`'s table
//! "What each format cannot hold" lists exactly [`losses`] (a test reads
//! it), so what the documentation promises is what the warning says.

use super::{ExportDoc, Format, Notices};

/// Something a document can hold that a format may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loss {
    /// A discontinuous span's pieces (written as its whole range).
    Pieces,
    /// Span attributes.
    SpanAttributes,
    /// Span notes.
    SpanNotes,
    /// Spans' typed notes and knowledge-base links.
    TypedNotes,
    /// Who made a span.
    SpanAnnotators,
    /// Relations.
    Relations,
    /// Relations' roles, attributes and notes.
    RelationDetails,
    /// Who made a relation.
    RelationAnnotators,
    /// Relations whose ends are events.
    EventRelations,
    /// Events.
    Events,
    /// The document's own categories.
    Categories,
    /// Categories chosen by a named annotator.
    Choices,
    /// Document metadata (author, date, outlet, other fields).
    Metadata,
    /// The document's status.
    Status,
    /// The document's free-text notes.
    DocumentNotes,
}

impl Loss {
    /// Every kind, in the documentation's order.
    pub const ALL: [Loss; 15] = [
        Loss::Pieces,
        Loss::SpanAttributes,
        Loss::SpanNotes,
        Loss::TypedNotes,
        Loss::SpanAnnotators,
        Loss::Relations,
        Loss::RelationDetails,
        Loss::RelationAnnotators,
        Loss::EventRelations,
        Loss::Events,
        Loss::Categories,
        Loss::Choices,
        Loss::Metadata,
        Loss::Status,
        Loss::DocumentNotes,
    ];

    /// Its name, as the documentation's table and the warning say it.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Pieces => "discontinuous spans",
            Loss::SpanAttributes => "span attributes",
            Loss::SpanNotes => "span notes",
            Loss::TypedNotes => "typed notes and knowledge-base links",
            Loss::SpanAnnotators => "span annotators",
            Loss::Relations => "relations",
            Loss::RelationDetails => "relation roles, attributes and notes",
            Loss::RelationAnnotators => "relation annotators",
            Loss::EventRelations => "relations between events",
            Loss::Events => "events",
            Loss::Categories => "document categories",
            Loss::Choices => "annotators' document categories",
            Loss::Metadata => "document metadata",
            Loss::Status => "document status",
            Loss::DocumentNotes => "document notes",
        }
    }

    /// How many of it `d` holds (spans, relations, events or documents).
    fn count(self, d: &ExportDoc<'_>) -> usize {
        let spans =
            |f: &dyn Fn(&crate::model::Span) -> bool| d.spans.iter().filter(|s| f(s)).count();
        let relations = |f: &dyn Fn(&crate::model::Relation) -> bool| {
            d.relations.iter().filter(|r| f(r)).count()
        };
        let doc = d.doc;
        match self {
            Loss::Pieces => spans(&|s| s.is_discontinuous()),
            Loss::SpanAttributes => spans(&|s| !s.attrs.is_empty()),
            Loss::SpanNotes => spans(&|s| s.note().is_some()),
            Loss::TypedNotes => {
                spans(&|s| !s.typed_notes().is_empty() || !s.normalizations().is_empty())
            }
            Loss::SpanAnnotators => spans(&|s| !s.makers().is_empty()),
            Loss::Relations => d.relations.len(),
            Loss::RelationDetails => {
                relations(&|r| r.roles.is_some() || !r.attrs.is_empty() || r.note.is_some())
            }
            Loss::RelationAnnotators => relations(&|r| r.annotator.is_some()),
            Loss::EventRelations => relations(&|r| r.from_event.is_some() || r.to_event.is_some()),
            Loss::Events => d.events.len(),
            Loss::Categories => usize::from(!doc.categories.is_empty()),
            Loss::Choices => usize::from(!doc.choices.is_empty()),
            Loss::Metadata => usize::from(!doc.meta.is_empty()),
            Loss::Status => usize::from(doc.status != crate::model::DocStatus::Todo),
            Loss::DocumentNotes => usize::from(!doc.notes.is_empty()),
        }
    }

    /// The warning's words for `n` of it in `format`.
    fn words(self, format: Format) -> String {
        let what = match self {
            Loss::Pieces => return "discontinuous spans written as their whole range".to_owned(),
            Loss::Categories
            | Loss::Choices
            | Loss::Metadata
            | Loss::Status
            | Loss::DocumentNotes => {
                format!("documents' {}", self.name().trim_start_matches("document "))
            }
            _ => self.name().to_owned(),
        };
        format!("{what} ({} has no place for them)", format.name())
    }
}

/// What `format` cannot hold, in the documentation's order.
pub fn losses(format: Format) -> &'static [Loss] {
    use Loss::*;
    match format {
        Format::Jsonl => &[],
        Format::HfJsonl => &[Pieces, TypedNotes, EventRelations, Events],
        Format::Conll => &[
            SpanAttributes,
            SpanNotes,
            TypedNotes,
            SpanAnnotators,
            Relations,
            Events,
            Categories,
            Choices,
            Metadata,
            Status,
            DocumentNotes,
        ],
        Format::Brat => &[
            SpanAnnotators,
            RelationAnnotators,
            Categories,
            Choices,
            Metadata,
            Status,
            DocumentNotes,
        ],
        Format::Csv => &[
            Pieces,
            TypedNotes,
            Relations,
            Events,
            Categories,
            Choices,
            Metadata,
            Status,
            DocumentNotes,
        ],
        Format::LabelStudio => &[Pieces, TypedNotes, RelationDetails, EventRelations, Events],
    }
}

/// Count what `docs` hold that `format` cannot, per kind. (CoNLL writes
/// each piece of a discontinuous span as an entity and says so itself.)
pub fn count(format: Format, docs: &[ExportDoc<'_>], notices: &mut Notices) {
    for &loss in losses(format) {
        let n: usize = docs.iter().map(|d| loss.count(d)).sum();
        notices.add(loss.words(format), n);
    }
    if format != Format::LabelStudio {
        let pending: usize = docs
            .iter()
            .map(|d| d.doc.suggestions.pending.len() + d.doc.suggestions.categories.len())
            .sum();
        notices.add(
            "suggestions waiting for a decision (only Label Studio holds them, as predictions)",
            pending,
        );
    }
}
