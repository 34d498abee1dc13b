//! The one place GUI tests build the app and its test harness.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

mod child;
mod pointer;

// Not every test binary uses every helper (the snapshots need no child).
#[allow(unused_imports)]
pub use child::*;
#[allow(unused_imports)]
pub use pointer::*;

use egui::Pos2;
use egui_kittest::Harness;
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project};
use spanmark::session::Session;

/// A paragraph in the style of the sample article, with a quote, its
/// speaker, and the speaker's name again.
pub const PESKOV: &str = "“We are satisfied with the talks in Geneva,” said Dmitry Peskov on Monday. \
Peskov added that the Kremlin expects progress. Reporters asked Peskov again.";

/// The code point range of the first `needle` in [`PESKOV`].
pub fn at(needle: &str) -> (usize, usize) {
    let s = char_offset(PESKOV, needle, 1);
    (s, s + needle.chars().count())
}

/// Window size used by every GUI test.
pub const SIZE: [f32; 2] = [1200.0, 800.0];

/// The app with no model learning in the background: tests that learn
/// switch it on (a training writes a model file beside the project).
pub fn quiet(mut app: SpanmarkApp) -> SpanmarkApp {
    app.learn = false;
    app
}

/// A harness driving the real app's frame function.
pub fn harness(app: SpanmarkApp) -> Harness<'static, SpanmarkApp> {
    harness_with_step(app, 0.25)
}

/// A harness whose frames are `dt` seconds apart (short for double-clicks).
pub fn harness_with_step(app: SpanmarkApp, dt: f32) -> Harness<'static, SpanmarkApp> {
    let mut h = harness_unsettled(app, dt);
    h.run();
    h
}

/// A harness that has drawn one frame only: for an app that keeps
/// repainting while a job runs (then [`step_until`]).
pub fn harness_unsettled(app: SpanmarkApp, dt: f32) -> Harness<'static, SpanmarkApp> {
    let app = quiet(app);
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(24)
        .with_step_dt(dt)
        .build_ui_state(|ui, app: &mut SpanmarkApp| app.ui(ui), app);
    h.step();
    h
}

/// A harness with the window's fonts: the installed system fonts found
/// for every script (as eframe does), boxes where none has a character.
pub fn harness_with_system_fonts(app: SpanmarkApp) -> Harness<'static, SpanmarkApp> {
    let app = quiet(app);
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(24)
        .with_step_dt(0.25)
        .allow_missing_glyphs()
        .with_context_setup(|ctx| {
            ctx.add_font_provider(std::sync::Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
        })
        .build_ui_state(|ui, app: &mut SpanmarkApp| app.ui(ui), app);
    h.run();
    h
}

/// The sample project saved into `dir`, opened in the app.
pub fn sample_app(dir: &Path) -> (SpanmarkApp, PathBuf) {
    let path = dir.join("sample.ron");
    let project = spanmark::store::from_ron(spanmark::app::SAMPLE_PROJECT, &path)
        .unwrap_or_else(|e| panic!("sample project does not load: {e}"));
    spanmark::store::save(&project, &path).unwrap_or_else(|e| panic!("{e}"));
    let session = Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
    (SpanmarkApp::new(session), path)
}

/// An unsaved project holding one document with `text` and no spans.
pub fn text_app(text: &str) -> SpanmarkApp {
    let mut project = Project::new("test");
    project.documents.push(Document::new("doc", "Doc", text));
    SpanmarkApp::new(Session::new(project, None))
}

