//! What a span costs in memory: the size of `Span`, and the resident memory
//! 1,000,000 typical spans take, alone in a list and in a document's span
//! set (with its indexes); read from `/proc/self/statm` (Linux).
//!
//! ```sh
//! cargo run --release --example span_memory
//! ```

use spanmark::model::{Span, SpanId, SpanSet};

/// Spans measured.
const N: usize = 1_000_000;

/// Resident bytes of this process now.
fn resident() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// Span `i` as a generated corpus has them: the four labels, a few words
/// long, an annotator's name on every other one.
fn span(i: usize) -> Span {
    const LABELS: [&str; 4] = ["entity", "quote", "claim", "event"];
    let start = i * 20;
    let mut s = Span::new(SpanId(i as u64 + 1), start, start + 12, LABELS[i % 4]);
    if i.is_multiple_of(2) {
        s.annotator = Some("ana".to_owned());
    }
    s
}

fn main() {
    println!("size_of::<Span>() = {} bytes", std::mem::size_of::<Span>());
    let before = resident();
    let list: Vec<Span> = (0..N).map(span).collect();
    let in_list = resident().saturating_sub(before);
    drop(list);
    let before = resident();
    let set: SpanSet = (0..N).map(span).collect();
    let in_set = resident().saturating_sub(before);
    println!(
        "{N} spans: {} bytes per span in a list, {} bytes per span in a span set ({} spans)",
        in_list / N,
        in_set / N,
        set.len()
    );
}
