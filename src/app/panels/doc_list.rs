//! The document list: every document with its status and span count,
//! filtered by a text field and sorted as the person chooses; click one to
//! open it. Rows stay sorted as edits come (see `doc_order`), and only
//! visible rows are built.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Ui};

use crate::model::DocStatus;
use crate::model::text::snippet_of;
use crate::session::Session;
use crate::session::rules::status_word;

use super::super::cache::Cached;
use super::super::command::Command;

use super::super::learner::Uncertainty;
pub use super::doc_order::DocOrder;
use super::doc_order::SortedRows;

/// The document list's own state.
#[derive(Debug, Default)]
pub struct DocListState {
    /// The filter typed.
    pub filter: String,
    /// The order chosen.
    pub order: DocOrder,
    /// Rows shown (document indexes), kept in order as edits come.
    rows: SortedRows,
    /// "mine: 3 of 12 done", for (list revision, who).
    progress: Cached<(u64, Option<String>), Option<String>>,
    /// The document the list last scrolled to follow.
    followed: Option<usize>,
    /// The list's scroll offset and height last frame.
    view: (f32, f32),
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
    /// The documents matching the filter, in the order chosen.
    fn rows(&mut self, session: &Session, unsure: &Uncertainty) -> &[usize] {
        let needle = self.filter.trim().to_lowercase();
        self.rows.rows(session, &needle, self.order, unsure)
    }
}

/// "mine: 3 of 12 done", when the project assigns documents to the person
/// annotating.
fn my_progress(session: &Session) -> Option<String> {
    let me = session.annotator()?;
    let project = session.project();
    if project.assignments.is_empty() {
        return None;
    }
    let mine: foldhash::HashSet<&str> =
        crate::model::assignments::assigned_to(&project.assignments, me).collect();
    let done = project
        .documents
        .iter()
        .filter(|d| mine.contains(d.id.as_str()) && d.status == DocStatus::Done)
        .count();
    Some(format!("mine: {done} of {} done", mine.len()))
}

/// Show the document list.
pub fn doc_list_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut DocListState,
    unsure: &Uncertainty,
    commands: &mut Vec<Command>,
) {
    let project = session.project();
    let n = project.documents.len();
    let noun = if n == 1 { "document" } else { "documents" };
    let mine = state.progress.get(
        (
            session.summary().list_revision(),
            session.annotator().map(str::to_owned),
        ),
        |_| my_progress(session),
    );
    match mine {
        Some(mine) => ui.weak(format!(
            "{n} {noun} · {} done · {mine}",
            session.summary().done()
        )),
        None => ui.weak(format!("{n} {noun} · {} done", session.summary().done())),
    };
    let label = ui.label("Filter");
    ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("title or status")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let label = ui.label("Sort by");
        egui::ComboBox::from_id_salt("doc_order")
            .selected_text(state.order.name())
            .show_ui(ui, |ui| {
                for order in DocOrder::ALL {
                    ui.selectable_value(&mut state.order, order, order.name());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.separator();
    let current = session.current_index();
    let row_height = ui.spacing().interact_size.y * 2.0;
    // The list follows the document shown (Ctrl+PageDown, undo): when it
    // changed and its row is out of view, the row is scrolled into view.
    let stride = row_height + ui.spacing().item_spacing.y;
    let follow = (state.followed != Some(current)).then(|| {
        let at = state
            .rows(session, unsure)
            .iter()
            .position(|&i| i == current)?;
        let top = at as f32 * stride;
        let (offset, height) = state.view;
        let visible = top >= offset && top + stride <= offset + height;
        (!visible).then(|| (top - (height - stride) / 2.0).max(0.0))
    });
    state.followed = Some(current);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("doc_list")
        .auto_shrink([false, false]);
    if let Some(Some(offset)) = follow {
        area = area.vertical_scroll_offset(offset);
    }
    let rows = state.rows(session, unsure);
    let shown = area.show_rows(ui, row_height, rows.len(), |ui, range| {
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
            job.append(&format!(" · {} spans", doc.span_count()), 0.0, format(weak));
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
    state.view = (shown.state.clamped_offset().y, shown.inner_rect.height());
}
