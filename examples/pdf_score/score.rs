//! The scoring of the PDF table: tokens, word F1 and 4-token shingle F1
//! against a reference text, and a table row from per-PDF outcomes.
//! `scripts/pdf_score_py.py` scores the Python tools with the same
//! definitions.

use std::collections::HashMap;
use std::time::Duration;

/// PDFs whose reference has fewer words are left out of the means.
pub const MIN_WORDS: usize = 20;

/// Characters trimmed from both ends of a token.
const PUNCT: &str = ".,;:!?\"'()[]{}<>«»“”‘’—–-‐…*/\\•·|_";

/// Whether `c` is written without spaces between words (each is a token).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0xFF66..=0xFF9F)
}

/// Lowercased words split at whitespace (and control characters), with
/// punctuation trimmed from their ends; each CJK character is a token.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        let w = word.trim_matches(|c| PUNCT.contains(c));
        if !w.is_empty() {
            out.push(w.to_owned());
        }
        word.clear();
    };
    for c in text.to_lowercase().chars() {
        if c.is_whitespace() || u32::from(c) < 0x20 || c == '\x7f' {
            flush(&mut word, &mut out);
        } else if is_cjk(c) {
            flush(&mut word, &mut out);
            out.push(c.to_string());
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// F1 of two multisets.
fn f1<K: std::hash::Hash + Eq>(reference: &HashMap<K, usize>, got: &HashMap<K, usize>) -> f64 {
    let (r, g): (usize, usize) = (reference.values().sum(), got.values().sum());
    if r == 0 && g == 0 {
        return 1.0;
    }
    let common: usize = got
        .iter()
        .map(|(k, n)| (*n).min(reference.get(k).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / g as f64, common as f64 / r as f64);
    2.0 * p * r / (p + r)
}

fn bag<K: std::hash::Hash + Eq>(items: impl Iterator<Item = K>) -> HashMap<K, usize> {
    let mut out = HashMap::new();
    for k in items {
        *out.entry(k).or_default() += 1;
    }
    out
}

/// Word F1 and 4-token shingle F1 of `got` against `reference` (tokens).
pub fn scores(reference: &[String], got: &[String]) -> (f64, f64) {
    let words = f1(&bag(reference.iter()), &bag(got.iter()));
    let shingles = f1(&bag(reference.windows(4)), &bag(got.windows(4)));
    (words, shingles)
}

/// What one tool did with one PDF.
pub struct Outcome {
    /// The text, or `None` when the tool refused the PDF.
    pub text: Option<String>,
    /// How long it took.
    pub took: Duration,
}

/// One tool's row of the table, against the references (`None` where
/// pdftotext itself failed).
pub fn row(
    name: &str,
    references: &[Option<Vec<String>>],
    outcomes: &[Outcome],
    peak_mb: Option<f64>,
) -> String {
    let read = outcomes.iter().filter(|o| o.text.is_some()).count();
    let refused = outcomes.len() - read;
    let (mut with_text, mut returns) = (0, 0);
    let (mut words, mut shingles) = (Vec::new(), Vec::new());
    for (reference, outcome) in references.iter().zip(outcomes) {
        let Some(reference) = reference else { continue };
        let got = outcome.text.as_deref().map(tokens);
        if !reference.is_empty() {
            with_text += 1;
            returns += usize::from(got.as_ref().is_some_and(|g| !g.is_empty()));
        }
        if reference.len() >= MIN_WORDS {
            let (w, s) = got.map_or((0.0, 0.0), |g| scores(reference, &g));
            words.push(w);
            shingles.push(s);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let mut times: Vec<Duration> = outcomes.iter().map(|o| o.took).collect();
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let peak = peak_mb.map_or("–".to_owned(), |m| format!("{m:.0} MB"));
    format!(
        "| {name} | {read} | {refused} | {returns} of {with_text} | {:.3} | {:.3} | {:.1} ms | {peak} |",
        mean(&words),
        mean(&shingles),
        median.as_secs_f64() * 1000.0
    )
}

/// Most of a tool's output kept (a decompression bomb writes gigabytes).
const MAX_OUTPUT: usize = 64 << 20;

/// Run `cmd` for at most `limit`: its status, standard output (at most
/// 64 MiB of it) and error, or `None` if it could not start or ran over
/// (then its process group is killed: a wrapper's child too).
pub fn run_limited(
    mut cmd: std::process::Command,
    limit: Duration,
) -> Option<(std::process::ExitStatus, Vec<u8>, Vec<u8>)> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    let mut child = cmd
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let (mut out, mut buf) = (Vec::new(), vec![0u8; 1 << 16]);
            if let Some(mut p) = pipe {
                while let Ok(n) = p.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if out.len() < MAX_OUTPUT {
                        out.extend_from_slice(&buf[..n]);
                    }
                }
            }
            out
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            _ => {
                let group = format!("-{}", child.id());
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", "--", &group])
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let (out, err) = (
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    );
    status.map(|s| (s, out, err))
}
