//! Dataset formats: export (JSONL, Hugging Face JSONL, CoNLL IOB2, brat
//! standoff, CSV, Label Studio with its labeling configuration) and import
//! of the formats that carry spans (JSONL, brat, Label Studio). Whatever a
//! format cannot carry is counted ([`Notices`], [`ExportReport::left_out`]).
//!
//! Offsets are Unicode code points, half-open, in every format, so that
//! `text[start:end]` in Python is the span.

pub(crate) mod brat;
mod conll;
mod csv;
mod import;
pub(crate) mod jsonl;
mod label_studio;
mod markup;
mod nesting;
mod select;
mod text;

use std::path::{Path, PathBuf};

pub use brat::{BratStats, import_brat, write_brat};
pub use conll::{ConllOptions, ConllStats, conll_tokens, write_conll};
pub use csv::write_csv;
pub use import::{ImportFormat, ImportOptions, Imported, Plan, import_file, import_plan, plan};
pub use jsonl::{import_jsonl, write_hf, write_jsonl};
pub use label_studio::{import_label_studio, label_config, write_label_studio};
pub use markup::{html_to_text, markdown_to_text};
pub use select::{ExportDoc, Selection, select};
pub use text::{Normalized, decode, normalize};

use crate::model::{DocStatus, LabelSet, Project};
use crate::store::write_atomic;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// doccano-compatible JSON lines, one document per line.
    Jsonl,
    /// JSON lines in the Hugging Face shape (every list of one type).
    HfJsonl,
    /// CoNLL: `token<TAB>tag` lines with IOB2 tags, blank line between sentences.
    Conll,
    /// brat standoff: a folder of `.txt` + `.ann` files and `annotation.conf`.
    Brat,
    /// One row per span.
    Csv,
    /// Label Studio JSON tasks.
    LabelStudio,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 6] = [
        Format::Jsonl,
        Format::HfJsonl,
        Format::Conll,
        Format::Brat,
        Format::Csv,
        Format::LabelStudio,
    ];

    /// Name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "JSONL (doccano)",
            Format::HfJsonl => "JSONL (Hugging Face datasets)",
            Format::Conll => "CoNLL IOB2",
            Format::Brat => "brat standoff (folder)",
            Format::Csv => "CSV",
            Format::LabelStudio => "Label Studio JSON",
        }
    }

    /// The usual file extension (none for brat, which writes a folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Jsonl | Format::HfJsonl => Some("jsonl"),
            Format::Conll => Some("conll"),
            Format::Brat => None,
            Format::Csv => Some("csv"),
            Format::LabelStudio => Some("json"),
        }
    }
}

/// What to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only documents with this status.
    pub status: Option<DocStatus>,
    /// Only spans with these labels (relations need both ends kept).
    pub labels: Option<Vec<String>>,
    /// CoNLL only: export this label's layer alone.
    pub conll_label: Option<String>,
    /// CoNLL only: `# doc_id` comment lines instead of `-DOCSTART-`.
    pub conll_comments: bool,
}

/// What an export wrote and what it had to leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Documents written.
    pub documents: usize,
    /// Spans written.
    pub spans: usize,
    /// Relations written.
    pub relations: usize,
    /// Spans the format could not hold, with why.
    pub left_out: Vec<(usize, String)>,
    /// Other things to tell about the export.
    pub notes: Vec<String>,
    /// Files written besides the output (Label Studio's configuration).
    pub also_written: Vec<PathBuf>,
}

impl ExportReport {
    /// Total spans left out (the entries that count spans).
    pub fn left_out_total(&self) -> usize {
        self.left_out
            .iter()
            .filter(|(_, why)| why.starts_with("spans"))
            .map(|(n, _)| n)
            .sum()
    }
}

/// Why an import or export failed. Names the file and, where known, the line.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The content is malformed.
    #[error("{}: {message}", location(path, *line))]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when not line-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A label named in an option does not exist.
    #[error("unknown label {0:?}")]
    UnknownLabel(String),
    /// The output may not be written (it is a project, or exists).
    #[error("{0}")]
    Refused(String),
}

/// What an import or export could not carry over, or carried in another
/// form, counted per kind (never silent: the command line prints each, the
/// window says them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notices(std::collections::BTreeMap<String, usize>);

impl Notices {
    /// Count `n` more of `what` (e.g. "cancelled Label Studio annotations,
    /// skipped").
    pub fn add(&mut self, what: impl Into<String>, n: usize) {
        if n > 0 {
            *self.0.entry(what.into()).or_default() += n;
        }
    }

    /// Add another set of counts.
    pub fn merge(&mut self, other: Notices) {
        for (what, n) in other.0 {
            self.add(what, n);
        }
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line per kind: `N what`.
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(what, n)| format!("{n} {what}"))
            .collect()
    }
}

/// `s` made safe as a file name and id: letters, digits, `-`, `_` and `.`
/// kept, anything else becomes `-`; never empty, never hidden.
pub(crate) fn safe_name(s: &str) -> String {
    let name: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with('.') {
        format!("doc{name}")
    } else {
        name
    }
}

/// `path:line`, or just `path` when the line is not known (0).
fn location(path: &Path, line: usize) -> String {
    if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}", path.display())
    }
}

