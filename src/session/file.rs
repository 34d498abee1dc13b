//! The session's file: open (taking the project's lock), save (refusing to
//! overwrite what another program wrote, keeping a backup), and which
//! documents a save must write.

use std::path::{Path, PathBuf};

use crate::model::{Change, Project};
use crate::store::journal::Header;
use crate::store::{self, Changed, FileStamp, ProjectLock, StoreError, WriteOptions};

use super::Session;

/// A new folder project's folder, made before its lock (which lives
/// inside) is taken.
fn make_new_folder(path: &Path) -> Result<(), StoreError> {
    if store::is_folder_project(path) && !path.exists() {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(())
}

/// What a save did besides writing, for the person to be told.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Parked documents taken as their files held them: another program
    /// changed them since they were read, and the person had not (Save as
    /// and "keep mine"; the undo history then starts afresh).
    pub taken_as_on_disk: usize,
    /// Documents "keep mine" could not read (their files removed or broken
    /// by another program) and left as they are on disk, with the first
    /// one's error.
    pub left_unread: Option<(usize, String)>,
}

impl Session {
    /// Open a project file: clean up what a killed save left beside it,
    /// take its lock (or open it read-only, saying who holds it), load it.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with_progress(path, None)
    }

    /// [`Session::open`], counting the documents read into `progress` (a
    /// folder project's; a single file is read at once).
    pub fn open_with_progress(
        path: &Path,
        progress: Option<&store::Progress>,
    ) -> Result<Self, StoreError> {
        Self::open_parked(path, progress, None)
    }

    /// [`Session::open_with_progress`] for the window: a folder project's
    /// documents other than `show` (by id; the first when `None` or not
    /// listed) are parked as they are read, and parking goes on as the
    /// person moves between documents (see [`Session::set_parking`]).
    /// `parking` of `None` reads every document whole.
    pub fn open_parked(
        path: &Path,
        progress: Option<&store::Progress>,
        parking: Option<(Option<&str>, usize)>,
    ) -> Result<Self, StoreError> {
        let root = store::project_root(path);
        let path = root.as_path();
        store::clean_leftovers(path);
        // Without a lock file (a read-only folder) the project still opens;
        // saving will say why it cannot write.
        let (lock, locked_by) = match ProjectLock::try_acquire(path) {
            Ok(Ok(lock)) => (Some(lock), None),
            Ok(Err(holder)) => (None, Some(holder)),
            Err(_) => (None, None),
        };
        let show = parking.and_then(|(show, _)| show);
        // The first document and the one asked for stay whole.
        let keep = |i: usize, id: &str| i == 0 || show == Some(id);
        let keep: Option<store::folder::Keep<'_>> = parking.map(|_| &keep as _);
        let (project, stamp, folder) = store::load_any(path, lock.is_some(), progress, keep)?;
        let mut session = Self::new(project, Some(path.to_owned()));
        session.disk.stamp = Some(stamp);
        session.disk.folder = folder;
        session.disk.lock = lock;
        session.disk.locked_by = locked_by;
        session.docs.parking = parking.map(|(_, keep)| keep);
        Ok(session)
    }

    /// Open a project file for a command that must write it: wait up to
    /// `patience` for another Spanmark holding it to let go.
    pub fn open_for_writing(
        path: &Path,
        patience: impl Into<store::Patience>,
    ) -> Result<Self, StoreError> {
        let root = store::project_root(path);
        let path = root.as_path();
        make_new_folder(path)?;
        let lock = ProjectLock::wait_for(path, patience)?;
        store::clean_leftovers(path);
        let exists = if store::is_folder_project(path) {
            path.join(store::folder::MANIFEST).exists()
        } else {
            path.exists()
        };
        let mut session = if exists {
            let (project, stamp, folder) = store::load_any(path, true, None, None)?;
            let mut s = Self::new(project, Some(path.to_owned()));
            s.disk.stamp = Some(stamp);
            s.disk.folder = folder;
            s
        } else {
            let name = path.file_stem().map_or_else(
                || "Project".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            Self::new(Project::new(name), Some(path.to_owned()))
        };
        session.disk.lock = Some(lock);
        Ok(session)
    }

    /// Who holds the project's lock, when another Spanmark does.
    pub fn locked_by(&self) -> Option<&crate::store::Holder> {
        self.disk.locked_by()
    }

    /// Save to the project's own file. Refuses when another Spanmark holds
    /// the project or another program changed the file since it was read.
    pub fn save(&mut self) -> Result<Saved, StoreError> {
        let Some(path) = self.disk.path.clone() else {
            return Err(StoreError::Io {
                path: PathBuf::from("untitled"),
                source: std::io::Error::other("the project has no file yet: use Save as"),
            });
        };
        if let Some(holder) = &self.disk.locked_by {
            return Err(StoreError::Locked {
                path,
                holder: holder.clone(),
            });
        }
        if let Some(stamp) = self.disk.stamp
            && FileStamp::of_file(&path).is_some_and(|now| now != stamp)
        {
            return Err(StoreError::ChangedOnDisk { path });
        }
        let taken_as_on_disk = self.write(&path)?;
        Ok(Saved {
            taken_as_on_disk,
            left_unread: None,
        })
    }

    /// Save to `path` whatever is there (the person was asked, or chose
    /// "keep mine"), and make it the project's file.
    pub fn save_as(&mut self, path: &Path) -> Result<Saved, StoreError> {
        let root = store::project_root(path);
        let path = root.as_path();
        let same = self
            .disk
            .path
            .as_deref()
            .is_some_and(|p| store::real_path(p) == store::real_path(path));
        if same {
            if let Some(holder) = &self.disk.locked_by {
                return Err(StoreError::Locked {
                    path: path.to_owned(),
                    holder: holder.clone(),
                });
            }
            // The person chose to keep this version: what another program
            // wrote to these files since is replaced. Parked documents have
            // no change of the person's: they are taken as their files are.
            // A document whose file another program removed or broke is
            // left as it is on disk: this save never writes it anyway.
            let read = self.unpark_all_as_on_disk(true)?;
            let saved = Saved {
                taken_as_on_disk: read.changed,
                left_unread: read
                    .unread
                    .first()
                    .map(|e| (read.unread.len(), e.to_string())),
            };
            if let Some(folder) = &mut self.disk.folder {
                folder.forget_disk();
                // What was just read is what the session holds for those
                // documents: they may be parked again.
                folder.adopt(read.stamps);
                // Every document in memory is written, so each file holds
                // what the session does and its stamp is known again: the
                // journal that follows is tied to all of them, as a reopen
                // after a crash will find them.
                self.disk.unsaved = Changed::All;
            }
            self.write(path)?;
            return Ok(saved);
        }
        make_new_folder(path)?;
        let lock = match ProjectLock::try_acquire(path) {
            Ok(Ok(lock)) => Some(lock),
            Ok(Err(holder)) => {
                return Err(StoreError::Locked {
                    path: path.to_owned(),
                    holder,
                });
            }
            Err(_) => None,
        };
        let taken_as_on_disk = self.write(path)?;
        // The project lives at `path` now: its lock and journal move too.
        self.disk.path = Some(path.to_owned());
        self.disk.lock = lock;
        self.disk.locked_by = None;
        if let Some(old) = self.disk.journal.take() {
            old.remove();
            self.disk.restart_journal();
        }
        Ok(Saved {
            taken_as_on_disk,
            left_unread: None,
        })
    }

    /// Write the project to `path`; returns how many parked documents were
    /// taken as their files hold them now (changed on disk since read).
    fn write(&mut self, path: &Path) -> Result<usize, StoreError> {
        // The time worked since the last save goes with the documents.
        self.record_time();
        // Save as into a folder writes every document; a save into the
        // project's own folder writes what changed.
        let own = self.disk.folder.is_some()
            && self
                .disk
                .path
                .as_deref()
                .is_some_and(|p| store::real_path(p) == store::real_path(path));
        // Anywhere but the project's own folder every document is written
        // whole, so the parked ones are read back first, as their files hold
        // them now (they have no change of the person's).
        let mut taken_as_on_disk = 0;
        if !(own && store::is_folder_project(path)) {
            taken_as_on_disk = self.unpark_all_as_on_disk(false)?.changed;
        }
        let stamp = if store::is_folder_project(path) {
            // The project's own folder state is taken only for its own
            // folder; a failed Save as elsewhere leaves it as it was.
            let mut state = if own {
                self.disk.folder.take().unwrap_or_default()
            } else {
                store::FolderState::default()
            };
            let changed = if own {
                std::mem::replace(&mut self.disk.unsaved, Changed::Only(Default::default()))
            } else {
                Changed::All
            };
            let result = store::save_folder(&self.docs.project, path, &mut state, &changed);
            if result.is_err() && own {
                self.disk.unsaved = changed;
            }
            if result.is_ok() || own {
                self.disk.folder = Some(state);
            }
            let (stamp, written) = result?;
            self.disk.last_written = written;
            stamp
        } else {
            let stamp = store::save_with(&self.docs.project, path, WriteOptions { backup: true })?;
            self.disk.folder = None;
            stamp
        };
        self.disk.unsaved = Changed::Only(Default::default());
        self.disk.stamp = Some(stamp);
        self.timeline.mark_saved();
        // What was just written may be parked now.
        self.park_idle();
        if let Some(journal) = &self.disk.journal {
            journal.reset(Header::for_file(stamp.len, stamp.crc));
        }
        Ok(taken_as_on_disk)
    }
}

