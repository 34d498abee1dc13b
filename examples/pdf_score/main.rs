//! The PDF table of the README: Spanmark's PDF import and poppler's
//! `pdftotext -layout` scored against poppler's `pdftotext` (its reading
//! order) on a folder of PDFs.
//!
//! ```sh
//! cargo run --release --no-default-features --example pdf_score -- FOLDER [--files OUT.tsv] [--refs DIR]
//! ```
//!
//! Columns: PDFs read; refused; returns text where pdftotext finds text;
//! mean word F1 and mean 4-token shingle F1 over the PDFs where pdftotext
//! finds at least 20 words (a refusal scores 0); median time per PDF; peak
//! memory (the largest resident set on one PDF: Spanmark's import runs in a
//! child process per PDF; pdftotext's through `/usr/bin/time`). A tool
//! that runs over a minute on a PDF is stopped and counts as refusing it.
//! `--files` writes each PDF's scores (and the refusal) for a closer look;
//! `--refs` keeps pdftotext's texts in a folder for the next run.
//! `scripts/pdf_score_py.py` gives the pypdf and pdfminer.six rows.

mod score;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use score::{Outcome, row, run_limited, scores, tokens};
use spanmark::formats::{ImportFormat, ImportOptions, import_file};

/// Every `.pdf` under `dir`, sorted.
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    out.sort();
    out
}

/// Longest one tool may take on one PDF (then it counts as refused).
const LIMIT: Duration = Duration::from_secs(60);

/// `pdftotext` on `path` (with `-layout` if asked): its text (`None` if it
/// failed or ran over [`LIMIT`]) and time, and its peak memory in KiB (if
/// `/usr/bin/time` could tell).
fn pdftotext(path: &Path, layout: bool) -> (Outcome, Option<u64>) {
    let timer = Path::new("/usr/bin/time").exists();
    let mut cmd = if timer {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", "pdftotext"]);
        c
    } else {
        Command::new("pdftotext")
    };
    if layout {
        cmd.arg("-layout");
    }
    cmd.args(["-enc", "UTF-8"]).arg(path).arg("-");
    let start = Instant::now();
    let out = run_limited(cmd, LIMIT);
    let took = start.elapsed();
    let Some((status, stdout, stderr)) = out else {
        return (Outcome { text: None, took }, None);
    };
    let kib = String::from_utf8_lossy(&stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok());
    let text = status
        .success()
        .then(|| String::from_utf8_lossy(&stdout).into_owned());
    (Outcome { text, took }, kib)
}

/// The reference text of `path`: `pdftotext`'s, kept in `cache` (if
/// given) as the PDF's file name with `.txt` (`.failed` when it failed).
fn reference(path: &Path, cache: Option<&Path>) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if let Some(dir) = cache {
        if let Ok(text) = std::fs::read_to_string(dir.join(format!("{name}.txt"))) {
            return Some(text);
        }
        if dir.join(format!("{name}.failed")).exists() {
            return None;
        }
    }
    let text = pdftotext(path, false).0.text;
    if let Some(dir) = cache {
        let _ = std::fs::create_dir_all(dir);
        let _ = match &text {
            Some(t) => std::fs::write(dir.join(format!("{name}.txt")), t),
            None => std::fs::write(dir.join(format!("{name}.failed")), ""),
        };
    }
    text
}

/// This process's peak resident set in KiB (Linux).
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:"));
    line.and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// `--one PATH`, in a child process: Spanmark's import of one PDF, printed
/// as `ok|err MICROSECONDS PEAK_KIB`, a line break, then the text or the
/// refusal.
fn one(path: &Path) {
    let start = Instant::now();
    let read = import_file(path, ImportFormat::Pdf, &ImportOptions::default())
        .map_err(|e| e.to_string())
        .and_then(|mut i| i.docs.pop().ok_or_else(|| "no document".to_owned()))
        .map(|d| d.text);
    let micros = start.elapsed().as_micros();
    let (kind, body) = match read {
        Ok(t) => ("ok", t),
        Err(e) => ("err", e),
    };
    print!("{kind} {micros} {}\n{body}", peak_kib());
}

