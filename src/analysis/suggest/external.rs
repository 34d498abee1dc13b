//! The external suggester protocol: any program (spaCy, Hugging Face, an
//! LLM) plugs in without Spanmark depending on it. Spanmark runs the
//! command, writes one JSON line per document to its standard input,
//! `{"id": …, "text": …}`, and reads one line back per document, in order:
//!
//! ```json
//! {"id": "…", "spans": [{"start": 0, "end": 6, "label": "entity", "score": 0.93}],
//!  "relations": [{"from": 1, "to": 0, "type": "said_by"}]}
//! ```
//!
//! Offsets are code points; relations name spans by their index in
//! `spans`. A line that is not that, a line for another document, a
//! command that exits early, or one slower than the timeout is an error
//! naming the document and the line: nothing is changed.

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::{Document, Score, Suggestion};

/// Why a suggester's answer was refused.
#[derive(Debug, thiserror::Error)]
pub enum ExternalError {
    /// The command could not be started.
    #[error("cannot run {command:?}: {source}")]
    Start {
        /// The command.
        command: String,
        /// Why.
        source: std::io::Error,
    },
    /// The command ended before answering every document.
    #[error("{command:?} stopped after {answered} of {total} documents{stderr}")]
    Stopped {
        /// The command.
        command: String,
        /// Lines read.
        answered: usize,
        /// Documents sent.
        total: usize,
        /// The end of what it wrote to stderr, if anything.
        stderr: String,
    },
    /// No answer in time.
    #[error("{command:?} gave no answer for document {id:?} within {seconds} s")]
    Timeout {
        /// The command.
        command: String,
        /// The document waited for.
        id: String,
        /// The timeout.
        seconds: u64,
    },
    /// An answer that is not the protocol's.
    #[error("{command:?}, line {line} (document {id:?}): {message}")]
    Malformed {
        /// The command.
        command: String,
        /// The line of its output (1-based).
        line: usize,
        /// The document it should answer.
        id: String,
        /// What is wrong.
        message: String,
    },
}

#[derive(Serialize)]
struct Request<'a> {
    id: &'a str,
    text: &'a str,
}

#[derive(Deserialize)]
struct Answer {
    id: String,
    #[serde(default)]
    spans: Vec<AnswerSpan>,
    #[serde(default)]
    relations: Vec<AnswerRelation>,
}

#[derive(Deserialize)]
struct AnswerSpan {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    score: Option<f32>,
}

#[derive(Deserialize)]
struct AnswerRelation {
    from: usize,
    to: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// What a suggester answered: each document's suggestions, in order, and
/// how many relations it gave that suggestions cannot carry (only
/// `said_by` links are kept).
#[derive(Debug, Default)]
pub struct Answers {
    /// Per document.
    pub suggestions: Vec<Vec<Suggestion>>,
    /// Relations of other kinds, left out.
    pub other_relations: usize,
}

/// Run `command` (through the shell) on `docs`, with `source` as the
/// suggestions' source.
pub fn run(
    command: &str,
    docs: &[&Document],
    source: &str,
    timeout: Duration,
) -> Result<Answers, ExternalError> {
    let mut child = shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| ExternalError::Start {
            command: command.to_owned(),
            source,
        })?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(ExternalError::Start {
            command: command.to_owned(),
            source: std::io::Error::other("no pipes"),
        });
    };
    // Written and read on their own threads, so neither side's pipe can
    // fill up and stall the other.
    let lines: Vec<String> = docs
        .iter()
        .filter_map(|d| {
            serde_json::to_string(&Request {
                id: &d.id,
                text: &d.text,
            })
            .ok()
        })
        .collect();
    std::thread::spawn(move || {
        for line in lines {
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut text);
        text
    });
    let mut out = Answers::default();
    let fail = |child: &mut std::process::Child, e: ExternalError| {
        let _ = child.kill();
        let _ = child.wait();
        e
    };
    for (i, doc) in docs.iter().enumerate() {
        let line = match rx.recv_timeout(timeout) {
            Ok(Ok(line)) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(fail(
                    &mut child,
                    ExternalError::Timeout {
                        command: command.to_owned(),
                        id: doc.id.clone(),
                        seconds: timeout.as_secs(),
                    },
                ));
            }
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = child.wait();
                let text = errors.join().unwrap_or_default();
                let tail: String = text.trim().lines().last().unwrap_or_default().to_owned();
                return Err(ExternalError::Stopped {
                    command: command.to_owned(),
                    answered: i,
                    total: docs.len(),
                    stderr: if tail.is_empty() {
                        String::new()
                    } else {
                        format!(": {tail}")
                    },
                });
            }
        };
        let malformed = |message: String| ExternalError::Malformed {
            command: command.to_owned(),
            line: i + 1,
            id: doc.id.clone(),
            message,
        };
        let answer: Answer = match serde_json::from_str(&line) {
            Ok(a) => a,
            Err(e) => return Err(fail(&mut child, malformed(e.to_string()))),
        };
        match to_suggestions(answer, doc, source) {
            Ok((s, other)) => {
                out.suggestions.push(s);
                out.other_relations += other;
            }
            Err(message) => return Err(fail(&mut child, malformed(message))),
        }
    }
    let _ = child.wait();
    Ok(out)
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", command]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", command]);
        c
    }
}

/// An answer as suggestions, checked against the document.
fn to_suggestions(
    answer: Answer,
    doc: &Document,
    source: &str,
) -> Result<(Vec<Suggestion>, usize), String> {
    if answer.id != doc.id {
        return Err(format!("the answer is for document {:?}", answer.id));
    }
    let len = doc.char_len();
    let mut out: Vec<Suggestion> = Vec::with_capacity(answer.spans.len());
    for (k, s) in answer.spans.iter().enumerate() {
        if s.start >= s.end || s.end > len {
            return Err(format!(
                "span {k} [{}, {}) is not inside the text of {len} characters",
                s.start, s.end
            ));
        }
        if s.label.trim().is_empty() {
            return Err(format!("span {k} has no label"));
        }
        let mut sug = Suggestion::new(s.start, s.end, s.label.trim(), source);
        sug.score = s.score.filter(|x| x.is_finite()).map(Score);
        out.push(sug);
    }
    let mut other = 0;
    for r in &answer.relations {
        let (Some(to), true) = (answer.spans.get(r.to), r.from < out.len()) else {
            return Err(format!("relation {} → {} names no span", r.from, r.to));
        };
        if r.kind == "said_by" {
            out[r.from].said_by = Some((to.start, to.end));
        } else {
            other += 1;
        }
    }
    Ok((out, other))
}
