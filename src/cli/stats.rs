//! `spanmark stats`: documents, characters, spans per label, relations.

use std::collections::BTreeMap;
use std::io::Write;

use crate::model::Project;

/// Counts over a project, as printed by `spanmark stats`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Project name.
    pub project: String,
    /// Number of documents.
    pub documents: usize,
    /// Number of spans in all documents.
    pub spans: usize,
    /// Spans per label id, every label of the label set included.
    pub spans_by_label: BTreeMap<String, usize>,
    /// Number of relations.
    pub relations: usize,
    /// Number of characters of text.
    pub characters: usize,
}

impl Stats {
    /// Count a project.
    pub fn of(project: &Project) -> Self {
        let mut by_label: BTreeMap<String, usize> =
            project.labels.iter().map(|l| (l.id.clone(), 0)).collect();
        for doc in &project.documents {
            for (label, n) in doc.spans.counts() {
                *by_label.entry(label.clone()).or_default() += n;
            }
        }
        Self {
            project: project.name.clone(),
            documents: project.documents.len(),
            spans: project.documents.iter().map(|d| d.spans.len()).sum(),
            spans_by_label: by_label,
            relations: project.documents.iter().map(|d| d.relations.len()).sum(),
            characters: project.documents.iter().map(|d| d.char_len()).sum(),
        }
    }
}

impl Stats {
    /// Count a project file, or a folder project a chunk of documents at a
    /// time (memory that of one chunk).
    pub fn of_path(path: &std::path::Path) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let root = crate::store::project_root(path);
        if !crate::store::is_folder_project(&root) {
            let project = crate::store::load(path).context("cannot load project")?;
            return Ok(Self::of(&project));
        }
        let mut total: Option<Stats> = None;
        crate::store::folder::for_each_chunk(&root, 512, |chunk| -> anyhow::Result<()> {
            let part = Stats::of(&chunk);
            match &mut total {
                None => total = Some(part),
                Some(t) => t.add(part),
            }
            Ok(())
        })
        .context("cannot load project")?;
        match total {
            Some(t) => Ok(t),
            // No documents: the manifest is all there is.
            None => Ok(Self::of(
                &crate::store::load(path).context("cannot load project")?,
            )),
        }
    }

    fn add(&mut self, other: Stats) {
        self.documents += other.documents;
        self.spans += other.spans;
        self.relations += other.relations;
        self.characters += other.characters;
        for (label, n) in other.spans_by_label {
            *self.spans_by_label.entry(label).or_default() += n;
        }
    }
}

/// Print the counts as text or JSON.
pub fn print(s: &Stats, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, s)?;
        writeln!(out)?;
    } else {
        writeln!(out, "project:    {}", s.project)?;
        writeln!(out, "documents:  {}", s.documents)?;
        writeln!(out, "characters: {}", s.characters)?;
        writeln!(out, "spans:      {}", s.spans)?;
        // A column as wide as the longest label, and at least one space.
        let width = s.spans_by_label.keys().map(|l| l.chars().count()).max();
        let width = width.unwrap_or(0).max(9) + 1;
        for (label, n) in &s.spans_by_label {
            writeln!(out, "  {label:<width$}{n}")?;
        }
        writeln!(out, "relations:  {}", s.relations)?;
    }
    Ok(())
}
