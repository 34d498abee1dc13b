//! `spanmark guidelines`: the project's guidelines as one Markdown file,
//! printed or taken in (see [`crate::model::guidelines`]).

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::model::{Change, LabelEdit, guidelines};
use crate::session::Session;

/// Print the guidelines as Markdown.
pub fn print(project: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = super::load(project)?;
    let text = guidelines::to_markdown(&p.guidelines, &p.labels);
    if text.trim().is_empty() {
        writeln!(
            out,
            "{}: no guidelines yet (spanmark guidelines {} FILE.md sets them)",
            project.display(),
            project.display()
        )?;
    } else {
        write!(out, "{text}")?;
    }
    Ok(())
}

/// Set the guidelines from a Markdown file, as one change, and save.
pub fn set(project: &Path, file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let markdown =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut session = Session::open_for_writing(project, super::patience(60))?;
    let p = session.project();
    let parsed = guidelines::parse(&markdown, &p.labels, &p.relation_kinds)
        .map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))?;
    let mut changes = vec![Change::Guidelines(Box::new(parsed.guidelines))];
    for label in p.labels.iter() {
        let wanted = parsed.labels.get(&label.id).cloned();
        if wanted != label.guideline {
            let mut def = label.clone();
            def.guideline = wanted;
            changes.push(Change::Labels(LabelEdit::Update {
                id: label.id.clone(),
                label: def,
            }));
        }
    }
    let labels = parsed.labels.len();
    session.apply(Change::Batch(changes))?;
    session.save().context("cannot save the project")?;
    session.close(false);
    writeln!(
        out,
        "{}: guidelines set ({labels} labels)",
        project.display()
    )?;
    Ok(())
}
