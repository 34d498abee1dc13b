//! A model's suggestions for the document shown, from the suggester
//! command set in the Suggestions panel (kept between runs), run on
//! another thread through the external protocol; the window stays
//! responsive and says when it is done.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::analysis::suggest::external;

use super::SpanmarkApp;

/// How long the window waits for the model's answer.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A suggester running for one document.
#[derive(Debug)]
pub struct SuggestJob {
    /// The document asked about (by id).
    pub doc: String,
    /// When it began.
    pub started: Instant,
    rx: Receiver<Result<external::Answers, String>>,
}

impl SpanmarkApp {
    /// Run the configured suggester on the document shown.
    pub(super) fn run_suggester(&mut self) {
        let command = self.suggester.trim().to_owned();
        if command.is_empty() {
            return self
                .state
                .info("Type the suggester's command first (e.g. python my_ner.py)");
        }
        if self.state.suggest_job.is_some() {
            return self.state.info("The suggester is running already");
        }
        let Some(doc) = self.session.document().cloned() else {
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let id = doc.id.clone();
        std::thread::spawn(move || {
            let source = format!(
                "model:{}",
                command.split_whitespace().last().unwrap_or(&command)
            );
            let result =
                external::run(&command, &[&doc], &source, TIMEOUT).map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        self.state.suggest_job = Some(SuggestJob {
            doc: id,
            started: Instant::now(),
            rx,
        });
    }

    /// Take in the suggester's answer, when it has come.
    pub(super) fn poll_suggester(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.state.suggest_job else {
            return;
        };
        ctx.request_repaint_after(Duration::from_millis(100));
        let result = match job.rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err("the suggester stopped unexpectedly".to_owned()),
        };
        let doc_id = job.doc.clone();
        self.state.suggest_job = None;
        let answers = match result {
            Ok(a) => a,
            Err(e) => return self.state.error(format!("No suggestions: {e}")),
        };
        let docs = &self.session.project().documents;
        let Some(i) = docs.iter().position(|d| d.id == doc_id) else {
            return self.state.info("The document asked about is gone");
        };
        if let Err(e) = self.session.unpark(&[i]) {
            return self.state.error(format!("No suggestions: {e}"));
        }
        let found = answers.suggestions.into_iter().flatten();
        let proposal = crate::session::suggest::offer(&self.session, i, found, " from the model");
        if self.propose(proposal) {
            self.state.left = Some(super::state::LeftTab::Suggestions);
        }
    }
}
