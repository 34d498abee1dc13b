//! The Statistics panel (View > Statistics): what a team lead looks at,
//! each chart with its table beside it, the same numbers `spanmark stats
//! --json` prints (both read [`crate::analysis::stats::Stats`]): documents
//! per status, spans per label, per annotator (suggested and by hand,
//! active time, spans per minute, assigned done), documents done per day,
//! active time per document and agreement per label.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::analysis::stats::Stats;
use crate::session::Session;

use super::doc_list::status_color;
use super::label_bar::label_color;

/// Bars shown in a chart at most (the rest in the table).
const MOST_BARS: usize = 20;

/// The panel's state: the figures, recomputed when the project changed.
#[derive(Debug, Default)]
pub struct StatisticsState {
    /// Whether the panel is shown.
    pub open: bool,
    figures: Option<(u64, Box<Stats>)>,
}

/// Show the panel (a window over the text, never over the bars).
pub fn statistics_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut StatisticsState,
    area: Option<egui::Rect>,
) {
    let mut open = state.open;
    let mut window = egui::Window::new("Statistics")
        .open(&mut open)
        .default_width(720.0)
        .default_height(560.0)
        .resizable(true)
        .vscroll(true);
    if let Some(area) = area.filter(|a| a.is_positive()) {
        window = window
            .constrain_to(area)
            .default_pos(area.min + egui::vec2(24.0, 16.0));
    }
    window.show(ui.ctx(), |ui| {
        let revision = session.revision();
        if state.figures.as_ref().is_none_or(|(r, _)| *r != revision) {
            state.figures = Some((revision, Box::new(Stats::of(session.project()))));
        }
        let Some((_, s)) = &state.figures else {
            return;
        };
        figures_ui(ui, session, s);
    });
    state.open = open;
}

fn figures_ui(ui: &mut Ui, session: &Session, s: &Stats) {
    let labels = &session.project().labels;
    ui.label(format!(
        "{} documents, {} spans, {} relations (spanmark stats --json gives the same figures)",
        s.documents, s.spans, s.relations
    ));
    section(ui, "Documents per status", || {
        let rows = [
            ("to do", s.by_status.todo, crate::model::DocStatus::Todo),
            (
                "in progress",
                s.by_status.in_progress,
                crate::model::DocStatus::InProgress,
            ),
            ("done", s.by_status.done, crate::model::DocStatus::Done),
        ];
        let bars: Vec<(String, f64, Color32)> = rows
            .iter()
            .map(|(n, v, st)| ((*n).to_owned(), *v as f64, status_color(*st)))
            .collect();
        (
            bars,
            table(&rows.map(|(n, v, _)| (n.to_owned(), v.to_string()))),
        )
    });
    section(ui, "Spans per label", || {
        let bars: Vec<(String, f64, Color32)> = s
            .spans_by_label
            .iter()
            .map(|(l, n)| {
                let name = labels.get(l).map_or(l.as_str(), |d| d.name.as_str());
                (name.to_owned(), *n as f64, label_color(labels, l))
            })
            .collect();
        let rows: Vec<(String, String)> = bars
            .iter()
            .map(|(n, v, _)| (n.clone(), v.to_string()))
            .collect();
        (bars, table(&rows))
    });
    if !s.annotators.is_empty() {
        section(ui, "Per annotator", || {
            let accent = Color32::from_rgb(0x3D, 0x8E, 0xE8);
            let bars = s
                .annotators
                .iter()
                .map(|(who, a)| (name(who), a.spans as f64, accent))
                .collect();
            let rows: Vec<(String, String)> = s
                .annotators
                .iter()
                .map(|(who, a)| {
                    let rate = a
                        .spans_per_minute
                        .map_or("-".to_owned(), |r| format!("{r:.1}/min"));
                    let progress = if a.assigned > 0 {
                        format!(", {} of {} assigned done", a.assigned_done, a.assigned)
                    } else {
                        String::new()
                    };
                    (
                        name(who),
                        format!(
                            "{} spans ({} suggested, {} by hand), {} min, {rate}{progress}",
                            a.spans,
                            a.from_suggestions,
                            a.by_hand,
                            a.seconds / 60
                        ),
                    )
                })
                .collect();
            (bars, table(&rows))
        });
    }
    if !s.done_by_day.is_empty() {
        section(ui, "Documents done per day", || {
            let green = status_color(crate::model::DocStatus::Done);
            let bars = s
                .done_by_day
                .iter()
                .map(|(d, n)| (d.clone(), *n as f64, green))
                .collect();
            let rows: Vec<(String, String)> = s
                .done_by_day
                .iter()
                .map(|(d, n)| (d.clone(), n.to_string()))
                .collect();
            (bars, table(&rows))
        });
    }
    if !s.seconds_by_document.is_empty() {
        section(ui, "Active minutes per document (longest first)", || {
            let mut docs: Vec<(&String, &u64)> = s.seconds_by_document.iter().collect();
            docs.sort_by_key(|(_, secs)| std::cmp::Reverse(**secs));
            let amber = Color32::from_rgb(0xE8, 0xA3, 0x3D);
            let bars = docs
                .iter()
                .map(|(d, secs)| ((*d).clone(), **secs as f64 / 60.0, amber))
                .collect();
            let rows: Vec<(String, String)> = docs
                .iter()
                .map(|(d, secs)| ((*d).clone(), format!("{}:{:02}", **secs / 60, **secs % 60)))
                .collect();
            (bars, table(&rows))
        });
    }
    if !s.agreement_by_label.is_empty() {
        section(
            ui,
            "Agreement per label (overlap F1, annotators' own work)",
            || {
                let bars = s
                    .agreement_by_label
                    .iter()
                    .map(|(l, f)| {
                        let name = labels.get(l).map_or(l.as_str(), |d| d.name.as_str());
                        (name.to_owned(), f.unwrap_or(0.0), label_color(labels, l))
                    })
                    .collect();
                let mut rows: Vec<(String, String)> = s
                    .agreement_by_label
                    .iter()
                    .map(|(l, f)| (l.clone(), f.map_or("-".to_owned(), |f| format!("{f:.2}"))))
                    .collect();
                rows.push((
                    "alpha".to_owned(),
                    s.alpha.map_or("-".to_owned(), |a| format!("{a:.3}")),
                ));
                (bars, table(&rows))
            },
        );
    }
}

fn name(who: &str) -> String {
    if who.is_empty() {
        "(no name)".to_owned()
    } else {
        who.to_owned()
    }
}

/// A table of (name, value) rows, drawn by [`section`].
struct Table(Vec<(String, String)>);

fn table(rows: &[(String, String)]) -> Table {
    Table(rows.to_vec())
}

/// A heading, then the chart (one bar per item, named) and its table side
/// by side.
fn section(
    ui: &mut Ui,
    title: &str,
    content: impl FnOnce() -> (Vec<(String, f64, Color32)>, Table),
) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong());
    let (bars, rows) = content();
    ui.horizontal_top(|ui| {
        let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
        let chart = BarChart::new(
            title,
            bars.iter()
                .take(MOST_BARS)
                .enumerate()
                .map(|(i, (n, v, c))| Bar::new(i as f64, *v).name(n).fill(*c).width(0.7))
                .collect(),
        );
        Plot::new(title)
            .height(150.0)
            .width(340.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show_x(false)
            .x_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    names.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| plot.bar_chart(chart));
        egui::Grid::new(format!("{title} table"))
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (n, v) in &rows.0 {
                    ui.label(n);
                    ui.label(v);
                    ui.end_row();
                }
            });
    });
}