/// Which documents a change makes unsaved: the ones its document edits
/// touch, or all of them when it changes the label set.
#[derive(Clone, Debug, Default)]
pub(super) struct Marks {
    all: bool,
    docs: Vec<usize>,
    /// Documents added (by id): new to the folder, or back under an id a
    /// file already has.
    added: Vec<String>,
}

impl Marks {
    pub(super) fn of(change: &Change) -> Marks {
        let mut marks = Marks::default();
        marks.add(change);
        marks
    }

    fn add(&mut self, change: &Change) {
        match change {
            Change::Doc { doc, .. } => self.docs.push(*doc),
            // A label's new name, colour or guidance is the manifest's (the
            // save sees it); a removal takes spans from documents, a return
            // brings them back.
            Change::Labels(crate::model::LabelEdit::Update { .. }) => {}
            Change::Labels(crate::model::LabelEdit::Add { restore, .. }) => {
                self.docs.extend(restore.iter().map(|r| r.doc));
            }
            Change::Labels(crate::model::LabelEdit::Remove { .. }) => self.all = true,
            Change::Batch(changes) => changes.iter().for_each(|c| self.add(c)),
            // New documents are new files; removed ones lose theirs: the
            // folder save sees both itself.
            Change::AddDocuments(import) => {
                self.added.extend(import.docs.iter().map(|d| d.id.clone()));
            }
            // The manifest (or the file) changes: the save sees it.
            Change::RemoveDocuments { .. } | Change::Guidelines(_) | Change::Assignments(_) => {}
        }
    }
}

impl Session {
    pub(super) fn mark_unsaved(&mut self, marks: Marks) {
        match &mut self.disk.unsaved {
            Changed::All => {}
            Changed::Only(_) if marks.all => self.disk.unsaved = Changed::All,
            Changed::Only(ids) => {
                for i in marks.docs {
                    if let Some(d) = self.docs.project.documents.get(i) {
                        ids.insert(d.id.clone());
                    }
                }
                ids.extend(marks.added);
            }
        }
    }

    /// Bytes the last save of a folder project wrote.
    pub fn last_written(&self) -> u64 {
        self.disk.last_written()
    }
}
