//! The span list: every span of the document in order, filterable by label;
//! click one to go to it. Rows are filtered once per change, and built only
//! for what is on screen (`show_rows`).

use egui::{RichText, Ui};

use crate::app::reader::bidi::snippet;
use crate::model::{DocView, LabelSet, SpanId, SpanKey};

use super::super::cache::Cached;
use super::super::command::Command;
use super::doc_info::span_details;
use super::label_bar::{label_color, swatch};

/// The span list's own state.
#[derive(Debug, Default)]
pub struct SpanListState {
    /// Show only this label (`None`: all).
    pub filter: Option<String>,
    /// Keys of the rows shown, for (session revision, filter).
    rows: Cached<(u64, Option<String>), Vec<SpanKey>>,
}

impl SpanListState {
    fn rows(&mut self, view: DocView<'_>, revision: u64) -> &[SpanKey] {
        self.rows.get(
            (revision, self.filter.clone()),
            |(_, filter)| match filter {
                None => view.doc.spans.keys().copied().collect(),
                Some(f) => view
                    .doc
                    .spans
                    .iter()
                    .filter(|s| &s.label == f)
                    .map(|s| s.sort_key())
                    .collect(),
            },
        )
    }

    /// Forget a filter on a label that no longer exists.
    pub fn forget_missing(&mut self, labels: &LabelSet) {
        if self.filter.as_ref().is_some_and(|f| !labels.contains(f)) {
            self.filter = None;
        }
    }
}

/// Show the span list panel.
pub fn span_list_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    revision: u64,
    labels: &LabelSet,
    selected: Option<SpanId>,
    state: &mut SpanListState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Spans");
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(
                state.filter.is_none(),
                format!("All {}", view.doc.spans.len()),
            )
            .clicked()
        {
            state.filter = None;
        }
        for label in labels.iter() {
            let on = state.filter.as_deref() == Some(label.id.as_str());
            let text = format!("{} {}", label.name, view.doc.spans.count(&label.id));
            if ui.selectable_label(on, text).clicked() {
                state.filter = if on { None } else { Some(label.id.clone()) };
            }
        }
    });
    ui.separator();

    let rows = state.rows(view, revision);
    if rows.is_empty() {
        ui.weak("No spans yet.");
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("span_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for key in &rows[range] {
                let Some(span) = view.doc.spans.by_key(key) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    swatch(ui, label_color(labels, &span.label));
                    let details = span_details(span);
                    let mut text = snippet(view.span_text(span));
                    if let Some(d) = &details {
                        text = format!("{text}  ({d})");
                    }
                    let response = ui
                        .selectable_label(selected == Some(span.id), RichText::new(text))
                        .on_hover_text(format!(
                            "{} · characters {}–{}",
                            span.id, span.start, span.end
                        ));
                    if response.clicked() {
                        commands.push(Command::GoToSpan(span.id));
                    }
                });
            }
        });
}
