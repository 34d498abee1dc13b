//! The label bar under the menu: one button per label, and the colour
//! helpers the panels share.

use egui::{Button, Color32, RichText, Ui};

use crate::model::{LabelSet, Rgb};

use super::super::command::Command;
use super::super::state::Selection;

impl From<Rgb> for Color32 {
    fn from(Rgb(r, g, b): Rgb) -> Self {
        Color32::from_rgb(r, g, b)
    }
}

/// Label colour as an egui colour (grey for an unknown label).
pub fn label_color(labels: &LabelSet, id: &str) -> Color32 {
    labels.get(id).map_or(Color32::GRAY, |l| l.color.into())
}

/// A small filled square in a label's colour.
pub fn swatch(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// A label's name and a count, after a square in its colour, as one piece
/// of text (so a wrapping line never parts the square from its name).
pub fn swatch_text(ui: &Ui, color: Color32, text: &str) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    // Two spaces on the label's colour: a square every font can draw; no
    // line breaks anywhere in it (non-breaking spaces, and the caller keeps
    // the piece whole: see `swatch_label`).
    let square = egui::TextFormat {
        background: color,
        ..egui::TextFormat::simple(font.clone(), plain)
    };
    job.append("\u{a0}\u{a0}", 0.0, square);
    job.append(
        &text.replace(' ', "\u{a0}"),
        6.0,
        egui::TextFormat::simple(font, plain),
    );
    job
}

/// [`swatch_text`] as a label that is never cut across lines: in a wrapping
/// row it moves to the next line whole, the square with its name.
pub fn swatch_label(ui: &Ui, color: Color32, text: &str) -> egui::Label {
    egui::Label::new(swatch_text(ui, color, text)).wrap_mode(egui::TextWrapMode::Extend)
}

/// One button per label: click to tag the selection (or relabel the span).
pub fn label_bar_ui(
    ui: &mut Ui,
    labels: &LabelSet,
    selection: &Selection,
    commands: &mut Vec<Command>,
) {
    // Wrapped: an imported project can bring many labels.
    ui.horizontal_wrapped(|ui| {
        let can_tag = selection.range.is_some() || selection.span.is_some();
        let prompt = if selection.span.is_some() && selection.range.is_none() {
            "Relabel as:"
        } else {
            "Tag as:"
        };
        ui.add_sized([76.0, 26.0], egui::Label::new(prompt));
        for label in labels.iter() {
            let color = Color32::from(label.color);
            let text = match label.hotkey {
                Some(k) => format!("{k}  {}", label.name),
                None => label.name.clone(),
            };
            let button = Button::new(RichText::new(text).color(ui.visuals().strong_text_color()))
                .fill(color.gamma_multiply(0.35))
                .stroke(egui::Stroke::new(1.5, color))
                .min_size(egui::vec2(96.0, 26.0));
            // What the label is for, where the decision is made.
            let guide = crate::model::guidelines::label_summary(label)
                .map(|g| format!("{}: {g}", label.name));
            let mut response =
                ui.add_enabled(can_tag, button)
                    .on_disabled_hover_text(match &guide {
                        Some(g) => format!("Select some text first: drag across it.\n\n{g}"),
                        None => "Select some text first: drag across it".to_owned(),
                    });
            if let Some(g) = guide {
                response = response.on_hover_text(g);
            }
            if response.clicked() {
                commands.push(Command::Tag(label.id.clone()));
            }
        }
    });
}