/// Spanmark's import of `path` in a child process (so a PDF that runs
/// over [`LIMIT`] can be stopped): the text or the refusal, the time the
/// import took, and the child's peak memory in KiB.
fn spanmark(path: &Path) -> (Result<String, String>, Duration, u64) {
    let Ok(me) = std::env::current_exe() else {
        return (Err("cannot run myself".into()), Duration::ZERO, 0);
    };
    let mut cmd = Command::new(me);
    cmd.arg("--one").arg(path);
    let start = Instant::now();
    let Some((_, stdout, _)) = run_limited(cmd, LIMIT) else {
        return (Err("ran over the time limit".into()), start.elapsed(), 0);
    };
    let out = String::from_utf8_lossy(&stdout);
    let (head, body) = out.split_once('\n').unwrap_or((&out, ""));
    let mut head = head.split(' ');
    let kind = head.next().unwrap_or("crashed");
    let micros: u64 = head.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    let kib = head.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    let took = Duration::from_micros(micros);
    match kind {
        "ok" => (Ok(body.to_owned()), took, kib),
        "err" => (Err(body.to_owned()), took, kib),
        _ => (Err("the import crashed".into()), start.elapsed(), kib),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice()
        && flag == "--one"
    {
        one(Path::new(path));
        return;
    }
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_score FOLDER [--files OUT.tsv] [--refs DIR]");
        std::process::exit(2);
    };
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let files_out = value("--files");
    let cache = value("--refs").map(Path::new);
    let paths = pdfs(Path::new(dir));
    let (mut references, mut layout, mut ours) = (Vec::new(), Vec::new(), Vec::new());
    let (mut layout_peak, mut our_peak, mut refusals) = (0u64, 0u64, Vec::new());
    let mut lines = vec!["file\twords\tword_f1\tshingle_f1\tms\trefusal".to_owned()];
    for (k, path) in paths.iter().enumerate() {
        let reference = reference(path, cache).as_deref().map(tokens);
        let (l, kib) = pdftotext(path, true);
        layout_peak = layout_peak.max(kib.unwrap_or(0));
        layout.push(l);
        let (read, took, kib) = spanmark(path);
        our_peak = our_peak.max(kib);
        let (w, s) = match (&reference, &read) {
            (Some(r), Ok(t)) => scores(r, &tokens(t)),
            _ => (0.0, 0.0),
        };
        let refusal = read.as_ref().err().cloned().unwrap_or_default();
        lines.push(format!(
            "{}\t{}\t{w:.3}\t{s:.3}\t{:.1}\t{}",
            path.display(),
            reference.as_ref().map_or(0, Vec::len),
            took.as_secs_f64() * 1000.0,
            refusal.replace(['\n', '\t'], " ")
        ));
        if !refusal.is_empty() {
            refusals.push(refusal);
        }
        references.push(reference);
        ours.push(Outcome {
            text: read.ok(),
            took,
        });
        if (k + 1) % 100 == 0 {
            eprintln!("{} of {} PDFs", k + 1, paths.len());
        }
    }
    if let Some(out) = files_out
        && let Err(e) = std::fs::write(out, lines.join("\n") + "\n")
    {
        eprintln!("cannot write {out}: {e}");
    }
    println!(
        "| tool | PDFs read | refused | returns text where pdftotext finds text | mean word F1 | mean 4-token shingle F1 | median time per PDF | peak memory |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "{}",
        row(
            "Spanmark",
            &references,
            &ours,
            Some(our_peak as f64 / 1024.0)
        )
    );
    let layout_mb = (layout_peak > 0).then(|| layout_peak as f64 / 1024.0);
    println!(
        "{}",
        row("pdftotext -layout", &references, &layout, layout_mb)
    );
    let scored = references
        .iter()
        .flatten()
        .filter(|r| r.len() >= score::MIN_WORDS)
        .count();
    println!(
        "\n{} PDFs; scores over the {scored} where pdftotext finds at least {} words.",
        paths.len(),
        score::MIN_WORDS
    );
    // How Spanmark refused, most common first (the reason after the file name).
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &refusals {
        let reason = r
            .rsplit(": ")
            .next()
            .unwrap_or(r)
            .chars()
            .take(60)
            .collect();
        *kinds.entry(reason).or_default() += 1;
    }
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    for (reason, n) in kinds.iter().take(8) {
        eprintln!("refused {n}×: {reason}");
    }
}
