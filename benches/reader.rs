//! Reader benchmarks: one full frame of the real app on a 1.2 MB document with
//! 20,000 spans (egui pass plus tessellation, no GPU), against a plain label.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::Pos2;
use spanmark::app::SpanmarkApp;
use spanmark::session::Session;

mod common;

use common::frame;

/// The app on the large project, scrolled to the middle and settled.
fn app_in_the_middle(ctx: &egui::Context) -> SpanmarkApp {
    common::settled_in_the_middle(ctx, common::large_project())
}

fn reader_benches(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut app = app_in_the_middle(&ctx);
    let visible = app.state.reader.visible_chars().unwrap_or((0, 0));
    let visible_text = app
        .session
        .view()
        .map(|v| v.slice(visible.0, visible.1).to_owned())
        .unwrap_or_default();
    eprintln!(
        "visible: chars {}..{} ({} chars), spans in view: {}",
        visible.0,
        visible.1,
        visible_text.chars().count(),
        app.session
            .view()
            .map_or(0, |v| v.spans_in(visible.0, visible.1).len())
    );

    c.bench_function("reader_frame", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    // With every relation drawn as an arc (View > Show all relations).
    app.state.reader.show_relations = true;
    for _ in 0..10 {
        frame(&ctx, &mut app);
    }
    c.bench_function("reader_frame_all_relations", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });
    app.state.reader.show_relations = false;
    frame(&ctx, &mut app);

    // The same window and text with no spans: what highlighting itself costs.
    let bare_ctx = egui::Context::default();
    let mut bare = {
        let mut project = common::large_project();
        project.documents[0].spans = Default::default();
        project.documents[0].relations = Default::default();
        let middle = project.documents[0].char_len() / 2;
        let mut bare = SpanmarkApp::new(Session::new(project, None));
        frame(&bare_ctx, &mut bare);
        bare.state.reader.scroll_to = Some(middle);
        for _ in 0..30 {
            frame(&bare_ctx, &mut bare);
        }
        bare
    };
    c.bench_function("reader_frame_no_spans", |b| {
        b.iter(|| black_box(frame(&bare_ctx, &mut bare)))
    });

    let base_ctx = egui::Context::default();
    let baseline = |ctx: &egui::Context| {
        let out = ctx.run_ui(common::input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.label(egui::RichText::new(visible_text.as_str()).size(17.0));
                });
            });
        });
        ctx.tessellate(out.shapes, out.pixels_per_point).len()
    };
    baseline(&base_ctx);
    c.bench_function("reader_frame_baseline", |b| {
        b.iter(|| black_box(baseline(&base_ctx)))
    });

    // A frame right after jumping one page further: new paragraphs, cache misses.
    let len = app.session.document().map_or(0, |d| d.char_len());
    let mut target = len / 2;
    let page = visible.1.saturating_sub(visible.0).max(1);
    c.bench_function("reader_scroll", |b| {
        b.iter(|| {
            target = (target + page) % len.max(1);
            app.state.reader.scroll_to = Some(target);
            black_box(frame(&ctx, &mut app))
        })
    });

    // Settle again, then hit-test the pointer across the visible text.
    app.state.reader.scroll_to = Some(len / 2);
    for _ in 0..30 {
        frame(&ctx, &mut app);
    }
    let points: Vec<Pos2> = (0..64)
        .map(|i| Pos2::new(100.0 + (i % 8) as f32 * 90.0, 90.0 + (i / 8) as f32 * 80.0))
        .collect();
    let mut i = 0;
    c.bench_function("hit_test", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            let view = app.session.view();
            black_box(view.and_then(|v| app.state.reader.span_at(&ctx, v, points[i])))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60);
    targets = reader_benches
}
criterion_main!(benches);
