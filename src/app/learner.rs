//! The model that learns from the person, in the window. It trains on
//! another thread from a snapshot of the project (the documents marked
//! done, and curated gold spans), never blocking a frame; a line in the
//! Suggestions panel says how far it is. It trains again when more
//! documents are done, and its file is kept beside the project (rebuilt
//! when missing). Its suggestions come with the rules' (one undoable
//! step), and after each training it measures how unsure it is of each
//! document not done, for "most uncertain first".

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::analysis::learn::{self, LearnError, Model};
use crate::model::{DocStatus, Project};
use crate::session::{Session, Snapshot};

use super::SpanmarkApp;

/// Documents the window measures the model's uncertainty on, at most (in
/// project order; the others sort after them).
const MEASURED: usize = 5_000;

/// How long after the last change a new training waits (a burst of
/// marking documents done starts one training, not many).
const SETTLE: Duration = Duration::from_secs(2);

/// How unsure the model is of each document not done.
#[derive(Debug, Default)]
pub struct Uncertainty {
    /// By document id, 0 (sure) to 1 (a coin toss).
    pub by_doc: HashMap<String, f32>,
    /// Changes whenever the figures do (the document list re-sorts).
    pub generation: u64,
}

/// The window's learner: its model, its training job, and what it
/// measured.
#[derive(Debug)]
pub struct Learner {
    /// The model, once trained or read from its file.
    pub model: Option<Arc<Model>>,
    /// The training running, if any.
    pub job: Option<TrainJob>,
    /// The documents done when the model (or the job running) began to
    /// learn: more than that starts another training.
    taught: usize,
    /// Whether the model file beside the project was looked for.
    looked: bool,
    /// When the project last changed (a training waits for it to settle).
    changed: (u64, Instant),
    /// Why the last training taught nothing, if it did not.
    pub note: Option<String>,
    /// How unsure the model is of each document not done.
    pub uncertainty: Uncertainty,
}

impl Default for Learner {
    fn default() -> Self {
        Self {
            model: None,
            job: None,
            taught: 0,
            looked: false,
            changed: (0, Instant::now()),
            note: None,
            uncertainty: Uncertainty::default(),
        }
    }
}

/// A training on another thread; dropping it cancels it.
#[derive(Debug)]
pub struct TrainJob {
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    /// When it began.
    pub started: Instant,
    /// What it is doing now, and how far (done, total).
    pub phase: (&'static str, usize, usize),
}

impl Drop for TrainJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What the training thread says.
enum Msg {
    Progress(&'static str, usize, usize),
    Finished(Box<Trained>),
}

/// A training's outcome: the model and what it is unsure of, or why not.
type Trained = Result<(Model, HashMap<String, f32>), String>;

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Progress(what, done, total) => write!(f, "{what} {done}/{total}"),
            Msg::Finished(r) => write!(f, "finished ({})", r.as_ref().is_ok()),
        }
    }
}

impl Learner {
    /// A line for the Suggestions panel: what the model learnt, or how far
    /// its training is.
    pub fn status(&self) -> String {
        if let Some(job) = &self.job {
            let (what, done, total) = job.phase;
            let share = (100 * done).checked_div(total).unwrap_or(0);
            return format!("{what}… {share}%");
        }
        match (&self.model, &self.note) {
            (Some(m), _) => format!(
                "Model: learnt from {} document{}",
                m.documents,
                if m.documents == 1 { "" } else { "s" }
            ),
            (None, Some(note)) => format!("Model: {note}"),
            (None, None) => "Model: learns once documents are marked done (Ctrl+D)".to_owned(),
        }
    }
}

