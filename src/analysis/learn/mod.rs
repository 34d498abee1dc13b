//! A model that learns from the person: a sequence labeller trained on a
//! project's own annotations, in pure Rust.
//!
//! Documents are cut into tokens ([`tokens`]), each token described by
//! hashed features ([`features`]: the word, its shape and affixes, its
//! neighbours, its place in the sentence, the texts tagged elsewhere in the
//! project, and where it stands with respect to quotation marks). For each
//! layer of classes ([`classes`]: one per label, plus `speaker` for the
//! targets of `said_by`), an averaged structured perceptron
//! ([`perceptron`]) learns BIO tags, decoded with Viterbi ([`chain`]);
//! each span found gets its forward-backward probability, calibrated on
//! held-out folds ([`calibrate`]). [`train`] and [`Model::suggest`] are
//! plain functions over documents: no threads, progress through a
//! callback, a flag to cancel. The model is saved beside the project
//! ([`mod@file`]).
//!
//! Which documents teach ([`lessons`]): those marked done, with all their
//! spans, or only their gold spans when they hold any (a curated
//! document); and documents not marked done whose spans are all gold
//! (their curation is finished).

pub mod calibrate;
pub mod chain;
pub mod classes;
#[cfg(feature = "crf")]
pub mod crf;
pub mod features;
pub mod file;
mod fit;
pub mod gazetteer;
mod model;
pub mod perceptron;
pub mod tokens;
mod train;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use file::{load, model_path, save};
pub use model::{Found, Layer, Learner, MODEL_FORMAT, Model};
pub use train::{Lesson, Options, train};

use crate::model::{DocStatus, Project};

/// What can go wrong while learning or reading a model.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    /// No document is marked done (or curated).
    #[error("nothing to learn from: mark documents done (or curate them) first")]
    NothingToLearn,
    /// The documents hold no span of a class the model could learn.
    #[error("the documents to learn from hold no spans")]
    NoSpans,
    /// The cancel flag was set.
    #[error("training cancelled")]
    Cancelled,
    /// A model file of another format.
    #[error(
        "the model file is of format {found}; this build reads format {MODEL_FORMAT}: train again"
    )]
    Format {
        /// The file's format.
        found: u32,
    },
    /// The model file cannot be read as a model.
    #[error("the model file cannot be read ({0}): train again")]
    Decode(String),
    /// The model cannot be written as bytes.
    #[error("the model cannot be encoded: {0}")]
    Encode(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

/// The documents of `project` to learn from (see the module
/// documentation). Parked documents are left out: pass a project whose
/// documents are all in memory (the window's `Session::snapshot()`).
pub fn lessons(project: &Project) -> Vec<Lesson<'_>> {
    project
        .documents
        .iter()
        .filter(|d| d.parked.is_none())
        .filter_map(|doc| {
            let any_gold = doc.spans.iter().any(|s| s.gold);
            let all_gold = any_gold && doc.spans.iter().all(|s| s.gold);
            match doc.status {
                DocStatus::Done => Some(Lesson {
                    doc,
                    gold_only: any_gold,
                }),
                _ if all_gold => Some(Lesson {
                    doc,
                    gold_only: true,
                }),
                _ => None,
            }
        })
        .collect()
}

/// How unsure the model is about a document, from its suggestions: the
/// mean closeness of their scores to one half (1 for a coin toss, 0 for a
/// sure yes or no), 0 without any. "Most uncertain first" orders the
/// documents not done by it: correcting them teaches the model most.
pub fn uncertainty(found: &[crate::model::Suggestion]) -> f32 {
    let scores: Vec<f32> = found.iter().filter_map(|s| s.score.map(|x| x.0)).collect();
    if scores.is_empty() {
        return 0.0;
    }
    let sum: f32 = scores
        .iter()
        .map(|p| 1.0 - (2.0 * p.clamp(0.0, 1.0) - 1.0).abs())
        .sum();
    sum / scores.len() as f32
}
