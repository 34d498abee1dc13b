//! Never losing work in the window: every session the window shows is
//! journaled (beside its file, or in the app's data folder when untitled),
//! what a crashed session left is offered back, and a project that cannot
//! be read is shown as an error, never swapped for another.

use std::path::Path;

use crate::model::Project;
use crate::session::{self, Recovery, Session};
use crate::store;

use super::state::{LoadFailure, Modal, RecoverOffer, RecoverSource};
use super::{SpanmarkApp, UiState};

impl SpanmarkApp {
    /// Show `session` from now on: the one shown so far is closed (its
    /// journal removed if nothing in it is unsaved, or `discard`), the
    /// window starts afresh, and the new session is journaled.
    pub(super) fn adopt(&mut self, session: Session, discard: bool) {
        self.note_place();
        self.session.close(discard);
        self.session = session;
        self.session.set_annotator(self.annotator.clone());
        // The window starts afresh for the new project, its panels as the
        // person left them.
        let left = self.state.left;
        self.state = UiState::default();
        self.state.left = left;
        self.start_journal();
        self.restore_place();
    }

    /// Set who is annotating (Edit > Your name, or "change" in the status
    /// bar); the choice is remembered.
    pub(super) fn set_annotator(&mut self, name: Option<String>) {
        let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        self.annotator_chosen = true;
        self.annotator.clone_from(&name);
        self.session.set_annotator(name.clone());
        match name {
            Some(n) => self
                .state
                .info(format!("Spans and relations you make are by {n}")),
            None => self
                .state
                .info("No name is recorded on what you make (Edit > Your name)"),
        }
    }

    /// Remember where the person is reading in the project shown.
    pub(super) fn note_place(&mut self) {
        let place = crate::app::Place::in_session(&self.session, &self.state.reader);
        if let (Some(path), Some(place)) = (self.session.path(), place) {
            self.places.remember(path, place);
        }
    }

    /// Show the document and the place last read in this project (the
    /// top of the first document when there is none).
    pub fn restore_place(&mut self) {
        let place = self
            .session
            .path()
            .and_then(|p| self.places.get(p))
            .cloned();
        let project = self.session.project();
        let found = place.and_then(|pl| {
            let i = project.documents.iter().position(|d| d.id == pl.doc)?;
            let len = project.documents[i].char_len();
            Some((i, pl.char.min(len)))
        });
        match found {
            Some((i, char)) => {
                self.open_document(i);
                self.state.reader.scroll_to = Some(char);
            }
            None => self.state.reader.scroll_to = Some(0),
        }
    }

    /// Journal the session shown: beside its file (offering back what a
    /// crashed session left there), or in the data folder when untitled.
    pub(super) fn start_journal(&mut self) {
        if self.session.path().is_some() {
            match self.session.check_journal() {
                Ok(Recovery::Nothing) => {}
                Ok(Recovery::Found {
                    changes,
                    torn,
                    damaged,
                    started,
                }) => {
                    self.state.modal = Some(Modal::Recover(RecoverOffer {
                        changes,
                        torn,
                        damaged,
                        started,
                        source: RecoverSource::Project,
                    }));
                }
                Ok(Recovery::Unreadable { kept, why }) => self.state.error(format!(
                    "The journal of this project cannot be read ({why}); it was kept as {}",
                    kept.display()
                )),
                Ok(Recovery::Stale { kept }) => self.state.info(format!(
                    "An older journal of this project (from before its last save) was kept as {}",
                    kept.display()
                )),
                Ok(Recovery::NotOwner) => {
                    // Held by another window (else its folder let no lock
                    // in: said below as read-only).
                    if let Some(who) = self.session.locked_by() {
                        self.state.error(format!(
                            "This project is open in {who}: it can be read here; Save as keeps changes in another file"
                        ));
                    }
                    // Its changes are journaled in the data folder.
                    if let Some(dir) = self.journal_dir.clone() {
                        let _ = self.session.start_read_only_journal(&dir);
                    }
                }
                // The journal banner says why (journal_state).
                Err(_) => {}
            }
            if self.session.locked_by().is_none() {
                self.say_if_read_only();
            }
        } else if let Some(dir) = self.journal_dir.clone() {
            // A failure shows in the journal banner (journal_state).
            let _ = self.session.start_untitled_journal(&dir);
        }
    }

    /// A project whose file may not be written is said so on opening.
    fn say_if_read_only(&mut self) {
        let Some(path) = self.session.path() else {
            return;
        };
        if crate::store::is_read_only(path) {
            self.state.error(format!(
                "{} is read-only: you can annotate, and Save as keeps your work in another file",
                path.display()
            ));
        }
    }

    /// At start-up: offer the newest untitled project a crashed Spanmark
    /// left in the data folder.
    pub(super) fn offer_orphans(&mut self) {
        let Some(dir) = self.journal_dir.clone() else {
            return;
        };
        if self.state.modal.is_some() {
            return;
        }
        if let Some(orphan) = session::orphaned_journals(&dir).into_iter().next() {
            let source = match orphan.base {
                Some(base) if orphan.reading && orphan.project.is_some() => {
                    RecoverSource::Reading {
                        file: orphan.file,
                        base: Box::new(base),
                        project: orphan.project.unwrap_or_default(),
                    }
                }
                Some(base) => RecoverSource::Untitled(orphan.file, Box::new(base), orphan.project),
                None => RecoverSource::ReadOnly {
                    file: orphan.file,
                    project: orphan.project.unwrap_or_default(),
                    version: orphan.version,
                },
            };
            self.state.modal = Some(Modal::Recover(RecoverOffer {
                changes: orphan.changes,
                torn: false,
                damaged: false,
                started: orphan.started,
                source,
            }));
        }
    }

