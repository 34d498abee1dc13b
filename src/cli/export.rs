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

/// Export `project` to `output`.
pub fn export(
    project: &Path,
    format: Format,
    options: &ExportOptions,
    output: &Path,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
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
    } else {
        let p = store::load(project).context("cannot load project")?;
        formats::export(&p, format, options, output, force)?
    };
    writeln!(out, "exported {} to {}", report.written(), output.display())?;
    for path in &report.also_written {
        writeln!(out, "and {}", path.display())?;
    }
    for (n, why) in &report.left_out {
        eprintln!("warning: left out: {n} {why}");
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    if report.layer_hint {
        eprintln!("note: --label X exports the spans of label X alone, as a layer of their own");
    }
    Ok(())
}