impl SpanmarkApp {
    /// Look for the model file, take in the training's news, and start a
    /// training when more documents are done than the model learnt from.
    pub(super) fn poll_learner(&mut self, ctx: &egui::Context) {
        let path = self.session.path().map(learn::model_path);
        let learner = &mut self.state.learner;
        if !learner.looked {
            learner.looked = true;
            if let Some(model) = path.as_deref().and_then(|p| learn::load(p).ok()) {
                learner.taught = model.documents;
                learner.model = Some(Arc::new(model));
            }
        }
        if let Some(job) = &mut learner.job {
            ctx.request_repaint_after(Duration::from_millis(100));
            let mut finished = None;
            loop {
                match job.rx.try_recv() {
                    Ok(Msg::Progress(what, done, total)) => job.phase = (what, done, total),
                    Ok(Msg::Finished(result)) => finished = Some(*result),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished.get_or_insert(Err("the training stopped unexpectedly".to_owned()));
                        break;
                    }
                }
            }
            match finished {
                None => return,
                Some(Ok((model, uncertain))) => {
                    learner.note = None;
                    learner.model = Some(Arc::new(model));
                    learner.uncertainty.by_doc = uncertain;
                    learner.uncertainty.generation += 1;
                }
                Some(Err(e)) => learner.note = Some(e),
            }
            learner.job = None;
        }
        let revision = self.session.revision();
        if learner.changed.0 != revision {
            learner.changed = (revision, Instant::now());
        }
        let done = self.session.summary().done();
        let settled = learner.changed.1.elapsed() >= SETTLE;
        if self.learn && done > learner.taught && learner.job.is_none() {
            if settled {
                self.train_now(path);
            } else {
                ctx.request_repaint_after(SETTLE);
            }
        }
    }

    /// Start training on the project as it is now (the window stays
    /// usable; the panel shows how far it is).
    pub(super) fn train_now(&mut self, path: Option<PathBuf>) {
        let learner = &mut self.state.learner;
        learner.job = None;
        learner.taught = self.session.summary().done();
        let snapshot = self.session.snapshot();
        let to_measure = self
            .session
            .project()
            .documents
            .iter()
            .filter(|d| d.status != DocStatus::Done)
            .count()
            .min(MEASURED);
        let (tx, rx) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::spawn(move || {
            let result = train_and_measure(&snapshot, path, to_measure, &tx, &flag);
            let _ = tx.send(Msg::Finished(Box::new(result)));
        });
        learner.job = Some(TrainJob {
            rx,
            cancel,
            started: Instant::now(),
            phase: ("Reading the documents", 0, 1),
        });
    }
}

/// On the training thread: gather the documents that teach, train, save
/// the model beside the project, and measure the documents not done.
fn train_and_measure(
    snapshot: &Snapshot,
    path: Option<PathBuf>,
    to_measure: usize,
    tx: &Sender<Msg>,
    cancel: &AtomicBool,
) -> Trained {
    // The documents that teach, read back in chunks if parked.
    let mut teach: Option<Project> = None;
    let _ = tx.send(Msg::Progress("Reading the documents", 0, 1));
    snapshot
        .for_each_chunk(
            256,
            |chunk: Project| -> Result<(), crate::store::StoreError> {
                let ids: Vec<String> = learn::lessons(&chunk)
                    .iter()
                    .map(|l| l.doc.id.clone())
                    .collect();
                let mut shell = chunk.clone();
                shell.documents.clear();
                let into = teach.get_or_insert(shell);
                into.documents
                    .extend(chunk.documents.into_iter().filter(|d| ids.contains(&d.id)));
                Ok(())
            },
        )
        .map_err(|e| e.to_string())?;
    let teach = teach.unwrap_or_else(|| Project::new("empty"));
    let lessons = learn::lessons(&teach);
    let mut progress = |done: usize, total: usize| {
        let _ = tx.send(Msg::Progress("Learning from your work", done, total));
    };
    let model = learn::train(
        &lessons,
        &teach.labels,
        &learn::Options::default(),
        &mut progress,
        cancel,
    )
    .map_err(|e| match e {
        LearnError::NothingToLearn | LearnError::NoSpans => "nothing to learn from yet".to_owned(),
        e => e.to_string(),
    })?;
    if let Some(path) = path {
        // Kept beside the project (a failure only means training again).
        let _ = learn::save(&model, &path);
    }
    let mut uncertain = HashMap::new();
    let mut seen = 0;
    let _ = snapshot.for_each_chunk(
        64,
        |chunk: Project| -> Result<(), crate::store::StoreError> {
            for doc in chunk
                .documents
                .iter()
                .filter(|d| d.status != DocStatus::Done)
            {
                if seen >= to_measure || cancel.load(Ordering::Relaxed) {
                    return Ok(());
                }
                seen += 1;
                uncertain.insert(doc.id.clone(), learn::uncertainty(&model.suggest(doc)));
            }
            let _ = tx.send(Msg::Progress(
                "Measuring what it is unsure of",
                seen,
                to_measure,
            ));
            Ok(())
        },
    );
    Ok((model, uncertain))
}

/// The model's suggestions for the document shown, if there is a model.
pub fn model_suggestions(
    session: &Session,
    model: Option<&Model>,
) -> Vec<crate::model::Suggestion> {
    match (model, session.document()) {
        (Some(m), Some(doc)) => m.suggest(doc),
        _ => Vec::new(),
    }
}
