//! A fuzz driver on stable Rust: mutate seed inputs and run the project
//! loader and every importer on them in-process, checking that nothing
//! panics, nothing takes long, and an import that fails leaves the project
//! exactly as it was (one that succeeds leaves it valid).
//!
//! `cargo run --release --example fuzz -- --minutes 10` runs it;
//! `tests/fuzz.rs` replays the seeds, every kept finding, and a short run.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::synth::Rng;
use spanmark::formats::{self, Notices};
use spanmark::model::Project;
use spanmark::session::Session;

/// What is fuzzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The project loader (RON).
    Ron,
    /// doccano JSON lines.
    Jsonl,
    /// Label Studio JSON.
    LabelStudio,
    /// brat: the `.txt` and the `.ann`, split at [`BRAT_SPLIT`].
    Brat,
    /// HTML articles.
    Html,
    /// Markdown articles.
    Markdown,
    /// Plain text (decoding and normalisation).
    Text,
    /// PDF articles (the text layer).
    Pdf,
}

/// Where a brat input's text ends and its annotations begin.
pub const BRAT_SPLIT: &[u8] = b"\n@@ANN@@\n";

/// Longest an input may take before it counts as a finding.
pub const SLOW: Duration = Duration::from_secs(2);

impl Target {
    /// Every target.
    pub const ALL: [Target; 8] = [
        Target::Ron,
        Target::Jsonl,
        Target::LabelStudio,
        Target::Brat,
        Target::Html,
        Target::Markdown,
        Target::Text,
        Target::Pdf,
    ];

    /// The target's name (folder names, command line).
    pub fn name(self) -> &'static str {
        match self {
            Target::Ron => "ron",
            Target::Jsonl => "jsonl",
            Target::LabelStudio => "label-studio",
            Target::Brat => "brat",
            Target::Html => "html",
            Target::Markdown => "markdown",
            Target::Text => "text",
            Target::Pdf => "pdf",
        }
    }

    /// The target of a name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What went wrong with one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The code panicked.
    Panic(String),
    /// It took longer than [`SLOW`].
    Slow(Duration),
    /// A failed import changed the project, or a successful one broke it.
    Corrupted(String),
}

/// Run one input through its target. `Ok` means nothing was wrong (the
/// input may well have been refused with an error: that is fine).
pub fn check(target: Target, input: &[u8], base: &Project) -> Result<(), Finding> {
    let start = Instant::now();
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(target, input, base)));
    let elapsed = start.elapsed();
    match outcome {
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic".to_owned());
            Err(Finding::Panic(text))
        }
        Ok(Err(f)) => Err(f),
        Ok(Ok(())) if elapsed > SLOW => Err(Finding::Slow(elapsed)),
        Ok(Ok(())) => Ok(()),
    }
}

