//! `spanmark suggest`: built-in rules or an external suggester over a
//! project's documents; the suggestions are stored in the project as
//! pending (reviewed in the window), or written as doccano JSONL with the
//! project untouched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use serde::Serialize;

use crate::analysis::suggest::{self, Rule, external};
use crate::model::{Change, Document, Edit, Suggestion};
use crate::session::Session;

/// How long `suggest` waits for another Spanmark writing the project.
const PATIENCE: crate::store::Patience = super::patience(60);

/// What to suggest with.
pub struct Options {
    /// Built-in rules (empty with `with`: none).
    pub rules: Vec<Rule>,
    /// An external suggester command.
    pub with: Option<String>,
    /// Seconds to wait for each of its answers.
    pub timeout: u64,
    /// Write doccano JSONL here instead of storing the suggestions.
    pub output: Option<PathBuf>,
    /// Replace an existing output.
    pub force: bool,
    /// Also suggest with the project's learned model (documents not done).
    pub model: bool,
}

/// Suggest for every document of the project at `path`.
pub fn suggest(path: &Path, opts: &Options, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(o) = &opts.output
        && o.exists()
        && !opts.force
    {
        anyhow::bail!("{}: the file exists; --force replaces it", o.display());
    }
    let mut session = match &opts.output {
        Some(_) => Session::open(path)?,
        None => Session::open_for_writing(path, PATIENCE)?,
    };
    let project = session.project();
    let docs: Vec<&Document> = project.documents.iter().collect();
    let mut found: Vec<Vec<Suggestion>> = if opts.rules.is_empty() {
        vec![Vec::new(); docs.len()]
    } else {
        let known = suggest::known_entities(project);
        docs.iter()
            .map(|d| suggest::suggest(d, &known, &opts.rules, &project.labels))
            .collect()
    };
    if opts.model {
        let model = super::train::model_for(project, path, out)?;
        for (all, doc) in found.iter_mut().zip(&docs) {
            if doc.status != crate::model::DocStatus::Done {
                all.extend(model.suggest(doc));
            }
        }
    }
    if let Some(command) = &opts.with {
        let source = format!(
            "model:{}",
            command.split_whitespace().last().unwrap_or(command)
        );
        let answers = external::run(command, &docs, &source, Duration::from_secs(opts.timeout))?;
        if answers.other_relations > 0 {
            eprintln!(
                "note: left out: {} relations that are not said_by (suggestions carry only who said a quote)",
                answers.other_relations
            );
        }
        for (all, more) in found.iter_mut().zip(answers.suggestions) {
            all.extend(more);
        }
    }
    if let Some(output) = &opts.output {
        let n = write_jsonl(&docs, &found, &project.labels, output)?;
        writeln!(
            out,
            "wrote {n} suggestions for {} documents to {}",
            docs.len(),
            output.display()
        )?;
        return Ok(());
    }
    // Stored as pending: each document's new suggestions, one undo step.
    let mut changes = Vec::new();
    let mut added = 0;
    for (i, (doc, new)) in docs.iter().zip(found).enumerate() {
        let mut s = doc.suggestions.clone();
        let n = s.offer(new, |a, b, l| doc.covered(a, b, l));
        if n > 0 {
            added += n;
            changes.push(Change::Doc {
                doc: i,
                edit: Edit::SetSuggestions(s),
            });
        }
    }
    let documents = changes.len();
    if !changes.is_empty() {
        session.apply(Change::Batch(changes))?;
        session.save().context("cannot save the project")?;
    }
    writeln!(
        out,
        "{added} new suggestions in {documents} documents of {}: review them in the window (Suggestions)",
        path.display()
    )?;
    Ok(())
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    entities: Vec<Entity<'a>>,
    relations: Vec<Relation<'a>>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: usize,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
}

#[derive(Serialize)]
struct Relation<'a> {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// The suggestions as doccano JSONL (`label` triples, `entities` and
/// `said_by` `relations`, offsets in code points), written atomically.
fn write_jsonl(
    docs: &[&Document],
    found: &[Vec<Suggestion>],
    labels: &crate::model::LabelSet,
    output: &Path,
) -> anyhow::Result<usize> {
    let mut text = String::new();
    let mut n = 0;
    for (doc, found) in docs.iter().zip(found) {
        let entities: Vec<Entity<'_>> = found
            .iter()
            .enumerate()
            .map(|(k, s)| Entity {
                id: k + 1,
                label: &s.label,
                start_offset: s.start,
                end_offset: s.end,
                source: &s.source,
                score: s.score.map(|x| x.0),
            })
            .collect();
        let relations = found
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let (a, b) = s.said_by?;
                let to = found.iter().position(|t| (t.start, t.end) == (a, b))?;
                Some((k, to, labels.link_kind_of(&s.label)))
            })
            .enumerate()
            .map(|(r, (from, to, kind))| Relation {
                id: r + 1,
                from_id: from + 1,
                to_id: to + 1,
                kind,
            })
            .collect();
        n += found.len();
        let line = Line {
            id: &doc.id,
            text: &doc.text,
            label: found
                .iter()
                .map(|s| (s.start, s.end, s.label.as_str()))
                .collect(),
            entities,
            relations,
        };
        text.push_str(&serde_json::to_string(&line)?);
        text.push('\n');
    }
    crate::store::write_atomic(output, text.as_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    Ok(n)
}
