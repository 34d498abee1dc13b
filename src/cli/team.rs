//! `spanmark assign` and `spanmark split`: a team's assignments on plain
//! files.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::model::{Change, Project, assignments};
use crate::session::Session;

/// Assign the documents to `annotators` and save.
pub fn assign(
    project: &Path,
    annotators: &[String],
    overlap: f64,
    seed: u64,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let annotators: Vec<String> = annotators
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if annotators.is_empty() {
        anyhow::bail!("name at least one annotator (--annotators alice,bob)");
    }
    if !(0.0..=1.0).contains(&overlap) {
        anyhow::bail!("--overlap is a share, from 0 to 1 (not {overlap})");
    }
    let mut session = Session::open_for_writing(project, super::patience(60))?;
    let ids: Vec<String> = session
        .project()
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let assigned = assignments::assign(&ids, &annotators, overlap, seed);
    let shared = assigned.values().filter(|w| w.len() > 1).count();
    session.apply(Change::Assignments(Box::new(assigned.clone())))?;
    session.save().context("cannot save the project")?;
    session.close(false);
    writeln!(
        out,
        "{}: {} documents assigned ({shared} to two annotators)",
        project.display(),
        ids.len()
    )?;
    for who in &annotators {
        let n = assignments::assigned_to(&assigned, who).count();
        writeln!(out, "  {who}: {n}")?;
    }
    Ok(())
}

/// One project per annotator with the documents assigned to them.
pub fn split(
    project: &Path,
    output: &Path,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let p = super::load(project)?;
    if p.assignments.is_empty() {
        anyhow::bail!(
            "{}: no document is assigned (spanmark assign {} --annotators …)",
            project.display(),
            project.display()
        );
    }
    let mut people: Vec<&str> = p
        .assignments
        .values()
        .flatten()
        .map(String::as_str)
        .collect();
    people.sort_unstable();
    people.dedup();
    std::fs::create_dir_all(output).with_context(|| format!("cannot make {}", output.display()))?;
    for who in people {
        let mine: std::collections::BTreeSet<&str> =
            assignments::assigned_to(&p.assignments, who).collect();
        let mut part = Project::new(format!("{} ({who})", p.name));
        part.labels = p.labels.clone();
        part.relation_kinds = p.relation_kinds.clone();
        part.guidelines = p.guidelines.clone();
        part.annotator = Some(who.to_owned());
        part.documents = p
            .documents
            .iter()
            .filter(|d| mine.contains(d.id.as_str()))
            .cloned()
            .collect();
        part.assignments = p
            .assignments
            .iter()
            .filter(|(doc, _)| mine.contains(doc.as_str()))
            .map(|(doc, w)| (doc.clone(), w.clone()))
            .collect();
        part.ensure_next_ids();
        let file = output.join(format!("{}.ron", crate::formats::safe_name(who)));
        if file.exists() && !force {
            anyhow::bail!("{}: exists; --force replaces it", file.display());
        }
        crate::store::save(&part, &file)?;
        writeln!(
            out,
            "{}: {} documents",
            file.display(),
            part.documents.len()
        )?;
    }
    Ok(())
}