impl FormatError {
    /// A malformed-content error.
    pub fn malformed(path: &Path, line: usize, message: impl Into<String>) -> Self {
        FormatError::Malformed {
            path: path.to_owned(),
            line,
            message: message.into(),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> FormatError + '_ {
    move |source| FormatError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Export `project` to `out` (a file, or a folder for brat).
///
/// Never writes over a Spanmark project; an existing output is replaced
/// only when `replace` is set (the person was asked, or passed `--force`).
pub fn export(
    project: &Project,
    format: Format,
    options: &ExportOptions,
    out: &Path,
    replace: bool,
) -> Result<ExportReport, FormatError> {
    check_output(out, replace)?;
    for label in options.labels.iter().flatten().chain(&options.conll_label) {
        if !project.labels.contains(label) {
            return Err(FormatError::UnknownLabel(label.clone()));
        }
    }
    let selection = select(project, options);
    let mut report = selection.report();
    let mut notices = Notices::default();
    let docs = &selection.docs;
    match format {
        Format::Jsonl => write_file(out, &write_jsonl(docs, &project.labels))?,
        Format::HfJsonl => {
            write_file(out, &write_hf(docs, &project.labels))?;
            lost_in_hf(docs, &mut notices);
        }
        Format::Csv => write_file(out, &write_csv(docs))?,
        Format::LabelStudio => {
            write_file(
                out,
                &write_label_studio(docs, &project.labels, &mut notices),
            )?;
            let config = config_path(out);
            let xml = label_config(&project.labels, &project.relation_kinds, docs);
            write_file(&config, &xml)?;
            report.also_written.push(config);
        }
        Format::Conll => conll_export(docs, &project.labels, options, out, &mut report)?,
        Format::Brat => {
            let (files, stats) = write_brat(docs, &project.labels, &project.relation_kinds);
            // The whole folder or nothing: written beside, renamed into place.
            crate::store::write_folder_atomic(out, &files, replace).map_err(io_err(out))?;
            brat_report(stats, &mut report, &mut notices);
        }
    }
    for line in notices.0 {
        report.left_out.push((line.1, line.0));
    }
    Ok(report)
}

/// Where the Label Studio configuration goes: `NAME.label-config.xml`.
pub fn config_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "export".to_owned(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}.label-config.xml"))
}

/// What the Hugging Face shape leaves out.
fn lost_in_hf(docs: &[ExportDoc<'_>], notices: &mut Notices) {
    for d in docs {
        for s in &d.spans {
            if s.is_discontinuous() {
                notices.add("discontinuous spans written as their whole range", 1);
            }
            if !s.typed_notes.is_empty() || !s.normalizations.is_empty() {
                notices.add("spans' typed notes and knowledge-base links left out", 1);
            }
        }
        notices.add("events left out", d.events.len());
    }
}

fn conll_export(
    docs: &[ExportDoc<'_>],
    labels: &LabelSet,
    options: &ExportOptions,
    out: &Path,
    report: &mut ExportReport,
) -> Result<(), FormatError> {
    let conll = ConllOptions {
        label: options.conll_label.clone(),
        comments: options.conll_comments,
    };
    let (text, stats) = write_conll(docs, labels, &conll);
    write_file(out, &text)?;
    report.spans -= stats.overlapping + stats.other_layers;
    report.relations = 0;
    if stats.overlapping > 0 {
        report.left_out.push((
            stats.overlapping,
            "spans overlapped by a longer span (CoNLL holds one layer: choose a label's layer to export another)"
                .to_owned(),
        ));
    }
    if stats.other_layers > 0 {
        report.left_out.push((
            stats.other_layers,
            "spans not of the chosen layer".to_owned(),
        ));
    }
    let relations: usize = docs.iter().map(|d| d.relations.len()).sum();
    if relations > 0 {
        report
            .left_out
            .push((relations, "relations (CoNLL has none)".to_owned()));
    }
    if stats.split > 0 {
        report.notes.push(format!(
            "{} discontinuous spans were written as one entity per piece",
            stats.split
        ));
    }
    if stats.widened > 0 {
        report.notes.push(format!(
            "{} span edges fell inside a token and were widened to the token",
            stats.widened
        ));
    }
    Ok(())
}

fn brat_report(stats: BratStats, report: &mut ExportReport, notices: &mut Notices) {
    if stats.dropped > 0 {
        report.spans -= stats.dropped;
        report.left_out.push((
            stats.dropped,
            "spans of nothing but line breaks, which brat fragments cannot hold".to_owned(),
        ));
    }
    if stats.trimmed > 0 {
        report.notes.push(format!(
            "{} spans begin or end with a line break; their brat fragments leave it out",
            stats.trimmed
        ));
    }
    notices.add(
        "attribute values with spaces written as SpanmarkAttr notes (brat values are one word)",
        stats.attrs_as_notes,
    );
    notices.add(
        "relation kinds or event types with spaces written with _",
        stats.renamed,
    );
    notices.add(
        "attributes and notes of equivalences left out (brat's * lines have none)",
        stats.equivalence_extras,
    );
}

/// Refuse to write over a Spanmark project, or over anything that exists
/// unless `replace` is set.
fn check_output(out: &Path, replace: bool) -> Result<(), FormatError> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    let is_project = meta.is_file()
        && (out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            || std::fs::read(out).is_ok_and(|b| {
                let head = String::from_utf8_lossy(&b[..b.len().min(200)]).into_owned();
                head.trim_start().starts_with('(') && head.contains("format_version")
            }));
    if is_project {
        return Err(FormatError::Refused(format!(
            "{} is a Spanmark project: an export never writes over one",
            out.display()
        )));
    }
    if !replace {
        return Err(FormatError::Refused(format!(
            "{} exists already: choose another name, or --force to replace it",
            out.display()
        )));
    }
    Ok(())
}

fn write_file(path: &Path, content: &str) -> Result<(), FormatError> {
    write_atomic(path, content.as_bytes()).map_err(io_err(path))
}
