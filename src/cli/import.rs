//! `spanmark import`: files and folders into a project, through the same
//! gate as the window, one writer at a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use crate::formats::{self, ImportFormat, ImportOptions};
use crate::session::Session;

/// How long an import waits for another Spanmark writing the same project.
const PATIENCE: Duration = Duration::from_secs(60);

/// Import `files` into the project at `into` (created if absent).
pub fn import(
    files: &[PathBuf],
    into: &Path,
    format: Option<ImportFormat>,
    encoding: Option<String>,
    text_key: Option<String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = ImportOptions {
        format,
        encoding,
        text_key,
    };
    let plan = formats::plan(files, &options)?;
    for (path, why) in &plan.skipped {
        eprintln!("note: skipped {}: {why}", path.display());
    }
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
    let imported = docs?;
    // Taken only now, so a long read does not keep others waiting; the
    // project is read after the lock, so another import's documents are in.
    let root = crate::store::project_root(into);
    let report = if root.join(crate::store::folder::MANIFEST).is_file() {
        // A folder project takes new documents without reading the others.
        crate::session::append_to_folder(&root, imported, PATIENCE)
            .context("cannot add the documents")?
    } else {
        let mut session = Session::open_for_writing(into, PATIENCE)?;
        let report = session.import(imported)?;
        session.save().context("cannot save the project")?;
        report
    };
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
    for line in report.notices.lines() {
        eprintln!("note: {line}");
    }
    Ok(())
}
