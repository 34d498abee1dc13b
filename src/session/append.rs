//! Adding documents to a folder project without reading the others: the
//! manifest gives the ids and labels the import gate needs, and the save
//! writes the new documents' files and the manifest, nothing else.

use std::path::Path;

use crate::formats::Imported;
use crate::model::CharLens;
use crate::store::{self, Changed, ProjectLock, StoreError};

use super::import::{ImportError, ImportReport, prepare_import};

/// Why documents could not be added. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// The project could not be read, locked or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document did not pass the import gate.
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// Add `imported` to the folder project `dir` (which must have a
/// manifest), waiting up to `patience` for another Spanmark writing it.
/// Reads the manifest only: the time and memory it takes grow with what is
/// imported, not with the project.
pub fn append_to_folder(
    dir: &Path,
    imported: Imported,
    patience: impl Into<store::Patience>,
) -> Result<ImportReport, AppendError> {
    let _lock = ProjectLock::wait_for(dir, patience)?;
    store::clean_leftovers(dir);
    let (mut project, mut state) = store::folder::load_shell(dir)?;
    let (change, mut report) = prepare_import(&project, imported.docs)?;
    report.notices = imported.notices;
    let before = project.documents.len();
    change
        .apply(&mut project, &mut CharLens::default())
        .map_err(ImportError::Change)?;
    let added = project.documents[before..]
        .iter()
        .map(|d| d.id.clone())
        .collect();
    store::save_folder(&project, dir, &mut state, &Changed::Only(added))?;
    Ok(report)
}
