//! The suggestions panel: the document's pending suggestions (from the
//! built-in rules, `spanmark suggest`, or a model's predictions), each
//! with its source and score, accepted or rejected one at a time (Enter,
//! Backspace, Tab to move on) or many at once (one label or source above a
//! score). The reader marks them while the panel is open.

use egui::{RichText, Ui};

use crate::app::reader::bidi::snippet;
use crate::model::{DocView, LabelSet};

use super::super::command::Command;
use super::label_bar::{label_color, swatch};

/// The panel's state: the focused suggestion and the "accept all" filter.
#[derive(Debug)]
pub struct SuggestionsState {
    /// The suggestion Enter / Backspace act on (index into the pending).
    pub focus: Option<usize>,
    /// Accept all: only this label (`None`: any).
    pub label: Option<String>,
    /// Accept all: only this source (`None`: any).
    pub source: Option<String>,
    /// Accept all: only at this score or above.
    pub min_score: f32,
}

impl Default for SuggestionsState {
    fn default() -> Self {
        Self {
            focus: None,
            label: None,
            source: None,
            min_score: 0.8,
        }
    }
}

impl SuggestionsState {
    /// Whether suggestion `s` passes the "accept all" filter.
    pub fn picks(&self, s: &crate::model::Suggestion) -> bool {
        self.label.as_ref().is_none_or(|l| *l == s.label)
            && self.source.as_ref().is_none_or(|x| *x == s.source)
            && s.score.map_or(1.0, |x| x.0) >= self.min_score
    }

    /// Whether a picked quote's speaker and `said_by` link come along: the
    /// score of the pair (quote and speaker both right) clears the
    /// threshold too. A suggestion without a pair score (another
    /// suggester's) brings its speaker as before.
    pub fn picks_pair(&self, s: &crate::model::Suggestion) -> bool {
        s.pair_score.is_none_or(|x| x.0 >= self.min_score)
    }
}

/// The external suggester as the panel shows it.
pub struct Model<'a> {
    /// Its command (kept between runs).
    pub command: &'a mut String,
    /// When its run for this document began, while it runs.
    pub running: Option<std::time::Instant>,
}

/// The model that learns from the person, as the panel shows it.
pub struct Learning<'a> {
    /// Whether it learns (the person's switch).
    pub on: &'a mut bool,
    /// What it learnt, or how far its training is.
    pub status: String,
    /// Whether it is training now.
    pub training: bool,
}

/// Show the suggestions of the document in `view`.
pub fn suggestions_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    labels: &LabelSet,
    state: &mut SuggestionsState,
    model: Model<'_>,
    learning: Learning<'_>,
    commands: &mut Vec<Command>,
) {
    let pending = &view.doc.suggestions.pending;
    ui.heading("Suggestions");
    learning_ui(ui, learning, commands);
    ui.horizontal(|ui| {
        let label = ui.label("Model:");
        ui.add(
            egui::TextEdit::singleline(model.command)
                .hint_text("python my_ner.py")
                .desired_width(150.0),
        )
        .labelled_by(label.id)
        .on_hover_text(
            "A command that reads {\"id\", \"text\"} JSON lines and answers with spans (README: Suggestions)",
        );
        match model.running {
            Some(started) => {
                ui.add(egui::Spinner::new());
                ui.weak(format!("{:.0} s", started.elapsed().as_secs_f32()));
            }
            None => {
                if ui
                    .add_enabled(!model.command.trim().is_empty(), egui::Button::new("Run"))
                    .on_hover_text("Ask the model for suggestions on this document")
                    .clicked()
                {
                    commands.push(Command::RunSuggester);
                }
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .button("Suggest")
            .on_hover_text(
                "Run the built-in rules (quotes, speakers, names, dates) and the model learnt from your work on this document",
            )
            .clicked()
        {
            commands.push(Command::SuggestRules);
        }
        ui.weak(format!("{} pending", pending.len()));
    });
    if pending.is_empty() {
        ui.weak(
            "None pending. Suggest runs the rules for news here; spanmark suggest runs them (or \
             any model, --with) over the whole project.",
        );
        return;
    }
    if state.focus.is_some_and(|f| f >= pending.len()) {
        state.focus = Some(pending.len() - 1);
    }
    ui.separator();
    let mut sources: Vec<&str> = pending.iter().map(|s| s.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let mut used: Vec<&str> = pending.iter().map(|s| s.label.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    ui.horizontal_wrapped(|ui| {
        let title = ui.label("Accept all of");
        let name = |l: &Option<String>| l.clone().unwrap_or_else(|| "any label".to_owned());
        egui::ComboBox::from_id_salt("suggest_label")
            .selected_text(name(&state.label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.label, None, "any label");
                for l in &used {
                    ui.selectable_value(&mut state.label, Some((*l).to_owned()), *l);
                }
            })
            .response
            .labelled_by(title.id);
        let source = |s: &Option<String>| s.clone().unwrap_or_else(|| "any source".to_owned());
        egui::ComboBox::from_id_salt("suggest_source")
            .selected_text(source(&state.source))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.source, None, "any source");
                for s in &sources {
                    ui.selectable_value(&mut state.source, Some((*s).to_owned()), *s);
                }
            })
            .response
            .labelled_by(title.id);
        ui.add(egui::Slider::new(&mut state.min_score, 0.0..=1.0).text("score ≥"));
        let n = pending.iter().filter(|s| state.picks(s)).count();
        if ui
            .add_enabled(n > 0, egui::Button::new(format!("Accept {n}")))
            .clicked()
        {
            commands.push(Command::AcceptSuggestionsPicked);
        }
    });
    ui.weak("Enter accepts · Backspace rejects · Tab next");
    ui.separator();
    let row_height = 2.0 * ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("suggestions_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, pending.len(), |ui, range| {
            for i in range {
                let s = &pending[i];
                let text = snippet(view.slice(s.start, s.end));
                let name = labels
                    .get(&s.label)
                    .map_or(s.label.as_str(), |l| l.name.as_str());
                ui.horizontal(|ui| {
                    swatch(ui, label_color(labels, &s.label));
                    let row =
                        egui::Button::selectable(state.focus == Some(i), format!("{name}: {text}"))
                            .truncate();
                    if ui.add(row).clicked() {
                        commands.push(Command::FocusSuggestion(i));
                    }
                });
                ui.horizontal(|ui| {
                    ui.add_space(12.0);
                    let score = s
                        .score
                        .map(|x| format!(" · {:.2}", x.0))
                        .unwrap_or_default();
                    let said = s
                        .said_by
                        .map(|(a, b)| format!(" · said by {}", snippet(view.slice(a, b))))
                        .unwrap_or_default();
                    ui.label(RichText::new(format!("{}{score}{said}", s.source)).weak());
                    if ui.small_button("Accept").clicked() {
                        commands.push(Command::AcceptSuggestion(i));
                    }
                    if ui.small_button("Reject").clicked() {
                        commands.push(Command::RejectSuggestion(i));
                    }
                });
            }
        });
}

/// The learned model's line: its switch, what it learnt or how far its
/// training is, and Learn now.
fn learning_ui(ui: &mut Ui, learning: Learning<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(learning.on, "Learn from my work").on_hover_text(
            "Train a model on the documents you mark done (in the background), and offer its suggestions with the rules'",
        );
        if learning.training {
            ui.add(egui::Spinner::new());
        }
        ui.weak(&learning.status);
        if !learning.training
            && *learning.on
            && ui
                .small_button("Learn now")
                .on_hover_text("Train again on the documents done and curated so far")
                .clicked()
        {
            commands.push(Command::LearnNow);
        }
    });
}
