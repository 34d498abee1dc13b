//! The 12 MB, 200,000-span single document (ten times the reader
//! benchmarks' article): one window frame in its middle, a frame after a
//! page jump, one edit through the session, and a save of the project.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::model::{Change, Edit, Span, SpanId};

mod common;

use common::frame;

/// Paragraphs: about 12 MB of text.
const PARAGRAPHS: usize = 40_000;
/// Spans.
const SPANS: usize = 200_000;

fn huge_document_benches(c: &mut Criterion) {
    let project = spanmark_testkit::synth::project(PARAGRAPHS, SPANS, 42);
    let text_bytes = project.documents[0].text.len();
    let spans = project.documents[0].spans.len();
    let ctx = egui::Context::default();
    let mut app = common::settled_in_the_middle(&ctx, project.clone());
    eprintln!("document: {text_bytes} bytes of text, {spans} spans");

    c.bench_function("huge/reader_frame", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });
    let len = app.session.document().map_or(0, |d| d.char_len());
    let visible = app.state.reader.visible_chars().unwrap_or((0, 0));
    let page = visible.1.saturating_sub(visible.0).max(1);
    let mut target = len / 2;
    c.bench_function("huge/reader_scroll", |b| {
        b.iter(|| {
            target = (target + page) % len.max(1);
            app.state.reader.scroll_to = Some(target);
            black_box(frame(&ctx, &mut app))
        })
    });
    // The edit a person makes most: a new span (a fresh id, somewhere
    // else each time), through the one change path.
    let (mut next, mut at) = (app.session.project().next_ids.span, 0);
    let mut new_span = move || {
        at = (at + 7919) % (len - 10);
        next += 1;
        let span = Span::new(SpanId(next), at, at + 5, "entity");
        let edit = Edit::AddSpan {
            span,
            relations: Vec::new(),
        };
        Change::Doc { doc: 0, edit }
    };
    c.bench_function("huge/edit_add_span", |b| {
        b.iter(|| black_box(app.session.apply(new_span()).is_ok()))
    });
    // An edit, then the frame that shows it.
    c.bench_function("huge/edit_then_frame", |b| {
        b.iter(|| {
            let _ = app.session.apply(new_span());
            black_box(frame(&ctx, &mut app))
        })
    });
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("huge.ron");
    c.bench_function("huge/project_save", |b| {
        b.iter(|| black_box(spanmark::store::save(&project, &path).is_ok()))
    });
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    eprintln!("project file: {size} bytes");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = huge_document_benches
}
criterion_main!(benches);
