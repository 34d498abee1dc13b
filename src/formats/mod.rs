//! Dataset formats: export (JSONL, CoNLL IOB2, brat standoff, CSV, Label
//! Studio) and import of the formats that carry spans (JSONL, brat, Label
//! Studio).
//!
//! Offsets are Unicode code points, half-open, in every format, so that
//! `text[start:end]` in Python is the span.

mod brat;
mod conll;
mod csv;
mod import;
mod jsonl;
mod label_studio;
mod markup;
mod nesting;
mod select;
mod text;

use std::path::{Path, PathBuf};

pub use brat::{BratStats, import_brat, write_brat};
pub use conll::{ConllOptions, ConllStats, conll_tokens, write_conll};
pub use csv::write_csv;
pub use import::{ImportFormat, ImportOptions, Plan, import_file, import_plan, plan};
pub use jsonl::{import_jsonl, write_jsonl};
pub use label_studio::{import_label_studio, write_label_studio};
pub use markup::{html_to_text, markdown_to_text};
pub use select::{ExportDoc, Selection, select};
pub use text::{Normalized, decode, normalize};

use crate::model::{DocStatus, Project};
use crate::store::write_atomic;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// doccano-compatible JSON lines, one document per line.
    Jsonl,
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
    pub const ALL: [Format; 5] = [
        Format::Jsonl,
        Format::Conll,
        Format::Brat,
        Format::Csv,
        Format::LabelStudio,
    ];

    /// Name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "JSONL (doccano)",
            Format::Conll => "CoNLL IOB2",
            Format::Brat => "brat standoff (folder)",
            Format::Csv => "CSV",
            Format::LabelStudio => "Label Studio JSON",
        }
    }

    /// The usual file extension (none for brat, which writes a folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Jsonl => Some("jsonl"),
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
}

impl ExportReport {
    /// Total spans left out.
    pub fn left_out_total(&self) -> usize {
        self.left_out.iter().map(|(n, _)| n).sum()
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
    match format {
        Format::Jsonl => write_file(out, &write_jsonl(&selection.docs))?,
        Format::Csv => write_file(out, &write_csv(&selection.docs))?,
        Format::LabelStudio => {
            write_file(out, &write_label_studio(&selection.docs, &project.labels))?
        }
        Format::Conll => {
            let conll = ConllOptions {
                label: options.conll_label.clone(),
            };
            let (text, stats) = write_conll(&selection.docs, &conll);
            write_file(out, &text)?;
            report.spans -= stats.overlapping + stats.other_layers;
            if stats.overlapping > 0 {
                report.left_out.push((
                    stats.overlapping,
                    "overlapped by a longer span (CoNLL holds one layer: use --label to export \
                     another layer)"
                        .to_owned(),
                ));
            }
            if stats.other_layers > 0 {
                report
                    .left_out
                    .push((stats.other_layers, "not of the --label layer".to_owned()));
            }
            if stats.widened > 0 {
                report.notes.push(format!(
                    "{} span edges fell inside a token and were widened to the token",
                    stats.widened
                ));
            }
        }
        Format::Brat => {
            let (files, stats) =
                write_brat(&selection.docs, &project.labels, &project.relation_kinds);
            // The whole folder or nothing: written beside, renamed into place.
            crate::store::write_folder_atomic(out, &files, replace).map_err(io_err(out))?;
            if stats.dropped > 0 {
                report.spans -= stats.dropped;
                report.left_out.push((
                    stats.dropped,
                    "cover nothing but line breaks, which brat fragments cannot hold".to_owned(),
                ));
            }
            if stats.trimmed > 0 {
                report.notes.push(format!(
                    "{} spans begin or end with a line break; their brat fragments leave it out",
                    stats.trimmed
                ));
            }
        }
    }
    Ok(report)
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
