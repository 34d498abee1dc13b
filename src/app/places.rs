//! Where the person was reading in each project (the document and the first
//! character in view), kept in eframe's app storage between runs, so that a
//! project opens where it was left.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many projects' places are kept.
const KEEP: usize = 32;

/// The storage key.
const KEY: &str = "reading_places";

/// A place in a project: a document and a character in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The document's id.
    pub doc: String,
    /// The first character in view.
    pub char: usize,
}

impl Place {
    /// Where the reader of `session` is: its document and the first
    /// character in view (`None` without a document).
    pub fn in_session(
        session: &crate::session::Session,
        reader: &super::ReaderState,
    ) -> Option<Place> {
        let doc = session.document()?;
        Some(Place {
            doc: doc.id.clone(),
            char: reader.visible_chars().map_or(0, |v| v.0),
        })
    }
}

/// The last place read in each project, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPlaces {
    places: Vec<(PathBuf, Place)>,
}

impl ReadingPlaces {
    /// The places kept in `storage`.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, KEY))
            .unwrap_or_default()
    }

    /// Keep the places in `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// Remember `place` for the project at `path`.
    pub fn remember(&mut self, path: &Path, place: Place) {
        let Ok(abs) = std::path::absolute(path) else {
            return;
        };
        self.places.retain(|(p, _)| *p != abs);
        self.places.insert(0, (abs, place));
        self.places.truncate(KEEP);
    }

    /// The place last read in the project at `path`.
    pub fn get(&self, path: &Path) -> Option<&Place> {
        let abs = std::path::absolute(path).ok()?;
        self.places
            .iter()
            .find(|(p, _)| *p == abs)
            .map(|(_, place)| place)
    }
}
