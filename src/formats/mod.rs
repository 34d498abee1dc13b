//! Dataset formats: export (JSONL, Hugging Face JSONL, CoNLL IOB2, brat
//! standoff, CSV, Label Studio with its labeling configuration) and import
//! of the formats that carry spans (JSONL, brat, Label Studio). Whatever a
//! format cannot carry is counted ([`Notices`], [`ExportReport::left_out`]).
//!
//! Offsets are Unicode code points, half-open, in every format, so that
//! `text[start:end]` in Python is the span.

mod article;
pub(crate) mod brat;
mod conll;
mod csv;
mod export;
mod import;
mod import_stream;
pub(crate) mod jsonl;
mod label_studio;
pub mod lost;
mod markup;
mod nesting;
mod panics;
mod pdf;
mod plan;
mod select;
mod stream;
mod stream_brat;
mod stream_label_studio;
mod text;
mod web;

use std::path::{Path, PathBuf};

pub use article::{Article, extract as extract_article};
pub use brat::{BratStats, import_brat};
pub use conll::{ConllOptions, ConllStats, conll_tokens, write_conll};
pub use csv::write_csv;
pub use export::{config_path, export};
pub use import::{ImportFormat, ImportOptions, Imported, import_file, import_plan};
pub use import_stream::import_stream;
pub use jsonl::{import_jsonl, write_hf, write_jsonl};
pub use label_studio::import_label_studio;
pub use markup::{html_to_text, markdown_to_text};
pub use pdf::{import_pdf, page_of};
pub use plan::{Plan, plan};
pub use select::{ExportDoc, Selection, select};
pub use stream::{ChunkSurvey, DocSurvey, StreamExport, streams};
pub use stream_brat::{BratExport, BratSurvey};
pub use stream_label_studio::{LabelStudioExport, LabelStudioSurvey};
pub use text::{Normalized, decode, normalize};
pub use web::{Limits, decode_page, fetch_article, is_url};

use crate::model::DocStatus;

/// The export formats.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
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
    /// Spans were left out that exporting one label's CoNLL layer keeps:
    /// each front end says how it chooses a layer.
    pub layer_hint: bool,
}

impl ExportReport {
    /// What was written, in words: `1 document, 20 spans, 6 relations`
    /// (relations only when some were written).
    pub fn written(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut text = format!(
            "{}, {}",
            count(self.documents, "document", "documents"),
            count(self.spans, "span", "spans")
        );
        if self.relations > 0 {
            text.push_str(", ");
            text.push_str(&count(self.relations, "relation", "relations"));
        }
        text
    }

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
    /// A web page could not be fetched or holds no article.
    #[error("{url}: {message}")]
    Web {
        /// The address asked for.
        url: String,
        /// What went wrong.
        message: String,
    },
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
