//! The speaker (or claimant) picker of a quote or claim: the mentions near
//! it, each with the words around it so that mentions with the same text are
//! told apart, likeliest first (next to a speech verb, after the quote then
//! before it; then people; then the rest, nearest first).

use egui::{ComboBox, Ui};

use crate::app::reader::bidi::snippet;
use crate::model::LabelSet;
use crate::model::{DocView, Relation, Span};
use crate::session::linking::{Why, speaker_candidates, speaker_relation};

use super::super::command::Command;

/// Characters of context shown on each side of a mention.
const CONTEXT: usize = 28;

/// The picker, for a span whose label has a speaker relation.
pub fn speaker_ui(
    ui: &mut Ui,
    view: DocView<'_>,
    labels: &LabelSet,
    span: &Span,
    relations: &[&Relation],
    commands: &mut Vec<Command>,
) {
    let Some((kind, title)) = speaker_relation(labels, &span.label) else {
        return;
    };
    let current = relations
        .iter()
        .find(|r| r.from == span.id && r.kind == kind)
        .and_then(|r| view.span(r.to));
    ui.horizontal(|ui| {
        let name = ui.label(format!("{title}:"));
        ComboBox::from_id_salt("speaker")
            .selected_text(current.map_or("—".to_owned(), |s| snippet(view.span_text(s))))
            .width(170.0)
            .show_ui(ui, |ui| {
                ui.set_min_width(320.0);
                for (s, why) in speaker_candidates(view, labels, span) {
                    let mut text = mention_label(view, s);
                    if matches!(why, Why::SpeechAfter | Why::SpeechBefore) {
                        text.push_str("  (by a speech verb)");
                    }
                    if ui
                        .selectable_label(current.map(|c| c.id) == Some(s.id), text)
                        .on_hover_text(format!("{} · characters {}–{}", s.id, s.start, s.end))
                        .clicked()
                    {
                        commands.push(Command::Link {
                            from: span.id,
                            to: s.id,
                            kind: kind.to_owned(),
                        });
                    }
                }
            })
            .response
            .labelled_by(name.id);
    });
}

/// `Peskov: …Later [Peskov] smiled at…`: the mention and the words around
/// it, within its paragraph, cut at whole words.
pub fn mention_label(view: DocView<'_>, s: &Span) -> String {
    let len = view.chars.char_len();
    let (a, b) = (s.start.saturating_sub(CONTEXT), (s.end + CONTEXT).min(len));
    let mut before = view.slice(a, s.start);
    before = before.rsplit('\n').next().unwrap_or(before);
    if a > 0 && before.chars().count() >= CONTEXT {
        before = before.split_once(char::is_whitespace).map_or("", |x| x.1);
    }
    let mut after = view.slice(s.end, b);
    after = after.split('\n').next().unwrap_or(after);
    if b < len && after.chars().count() >= CONTEXT {
        after = after.rsplit_once(char::is_whitespace).map_or("", |x| x.0);
    }
    let text = snippet(view.span_text(s));
    format!("{text}: …{before}[{text}]{after}…")
}
