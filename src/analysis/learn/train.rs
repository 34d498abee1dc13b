//! Training: from documents and their spans to a [`Model`], with held-out
//! folds to calibrate its scores. A plain function: no threads, progress
//! through a callback, stopped by a flag.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};

use super::LearnError;
use super::calibrate::Platt;
use super::classes::{self, Class, classes_of};
use super::features;
use super::fit::{self, HeldOut};
use super::gazetteer::Gazetteer;
use super::model::{Layer, Learner, MODEL_FORMAT, Model, layer_tags};
use super::perceptron::{self, Sequence};
use super::tokens::{Token, tokenize};
use crate::model::{Document, LabelSet};

/// About how many characters of text the calibration folds are cut from.
const MAX_HELD_OUT: usize = 800_000;

/// How many of the first documents the folds are cut from.
fn held_out_docs(lessons: &[Lesson<'_>]) -> usize {
    let mut chars = 0;
    for (i, l) in lessons.iter().enumerate() {
        chars += l.doc.text.len();
        if chars >= MAX_HELD_OUT {
            return i + 1;
        }
    }
    lessons.len()
}

/// A document to learn from.
#[derive(Clone, Copy, Debug)]
pub struct Lesson<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Learn only its gold spans (a curated document).
    pub gold_only: bool,
}

/// How to train.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The algorithm.
    pub learner: Learner,
    /// Passes over the documents (at least; see `min_updates`).
    pub epochs: usize,
    /// With few documents, more passes: at least this many documents seen
    /// in all (at most 60 passes).
    pub min_updates: usize,
    /// One layer for every class (a joint model) instead of one per class.
    pub joint: bool,
    /// Held-out folds for calibration (fewer than 2: none).
    pub folds: usize,
    /// Only these classes (by name), when given.
    pub only: Option<Vec<String>>,
    /// Seed of the order documents are seen in.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            learner: Learner::Perceptron,
            epochs: 6,
            min_updates: 400,
            joint: false,
            folds: 3,
            only: None,
            seed: 7,
        }
    }
}

/// What training prepares from the documents once.
pub(super) struct Prepared {
    pub(super) tokens: Vec<Vec<Token>>,
    pub(super) rows: Vec<Vec<Vec<u32>>>,
    /// Per document, per class, the code point ranges learnt.
    pub(super) spans: Vec<Vec<Vec<(usize, usize)>>>,
    pub(super) features: Vec<u64>,
    pub(super) gazetteer: Gazetteer,
}

