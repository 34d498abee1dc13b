//! The curation panel: a merged document's annotators, how far its
//! curation has got, and every difference still waiting (label, boundary,
//! missing) with who made it and who did not; accept or reject each with
//! one key, or every agreed span at once. The reader marks the waiting
//! differences as it marks search matches.

use egui::{Color32, RichText, Ui};

use crate::analysis::merge::{Curation, DiffKind};
use crate::app::reader::bidi::snippet;
use crate::model::{DocView, LabelSet, SpanId};

use super::super::cache::Cached;
use super::super::command::{Command, UiCommand};
use super::label_bar::{label_color, swatch};

/// A document's curation and the ranges of its waiting differences.
type Marked = (Option<Curation>, Vec<(usize, usize)>);

/// The curation panel's state: the document's curation, per change.
#[derive(Debug, Default)]
pub struct CurationState {
    cache: Cached<(u64, usize), Marked>,
}

impl CurationState {
    /// The curation of document `doc` at `revision`, and the ranges of its
    /// waiting differences (sorted), for the reader to mark.
    pub fn get(
        &mut self,
        view: DocView<'_>,
        doc: usize,
        revision: u64,
    ) -> (Option<&Curation>, &[(usize, usize)]) {
        let (curation, marks) = self.cache.get((revision, doc), |_| {
            let curation = Curation::of(view.doc);
            let mut marks: Vec<(usize, usize)> = curation
                .iter()
                .flat_map(|c| &c.differences)
                .filter_map(|d| view.doc.spans.get(d.span).map(|s| (s.start, s.end)))
                .collect();
            marks.sort_unstable();
            (curation, marks)
        });
        (curation.as_ref(), marks)
    }
}

/// How a kind of difference is named and coloured.
fn kind_tag(kind: DiffKind) -> (&'static str, Color32) {
    match kind {
        DiffKind::Label => ("label", Color32::from_rgb(0xd9, 0x5f, 0x5f)),
        DiffKind::Boundary => ("boundary", Color32::from_rgb(0xd9, 0xa4, 0x41)),
        DiffKind::Missing => ("missing", Color32::from_rgb(0x6f, 0x9f, 0xd8)),
    }
}

/// Show the curation panel for the current document.
pub fn curation_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    curation: Option<&Curation>,
    labels: &LabelSet,
    selected: Option<SpanId>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Curation");
    let Some(c) = curation else {
        ui.add_space(4.0);
        ui.label(
            "This document has one annotator. To curate, merge the annotators' projects \
             (spanmark merge alice.ron bob.ron -o gold.ron), open the result, and \
             accept or reject their differences here.",
        );
        return;
    };
    ui.label(format!("Annotators: {}", c.annotators.join(", ")));
    let total = c.accepted + c.pending();
    let share = if total == 0 {
        1.0
    } else {
        c.accepted as f32 / total as f32
    };
    let text = if c.done() {
        format!("all {total} spans decided")
    } else {
        format!("{} of {total} spans accepted", c.accepted)
    };
    ui.add(egui::ProgressBar::new(share).text(text));
    ui.add_space(4.0);
    let agreed = c.agreed.len();
    if ui
        .add_enabled(
            agreed > 0,
            egui::Button::new(format!("Accept all agreed ({agreed})")),
        )
        .on_hover_text(UiCommand::AcceptAgreed.help())
        .clicked()
    {
        commands.push(Command::Ui(UiCommand::AcceptAgreed));
    }
    ui.weak("A accept · X reject · Shift+A accept all agreed · Tab next span");
    ui.separator();
    if c.differences.is_empty() {
        ui.weak("No differences waiting.");
        return;
    }
    ui.label(format!("{} differences waiting", c.differences.len()));
    let row_height = 2.0 * ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("curation_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, c.differences.len(), |ui, range| {
            for d in &c.differences[range] {
                let Some(span) = view.doc.spans.get(d.span) else {
                    continue;
                };
                let (kind, color) = kind_tag(d.kind);
                ui.horizontal(|ui| {
                    let tag = egui::Label::new(RichText::new(kind).color(color).strong());
                    ui.add_sized([62.0, ui.spacing().interact_size.y], tag);
                    swatch(ui, label_color(labels, &span.label));
                    let text = snippet(view.span_text(span));
                    let name = labels
                        .get(&span.label)
                        .map_or(span.label.as_str(), |l| l.name.as_str());
                    let row = egui::Button::selectable(
                        selected == Some(span.id),
                        format!("{name}: {text}"),
                    )
                    .truncate();
                    let response = ui.add(row).on_hover_text(format!(
                        "by {} · not by {} · characters {}–{}",
                        d.by.join(", "),
                        d.not_by.join(", "),
                        span.start,
                        span.end
                    ));
                    if response.clicked() {
                        commands.push(Command::GoToSpan(span.id));
                    }
                });
                ui.horizontal(|ui| {
                    ui.add_space(12.0);
                    ui.weak(format!(
                        "by {} · not {}",
                        d.by.join(", "),
                        d.not_by.join(", ")
                    ));
                    for (cmd, name) in [
                        (UiCommand::AcceptSpan, "Accept"),
                        (UiCommand::RejectSpan, "Reject"),
                    ] {
                        if ui.small_button(name).on_hover_text(cmd.help()).clicked() {
                            commands.push(Command::GoToSpan(span.id));
                            commands.push(Command::Ui(cmd));
                        }
                    }
                });
            }
        });
}
