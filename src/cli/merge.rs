//! `spanmark merge` (annotators' projects into one, with a report) and
//! `spanmark merge-driver` (git's three-way merge of project files).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::analysis::merge::{self, three_way};
use crate::model::Project;
use crate::store;

/// Merge the projects at `paths` into `output`.
pub fn merge(
    paths: &[PathBuf],
    output: &Path,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if paths.len() < 2 {
        anyhow::bail!("merging needs two projects or more");
    }
    let output = store::project_root(output);
    if paths
        .iter()
        .any(|p| store::real_path(&store::project_root(p)) == store::real_path(&output))
    {
        anyhow::bail!("{}: the output is one of the projects", output.display());
    }
    if output.exists() && (store::is_folder_project(&output) || !force) {
        anyhow::bail!(
            "{}: exists; choose another name{}",
            output.display(),
            if store::is_folder_project(&output) {
                ""
            } else {
                " or --force"
            }
        );
    }
    let annotators = super::agree::load_annotators(paths)?;
    let refs: Vec<(String, &Project)> = annotators.iter().map(|(n, p)| (n.clone(), p)).collect();
    let name = output
        .file_stem()
        .map_or_else(|| "merged".to_owned(), |s| s.to_string_lossy().into_owned());
    let (project, report) = merge::merge(&refs, &name);
    store::save(&project, &output).with_context(|| format!("cannot write {}", output.display()))?;
    let names: Vec<&str> = annotators.iter().map(|(n, _)| n.as_str()).collect();
    writeln!(
        out,
        "merged {} into {}: {} documents ({} annotated by two or more), {} spans, {} relations",
        names.join(", "),
        output.display(),
        report.documents,
        report.shared,
        report.spans,
        report.relations
    )?;
    writeln!(
        out,
        "agreed: {} spans made by every annotator of their document",
        report.agreed
    )?;
    writeln!(
        out,
        "disagree: {} label (same range, another label), {} boundary (same label, another range), {} missing (some annotators have nothing there)",
        report.label, report.boundary, report.missing
    )?;
    if report.attribute_conflicts > 0 {
        writeln!(
            out,
            "attributes: {} values differed between identical spans (the first annotator's kept)",
            report.attribute_conflicts
        )?;
    }
    Ok(())
}

/// What a merge-driver run did: merged cleanly, or with conflicts marked.
pub enum Driven {
    /// Nothing conflicted.
    Clean,
    /// This many conflicts are marked in the result.
    Conflicts(usize),
}

/// `spanmark merge-driver BASE OURS THEIRS`: git's custom merge driver.
/// Writes the merge into OURS. A single-file project, a folder project's
/// document file or its manifest; conflicts are marked inside (the
/// category "merge conflict" and span notes), never as conflict markers.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> anyhow::Result<Driven> {
    let read = |p: &Path| -> anyhow::Result<String> {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    let (base_text, ours_text, theirs_text) = (read(base)?, read(ours)?, read(theirs)?);
    // An empty base: both sides added the file.
    let base_text = Some(base_text).filter(|t| !t.trim().is_empty());
    if let Ok(a) = store::from_ron(&ours_text, ours) {
        let b = store::from_ron(&theirs_text, theirs)?;
        let o = match &base_text {
            Some(t) => store::from_ron(t, base)?,
            None => Project::new(a.name.clone()),
        };
        let (merged, conflicts) = three_way::merge_projects(&o, &a, &b)?;
        store::save_with(&merged, ours, store::WriteOptions { backup: false })?;
        return Ok(driven(conflicts));
    }
    if let Ok((a_next, a)) = store::folder::parse_doc_file(&ours_text, ours) {
        let (b_next, b) = store::folder::parse_doc_file(&theirs_text, theirs)?;
        let o = base_text
            .as_deref()
            .map(|t| store::folder::parse_doc_file(t, base))
            .transpose()?;
        let mut next = a_next.max(b_next);
        let (doc, conflicts) =
            three_way::merge_document(o.as_ref().map(|(_, d)| d), &a, &b, &mut next)?;
        let bytes = store::folder::doc_file_text(&doc, next)?;
        store::write_atomic(ours, &bytes)
            .with_context(|| format!("cannot write {}", ours.display()))?;
        return Ok(driven(conflicts));
    }
    if store::folder::is_manifest(&ours_text) {
        let bytes =
            store::folder::merge_manifests(base_text.as_deref(), &ours_text, &theirs_text, ours)?;
        store::write_atomic(ours, &bytes)
            .with_context(|| format!("cannot write {}", ours.display()))?;
        return Ok(Driven::Clean);
    }
    // Not a file Spanmark knows: say why, as the parse of a project does.
    Err(store::from_ron(&ours_text, ours).err().map_or_else(
        || anyhow::anyhow!("{}: not a Spanmark file", ours.display()),
        Into::into,
    ))
}

fn driven(conflicts: usize) -> Driven {
    if conflicts == 0 {
        Driven::Clean
    } else {
        Driven::Conflicts(conflicts)
    }
}
