//! A brat export a chunk of documents at a time, so a folder project is
//! never in memory at once: the documents are surveyed first (what
//! `annotation.conf` declares, which attributes are yes/no), then written
//! a `.txt` and `.ann` at a time into a folder put in place at the end. A
//! whole project is one chunk: the same code writes both.

use std::collections::BTreeSet;
use std::path::Path;

use crate::model::{LabelSet, Project};
use crate::store::FolderOut;

use super::brat::{Survey, document_files};
use super::export::{brat_report, check_labels, check_output};
use super::stream::{ChunkSurvey, count_written, left_out};
use super::{BratStats, ExportOptions, ExportReport, Format, FormatError, Notices, io_err, select};

/// What a brat export must know of every document before it writes one.
pub type BratSurvey = ChunkSurvey<Survey>;

/// A brat export in progress.
#[derive(Debug)]
pub struct BratExport<'a> {
    options: &'a ExportOptions,
    out: &'a Path,
    folder: FolderOut,
    survey: BratSurvey,
    flags: BTreeSet<String>,
    used: BTreeSet<String>,
    stats: BratStats,
    report: ExportReport,
    notices: Notices,
    checked: bool,
}

impl<'a> BratExport<'a> {
    /// Start writing the documents `survey` has seen into the folder `out`
    /// (refused over a project, or over anything unless `replace`).
    pub fn start(
        options: &'a ExportOptions,
        out: &'a Path,
        replace: bool,
        survey: BratSurvey,
    ) -> Result<Self, FormatError> {
        check_output(out, replace)?;
        let folder = FolderOut::begin(out, replace).map_err(io_err(out))?;
        let flags = match &survey.labels {
            Some((labels, _)) => survey.survey.flags(labels),
            None => BTreeSet::new(),
        };
        Ok(Self {
            options,
            out,
            folder,
            survey,
            flags,
            used: BTreeSet::new(),
            stats: BratStats::default(),
            report: ExportReport::default(),
            notices: Notices::default(),
            checked: false,
        })
    }

    /// Write the documents of `chunk` (the same chunks, in the same order,
    /// as were surveyed).
    pub fn add(&mut self, chunk: &Project) -> Result<(), FormatError> {
        if !self.checked {
            check_labels(&chunk.labels, self.options)?;
            self.checked = true;
        }
        let selection = select(chunk, self.options);
        count_written(&mut self.report, &selection);
        super::lost::count(Format::Brat, &selection.docs, &mut self.notices);
        for d in &selection.docs {
            for (name, content) in document_files(d, &self.flags, &mut self.used, &mut self.stats) {
                self.folder
                    .write(&name, content.as_bytes())
                    .map_err(io_err(self.out))?;
            }
        }
        Ok(())
    }

    /// Write `annotation.conf`, put the folder in place, and say what was
    /// written and left out.
    pub fn finish(mut self) -> Result<ExportReport, FormatError> {
        let conf = match &self.survey.labels {
            Some((labels, kinds)) => self
                .survey
                .survey
                .annotation_conf(labels, kinds, &self.flags),
            None => self
                .survey
                .survey
                .annotation_conf(&LabelSet::default(), &[], &self.flags),
        };
        self.folder
            .write("annotation.conf", conf.as_bytes())
            .map_err(io_err(self.out))?;
        self.folder.finish().map_err(io_err(self.out))?;
        let mut report = self.report;
        brat_report(self.stats, &mut report, &mut self.notices);
        left_out(&mut report, self.notices);
        Ok(report)
    }
}
