//! The span list: every span of the document in order, filterable by label;
//! click one to go to it. Only visible rows are built (`show_rows`).

use egui::{RichText, Ui};

use crate::model::{DocView, LabelSet};

use super::commands::Command;
use super::menu_bar::{label_color, swatch};
use super::reader::snippet;
use super::state::UiState;

/// Show the span list panel.
pub fn span_list_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    (revision, doc_index): (u64, usize),
    labels: &LabelSet,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Spans");
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(
                state.span_filter.is_none(),
                format!("All {}", view.doc.spans.len()),
            )
            .clicked()
        {
            state.span_filter = None;
        }
        for label in labels.iter() {
            let on = state.span_filter.as_deref() == Some(label.id.as_str());
            let text = format!("{} {}", label.name, view.index.count(&label.id));
            if ui.selectable_label(on, text).clicked() {
                state.span_filter = if on { None } else { Some(label.id.clone()) };
            }
        }
    });
    ui.separator();

    // Positions of the spans shown, in document order: filtered once per
    // change (not per frame); rows are built only for what is on screen.
    let key = (revision, doc_index, state.span_filter.clone());
    if state.span_rows.as_ref().is_none_or(|(k, _)| *k != key) {
        let rows: Vec<usize> = match &state.span_filter {
            None => (0..view.doc.spans.len()).collect(),
            Some(f) => view
                .doc
                .spans
                .iter()
                .enumerate()
                .filter(|(_, s)| &s.label == f)
                .map(|(i, _)| i)
                .collect(),
        };
        state.span_rows = Some((key, rows));
    }
    let rows: &[usize] = state.span_rows.as_ref().map_or(&[], |(_, r)| r);
    if rows.is_empty() {
        ui.weak("No spans yet.");
        return;
    }
    let selected_span = state.selection.span;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("span_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &i in &rows[range] {
                let Some(span) = view.doc.spans.get(i) else {
                    continue;
                };
                let selected = selected_span == Some(span.id);
                ui.horizontal(|ui| {
                    swatch(ui, label_color(labels, &span.label));
                    let text = RichText::new(snippet(view.span_text(span)));
                    let response = ui.selectable_label(selected, text).on_hover_text(format!(
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
