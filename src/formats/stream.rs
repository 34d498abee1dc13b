//! Exports written a piece at a time: JSON lines, Hugging Face JSON lines,
//! CSV and CoNLL are a sequence of per-document pieces, so a project can be
//! exported in chunks of documents (a folder project never has to be in
//! memory at once), into one file put in place atomically at the end. A
//! whole project is one chunk: the same code writes both.

use std::path::Path;

use crate::model::Project;
use crate::store::AtomicFile;

use super::export::{check_labels, check_output, conll_report};
use super::{
    ConllOptions, ConllStats, ExportOptions, ExportReport, Format, FormatError, Notices, io_err,
    select, write_conll, write_csv, write_hf, write_jsonl,
};

/// Whether `format` can be written a chunk of documents at a time.
pub fn streams(format: Format) -> bool {
    matches!(
        format,
        Format::Jsonl | Format::HfJsonl | Format::Csv | Format::Conll
    )
}

/// An export in progress.
pub struct StreamExport<'a> {
    format: Format,
    options: &'a ExportOptions,
    out: &'a Path,
    file: AtomicFile,
    report: ExportReport,
    notices: Notices,
    conll: ConllStats,
    chunks: usize,
}

impl<'a> StreamExport<'a> {
    /// Start exporting to `out` (refused over a project, or over anything
    /// unless `replace`). `format` must be one that [`streams`].
    pub fn start(
        format: Format,
        options: &'a ExportOptions,
        out: &'a Path,
        replace: bool,
    ) -> Result<Self, FormatError> {
        check_output(out, replace)?;
        let file = AtomicFile::create(out).map_err(io_err(out))?;
        Ok(Self {
            format,
            options,
            out,
            file,
            report: ExportReport::default(),
            notices: Notices::default(),
            conll: ConllStats::default(),
            chunks: 0,
        })
    }

    /// Write the documents of `chunk` (a project holding some documents,
    /// with the whole project's labels).
    pub fn add(&mut self, chunk: &Project) -> Result<(), FormatError> {
        if self.chunks == 0 {
            check_labels(&chunk.labels, self.options)?;
            if self.format == Format::Conll {
                let (_, notes) = super::conll::conll_tags(&chunk.labels);
                self.report.notes.extend(notes);
            }
        }
        let selection = select(chunk, self.options);
        count_written(&mut self.report, &selection);
        let docs = &selection.docs;
        super::lost::count(self.format, docs, &mut self.notices);
        let text = match self.format {
            Format::Jsonl => write_jsonl(docs, &chunk.labels),
            Format::HfJsonl => write_hf(docs, &chunk.labels),
            Format::Csv => {
                let mut all = write_csv(docs, &chunk.labels);
                if self.chunks > 0 {
                    // The header row once, at the top.
                    let header = all.find("\r\n").map_or(0, |i| i + 2);
                    all.drain(..header);
                }
                all
            }
            Format::Conll => {
                let conll = ConllOptions {
                    label: self.options.conll_label.clone(),
                    comments: self.options.conll_comments,
                };
                let (text, stats) = write_conll(docs, &chunk.labels, &conll);
                self.conll.add(stats);
                text
            }
            Format::LabelStudio | Format::Brat => {
                return Err(FormatError::Refused(
                    "this format is written whole, not in pieces".to_owned(),
                ));
            }
        };
        self.chunks += 1;
        self.file
            .write_all(text.as_bytes())
            .map_err(io_err(self.out))
    }

    /// Put the file in place and say what was written and left out.
    pub fn finish(self) -> Result<ExportReport, FormatError> {
        let mut report = self.report;
        self.file.commit().map_err(io_err(self.out))?;
        if self.format == Format::Conll {
            conll_report(self.conll, &mut report);
        }
        // Written only where the format holds them (the summary says so).
        if super::lost::losses(self.format).contains(&super::lost::Loss::Relations) {
            report.relations = 0;
        }
        left_out(&mut report, self.notices);
        Ok(report)
    }
}

/// What a survey of the documents exported gathers (brat's and Label
/// Studio's: what their configuration declares).
pub trait DocSurvey: Default {
    /// Take in these documents.
    fn add(&mut self, docs: &[super::ExportDoc<'_>]);
}

/// A survey of every document an export writes, taken a chunk at a time
/// before any is written, with the project's labels and relation kinds.
#[derive(Debug, Default)]
pub struct ChunkSurvey<S> {
    pub(super) survey: S,
    /// The project's labels and relation kinds (every chunk has them all).
    pub(super) labels: Option<(crate::model::LabelSet, Vec<String>)>,
}

impl<S: DocSurvey> ChunkSurvey<S> {
    /// Take in the documents of `chunk` the export selects.
    pub fn add(&mut self, chunk: &Project, options: &ExportOptions) {
        self.survey.add(&select(chunk, options).docs);
        if self.labels.is_none() {
            self.labels = Some((chunk.labels.clone(), chunk.relation_kinds.clone()));
        }
    }
}

/// Count what `selection`, a chunk of an export, writes into `report`.
pub(super) fn count_written(report: &mut ExportReport, selection: &super::Selection<'_>) {
    let part = selection.report();
    report.documents += part.documents;
    report.spans += part.spans;
    report.relations += part.relations;
}

/// What an export could not carry, counted in `notices`, into `report`.
pub(super) fn left_out(report: &mut ExportReport, notices: Notices) {
    for line in notices.0 {
        report.left_out.push((line.1, line.0));
    }
}
