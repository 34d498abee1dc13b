//! Command-line interface: argument parsing and the headless commands.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::formats::{self, ExportOptions, Format};
use crate::model::{DocStatus, Project};
use crate::store;

/// Spanmark: annotate quotes, claims, entities and events in news articles.
#[derive(Debug, Parser)]
#[command(name = "spanmark", version, about)]
pub struct Cli {
    /// Project (.ron) to open in the window. Without it, the last opened
    /// project (or the sample project) opens.
    pub path: Option<PathBuf>,

    /// A headless command; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a project file: exit 0 if valid, else exit 1 naming the problem.
    Validate {
        /// The project file.
        project: PathBuf,
    },
    /// Export a labelled dataset (offsets are Unicode code points everywhere).
    Export {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, short = 'f', value_enum)]
        format: Format,
        /// Output file (a folder for brat).
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Only documents with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only spans with these labels (comma-separated label ids).
        #[arg(long, value_delimiter = ',')]
        labels: Option<Vec<String>>,
        /// CoNLL: export only this label's layer (CoNLL cannot nest spans).
        #[arg(long)]
        label: Option<String>,
    },
    /// Print documents and spans per label.
    Stats {
        /// The project file.
        project: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// A document status on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Not started.
    Todo,
    /// Started.
    InProgress,
    /// Finished.
    Done,
}

impl From<StatusArg> for DocStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Todo => DocStatus::Todo,
            StatusArg::InProgress => DocStatus::InProgress,
            StatusArg::Done => DocStatus::Done,
        }
    }
}

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
            for span in &doc.spans {
                *by_label.entry(span.label.clone()).or_default() += 1;
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

/// Run a headless command, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Export {
            project,
            format,
            output,
            status,
            labels,
            label,
        } => {
            let p = load(project)?;
            let options = ExportOptions {
                status: status.map(DocStatus::from),
                labels: labels.clone(),
                conll_label: label.clone(),
            };
            let report = formats::export(&p, *format, &options, output)
                .with_context(|| format!("cannot export to {}", output.display()))?;
            writeln!(
                out,
                "exported {} documents, {} spans, {} relations to {}",
                report.documents,
                report.spans,
                report.relations,
                output.display()
            )?;
            for (n, why) in &report.left_out {
                eprintln!("warning: {n} spans left out: {why}");
            }
            for note in &report.notes {
                eprintln!("note: {note}");
            }
        }
        Command::Validate { project } => {
            let p = load(project)?;
            let s = Stats::of(&p);
            writeln!(
                out,
                "{}: valid ({} documents, {} spans, {} relations)",
                project.display(),
                s.documents,
                s.spans,
                s.relations
            )?;
        }
        Command::Stats { project, json } => {
            let s = Stats::of(&load(project)?);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &s)?;
                writeln!(out)?;
            } else {
                writeln!(out, "project:    {}", s.project)?;
                writeln!(out, "documents:  {}", s.documents)?;
                writeln!(out, "characters: {}", s.characters)?;
                writeln!(out, "spans:      {}", s.spans)?;
                for (label, n) in &s.spans_by_label {
                    writeln!(out, "  {label:<10}{n}")?;
                }
                writeln!(out, "relations:  {}", s.relations)?;
            }
        }
    }
    Ok(())
}

fn load(path: &Path) -> anyhow::Result<Project> {
    store::load(path).context("cannot load project")
}