    /// Keep what the journal held: replay it.
    pub(super) fn keep_recovered(&mut self) {
        let Some(Modal::Recover(offer)) = self.state.modal.take() else {
            return;
        };
        let n = offer.changes.len();
        let result = match offer.source {
            RecoverSource::Project => self.session.recover(offer.changes),
            RecoverSource::Backup => self.session.replay(offer.changes),
            RecoverSource::Reading {
                file,
                base,
                project,
            } => match self.recover_into_reading(&base, &project, offer.changes.clone()) {
                Some(r) => {
                    done_with(&file, r.is_ok());
                    r
                }
                None => self.recover_untitled(&file, *base, offer.changes),
            },
            RecoverSource::Untitled(file, base, _) => {
                self.recover_untitled(&file, *base, offer.changes)
            }
            RecoverSource::ReadOnly {
                file,
                project,
                version,
            } => match self.reopen_for_replay(&project, version) {
                Ok(()) => {
                    let r = self.session.replay(offer.changes);
                    done_with(&file, r.is_ok());
                    r
                }
                Err(why) => {
                    self.state.error(format!(
                        "The {n} changes cannot be replayed: {why}; they are kept in {}",
                        file.display()
                    ));
                    return;
                }
            },
        };
        match result {
            Ok(k) => self.state.info(format!(
                "Recovered {k} {}: unsaved until you save (Ctrl+S)",
                if k == 1 { "change" } else { "changes" }
            )),
            Err(e) => self.state.error(format!(
                "Recovered only part of {n} changes, up to one that no longer applies ({e}); the journal was kept aside"
            )),
        }
    }

    /// Open `base` as an untitled project with `changes` replayed; the
    /// journal `file` that held them goes once they are in the new one.
    fn recover_untitled(
        &mut self,
        file: &Path,
        base: Project,
        changes: Vec<crate::model::Change>,
    ) -> Result<usize, crate::model::ChangeError> {
        // A project being read would take the copy's place: it stops.
        self.state.opening = None;
        self.adopt(Session::new(base, None), false);
        let r = self.session.replay(changes);
        done_with(file, r.is_ok());
        r
    }

    /// Drop what the journal held (it is set aside, not deleted).
    pub(super) fn discard_recovered(&mut self) {
        let Some(Modal::Recover(offer)) = self.state.modal.take() else {
            return;
        };
        let result = match &offer.source {
            RecoverSource::Project => self.session.discard_recovery(),
            RecoverSource::Untitled(file, ..)
            | RecoverSource::Reading { file, .. }
            | RecoverSource::ReadOnly { file, .. } => {
                session::set_aside(file, "discarded").map(|_| ())
            }
            RecoverSource::Backup => Ok(()),
        };
        match result {
            Ok(()) => self
                .state
                .info("The recovered changes were set aside (a .discarded file)"),
            Err(e) => self
                .state
                .error(format!("Could not set the journal aside: {e}")),
        }
        self.offer_orphans();
    }

    /// Open `project` to replay changes a read-only window made to the
    /// version `version` of it; it must still be that version.
    fn reopen_for_replay(
        &mut self,
        project: &Path,
        version: Option<(u64, u32)>,
    ) -> Result<(), String> {
        let session = Session::open(project).map_err(|e| e.to_string())?;
        let now = session.stamp().map(|s| (s.len, s.crc));
        if now.is_none() || now != version {
            return Err(format!(
                "{} changed since they were made",
                project.display()
            ));
        }
        self.adopt(session, false);
        Ok(())
    }

    /// A project that cannot be read: show why, never another project.
    pub(super) fn failed_to_open(&mut self, path: &Path, message: String) {
        let backup = Some(store::backup_path(path)).filter(|b| b.is_file());
        self.adopt(Session::new(Project::new("Untitled"), None), false);
        self.state.load_failure = Some(LoadFailure {
            path: path.to_owned(),
            message,
            backup,
        });
    }

    /// Open a project's backup as an untitled project (saving it asks
    /// where), offering the changes its journal holds for it.
    pub(super) fn open_backup(&mut self, backup: &Path) {
        let failure = self.state.load_failure.clone();
        match store::load_stamped(backup) {
            Ok((project, stamp)) => {
                self.adopt(Session::new(project, None), false);
                self.state.info(format!(
                    "Opened the backup {}: Save as to keep it (nothing was written)",
                    backup.display()
                ));
                if let Some(original) = failure.map(|f| f.path)
                    && let Some((changes, torn, started)) = session::peek_journal(&original, stamp)
                {
                    self.state.modal = Some(Modal::Recover(RecoverOffer {
                        changes,
                        torn,
                        damaged: false,
                        started,
                        source: RecoverSource::Backup,
                    }));
                }
            }
            Err(e) => self
                .state
                .error(format!("The backup cannot be opened either: {e}")),
        }
    }
}

/// A data-folder journal whose changes were replayed: removed when all
/// were (they are in the session's own journal now), else set aside, so it
/// is not offered again on top of the part that went in.
fn done_with(file: &Path, all_replayed: bool) {
    if all_replayed {
        let _ = std::fs::remove_file(file);
    } else {
        let _ = session::set_aside(file, "partly-replayed");
    }
}
