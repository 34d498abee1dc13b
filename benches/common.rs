//! Shared by the benchmarks: the generated large project.
#![allow(dead_code)]

use spanmark::model::Project;

/// Paragraphs in the benchmark article (about 1.2 MB of text).
pub const PARAGRAPHS: usize = 4_000;
/// Spans in the benchmark project.
pub const SPANS: usize = 20_000;

/// The 1.2 MB, 20,000-span project every benchmark uses.
pub fn large_project() -> Project {
    spanmark_testkit::synth::project(PARAGRAPHS, SPANS, 42)
}

/// The window size every frame benchmark uses.
#[cfg(feature = "gui")]
pub fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1200.0, 800.0),
        )),
        ..Default::default()
    }
}

/// One full frame of the real app: egui pass plus tessellation.
#[cfg(feature = "gui")]
pub fn frame(ctx: &egui::Context, app: &mut spanmark::app::SpanmarkApp) -> usize {
    let out = ctx.run_ui(input(), |ui| app.ui(ui));
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// The app on `project`, scrolled to the middle of its first document and
/// settled (heights measured).
#[cfg(feature = "gui")]
pub fn settled_in_the_middle(ctx: &egui::Context, project: Project) -> spanmark::app::SpanmarkApp {
    let middle = project.documents[0].char_len() / 2;
    let mut app = spanmark::app::SpanmarkApp::new(spanmark::session::Session::new(project, None));
    frame(ctx, &mut app);
    app.state.reader.scroll_to = Some(middle);
    for _ in 0..30 {
        frame(ctx, &mut app);
        if app.state.reader.scroll_to.is_none() {
            break;
        }
    }
    frame(ctx, &mut app);
    app
}