/// Train a model on `lessons`. `labels` (the project's) order the classes
/// and say which relation attributes a quote; `progress(done, total)` is called as work is done;
/// setting `cancel` stops the training with [`LearnError::Cancelled`].
pub fn train(
    lessons: &[Lesson<'_>],
    labels: &LabelSet,
    opts: &Options,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<Model, LearnError> {
    if lessons.is_empty() {
        return Err(LearnError::NothingToLearn);
    }
    let docs: Vec<&Document> = lessons.iter().map(|l| l.doc).collect();
    let mut classes = classes_of(&docs, labels);
    if let Some(only) = &opts.only {
        classes.retain(|c| only.contains(&c.name));
    }
    if classes.is_empty() {
        return Err(LearnError::NoSpans);
    }
    let n = lessons.len();
    let layers: Vec<Vec<usize>> = if opts.joint {
        vec![(0..classes.len()).collect()]
    } else {
        (0..classes.len()).map(|c| vec![c]).collect()
    };
    let epochs = opts.epochs.max(opts.min_updates.div_ceil(n).min(60));
    let opts = &Options {
        epochs,
        ..opts.clone()
    };
    let folds = if opts.folds >= 2 && n >= 2 * opts.folds {
        opts.folds
    } else {
        0
    };
    let per_pass = layers.len() * opts.epochs;
    // The folds are cut from the first documents holding `MAX_HELD_OUT`
    // tokens: a few hundred held-out spans fit the calibration, and the
    // training time stays that of the final model plus a bounded part.
    let held = held_out_docs(lessons);
    let total = n + per_pass * held * usize::from(folds > 0) * (folds.max(1) - 1) + per_pass * n;
    let mut done = 0usize;
    let mut tick = || {
        done += 1;
        progress(done.min(total), total);
        !cancel.load(Ordering::Relaxed)
    };
    let prep = prepare(lessons, &classes, &mut tick).ok_or(LearnError::Cancelled)?;
    let tags: Vec<Vec<Vec<u16>>> = layers
        .iter()
        .map(|l| {
            (0..n)
                .map(|d| layer_tags(l, &prep.spans[d], &prep.tokens[d]))
                .collect()
        })
        .collect();
    let rows = prep.features.len();
    // Per layer, each held-out document as its fold's weights see it.
    let mut held_out: Vec<Vec<HeldOut>> = vec![Vec::new(); layers.len()];
    for f in 0..folds {
        for (li, lc) in layers.iter().enumerate() {
            let docs = (0..n).filter(|d| d % folds != f && *d < held);
            let w = train_layer(docs, &prep.rows, &tags[li], rows, lc.len(), opts, &mut tick)?;
            for d in (0..held).filter(|d| d % folds == f) {
                held_out[li].push(HeldOut {
                    trans: w.trans.clone(),
                    c: w.c,
                    em: w.emissions(&prep.rows[d]),
                    gold: classes::decode(&tags[li][d]),
                });
            }
        }
    }
    let mut trained = Vec::new();
    for (li, lc) in layers.iter().enumerate() {
        let w = train_layer(0..n, &prep.rows, &tags[li], rows, lc.len(), opts, &mut tick)?;
        let mut layer = layer_of(lc.clone(), w.c, w.weights, w.trans);
        (layer.bias, layer.temperature, layer.calibration) = fit::fit(&held_out[li], lc.len());
        trained.push(layer);
    }
    let mut spans: BTreeMap<String, usize> = BTreeMap::new();
    for (c, class) in classes.iter().enumerate() {
        spans.insert(
            class.name.clone(),
            prep.spans.iter().map(|d| d[c].len()).sum(),
        );
    }
    let mut model = Model {
        format: MODEL_FORMAT,
        learner: opts.learner,
        documents: n,
        spans,
        classes,
        layers: trained,
        features: prep.features,
        gazetteer: prep.gazetteer,
        index: HashMap::new(),
        chains: Vec::new(),
    };
    prune(&mut model);
    model.prepare();
    Ok(model)
}

fn layer_of(classes: Vec<usize>, tags: usize, weights: Vec<f32>, trans: Vec<f32>) -> Layer {
    Layer {
        calibration: vec![Platt::default(); classes.len()],
        temperature: 1.0,
        bias: 0.0,
        classes,
        tags,
        weights,
        trans,
    }
}

/// Tokens, gazetteer, features (one tick per document) and class spans.
pub(super) fn prepare(
    lessons: &[Lesson<'_>],
    classes: &[Class],
    tick: &mut dyn FnMut() -> bool,
) -> Option<Prepared> {
    let tokens: Vec<Vec<Token>> = lessons.iter().map(|l| tokenize(&l.doc.text)).collect();
    let spans: Vec<Vec<Vec<(usize, usize)>>> = lessons
        .iter()
        .map(|l| {
            classes
                .iter()
                .map(|c| c.spans(l.doc, l.gold_only))
                .collect()
        })
        .collect();
    let mut gazetteer = Gazetteer::default();
    for (d, (toks, per_class)) in tokens.iter().zip(&spans).enumerate() {
        for (c, ranges) in per_class.iter().enumerate() {
            for &(a, b) in ranges {
                let first = toks.partition_point(|t| t.start < a);
                let last = toks.partition_point(|t| t.start < b);
                if last > first {
                    gazetteer.add(toks, first, last - 1, &classes[c].name, d);
                }
            }
        }
    }
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut features: Vec<u64> = Vec::new();
    let mut rows = Vec::with_capacity(lessons.len());
    for (d, toks) in tokens.iter().enumerate() {
        let doc_rows: Vec<Vec<u32>> = features::extract(toks, &gazetteer, Some(d))
            .into_iter()
            .map(|fs| {
                fs.into_iter()
                    .map(|h| {
                        *index.entry(h).or_insert_with(|| {
                            features.push(h);
                            (features.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        rows.push(doc_rows);
        if !tick() {
            return None;
        }
    }
    Some(Prepared {
        tokens,
        rows,
        spans,
        features,
        gazetteer,
    })
}

/// Drop the feature rows whose weights are all zero in every layer (most
/// of them: the perceptron only moves the weights of features it got
/// wrong), so the model file stays small.
fn prune(model: &mut Model) {
    let rows = model.features.len();
    let keep: Vec<bool> = (0..rows)
        .map(|r| {
            model.layers.iter().any(|l| {
                l.weights
                    .get(r * l.tags..(r + 1) * l.tags)
                    .is_some_and(|w| w.iter().any(|x| x.abs() > 1e-6))
            })
        })
        .collect();
    for l in &mut model.layers {
        let t = l.tags;
        l.weights = (0..rows)
            .filter(|&r| keep[r])
            .flat_map(|r| l.weights[r * t..(r + 1) * t].to_vec())
            .collect();
    }
    model.features = (0..rows)
        .filter(|&r| keep[r])
        .map(|r| model.features[r])
        .collect();
}

/// One layer's perceptron, trained on documents `docs` (their feature
/// rows and tags), for `classes` classes in BIO.
fn train_layer(
    docs: impl Iterator<Item = usize>,
    feats: &[Vec<Vec<u32>>],
    tags: &[Vec<classes::Tag>],
    rows: usize,
    classes: usize,
    opts: &Options,
    tick: &mut dyn FnMut() -> bool,
) -> Result<super::chain::Weights, LearnError> {
    let seqs: Vec<Sequence<'_>> = docs
        .map(|d| Sequence {
            feats: &feats[d],
            tags: &tags[d],
        })
        .collect();
    perceptron::train(&seqs, rows, 1 + 2 * classes, opts.epochs, opts.seed, tick)
        .ok_or(LearnError::Cancelled)
}
