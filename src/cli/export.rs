//! `spanmark export`: a labelled dataset from a project, never written over
//! the project itself (or any Spanmark project), nor over an existing
//! output unless asked.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::formats::{self, ExportOptions, Format};
use crate::store;

/// Documents read at a time when a folder project is exported.
const CHUNK: usize = 256;

/// Export `project` to `output`; `-` writes the export to `out` (standard
/// output), and what was written and left out to standard error.
pub fn export(
    project: &Path,
    format: Format,
    options: &ExportOptions,
    output: &Path,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if output == Path::new("-") {
        return to_stdout(project, format, options, out);
    }
    let report = export_to(project, format, options, output, force)?;
    writeln!(out, "exported {} to {}", report.written(), output.display())?;
    for path in &report.also_written {
        writeln!(out, "and {}", path.display())?;
    }
    tell(&report);
    Ok(())
}

/// Export into a file of a folder of our own, then copy it to `out`.
fn to_stdout(
    project: &Path,
    format: Format,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(ext) = format.extension() else {
        anyhow::bail!(
            "-: {} is a folder of files, not one stream: give a folder with -o",
            format.name()
        );
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(".spanmark-export-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let file = dir.join(format!("export.{ext}"));
    let result = export_to(project, format, options, &file, false).and_then(|report| {
        let bytes =
            std::fs::read(&file).with_context(|| format!("{}: cannot read", file.display()))?;
        // A reader that stops early (`| head`) is not an error.
        match out.write_all(&bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(report),
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let report = result?;
    eprintln!("exported {} to standard output", report.written());
    if !report.also_written.is_empty() {
        eprintln!(
            "note: the labeling configuration is not written with -o - (give a file to get it beside)"
        );
    }
    tell(&report);
    Ok(())
}

/// What was left out and noted, on standard error.
fn tell(report: &formats::ExportReport) {
    for (n, why) in &report.left_out {
        eprintln!("warning: left out: {n} {why}");
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    if report.layer_hint {
        eprintln!("note: --label X exports the spans of label X alone, as a layer of their own");
    }
}

/// Export `project` to the file or folder `output`.
fn export_to(
    project: &Path,
    format: Format,
    options: &ExportOptions,
    output: &Path,
    force: bool,
) -> anyhow::Result<formats::ExportReport> {
    if store::real_path(project) == store::real_path(output) {
        anyhow::bail!(
            "{}: the output is the project itself: choose another file",
            output.display()
        );
    }
    let root = store::project_root(project);
    let report = if store::is_folder_project(&root) && formats::streams(format) {
        // A folder project goes out a chunk of documents at a time.
        let mut stream = formats::StreamExport::start(format, options, output, force)?;
        store::folder::for_each_chunk(&root, CHUNK, |chunk| -> anyhow::Result<()> {
            stream.add(&chunk)?;
            Ok(())
        })?;
        stream.finish()?
    } else if store::is_folder_project(&root) && format == Format::Brat {
        // Read twice a chunk at a time: surveyed (what annotation.conf
        // declares), then written.
        let mut survey = formats::BratSurvey::default();
        each_chunk(&root, |chunk| {
            survey.add(chunk, options);
            Ok(())
        })?;
        let mut brat = formats::BratExport::start(options, output, force, survey)?;
        each_chunk(&root, |chunk| Ok(brat.add(chunk)?))?;
        brat.finish()?
    } else if store::is_folder_project(&root) && format == Format::LabelStudio {
        // Likewise: surveyed (the names every task shares, the labelling
        // configuration), then written a task at a time.
        let mut survey = formats::LabelStudioSurvey::default();
        each_chunk(&root, |chunk| {
            survey.add(chunk, options);
            Ok(())
        })?;
        let mut ls = formats::LabelStudioExport::start(options, output, force, survey)?;
        each_chunk(&root, |chunk| Ok(ls.add(chunk)?))?;
        ls.finish()?
    } else {
        let p = store::load(project).context("cannot load project")?;
        formats::export(&p, format, options, output, force)?
    };
    Ok(report)
}

/// Read the folder project at `root` a chunk of [`CHUNK`] documents at a
/// time, each handed to `each`.
fn each_chunk(
    root: &Path,
    mut each: impl FnMut(&crate::model::Project) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    store::folder::for_each_chunk(root, CHUNK, |chunk| each(&chunk))
}
