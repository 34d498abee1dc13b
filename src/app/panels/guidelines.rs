//! The Guidelines panel (Help > Guidelines, F2): the project's guidelines
//! rendered from Markdown in a panel beside the text, a section per label with its
//! description, its guideline, examples from the project itself (the last
//! spans accepted in curation, else the most recent) and counter-examples
//! (spans the annotators disagreed on), then the relation kinds'.

use std::collections::BTreeMap;

use egui::{RichText, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::analysis::examples::{Example, LabelExamples, label_examples};
use crate::session::Session;

use super::super::command::Command;
use super::label_bar::{label_color, swatch};

/// Examples shown per label.
const EXAMPLES: usize = 3;

/// The Markdown renderer's cache (images, links, code blocks).
#[derive(Default)]
pub struct Markdown(CommonMarkCache);

impl std::fmt::Debug for Markdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Markdown")
    }
}

/// The panel's own state: the Markdown renderer's cache and the examples,
/// recomputed only when the project changed.
#[derive(Debug, Default)]
pub struct GuidelinesState {
    /// Whether the panel is shown.
    pub open: bool,
    markdown: Markdown,
    examples: Option<(u64, BTreeMap<String, LabelExamples>)>,
}

/// Render `markdown` with a renderer's cache.
pub fn markdown_ui(ui: &mut Ui, cache: &mut Markdown, markdown: &str) {
    CommonMarkViewer::new().show(ui, &mut cache.0, markdown);
}

/// Show the panel's contents (a side panel beside the text).
pub fn guidelines_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut GuidelinesState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Guidelines");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("F2").clicked() {
                state.open = false;
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("guidelines")
        .show(ui, |ui| {
            let project = session.project();
            let revision = session.revision();
            if state.examples.as_ref().is_none_or(|(r, _)| *r != revision) {
                state.examples = Some((revision, label_examples(project, EXAMPLES)));
            }
            let examples = state.examples.as_ref().map(|(_, e)| e);
            let general = project.guidelines.general.trim();
            if general.is_empty() {
                ui.weak(
                    "No general guidelines yet: set them with `spanmark guidelines P FILE.md`, \
                 and each label's in Edit > Labels.",
                );
            } else {
                markdown_ui(ui, &mut state.markdown, general);
            }
            for label in project.labels.iter() {
                ui.separator();
                ui.horizontal(|ui| {
                    swatch(ui, label_color(&project.labels, &label.id));
                    ui.heading(&label.name);
                    if let Some(k) = label.hotkey {
                        ui.weak(format!("key {k}"));
                    }
                });
                if let Some(d) = &label.description {
                    ui.label(RichText::new(d).italics());
                }
                if let Some(g) = &label.guideline {
                    markdown_ui(ui, &mut state.markdown, g);
                }
                if label.description.is_none() && label.guideline.is_none() {
                    ui.weak("No guideline for this label yet (Edit > Labels).");
                }
                if let Some(ex) = examples.and_then(|e| e.get(&label.id)) {
                    examples_ui(ui, ex, commands);
                }
            }
            for (kind, text) in &project.guidelines.relations {
                ui.separator();
                ui.heading(kind);
                markdown_ui(ui, &mut state.markdown, text);
            }
        });
}

fn examples_ui(ui: &mut Ui, ex: &LabelExamples, commands: &mut Vec<Command>) {
    if !ex.accepted.is_empty() {
        ui.label(
            RichText::new(if ex.curated {
                "Accepted in curation:"
            } else {
                "Recent in this project:"
            })
            .strong(),
        );
        for e in &ex.accepted {
            example_ui(ui, e, commands);
        }
    }
    if !ex.disagreed.is_empty() {
        ui.label(RichText::new("Annotators disagreed:").strong());
        for e in &ex.disagreed {
            example_ui(ui, e, commands);
        }
    }
}

/// One example: its sentence with the span in bold; a click shows it.
fn example_ui(ui: &mut Ui, e: &Example, commands: &mut Vec<Command>) {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let plain = egui::TextFormat::simple(
        egui::TextStyle::Body.resolve(style),
        ui.visuals().text_color(),
    );
    let strong = egui::TextFormat::simple(
        egui::TextStyle::Body.resolve(style),
        ui.visuals().strong_text_color(),
    );
    let bidi = super::super::reader::bidi::visual_line;
    job.append(&format!("“{}", bidi(&e.before)), 0.0, plain.clone());
    job.append(&bidi(&e.text), 0.0, strong);
    job.append(&format!("{}”", bidi(&e.after)), 0.0, plain);
    if !e.by.is_empty() {
        job.append(
            &format!("  ({})", e.by.join(", ")),
            0.0,
            egui::TextFormat::simple(
                egui::TextStyle::Small.resolve(style),
                ui.visuals().weak_text_color(),
            ),
        );
    }
    if ui
        .add(egui::Label::new(job).sense(egui::Sense::click()))
        .on_hover_text("Show it in its document")
        .clicked()
    {
        commands.push(Command::OpenDocument(e.doc));
    }
}