fn run(target: Target, input: &[u8], base: &Project) -> Result<(), Finding> {
    let path = Path::new("fuzz-input");
    let docs = match target {
        Target::Ron => {
            if let Ok(text) = std::str::from_utf8(input)
                && let Ok(p) = spanmark::store::from_ron(text, path)
                && let Err(e) = p.validate()
            {
                return Err(Finding::Corrupted(format!("loaded but invalid: {e}")));
            }
            return Ok(());
        }
        Target::Brat => {
            let at = input
                .windows(BRAT_SPLIT.len())
                .position(|w| w == BRAT_SPLIT)
                .unwrap_or(input.len());
            let ann = input.get(at + BRAT_SPLIT.len()..).unwrap_or_default();
            let (Ok(text), Ok(ann)) = (
                formats::decode(&input[..at], path),
                formats::decode(ann, path),
            ) else {
                return Ok(());
            };
            let ann = formats::normalize(&ann).text;
            formats::import_brat("fuzz", &text, &ann, path, &mut Notices::default())
                .map(|d| vec![d])
        }
        Target::Pdf => formats::import_pdf(path, input, "fuzz".to_owned()).map(|d| vec![d]),
        _ => {
            let Ok(text) = formats::decode(input, path) else {
                return Ok(());
            };
            match target {
                Target::Jsonl => {
                    formats::import_jsonl(&text, path, "fuzz", &mut Notices::default())
                }
                Target::LabelStudio => {
                    formats::import_label_studio(&text, path, "fuzz", None, &mut Notices::default())
                }
                Target::Html => {
                    let article = formats::extract_article(&text, None);
                    Ok(text_doc((article.title, article.text)))
                }
                Target::Markdown => Ok(text_doc(formats::markdown_to_text(&text))),
                _ => Ok(text_doc((None, formats::normalize(&text).text))),
            }
        }
    };
    let Ok(docs) = docs else { return Ok(()) };
    let mut session = Session::new(base.clone(), None);
    let before = session.project().clone();
    let imported = formats::Imported {
        docs,
        notices: Notices::default(),
    };
    match session.import(imported) {
        Err(_) if *session.project() != before => Err(Finding::Corrupted(
            "a failed import changed the project".to_owned(),
        )),
        Ok(_) => session
            .project()
            .validate()
            .map_err(|e| Finding::Corrupted(format!("an import made the project invalid: {e}"))),
        Err(_) => Ok(()),
    }
}

fn text_doc((title, text): (Option<String>, String)) -> Vec<spanmark::model::Document> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    vec![spanmark::model::Document::new(
        "fuzz",
        title.unwrap_or_else(|| "Fuzz".to_owned()),
        text,
    )]
}

/// Bytes a mutation likes to write: syntax of every format, and characters
/// that trip offset handling.
const INTERESTING: &[&[u8]] = &[
    b"\0",
    b"\xff",
    b"\"",
    b"\n",
    b"\r",
    b"\t",
    b"<",
    b">",
    b"</",
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b")",
    b",",
    b":",
    b";",
    b"\\",
    b"0",
    b"-1",
    b"999999999",
    b"18446744073709551615",
    "😀".as_bytes(),
    "e\u{301}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{feff}".as_bytes(),
    b"T1",
    b"R1",
    b"A1",
    b"E1",
    b"#1",
    b"<div>",
    b"</div>",
    b"<p>",
    b"&amp;",
    b"```",
];

/// One random change of `input`, sometimes splicing in part of `other`.
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                let i = at.min(len - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 if len > 0 => {
                let end = (at + 1 + rng.below(16)).min(len);
                out.drain(at.min(len - 1)..end);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                let piece = out[a..b].to_vec();
                out.splice(at..at, piece);
            }
            4 if !other.is_empty() => {
                let a = rng.below(other.len());
                let b = (a + 1 + rng.below(256)).min(other.len());
                out.splice(at..at, other[a..b].iter().copied());
            }
            5 if len > 0 => {
                let end = (at + rng.below(8)).min(len);
                let digit = b'0' + rng.below(10) as u8;
                out.splice(at.min(end)..end, [digit]);
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// The seed inputs of a target, from `dir/<target>/`.
pub fn seeds(dir: &Path, target: Target) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join(target.name()))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// A name for a finding's file: its CRC-32.
pub fn finding_name(input: &[u8]) -> String {
    format!("{:08x}.bin", crc32fast::hash(input))
}

/// Fuzz `target` from `seeds` for `runs` mutations (or until `deadline`),
/// returning each finding with its input.
pub fn fuzz(
    target: Target,
    seeds: &[Vec<u8>],
    base: &Project,
    rng: &mut Rng,
    runs: usize,
    deadline: Option<Instant>,
) -> Vec<(Vec<u8>, Finding)> {
    let mut found = Vec::new();
    if seeds.is_empty() {
        return found;
    }
    for _ in 0..runs {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let input = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let mutated = mutate(rng, input, other);
        if let Err(f) = check(target, &mutated, base) {
            found.push((mutated, f));
        }
    }
    found
}
