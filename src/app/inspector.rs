//! The side panel: the document, the selection, and the selected span.

use egui::{RichText, Ui};

use crate::model::{DocStatus, DocView, LabelSet};

use super::commands::Command;
use super::menu_bar::{label_color, swatch};
use super::reader::snippet;
use super::state::Selection;

/// Show what is selected and the document's counts.
pub fn inspector_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    labels: &LabelSet,
    selection: &Selection,
    commands: &mut Vec<Command>,
) {
    let doc = view.doc;
    ui.heading("Document");
    ui.label(RichText::new(&doc.title).strong());
    ui.horizontal_wrapped(|ui| {
        for label in labels.iter() {
            let n = view.index.count(&label.id);
            swatch(ui, label_color(labels, &label.id));
            ui.label(format!("{} {n}", label.name));
        }
    });
    let status = match doc.status {
        DocStatus::Todo => "to do",
        DocStatus::InProgress => "in progress",
        DocStatus::Done => "done",
    };
    ui.label(format!("{} relations · {status}", doc.relations.len()));
    ui.separator();

    if let Some((a, b)) = selection.range {
        ui.heading("Selection");
        let text = view.slice(a, b);
        ui.label(format!("“{}”", snippet(text)));
        ui.weak(format!(
            "characters {a}–{b} · press a number key or click a label"
        ));
        ui.separator();
    }

    let Some(span) = selection.span.and_then(|id| view.span(id)) else {
        if selection.range.is_none() {
            ui.weak("Drag across text to select it, then press 1–4 to tag it. Click a highlight to select a span.");
        }
        return;
    };
    ui.heading("Span");
    let name = labels
        .get(&span.label)
        .map_or(span.label.as_str(), |l| l.name.as_str());
    ui.horizontal(|ui| {
        swatch(ui, label_color(labels, &span.label));
        ui.label(RichText::new(name).strong().size(16.0));
    });
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(view.span_text(span)).italics());
    });
    ui.weak(format!(
        "{} · characters {}–{}",
        span.id, span.start, span.end
    ));
    if !span.attrs.is_empty() {
        egui::Grid::new("span_attrs").num_columns(2).show(ui, |ui| {
            for (k, v) in &span.attrs {
                ui.label(k);
                ui.label(v);
                ui.end_row();
            }
        });
    }
    for rel in doc.relations_of(span.id) {
        let other = if rel.from == span.id {
            rel.to
        } else {
            rel.from
        };
        let other_text = view
            .span(other)
            .map(|s| snippet(view.span_text(s)))
            .unwrap_or_default();
        if rel.from == span.id {
            ui.label(format!("{} “{other_text}”", rel.kind));
        } else {
            ui.label(format!("“{other_text}” {} this", rel.kind));
        }
    }
    if let Some(note) = &span.note {
        ui.label(format!("Note: {note}"));
    }
    if ui.button("Delete span").clicked() {
        commands.push(Command::DeleteSpan);
    }
}
