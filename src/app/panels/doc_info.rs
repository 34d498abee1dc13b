//! What the inspector shows beyond labels and relations: the document's
//! categories (editable) and metadata, a span's pieces, knowledge-base links
//! and typed notes, and the events a span takes part in.

use egui::{RichText, Ui};

use crate::model::text::{snippet, snippet_of};
use crate::model::{DocView, Document, Edit, MetaValue, Span};

use super::super::command::Command;

/// The document's categories as removable chips, and a field to add one.
/// `draft` holds what is typed in the field.
pub fn categories_ui(ui: &mut Ui, doc: &Document, draft: &mut String, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Categories:");
        for cat in &doc.categories {
            if ui
                .small_button(format!("{cat}  ×"))
                .on_hover_text("Remove this category")
                .clicked()
            {
                let rest = doc.categories.iter().filter(|c| *c != cat).cloned();
                commands.push(set_categories(rest.collect(), "Category removed"));
            }
        }
        let r = ui
            .add(
                egui::TextEdit::singleline(draft)
                    // A fixed id: the chips before it come and go.
                    .id_salt("category_draft")
                    .hint_text("add a category, Enter")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        let name = draft.trim();
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !name.is_empty() {
            if !doc.categories.iter().any(|c| c == name) {
                let mut all = doc.categories.clone();
                all.push(name.to_owned());
                commands.push(set_categories(all, "Category added"));
            }
            draft.clear();
            // Ready for the next one.
            r.request_focus();
        }
    });
}

/// What each annotator chose for the document (Label Studio's document
/// choices, kept apart) and the categories a model predicted (suggestions):
/// each can be taken into the document's own categories, one undo step.
pub fn choices_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    let predicted = &doc.suggestions.categories;
    if doc.choices.is_empty() && predicted.is_empty() {
        return;
    }
    let mut by_annotator: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for c in &doc.choices {
        by_annotator
            .entry(c.annotator.as_str())
            .or_default()
            .push(c.category.as_str());
    }
    for (who, chose) in by_annotator {
        for category in chose {
            // The button first, so it never wraps onto a line of its own.
            ui.horizontal_wrapped(|ui| {
                take_ui(ui, doc, category, commands, || None);
                ui.weak(format!("{who} chose"));
                ui.label(category);
            });
        }
    }
    for (k, s) in predicted.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            // Taken: the suggestion is decided, so it leaves the list.
            take_ui(ui, doc, &s.category, commands, || {
                let mut rest = doc.suggestions.clone();
                rest.categories.remove(k);
                Some(Edit::SetSuggestions(rest))
            });
            let score = s
                .score
                .map(|v| format!(" ({:.2})", v.0))
                .unwrap_or_default();
            ui.weak(format!("{} suggests{score}", s.source));
            ui.label(&s.category);
        });
    }
}

/// A ✔ when the document has `category`, else a button that adds it (with
/// `extra`'s edit, if any, in the same undo step).
fn take_ui(
    ui: &mut Ui,
    doc: &Document,
    category: &str,
    commands: &mut Vec<Command>,
    extra: impl FnOnce() -> Option<Edit>,
) {
    if doc.categories.iter().any(|c| c == category) {
        ui.weak("✔");
        return;
    }
    if ui
        .small_button("take")
        .on_hover_text("Add it to the document's categories")
        .clicked()
    {
        let mut all = doc.categories.clone();
        all.push(category.to_owned());
        let edit = match extra() {
            Some(more) => Edit::Batch(vec![Edit::SetCategories(all), more]),
            None => Edit::SetCategories(all),
        };
        commands.push(Command::Edit {
            edit,
            done: "Category taken",
        });
    }
}

fn set_categories(categories: Vec<String>, done: &'static str) -> Command {
    Command::Edit {
        edit: Edit::SetCategories(categories),
        done,
    }
}

