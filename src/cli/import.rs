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

/// How to read the files of an import.
pub struct Options {
    /// Read every file as this format.
    pub format: Option<ImportFormat>,
    /// Decode with this encoding.
    pub encoding: Option<String>,
    /// Label Studio's text field.
    pub text_key: Option<String>,
    /// Who made the spans and relations that do not say.
    pub annotator: Option<String>,
}

/// Import `files` into the project at `into` (created if absent).
pub fn import(
    files: &[PathBuf],
    into: &Path,
    opts: Options,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = ImportOptions {
        format: opts.format,
        encoding: opts.encoding,
        text_key: opts.text_key,
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
    let mut imported = docs?;
    if let Some(name) = opts
        .annotator
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        imported.sign(name);
    }
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
