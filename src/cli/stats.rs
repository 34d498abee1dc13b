//! `spanmark stats`: documents, characters, spans per label and status,
//! relations, and per annotator spans, suggestions accepted, active time
//! and spans per minute (the figures are [`crate::analysis::stats`]).

use std::io::Write;

use crate::analysis::stats::DocCounts;
pub use crate::analysis::stats::Stats;

/// Count a project file, or a folder project a chunk of documents at a
/// time (memory that of one chunk).
pub fn of_path(path: &std::path::Path) -> anyhow::Result<Stats> {
    use anyhow::Context as _;
    let root = crate::store::project_root(path);
    if !crate::store::is_folder_project(&root) {
        let project = crate::store::load(path).context("cannot load project")?;
        return Ok(Stats::of(&project));
    }
    // Each document's counts from the folder's summary cache; only the
    // files changed since it was written are read.
    let crate::store::folder::Summaries {
        shell,
        docs: per_doc,
        ..
    } = crate::store::folder::summaries(&root, "stats-1", DocCounts::of)
        .context("cannot load project")?;
    let mut total = Stats::counts(&shell);
    for (id, doc) in per_doc {
        if let Some(who) = shell.assignments.get(&id) {
            total.assigned(who, doc.status == crate::model::DocStatus::Done);
        }
        total.add_document(&id, &doc);
    }
    total.finish();
    // Agreement needs the whole project, read only when two or more
    // people made spans (a merged project).
    if total.annotators.keys().filter(|a| !a.is_empty()).count() >= 2 {
        total.agreement(&crate::store::load(&root).context("cannot load project")?);
    }
    Ok(total)
}

/// Minutes and seconds.
fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Print the counts as text or JSON.
pub fn print(s: &Stats, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, s)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "project:    {}", s.project)?;
    writeln!(
        out,
        "documents:  {} ({} to do, {} in progress, {} done)",
        s.documents, s.by_status.todo, s.by_status.in_progress, s.by_status.done
    )?;
    writeln!(out, "characters: {}", s.characters)?;
    writeln!(out, "spans:      {}", s.spans)?;
    // A column as wide as the longest label, and at least one space.
    let width = s.spans_by_label.keys().map(|l| l.chars().count()).max();
    let width = width.unwrap_or(0).max(9) + 1;
    for (label, n) in &s.spans_by_label {
        writeln!(out, "  {label:<width$}{n}")?;
    }
    writeln!(out, "relations:  {}", s.relations)?;
    if s.annotators.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "annotators: spans (suggested / by hand), active time, spans per minute, assigned done"
    )?;
    let width = s.annotators.keys().map(|a| a.chars().count()).max();
    let width = width.unwrap_or(0).max(9) + 1;
    for (who, a) in &s.annotators {
        let who = if who.is_empty() { "(no name)" } else { who };
        let rate = a
            .spans_per_minute
            .map_or_else(|| "-".to_owned(), |r| format!("{r:.1}"));
        let progress = if a.assigned > 0 {
            format!(", {} of {} assigned done", a.assigned_done, a.assigned)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {who:<width$}{} ({} / {}), {} in {} documents, {rate}{progress}",
            a.spans,
            a.from_suggestions,
            a.by_hand,
            clock(a.seconds),
            a.documents
        )?;
    }
    if !s.agreement_by_label.is_empty() {
        let labels: Vec<String> = s
            .agreement_by_label
            .iter()
            .map(|(l, f)| format!("{l} {}", f.map_or("-".to_owned(), |f| format!("{f:.2}"))))
            .collect();
        writeln!(
            out,
            "agreement:  overlap F1 {}; alpha {}",
            labels.join(", "),
            s.alpha.map_or("-".to_owned(), |a| format!("{a:.3}"))
        )?;
    }
    if !s.done_by_day.is_empty() {
        let days: Vec<String> = s
            .done_by_day
            .iter()
            .map(|(d, n)| format!("{d} {n}"))
            .collect();
        writeln!(out, "done per day: {}", days.join(", "))?;
    }
    if !s.seconds_by_document.is_empty() {
        let n = s.seconds_by_document.len() as u64;
        let total: u64 = s.seconds_by_document.values().sum();
        writeln!(
            out,
            "time:       {} on {n} documents ({} per document; --json lists each)",
            clock(total),
            clock(total / n)
        )?;
    }
    Ok(())
}
