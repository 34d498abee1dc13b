//! The learned model (issue 24): training on 500 annotated documents
//! (target ≤ 5 s on two cores) and suggesting for one article (target
//! ≤ 20 ms), on generated news (`synth::corpus`: about 3 KB, 15 spans of
//! four labels and `said_by` links each), every document marked done.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use spanmark::analysis::learn::{self, Options};
use spanmark::model::DocStatus;

fn learn_benches(c: &mut Criterion) {
    let mut corpus = spanmark_testkit::synth::corpus(500, 3);
    for d in &mut corpus.documents {
        d.status = DocStatus::Done;
    }
    let lessons = learn::lessons(&corpus);
    let labels = corpus.labels.clone();
    let train = || {
        learn::train(
            &lessons,
            &labels,
            &Options::default(),
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
    };
    let model = train().unwrap_or_else(|e| panic!("{e}"));
    let article = spanmark_testkit::synth::document(20, 30, 99, false);
    eprintln!(
        "learn: 500 documents, {} classes, {} features kept; an article of {} characters",
        model.classes.len(),
        model.features.len(),
        article.text.chars().count()
    );
    let mut group = c.benchmark_group("learn");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("train_500_documents", |b| {
        b.iter(|| black_box(train().is_ok()))
    });
    group.finish();
    let mut group = c.benchmark_group("learn");
    group.bench_function("suggest_one_article", |b| {
        b.iter(|| black_box(model.suggest(&article).len()))
    });
    group.finish();
}

criterion_group!(benches, learn_benches);
criterion_main!(benches);
