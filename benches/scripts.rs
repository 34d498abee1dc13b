//! Every script (issue 16): one frame of the real app on a long Arabic
//! article (right-to-left paragraphs reordered, Latin names and numbers
//! inside) against the same frame on an English article of the same shape,
//! both with spans, with the system's fonts as the window has them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project, Span};

mod common;

use common::frame;

const ARABIC: [&str; 3] = [
    "قال المتحدث باسم الوزارة محمد علي إن الاجتماع سيعقد يوم الثلاثاء في القاهرة بحضور ممثلين عن 25 دولة.",
    "وأضاف في مقابلة مع BBC أن المؤتمر سيناقش خطة جديدة للطاقة والمياه (الدورة الثالثة) وأن النتائج ستعلن في 2026.",
    "وقالت مصادر دبلوماسية إن الوفود ستبقى في المدينة حتى نهاية الأسبوع لمتابعة المحادثات مع الأطراف المعنية.",
];
const ENGLISH: [&str; 3] = [
    "The ministry spokesman Mohamed Ali said the meeting would be held on Tuesday in Cairo with 25 countries.",
    "He told the BBC in an interview that the conference would discuss a new plan for energy and water (third round).",
    "Diplomatic sources said the delegations would stay in the city until the end of the week to follow the talks.",
];

/// Paragraph `i`: one of three sentences and its number, so that no two
/// are the same text (egui would lay out a repeated paragraph once).
fn paragraph(paragraphs: [&str; 3], i: usize) -> String {
    format!("{} {i}", paragraphs[i % 3])
}

/// An article of 2,000 paragraphs cycling through `paragraphs`, with a
/// span on the second and fifth words of each.
fn article(paragraphs: [&str; 3]) -> Project {
    let text = (0..2_000)
        .map(|i| paragraph(paragraphs, i))
        .collect::<Vec<_>>()
        .join("\n");
    let mut doc = Document::new("doc", "Article", &text);
    let mut start = 0;
    let mut id = 0;
    for i in 0..2_000 {
        let para: Vec<char> = paragraph(paragraphs, i).chars().collect();
        let words: Vec<usize> = (0..para.len())
            .filter(|&k| k == 0 || para[k - 1] == ' ')
            .collect();
        for (w, label) in [(1, "entity"), (4, "claim")] {
            let (s, e) = (words[w], words[w + 1] - 1);
            id += 1;
            let span = Span::new(spanmark::model::SpanId(id), start + s, start + e, label);
            if doc.spans.insert(span).is_err() {
                eprintln!("span {id} not inserted");
            }
        }
        start += para.len() + 1;
    }
    let mut project = Project::new("scripts");
    project.documents.push(doc);
    project
}

/// The app on `project` with the window's fonts, scrolled to the middle.
fn settled(ctx: &egui::Context, project: Project) -> SpanmarkApp {
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    common::settled_in_the_middle(ctx, project)
}

/// A frame right after jumping 3,000 characters on: paragraphs laid out
/// anew.
fn scroll_bench(c: &mut Criterion, name: &str, ctx: &egui::Context, app: &mut SpanmarkApp) {
    let len = app.session.document().map_or(0, |d| d.char_len());
    let mut target = len / 2;
    c.bench_function(name, |b| {
        b.iter(|| {
            target = (target + 3_000) % len.max(1);
            app.state.reader.scroll_to = Some(target);
            black_box(frame(ctx, app))
        })
    });
}

fn script_benches(c: &mut Criterion) {
    let ltr_ctx = egui::Context::default();
    let mut ltr = settled(&ltr_ctx, article(ENGLISH));
    c.bench_function("reader_frame_english", |b| {
        b.iter(|| black_box(frame(&ltr_ctx, &mut ltr)))
    });
    let rtl_ctx = egui::Context::default();
    let mut rtl = settled(&rtl_ctx, article(ARABIC));
    c.bench_function("reader_frame_arabic", |b| {
        b.iter(|| black_box(frame(&rtl_ctx, &mut rtl)))
    });
    scroll_bench(c, "reader_scroll_arabic", &rtl_ctx, &mut rtl);
    scroll_bench(c, "reader_scroll_english", &ltr_ctx, &mut ltr);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = script_benches
}
criterion_main!(benches);
