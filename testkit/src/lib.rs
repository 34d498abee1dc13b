//! Spanmark's test kits, kept out of the shipped library: synthetic
//! articles, projects and annotator versions ([`synth`]), news articles of
//! our own sentences annotated as the convention says ([`news`]), and the fuzz
//! driver over the loader and every importer ([`fuzz`]). Tests, benchmarks
//! and examples use them; the `spanmark` binary and library do not.

pub mod fuzz;
pub mod news;
pub mod synth;