/// The current document's spans as (start, end, label).
pub fn spans(h: &Harness<'_, SpanmarkApp>) -> Vec<(usize, usize, String)> {
    h.state()
        .session
        .document()
        .map(|d| {
            d.spans
                .iter()
                .map(|s| (s.start, s.end, s.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Id of the span covering exactly `[start, end)`.
pub fn span_id(h: &Harness<'_, SpanmarkApp>, start: usize, end: usize) -> spanmark::model::SpanId {
    h.state()
        .session
        .document()
        .and_then(|d| d.spans.iter().find(|s| s.start == start && s.end == end))
        .map(|s| s.id)
        .unwrap_or_else(|| panic!("no span at [{start}, {end})"))
}

/// Click at a point.
pub fn click(h: &mut Harness<'_, SpanmarkApp>, at: Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
}

/// The code point offset of the `nth` (from 1) occurrence of `needle`.
pub fn char_offset(text: &str, needle: &str, nth: usize) -> usize {
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {nth} times"));
    text[..byte].chars().count()
}

/// Click the middle of code point `pos`.
pub fn click_char(h: &mut Harness<'_, SpanmarkApp>, pos: usize) {
    let at = char_rect(h, pos).center();
    click(h, at);
}

/// Click the widget labelled `label` and let the app answer.
pub fn click_label(h: &mut Harness<'_, SpanmarkApp>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label(label).click();
    h.run();
}

/// The document shown.
pub fn doc<'h>(h: &'h Harness<'_, SpanmarkApp>) -> &'h Document {
    h.state()
        .session
        .document()
        .unwrap_or_else(|| panic!("no document"))
}

/// (id, start) of the first span whose text is exactly `text`.
pub fn span_with_text(
    h: &Harness<'_, SpanmarkApp>,
    text: &str,
) -> (spanmark::model::SpanId, usize) {
    let d = doc(h);
    d.spans
        .iter()
        .find(|s| d.span_text(s) == text)
        .map(|s| (s.id, s.start))
        .unwrap_or_else(|| panic!("no span with text {text:?}"))
}

/// The status bar's message text ("" if none).
pub fn message(h: &Harness<'_, SpanmarkApp>) -> String {
    h.state()
        .state
        .message
        .clone()
        .map(|m| m.text)
        .unwrap_or_default()
}

/// Step frames (real time passing) until `done` holds: for work that runs
/// on another thread (import, export).
pub fn step_until(h: &mut Harness<'_, SpanmarkApp>, done: impl Fn(&SpanmarkApp) -> bool) {
    for _ in 0..2000 {
        h.step();
        if done(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
}

/// A file dropped on the window.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drop files on the window and wait for the import they start.
pub fn drop_files(h: &mut Harness<'_, SpanmarkApp>, paths: &[PathBuf]) {
    for p in paths {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(p.clone())));
    }
    step_until(h, |app| app.state.import.is_none());
}

/// Replace what the text field labelled `label` holds with `text`, as a
/// person does: click in it, select all, type.
pub fn set_field(h: &mut Harness<'_, SpanmarkApp>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Answer the in-window path box (no native dialog): replace what it
/// suggests with `path` and press OK.
pub fn answer_path_box(h: &mut Harness<'_, SpanmarkApp>, path: &Path) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label_contains("Type the path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label_contains("Type the path")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
}

/// Open Edit > Labels… from the menu.
pub fn open_label_editor(h: &mut Harness<'_, SpanmarkApp>) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Labels…").click();
    h.run();
}

/// In [`PESKOV`], tag “Dmitry Peskov” as an entity and the quote as a
/// quote (left selected); returns their ranges (quote, speaker).
pub fn tag_quote_and_speaker(h: &mut Harness<'_, SpanmarkApp>) -> ((usize, usize), (usize, usize)) {
    let quote = at("“We are satisfied with the talks in Geneva,”");
    let peskov = at("Dmitry Peskov");
    tag_chars(h, peskov.0, peskov.1, egui::Key::Num3);
    tag_chars(h, quote.0, quote.1, egui::Key::Num1);
    (quote, peskov)
}

/// The app as a person starts it on `path`, one frame drawn.
pub fn start_on(path: &Path) -> Harness<'static, SpanmarkApp> {
    harness_unsettled(
        SpanmarkApp::startup(
            Some(path.to_owned()),
            spanmark::app::RecentProjects::default(),
            None,
        ),
        0.25,
    )
}

/// A project of one document holding [`PESKOV`], saved at `dir/name`.
pub fn project_file(dir: &Path, name: &str) -> PathBuf {
    let mut p = Project::new("safety");
    p.documents.push(Document::new("d", "Doc", PESKOV));
    let path = dir.join(name);
    spanmark::store::save(&p, &path).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// The app as a person starts it on `path` (the last project or the
/// sample when `None`), journaling what cannot be journaled beside its
/// project (untitled projects, a project it may not write) in `journals`.
pub fn start(path: Option<&Path>, journals: &Path) -> Harness<'static, SpanmarkApp> {
    harness(SpanmarkApp::startup(
        path.map(Path::to_owned),
        spanmark::app::RecentProjects::default(),
        Some(journals.to_owned()),
    ))
}

/// Press a key with modifiers and let the window settle.
pub fn key(h: &mut Harness<'_, SpanmarkApp>, modifiers: egui::Modifiers, k: egui::Key) {
    h.key_press_modifiers(modifiers, k);
    h.run();
}

/// The order in which the document list on the left shows `titles`.
pub fn list_order(h: &egui_kittest::Harness<'_, SpanmarkApp>, titles: &[&str]) -> Vec<String> {
    use egui_kittest::kittest::Queryable as _;
    let mut rows: Vec<(f32, String)> = titles
        .iter()
        .map(|t| {
            // The row in the list on the left (the side panel on the right
            // names the current document too).
            let y = h
                .query_all_by_label(t)
                .map(|n| n.rect())
                .find(|r| r.min.x < 300.0)
                .map_or(f32::MAX, |r| r.min.y);
            (y, (*t).to_owned())
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|r| r.1).collect()
}

/// Ctrl+Z, and let the window settle.
pub fn undo(h: &mut Harness<'_, SpanmarkApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

/// Ctrl+Shift+Z, and let the window settle.
pub fn redo(h: &mut Harness<'_, SpanmarkApp>) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
}

/// eframe's storage, in memory: what the window remembers between runs.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// A folder project of `n` short articles ("Peskov spoke on day i.", ids
/// `a0`, `a1`, …) in `dir/archive.spanmark`.
pub fn many_articles(dir: &Path, n: usize) -> Result<PathBuf, spanmark::store::StoreError> {
    let mut p = Project::new("archive");
    for i in 0..n {
        p.documents.push(Document::new(
            format!("a{i}"),
            format!("Article {i}"),
            format!("Peskov spoke on day {i}."),
        ));
    }
    let path = dir.join("archive.spanmark");
    spanmark::store::save(&p, &path)?;
    Ok(path)
}
