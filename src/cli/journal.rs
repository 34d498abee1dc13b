//! `spanmark recover` and `spanmark apply`: the journal from the command
//! line.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context as _;

use crate::model::Change;
use crate::session::{Recovery, Session};

/// How long a command waits for another Spanmark writing the project.
const PATIENCE: crate::store::Patience = super::patience(10);

/// Replay the journal a crashed session left into the project and save.
pub fn recover(project: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut session = Session::open_for_writing(project, PATIENCE)?;
    let recovery = session
        .check_journal()
        .with_context(|| format!("{}: cannot read its journal", project.display()))?;
    match recovery {
        Recovery::Found { changes, torn, .. } => {
            let n = session.recover(changes)?;
            session.save().context("cannot save the project")?;
            write!(out, "recovered {n} changes into {}", project.display())?;
            if torn {
                write!(out, " (a torn last change was left out)")?;
            }
            writeln!(out)?;
        }
        Recovery::Unreadable { kept, why } => writeln!(
            out,
            "{}: its journal cannot be read ({why}); nothing replayed, kept as {}",
            project.display(),
            kept.display()
        )?,
        Recovery::Stale { kept } => writeln!(
            out,
            "{}: its journal belongs to another version of the file; nothing replayed, kept as {}",
            project.display(),
            kept.display()
        )?,
        Recovery::Nothing | Recovery::NotOwner => {
            writeln!(out, "{}: nothing to recover", project.display())?;
        }
    }
    session.close(false);
    Ok(())
}

/// Apply JSON changes, one per line, journaling each; save at the end.
pub fn apply(project: &Path, changes: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut session = Session::open_for_writing(project, PATIENCE)?;
    if let Recovery::Found { changes, .. } = session.check_journal()? {
        anyhow::bail!(
            "{}: its journal holds {} unsaved changes of a session that ended unexpectedly: run `spanmark recover` first",
            project.display(),
            changes.len()
        );
    }
    let input: Box<dyn BufRead> = if changes.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(changes)
            .with_context(|| format!("cannot read {}", changes.display()))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut applied = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", changes.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let change: Change = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a change", changes.display(), i + 1))?;
        session
            .apply(change)
            .with_context(|| format!("{}:{}: not applied", changes.display(), i + 1))?;
        applied += 1;
        writeln!(out, "applied {applied}")?;
        out.flush()?;
    }
    session.save().context("cannot save the project")?;
    session.close(false);
    writeln!(out, "applied {applied} changes to {}", project.display())?;
    Ok(())
}
