//! Shared by the benchmarks: the generated large project.
#![allow(dead_code)]

use spanmark::model::Project;

/// Paragraphs in the benchmark article (about 1.2 MB of text).
pub const PARAGRAPHS: usize = 4_000;
/// Spans in the benchmark project.
pub const SPANS: usize = 20_000;

/// The 1.2 MB, 20,000-span project every benchmark uses.
pub fn large_project() -> Project {
    spanmark::synth::project(PARAGRAPHS, SPANS, 42)
}
