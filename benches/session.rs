//! The one change path: one edit (apply, indexes, summaries), tag-all of
//! 5,000 matches, and a window frame with the document list and label
//! editor open on a 20,000-document project against one with them closed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::analysis::search::{SearchOptions, find_all};
use spanmark::app::SpanmarkApp;
use spanmark::app::state::LeftTab;
use spanmark::model::{Change, Edit, Span, SpanId};
use spanmark::session::{Session, rules};

mod common;

fn edit(doc: usize, edit: Edit) -> Change {
    Change::Doc { doc, edit }
}

fn edit_benches(c: &mut Criterion) {
    let mut session = Session::new(common::large_project(), None);
    let Some(doc) = session.document().cloned() else {
        return;
    };
    let middle = doc.spans.iter().nth(doc.spans.len() / 2).cloned();
    let Some(target) = middle else { return };
    let len = doc.char_len();
    eprintln!("document: {len} characters, {} spans", doc.spans.len());

    // Relabel a span in the middle, back and forth: one edit per iteration.
    let mut flip = false;
    c.bench_function("edit/relabel", |b| {
        b.iter(|| {
            flip = !flip;
            let label = if flip { "event" } else { &target.label };
            let change = edit(
                0,
                Edit::SetLabel {
                    id: target.id,
                    label: label.to_owned(),
                },
            );
            black_box(session.apply(change).is_ok())
        })
    });
    // Resize it (its key in the ordered set changes: remove + insert).
    c.bench_function("edit/resize", |b| {
        b.iter(|| {
            flip = !flip;
            let end = if flip { target.end + 1 } else { target.end };
            let change = edit(
                0,
                Edit::SetRange {
                    id: target.id,
                    start: target.start,
                    end,
                },
            );
            black_box(session.apply(change).is_ok())
        })
    });
    // Add a new span (a fresh id each time): the edit a person makes most.
    let mut next = session.project().next_ids.span;
    let mut at = 0;
    c.bench_function("edit/add_span", |b| {
        b.iter(|| {
            at = (at + 7919) % (len - 10);
            next += 1;
            let span = Span::new(SpanId(next), at, at + 5, "entity");
            let change = edit(
                0,
                Edit::AddSpan {
                    span,
                    relations: Vec::new(),
                },
            );
            black_box(session.apply(change).is_ok())
        })
    });

    // Tag all of 5,000 matches of a frequent word, then undo (not timed).
    let mut fresh = Session::new(common::large_project(), None);
    let text = fresh.document().map(|d| d.text.clone()).unwrap_or_default();
    let whole = SearchOptions {
        whole_word: true,
        case_sensitive: false,
    };
    let mut matches = find_all(&text, "the", whole);
    matches.truncate(5_000);
    eprintln!("tag-all: {} matches", matches.len());
    c.bench_function("tag_all_5000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let proposal = rules::tag_all(&fresh, &matches, "event");
                let ok = proposal.map(|p| fresh.apply(p.change).is_ok());
                total += start.elapsed();
                black_box(ok.is_ok());
                let _ = fresh.undo();
            }
            total
        })
    });
}

fn corpus_frame_benches(c: &mut Criterion) {
    let corpus = spanmark_testkit::synth::corpus(20_000, 7);
    eprintln!("corpus: {} documents", corpus.documents.len());
    let closed_ctx = egui::Context::default();
    let mut closed = SpanmarkApp::new(Session::new(corpus.clone(), None));
    for _ in 0..5 {
        common::frame(&closed_ctx, &mut closed);
    }
    c.bench_function("corpus_frame/panels_closed", |b| {
        b.iter(|| black_box(common::frame(&closed_ctx, &mut closed)))
    });
    let variants: [(&str, bool, bool); 3] = [
        ("doc_list_open", true, false),
        ("label_editor_open", false, true),
        ("doc_list_and_label_editor_open", true, true),
    ];
    for (name, list, editor) in variants {
        let ctx = egui::Context::default();
        let mut app = SpanmarkApp::new(Session::new(corpus.clone(), None));
        if list {
            app.state.left = Some(LeftTab::Documents);
        }
        if editor {
            app.state.label_editor = Some(Default::default());
        }
        for _ in 0..5 {
            common::frame(&ctx, &mut app);
        }
        c.bench_function(&format!("corpus_frame/{name}"), |b| {
            b.iter(|| black_box(common::frame(&ctx, &mut app)))
        });
    }
    // An edit, then a frame, with the list sorted by most spans (or by
    // annotator): the edited document's row moves, nothing is re-sorted.
    for (name, order) in [
        ("by_spans", spanmark::app::panels::doc_list::DocOrder::Spans),
        (
            "by_annotator",
            spanmark::app::panels::doc_list::DocOrder::Annotator,
        ),
    ] {
        let ctx = egui::Context::default();
        let mut app = SpanmarkApp::new(Session::new(corpus.clone(), None));
        app.state.left = Some(LeftTab::Documents);
        app.state.doc_list.order = order;
        for _ in 0..5 {
            common::frame(&ctx, &mut app);
        }
        let len = app.session.document().map_or(0, |d| d.char_len());
        let mut next = app.session.project().next_ids.span;
        let mut at = 0;
        c.bench_function(&format!("corpus_frame/edit_then_frame_list_{name}"), |b| {
            b.iter(|| {
                at = (at + 7919) % len.saturating_sub(10).max(1);
                next += 1;
                let mut span = Span::new(SpanId(next), at, at + 3, "entity");
                span.annotator = Some("zoe".into());
                let change = edit(
                    app.session.current_index(),
                    Edit::AddSpan {
                        span,
                        relations: Vec::new(),
                    },
                );
                let _ = app.session.apply(change);
                black_box(common::frame(&ctx, &mut app))
            })
        });
    }
    // The same with 200 documents: opening the panels costs the same
    // whatever the number of documents.
    let small = spanmark_testkit::synth::corpus(200, 7);
    let ctx = egui::Context::default();
    let mut app = SpanmarkApp::new(Session::new(small, None));
    app.state.left = Some(LeftTab::Documents);
    app.state.label_editor = Some(Default::default());
    for _ in 0..5 {
        common::frame(&ctx, &mut app);
    }
    c.bench_function("corpus_frame/both_open_200_documents", |b| {
        b.iter(|| black_box(common::frame(&ctx, &mut app)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(40);
    targets = edit_benches, corpus_frame_benches
}
criterion_main!(benches);
