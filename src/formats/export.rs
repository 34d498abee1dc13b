//! Exporting a project: check the destination, select the documents, write
//! the chosen format atomically, and report what it could not carry.

use std::path::{Path, PathBuf};

use crate::model::{LabelSet, Project};

use super::{BratStats, ConllStats, ExportOptions, ExportReport, Format, FormatError, Notices};

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
    // A parked document's text and spans are in its file only: exporting
    // its stand-in would drop them silently (the window reads every
    // document back before it exports).
    if let Some(d) = project.documents.iter().find(|d| d.is_parked()) {
        return Err(FormatError::Refused(format!(
            "document {:?} is not read into memory: nothing was exported",
            d.id
        )));
    }
    // The whole project as one chunk: the same writers as a folder project
    // exported a chunk at a time.
    match format {
        Format::Jsonl | Format::HfJsonl | Format::Csv | Format::Conll => {
            let mut stream = super::stream::StreamExport::start(format, options, out, replace)?;
            stream.add(project)?;
            stream.finish()
        }
        Format::LabelStudio => {
            let mut survey = super::LabelStudioSurvey::default();
            survey.add(project, options);
            let mut ls = super::LabelStudioExport::start(options, out, replace, survey)?;
            ls.add(project)?;
            ls.finish()
        }
        Format::Brat => {
            let mut survey = super::BratSurvey::default();
            survey.add(project, options);
            let mut brat = super::BratExport::start(options, out, replace, survey)?;
            brat.add(project)?;
            brat.finish()
        }
    }
}

/// Every label the options name must exist.
pub(super) fn check_labels(labels: &LabelSet, options: &ExportOptions) -> Result<(), FormatError> {
    for label in options.labels.iter().flatten().chain(&options.conll_label) {
        if !labels.contains(label) {
            return Err(FormatError::UnknownLabel(label.clone()));
        }
    }
    Ok(())
}

/// Where the Label Studio configuration goes: `NAME.label-config.xml`.
pub fn config_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "export".to_owned(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}.label-config.xml"))
}

/// What a CoNLL export left out and changed, into `report`.
pub(super) fn conll_report(stats: ConllStats, report: &mut ExportReport) {
    report.spans -= stats.overlapping + stats.other_layers;
    if stats.overlapping > 0 {
        report.left_out.push((
            stats.overlapping,
            "spans overlapped by a longer span (CoNLL holds one layer)".to_owned(),
        ));
        report.layer_hint = true;
    }
    if stats.other_layers > 0 {
        report.left_out.push((
            stats.other_layers,
            "spans not of the chosen layer".to_owned(),
        ));
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
}

pub(super) fn brat_report(stats: BratStats, report: &mut ExportReport, notices: &mut Notices) {
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
        "relation kinds, event types or roles with spaces or colons written with _",
        stats.renamed,
    );
    notices.add(
        "attributes and notes of equivalences left out (brat's * lines have none)",
        stats.equivalence_extras,
    );
}

/// Refuse to write over a Spanmark project, or over anything that exists
/// unless `replace` is set.
pub(super) fn check_output(out: &Path, replace: bool) -> Result<(), FormatError> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    let is_folder_project = meta.is_dir() && out.join(crate::store::folder::MANIFEST).is_file();
    let is_project = is_folder_project
        || meta.is_file()
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
