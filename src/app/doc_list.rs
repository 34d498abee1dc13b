//! The document list: every document with its status and span count,
//! filtered by a text field; click one to open it.

use egui::{Color32, RichText, Ui};

use crate::model::{DocStatus, Project};

use super::commands::Command;
use super::state::UiState;

/// The colour and word for a status.
pub fn status_look(status: DocStatus) -> (Color32, &'static str) {
    match status {
        DocStatus::Todo => (Color32::from_rgb(0x8A, 0x8F, 0x98), "to do"),
        DocStatus::InProgress => (Color32::from_rgb(0xE8, 0xA3, 0x3D), "in progress"),
        DocStatus::Done => (Color32::from_rgb(0x4C, 0xB0, 0x6A), "done"),
    }
}

/// Show the document list.
pub fn doc_list_ui(
    ui: &mut Ui,
    project: &Project,
    current: usize,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let done = project
        .documents
        .iter()
        .filter(|d| d.status == DocStatus::Done)
        .count();
    ui.weak(format!(
        "{} documents · {done} done",
        project.documents.len()
    ));
    let label = ui.label("Filter");
    ui.add(
        egui::TextEdit::singleline(&mut state.doc_filter)
            .hint_text("title or status")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.separator();
    let needle = state.doc_filter.trim().to_lowercase();
    let rows: Vec<usize> = project
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            needle.is_empty()
                || d.title.to_lowercase().contains(&needle)
                || d.id.to_lowercase().contains(&needle)
                || status_look(d.status).1.contains(&needle)
        })
        .map(|(i, _)| i)
        .collect();
    let row_height = ui.spacing().interact_size.y * 2.0;
    egui::ScrollArea::vertical()
        .id_salt("doc_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &i in &rows[range] {
                let doc = &project.documents[i];
                let (color, word) = status_look(doc.status);
                // One line per title, so every row has the same height.
                let text = RichText::new(super::reader::snippet_of(&doc.title, 38)).strong();
                let response = ui
                    .selectable_label(i == current, text)
                    .on_hover_text(format!("{} · {} · {word}", doc.title, doc.id));
                ui.horizontal(|ui| {
                    ui.colored_label(color, word);
                    ui.weak(format!("· {} spans", doc.spans.len()));
                });
                if response.clicked() {
                    commands.push(Command::OpenDocument(i));
                }
            }
        });
}
