//! The search bar (Ctrl+F): find every match, step through them, tag them all.

use egui::{Button, Key, Ui};

use crate::analysis::search::{SearchOptions, find_all};
use crate::model::{Document, LabelSet};

use super::super::command::{Command, UiCommand};
use super::label_bar::label_color;

/// The search bar's own state.
#[derive(Debug)]
pub struct SearchState {
    /// Whether the bar is shown.
    pub open: bool,
    /// The query typed.
    pub query: String,
    /// Case and whole-word options.
    pub options: SearchOptions,
    /// Matches of the query in the current document, sorted.
    pub matches: Vec<(usize, usize)>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// (document shown, query, options) the matches were computed for
    /// (the document as `Session::shown_generation`, never its index).
    computed_for: Option<(u64, String, SearchOptions)>,
    /// Give the query field focus next frame.
    pub focus: bool,
}

impl Default for SearchState {
    /// Closed, empty, whole words only: "Tag all as" must not tag
    /// "Russia" inside "Russian".
    fn default() -> Self {
        Self {
            open: false,
            query: String::new(),
            options: SearchOptions {
                case_sensitive: false,
                whole_word: true,
            },
            matches: Vec::new(),
            current: None,
            computed_for: None,
            focus: false,
        }
    }
}

impl SearchState {
    /// Step to the next (or previous) match; returns where it starts.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        self.current = Some(next);
        Some(self.matches[next].0)
    }
}

/// Show the search bar; recompute matches when the query changes.
pub fn search_bar_ui(
    ui: &mut Ui,
    shown: u64,
    doc: &Document,
    labels: &LabelSet,
    search: &mut SearchState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut search.query)
                    .hint_text("text to find")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        if search.focus {
            edit.request_focus();
            search.focus = false;
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            commands.push(Command::Ui(if back {
                UiCommand::FindPrevious
            } else {
                UiCommand::FindNext
            }));
            edit.request_focus();
        }
        ui.checkbox(&mut search.options.case_sensitive, "Match case");
        ui.checkbox(&mut search.options.whole_word, "Whole words");

        let key = (shown, search.query.clone(), search.options);
        if search.computed_for.as_ref() != Some(&key) {
            search.matches = find_all(&doc.text, &search.query, search.options);
            search.current = None;
            search.computed_for = Some(key);
        }
        let n = search.matches.len();
        let status = match (search.current, n) {
            (_, 0) if search.query.is_empty() => String::new(),
            (_, 0) => "no matches".to_owned(),
            (Some(i), n) => format!("{} of {n}", i + 1),
            (None, 1) => "1 match".to_owned(),
            (None, n) => format!("{n} matches"),
        };
        // A place of its own, as wide as the widest count: the buttons
        // after it never move as the count changes (a person aiming at one
        // label must not hit another).
        let width = ui.fonts_mut(|f| {
            f.layout_no_wrap(
                "9999 of 9999".to_owned(),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::WHITE,
            )
            .size()
            .x
        });
        ui.add_sized(
            [width, ui.spacing().interact_size.y],
            egui::Label::new(status).truncate(),
        );
        if ui.add_enabled(n > 0, Button::new("Previous")).clicked() {
            commands.push(Command::Ui(UiCommand::FindPrevious));
        }
        if ui.add_enabled(n > 0, Button::new("Next")).clicked() {
            commands.push(Command::Ui(UiCommand::FindNext));
        }
        ui.separator();
        ui.label("Tag all as:");
        for label in labels.iter() {
            let button = Button::new(&label.name)
                .stroke(egui::Stroke::new(1.5, label_color(labels, &label.id)));
            if ui
                .add_enabled(n > 0, button)
                .on_hover_text(format!("Tag every match as {} (one undo step)", label.name))
                .clicked()
            {
                commands.push(Command::TagAllMatches(label.id.clone()));
            }
        }
        if ui.button("Close").clicked() {
            search.open = false;
        }
    });
}
