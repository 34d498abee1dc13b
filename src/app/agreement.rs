//! Curate > Agreement on another thread: the project's snapshot (parked
//! documents read back there), split by annotator and compared, while the
//! window goes on; the table opens when it is ready.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use crate::analysis::agree::{self, Agreement};

use super::SpanmarkApp;
use super::state::Modal;

/// What a comparison found: the agreement, or `None` when the spans are
/// by one annotator only.
type Found = Result<Option<Agreement>, String>;

/// A comparison of the annotators, running.
#[derive(Debug)]
pub struct AgreementJob {
    rx: Receiver<Found>,
}

impl SpanmarkApp {
    /// Compare the project's annotators off the UI thread.
    pub(super) fn start_agreement(&mut self) {
        if self.state.agreement_job.is_some() {
            return;
        }
        let snapshot = self.session.snapshot();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let found = snapshot.whole().map_err(|e| e.to_string()).map(|project| {
                let split = agree::split_by_annotator(&project);
                let refs: Vec<(String, &crate::model::Project)> =
                    split.iter().map(|(n, p)| (n.clone(), p)).collect();
                (refs.len() >= 2).then(|| agree::agree(&refs))
            });
            let _ = tx.send(found);
        });
        self.state.agreement_job = Some(AgreementJob { rx });
        self.state.info("Comparing the annotators…");
    }

    /// Show the agreement table once the comparison is done.
    pub(super) fn poll_agreement(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.state.agreement_job else {
            return;
        };
        ctx.request_repaint_after(Duration::from_millis(50));
        let found = match job.rx.try_recv() {
            Ok(found) => found,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err("the comparison stopped unexpectedly".into()),
        };
        self.state.agreement_job = None;
        match found {
            Ok(Some(agreement)) => {
                self.state.info("Agreement of the annotators");
                self.state.modal = Some(Modal::Agreement(Box::new(agreement)));
            }
            Ok(None) => self.state.info(
                "This project's spans are by one annotator: merge the annotators' projects (spanmark merge) to compare them",
            ),
            Err(e) => self.state.error(format!("No agreement: {e}")),
        }
    }
}
