//! A Label Studio export a chunk of documents at a time, so a folder
//! project is never in memory at once: the documents are surveyed first
//! (the names every task shares, what the labelling configuration
//! declares), then the task array is written a task at a time, exactly as
//! it is written whole, and the configuration beside it at the end. A whole
//! project is one chunk: the same code writes both.

use std::path::Path;

use crate::model::Project;
use crate::store::{AtomicFile, write_atomic};

use super::export::{check_labels, check_output, config_path};
use super::label_studio::{Origin, Survey, TaskArray, task_json};
use super::stream::{ChunkSurvey, count_written, left_out};
use super::{ExportOptions, ExportReport, Format, FormatError, Notices, io_err, select};

/// What a Label Studio export must know of every document before it
/// writes one.
pub type LabelStudioSurvey = ChunkSurvey<Survey>;

/// A Label Studio export in progress.
#[derive(Debug)]
pub struct LabelStudioExport<'a> {
    options: &'a ExportOptions,
    out: &'a Path,
    file: AtomicFile,
    survey: LabelStudioSurvey,
    /// The names every task shares.
    names: Origin,
    array: TaskArray,
    /// Tasks written so far.
    tasks: usize,
    report: ExportReport,
    notices: Notices,
}

impl<'a> LabelStudioExport<'a> {
    /// Start writing the documents `survey` has seen to `out` (refused over
    /// a project, or over anything unless `replace`).
    pub fn start(
        options: &'a ExportOptions,
        out: &'a Path,
        replace: bool,
        survey: LabelStudioSurvey,
    ) -> Result<Self, FormatError> {
        check_output(out, replace)?;
        if let Some((labels, _)) = &survey.labels {
            check_labels(labels, options)?;
        }
        let file = AtomicFile::create(out).map_err(io_err(out))?;
        Ok(Self {
            options,
            out,
            file,
            names: survey.survey.origin(),
            survey,
            array: TaskArray::default(),
            tasks: 0,
            report: ExportReport::default(),
            notices: Notices::default(),
        })
    }

    /// Write the tasks of `chunk` (the same chunks, in the same order, as
    /// were surveyed).
    pub fn add(&mut self, chunk: &Project) -> Result<(), FormatError> {
        let selection = select(chunk, self.options);
        count_written(&mut self.report, &selection);
        super::lost::count(Format::LabelStudio, &selection.docs, &mut self.notices);
        for d in &selection.docs {
            let task = task_json(d, self.tasks, &self.names, &chunk.labels);
            self.tasks += 1;
            for piece in [self.array.before(), task.as_str()] {
                self.file
                    .write_all(piece.as_bytes())
                    .map_err(io_err(self.out))?;
            }
        }
        Ok(())
    }

    /// End the array, put the file in place, write the labelling
    /// configuration beside it, and say what was written and left out.
    pub fn finish(mut self) -> Result<ExportReport, FormatError> {
        self.file
            .write_all(self.array.end().as_bytes())
            .map_err(io_err(self.out))?;
        self.file.commit().map_err(io_err(self.out))?;
        let (labels, kinds) = self.survey.labels.take().unwrap_or_default();
        let xml = self.survey.survey.label_config(&labels, &kinds);
        let config = config_path(self.out);
        write_atomic(&config, xml.as_bytes()).map_err(io_err(&config))?;
        let mut report = self.report;
        report.also_written.push(config);
        left_out(&mut report, self.notices);
        Ok(report)
    }
}
