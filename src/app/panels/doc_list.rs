//! The document list: every document with its status and span count,
//! filtered by a text field; click one to open it. Filtered rows are cached
//! per (list revision, filter), and only visible rows are built.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Ui};

use crate::model::DocStatus;
use crate::model::text::snippet_of;
use crate::session::Session;
use crate::session::rules::status_word;

use super::super::cache::Cached;
use super::super::command::Command;

/// The document list's own state.
#[derive(Debug, Default)]
pub struct DocListState {
    /// The filter typed.
    pub filter: String,
    /// Rows shown (document indexes) for (list revision, filter).
    rows: Cached<(u64, String), Vec<usize>>,
}

/// The colour of a status.
pub fn status_color(status: DocStatus) -> Color32 {
    match status {
        DocStatus::Todo => Color32::from_rgb(0x8A, 0x8F, 0x98),
        DocStatus::InProgress => Color32::from_rgb(0xE8, 0xA3, 0x3D),
        DocStatus::Done => Color32::from_rgb(0x4C, 0xB0, 0x6A),
    }
}

impl DocListState {
    /// The documents matching the filter, recomputed only when the list or
    /// the filter changed.
    fn rows(&mut self, session: &Session) -> &[usize] {
        let needle = self.filter.trim().to_lowercase();
        let key = (session.summary().list_revision(), needle);
        self.rows.get(key, |(_, needle)| {
            let summary = session.summary();
            let docs = &session.project().documents;
            (0..docs.len())
                .filter(|&i| {
                    needle.is_empty()
                        || summary.key(i).contains(needle)
                        || status_word(docs[i].status).contains(needle)
                })
                .collect()
        })
    }
}

/// Show the document list.
pub fn doc_list_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut DocListState,
    commands: &mut Vec<Command>,
) {
    let project = session.project();
    let n = project.documents.len();
    let noun = if n == 1 { "document" } else { "documents" };
    ui.weak(format!("{n} {noun} · {} done", session.summary().done()));
    let label = ui.label("Filter");
    ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("title or status")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.separator();
    let current = session.current_index();
    let rows = state.rows(session);
    let row_height = ui.spacing().interact_size.y * 2.0;
    egui::ScrollArea::vertical()
        .id_salt("doc_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            let strong = ui.visuals().strong_text_color();
            let weak = ui.visuals().weak_text_color();
            let font = egui::TextStyle::Body.resolve(ui.style());
            // Titles cut to about what fits on one line, so that every row
            // keeps the two lines `show_rows` counts on.
            let fits = (ui.available_width() / (font.size * 0.6)).max(12.0) as usize;
            for &i in &rows[range] {
                let Some(doc) = project.documents.get(i) else {
                    continue;
                };
                let word = status_word(doc.status);
                // One galley per row, title over status: every row has the
                // same height, and a row costs one widget.
                let mut job = LayoutJob::default();
                let format = |color| TextFormat::simple(font.clone(), color);
                job.append(&snippet_of(&doc.title, fits), 0.0, format(strong));
                job.append("\n", 0.0, format(weak));
                job.append(word, 0.0, format(status_color(doc.status)));
                job.append(&format!(" · {} spans", doc.spans.len()), 0.0, format(weak));
                let response = ui
                    .add(
                        egui::Button::selectable(i == current, job).min_size(egui::vec2(
                            ui.available_width(),
                            row_height - ui.spacing().item_spacing.y,
                        )),
                    )
                    .on_hover_text(format!("{} · {} · {word}", doc.title, doc.id));
                let selected = i == current;
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, &doc.title)
                });
                if response.clicked() {
                    commands.push(Command::OpenDocument(i));
                }
            }
        });
}