/// The document's metadata (byline, outlet, date, and what its file
/// carried), if any.
pub fn meta_ui(ui: &mut Ui, doc: &Document) {
    let m = &doc.meta;
    let known = [
        ("author", m.author.as_ref()),
        ("outlet", m.outlet.as_ref()),
        ("date", m.date.as_ref()),
    ];
    let known: Vec<(&str, String)> = known
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v.clone())))
        .collect();
    if known.is_empty() && m.extra.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Metadata ({})", known.len() + m.extra.len()))
        .id_salt("doc_meta")
        .show(ui, |ui| {
            // One line each, cut to the panel's width (a long address never
            // widens the panel); the whole value on hover.
            let rows = known.into_iter().map(|(k, v)| (k.to_owned(), v)).chain(
                m.extra
                    .iter()
                    .map(|(k, v)| (k.trim_start_matches('@').to_owned(), meta_text(v))),
            );
            for (key, value) in rows {
                ui.horizontal(|ui| {
                    ui.weak(key);
                    ui.add(egui::Label::new(snippet(&value)).truncate())
                        .on_hover_text(value);
                });
            }
        });
}

/// A metadata value as one line of text.
fn meta_text(value: &MetaValue) -> String {
    match value {
        MetaValue::Text(t) | MetaValue::Json(t) => t.clone(),
    }
}

/// `text` in quotation marks, unless it is a quotation already (a quote
/// span usually includes its own marks).
pub fn quoted(text: &str) -> String {
    const MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '「', '」', '‘', '’'];
    if text.starts_with(MARKS) && text.ends_with(MARKS) {
        text.to_owned()
    } else {
        format!("“{text}”")
    }
}

/// The span's text; a discontinuous span's pieces joined by " … ".
pub fn span_text(view: DocView<'_>, span: &Span) -> String {
    let pieces: Vec<String> = span
        .pieces()
        .map(|(a, b)| crate::app::reader::bidi::visual_line(view.slice(a, b)).into_owned())
        .collect();
    pieces.join(" … ")
}

/// A span's attributes and note on one line (`kind: person · note: …`), or
/// `None` when it has neither: what hovering and the span list show.
pub fn span_details(span: &Span) -> Option<String> {
    let mut parts: Vec<String> = span
        .attrs
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    if let Some(note) = span.note() {
        parts.push(format!("note: {}", snippet_of(note, 60)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A span's pieces, knowledge-base links, typed notes and provenance.
pub fn span_extras_ui(ui: &mut Ui, span: &Span) {
    if span.is_discontinuous() {
        let pieces: Vec<String> = span.pieces().map(|(a, b)| format!("{a}–{b}")).collect();
        ui.weak(format!(
            "{} pieces: {} (resizing moves the outer edges)",
            pieces.len(),
            pieces.join(", ")
        ));
    }
    for n in span.normalizations() {
        let name = n
            .name
            .as_deref()
            .map(|s| format!(" “{s}”"))
            .unwrap_or_default();
        ui.label(format!("Linked to {}:{}{name}", n.kb, n.id))
            .on_hover_text("A link to a knowledge-base entry (brat N line)");
    }
    for note in span.typed_notes() {
        ui.label(format!("{}: {}", note.kind, note.text));
    }
    let from: Vec<String> = [
        span.annotator.as_ref().map(|a| format!("by {a}")),
        span.origin().map(|o| format!("imported as {o}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !from.is_empty() {
        ui.weak(from.join(" · "));
    }
}

/// The events the span triggers or takes part in, each argument a link.
pub fn events_ui(ui: &mut Ui, view: DocView<'_>, span: &Span, commands: &mut Vec<Command>) {
    let events: Vec<_> = view
        .doc
        .events
        .iter()
        .filter(|e| e.spans().any(|s| s == span.id))
        .collect();
    if events.is_empty() {
        return;
    }
    ui.label(RichText::new("Events").strong());
    for event in events {
        let role = if event.trigger == span.id {
            "trigger".to_owned()
        } else {
            let roles: Vec<&str> = event
                .args
                .iter()
                .filter(|(_, s)| *s == span.id)
                .map(|(r, _)| r.as_str())
                .collect();
            roles.join(", ")
        };
        ui.label(format!(
            "{} ({}), this span as {role}",
            event.kind, event.id
        ));
        ui.indent(event.id.0, |ui| {
            for (role, id) in std::iter::once(("trigger", event.trigger))
                .chain(event.args.iter().map(|(r, s)| (r.as_str(), *s)))
                .filter(|(_, id)| *id != span.id)
            {
                let text = view.span(id).map(|s| snippet(&span_text(view, s)));
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{role}: {}", quoted(&text.unwrap_or_default())));
                    if ui.small_button("Go").clicked() {
                        commands.push(Command::GoToSpan(id));
                    }
                });
            }
        });
    }
}
