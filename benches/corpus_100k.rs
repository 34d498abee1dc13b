//! 100,000 articles (issue 28), through the real command line and store:
//! a generated newsroom corpus (about 5 KB and 15 spans an article, 560 MB
//! of doccano JSON lines) imported into a new folder project (streamed),
//! `stats` on it with its summary cache warm, the first document shown,
//! a JSONL export, and the window's full read. `SPANMARK_BENCH_DOCS` sets
//! another size. Peak memory is not measured here: `/usr/bin/time -v` on
//! the same commands gives it (README, Performance).

use std::hint::black_box;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

/// Articles in the corpus.
fn docs() -> usize {
    std::env::var("SPANMARK_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// Run the built `spanmark` with `args`; panics (ends the benchmark) if it
/// fails.
fn spanmark(args: &[&std::ffi::OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn import(jsonl: &Path, into: &Path) {
    spanmark(&[
        "import".as_ref(),
        jsonl.as_os_str(),
        "--into".as_ref(),
        into.as_os_str(),
    ]);
}

fn corpus_100k(c: &mut Criterion) {
    let docs = docs();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = dir.path().join("corpus.jsonl");
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap_or_else(|e| panic!("{e}")));
    let (spans, bytes) = spanmark_testkit::synth::write_corpus_jsonl(&mut out, docs, 11)
        .unwrap_or_else(|e| panic!("{e}"));
    out.flush().unwrap_or_else(|e| panic!("{e}"));
    drop(out);
    eprintln!("corpus: {docs} articles, {spans} spans, {bytes} bytes of JSON lines");
    let folder = dir.path().join("corpus.spanmark");

    let mut group = c.benchmark_group("corpus_100k");
    // Ten runs of each, one at a time (a run takes seconds).
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("import_jsonl_into_a_new_folder", |b| {
        b.iter_custom(|n| {
            let mut spent = Duration::ZERO;
            for _ in 0..n {
                let _ = std::fs::remove_dir_all(&folder);
                // The removal's own writes flushed first: the import's one
                // flush of the file system is timed, not the last run's.
                let _ = Command::new("sync").status();
                let start = Instant::now();
                import(&jsonl, &folder);
                spent += start.elapsed();
            }
            spent
        })
    });
    let _ = std::fs::remove_dir_all(&folder);
    import(&jsonl, &folder);
    // The first run writes the summary cache; the benchmark is the next.
    spanmark(&["stats".as_ref(), folder.as_os_str()]);
    group.bench_function("stats_warm", |b| {
        b.iter(|| spanmark(&["stats".as_ref(), folder.as_os_str()]))
    });
    let middle = format!("article-{:05}", docs / 2);
    group.bench_function("first_document_shown", |b| {
        b.iter(|| black_box(spanmark::store::folder::preview(&folder, Some(&middle)).is_ok()))
    });
    let exported = dir.path().join("out.jsonl");
    group.bench_function("export_jsonl", |b| {
        b.iter(|| {
            spanmark(&[
                "export".as_ref(),
                folder.as_os_str(),
                "-f".as_ref(),
                "jsonl".as_ref(),
                "-o".as_ref(),
                exported.as_os_str(),
                "--force".as_ref(),
            ])
        })
    });
    // As the window reads it behind the document shown: every document
    // parked as it is read but the one shown and the first.
    group.bench_function("window_reads_every_document", |b| {
        b.iter(|| {
            let parking = Some((Some(middle.as_str()), 8));
            let session = spanmark::session::Session::open_parked(&folder, None, parking);
            black_box(session.map(|s| s.project().documents.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, corpus_100k);
criterion_main!(benches);
