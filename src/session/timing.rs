//! Active annotation time: how long each person worked on each document,
//! counted while input arrives (gaps of more than a minute are not
//! counted), kept by the session and written into the document's metadata
//! (`meta.extra["active_seconds"]`, `{annotator: seconds}`: see
//! [`crate::model::Meta::active_seconds`]) with the
//! document on the next save. Time is recorded, not undone: it is no change
//! of the one change path, and it never marks a project unsaved by itself.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use foldhash::HashMap;

use super::Session;

/// Today's date in UTC, `YYYY-MM-DD` (the civil date of the days since
/// 1970, as Howard Hinnant's `civil_from_days`).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// The date of day `days` after 1970-01-01.
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The longest pause that still counts as work.
pub const IDLE: Duration = Duration::from_secs(60);

/// Name used for time recorded by nobody in particular.
const NOBODY: &str = "";

/// Time recorded since the last save, per document id and annotator.
#[derive(Debug, Default)]
pub(super) struct ActiveTime {
    last: Option<Instant>,
    pending: HashMap<String, BTreeMap<String, f64>>,
}

impl Session {
    /// Input arrived at `now` while the window had the focus: the time
    /// since the last input (if under a minute) is work on the document
    /// shown, by the person annotating.
    pub fn note_activity(&mut self, now: Instant) {
        let gap = self
            .time
            .last
            .map(|last| now.saturating_duration_since(last));
        self.time.last = Some(now);
        let (Some(gap), Some(doc)) = (gap, self.document()) else {
            return;
        };
        if gap > IDLE || gap.is_zero() {
            return;
        }
        let id = doc.id.clone();
        let who = self.annotator().unwrap_or(NOBODY).to_owned();
        *self
            .time
            .pending
            .entry(id)
            .or_default()
            .entry(who)
            .or_default() += gap.as_secs_f64();
    }

    /// The window lost the focus (or input stopped): the next input starts
    /// a new stretch.
    pub fn pause_activity(&mut self) {
        self.time.last = None;
    }

    /// Seconds the person worked on the document shown, recorded and not
    /// yet saved included.
    pub fn seconds_on_current(&self) -> u64 {
        let Some(doc) = self.document() else {
            return 0;
        };
        let saved: u64 = doc.meta.active_seconds().values().sum();
        let pending: f64 = self
            .time
            .pending
            .get(&doc.id)
            .map_or(0.0, |m| m.values().sum());
        saved + pending as u64
    }

    /// After a change to document `i`, whose status was `was`: the day it
    /// was marked done is recorded in its metadata (`done_on`, for progress
    /// over time), and forgotten when it is no longer done. Like the time,
    /// a record of the day, not a change of the one change path.
    pub(super) fn note_done(&mut self, i: usize, was: crate::model::DocStatus) {
        use crate::model::{DONE_ON, DocStatus, MetaValue};
        let Some(doc) = self.docs.project.documents.get_mut(i) else {
            return;
        };
        match (was == DocStatus::Done, doc.status == DocStatus::Done) {
            (false, true) => {
                doc.meta
                    .extra
                    .insert(DONE_ON.to_owned(), MetaValue::Text(today()));
            }
            (true, false) => {
                doc.meta.extra.remove(DONE_ON);
            }
            _ => {}
        }
    }

    /// Before a save: the time recorded since the last one goes into the
    /// metadata of the documents it was spent on (read back if parked),
    /// and those documents are written with the save.
    pub(super) fn record_time(&mut self) {
        if self.time.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.time.pending);
        let index: HashMap<&str, usize> = self
            .docs
            .project
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let mut docs: Vec<(usize, BTreeMap<String, f64>)> = pending
            .into_iter()
            .filter_map(|(id, by)| index.get(id.as_str()).map(|&i| (i, by)))
            .collect();
        docs.sort_by_key(|(i, _)| *i);
        let wanted: Vec<usize> = docs.iter().map(|(i, _)| *i).collect();
        if self.unpark(&wanted).is_err() {
            // Keep what cannot be written now for the next save.
            for (i, by) in docs {
                let id = self.docs.project.documents[i].id.clone();
                self.time.pending.insert(id, by);
            }
            return;
        }
        let mut written = Vec::new();
        for (i, by) in docs {
            let doc = &mut self.docs.project.documents[i];
            // Less than a second is nothing to write a file for.
            let by: Vec<(String, u64)> = by
                .into_iter()
                .map(|(who, s)| (who, s.round() as u64))
                .filter(|(_, s)| *s > 0)
                .collect();
            if by.is_empty() {
                continue;
            }
            let mut seconds = doc.meta.active_seconds();
            for (who, s) in by {
                *seconds.entry(who).or_default() += s;
            }
            doc.meta.set_active_seconds(&seconds);
            written.push(doc.id.clone());
        }
        if let crate::store::Changed::Only(ids) = &mut self.disk.unsaved {
            ids.extend(written);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Project};

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_792), "2026-12-05");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn input_time_is_counted_without_long_pauses_and_saved_per_annotator()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.ron");
        let mut p = Project::new("p");
        p.documents.push(Document::new("a", "A", "Some text."));
        p.documents.push(Document::new("b", "B", "More text."));
        crate::store::save(&p, &path)?;
        let mut s = Session::open(&path)?;
        s.set_annotator(Some("alice".into()));
        let t0 = Instant::now();
        for k in 0..=10 {
            s.note_activity(t0 + Duration::from_secs(3 * k)); // 30 s of work
        }
        // A pause of two minutes is not work.
        s.note_activity(t0 + Duration::from_secs(150));
        s.note_activity(t0 + Duration::from_secs(160)); // 10 s more
        assert_eq!(s.seconds_on_current(), 40);
        s.set_current(1)?;
        s.set_annotator(Some("bob".into()));
        s.note_activity(t0 + Duration::from_secs(165));
        assert!(!s.is_dirty(), "time alone marks nothing unsaved");
        s.save()?;
        let saved = crate::store::load(&path)?;
        let a = saved.documents[0].meta.active_seconds();
        assert_eq!(a.get("alice"), Some(&40));
        assert_eq!(
            saved.documents[1].meta.active_seconds().get("bob"),
            Some(&5)
        );
        Ok(())
    }
}
