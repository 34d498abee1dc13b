//! Write a generated newsroom corpus as doccano JSON lines, one article at
//! a time (100,000 articles of about 3 KB and 15 spans each by default,
//! about 240 MB), e.g. to measure an import of a large corpus:
//!
//! ```sh
//! cargo run --release --example synth_jsonl -- /tmp/corpus.jsonl
//! /usr/bin/time -v target/release/spanmark import /tmp/corpus.jsonl --into /tmp/c.spanmark
//! ```

use std::io::Write as _;
use std::path::PathBuf;

use spanmark::formats::{ExportOptions, select, write_jsonl};
use spanmark::model::Project;

/// Articles written per piece (memory stays that of one piece).
const PIECE: usize = 1_000;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: synth_jsonl OUT.jsonl [ARTICLES]"))?;
    let docs: usize = match std::env::args().nth(2) {
        Some(s) => s.parse()?,
        None => 100_000,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let (mut spans, mut bytes) = (0, 0);
    for first in (0..docs).step_by(PIECE) {
        let mut piece = Project::new("Synthetic corpus");
        for i in first..(first + PIECE).min(docs) {
            piece
                .documents
                .push(spanmark_testkit::synth::corpus_article(i, 11));
        }
        spans += piece.documents.iter().map(|d| d.spans.len()).sum::<usize>();
        let text = write_jsonl(
            &select(&piece, &ExportOptions::default()).docs,
            &piece.labels,
        );
        bytes += text.len();
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    println!(
        "{}: {docs} articles, {spans} spans, {bytes} bytes",
        path.display()
    );
    Ok(())
}
