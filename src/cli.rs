//! Command-line interface: argument parsing and the headless commands.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::formats::{self, ExportOptions, Format, ImportFormat, ImportOptions};
use crate::model::{DocStatus, Project};
use crate::session::Session;
use crate::store;

/// Spanmark: annotate quotes, claims, entities and events in news articles.
#[derive(Debug, Parser)]
#[command(name = "spanmark", version, about)]
pub struct Cli {
    /// Project (.ron), or article (.txt, .md, .html; opened in a new
    /// unsaved project), to open in the window. Without it, the last opened
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
    /// Import articles or annotated files into a project (created if absent).
    ///
    /// Formats by extension or --format: .txt, .md, .html, doccano .jsonl,
    /// brat (X.txt with X.ann), Label Studio .json. Folders are walked. All
    /// or nothing: on any error the project file is left as it was.
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The project to add the documents to.
        #[arg(long)]
        into: PathBuf,
        /// Read every file as this format.
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Decode files with this encoding (e.g. windows-1252) instead of UTF-8.
        #[arg(long)]
        encoding: Option<String>,
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

/// Run a headless command, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Import {
            files,
            into,
            format,
            encoding,
        } => import(files, into, *format, encoding.clone(), out)?,
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

fn import(
    files: &[PathBuf],
    into: &Path,
    format: Option<ImportFormat>,
    encoding: Option<String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut session = if into.exists() {
        Session::open(into).context("cannot load project")?
    } else {
        let name = into.file_stem().map_or_else(
            || "Project".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        Session::new(Project::new(name), None)
    };
    let options = ImportOptions { format, encoding };
    let plan = formats::plan(files, &options)?;
    if plan.files.is_empty() {
        anyhow::bail!("nothing to import: no file of a known type");
    }
    let bar = indicatif::ProgressBar::new(plan.files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("importing {bar:30} {pos}/{len} files")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let docs = formats::import_plan(&plan, &options, |done, _| bar.set_position(done as u64));
    bar.finish_and_clear();
    // The same gate as the window's: checked, fresh ids, labels added.
    let report = session.import(docs?)?;
    session.save_as(into).context("cannot save the project")?;
    writeln!(
        out,
        "imported {} documents ({} spans) into {}",
        report.documents,
        report.spans,
        into.display()
    )?;
    if !report.added_labels.is_empty() {
        writeln!(out, "added labels: {}", report.added_labels.join(", "))?;
    }
    if !plan.skipped.is_empty() {
        eprintln!(
            "note: {} files of unknown type were skipped",
            plan.skipped.len()
        );
    }
    Ok(())
}

fn load(path: &Path) -> anyhow::Result<Project> {
    store::load(path).context("cannot load project")
}
