//! A trained model: its classes, feature rows, one weight table per layer
//! with its calibration, the gazetteer, and what it learnt from; and
//! suggesting with it.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::calibrate::Platt;
use super::chain::Weights;
use super::classes::{self, Class, Tag};
use super::features;
use super::gazetteer::Gazetteer;
use super::tokens::{self, Token};
use crate::model::{Document, Score, Suggestion};

/// The version of the model file this build writes and reads.
pub const MODEL_FORMAT: u32 = 1;

/// The learning algorithm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Learner {
    /// The averaged structured perceptron, decoded with Viterbi.
    #[default]
    Perceptron,
}

impl Learner {
    /// Its name in suggestion sources (`model:spanmark-perceptron@N`).
    pub fn name(self) -> &'static str {
        match self {
            Learner::Perceptron => "perceptron",
        }
    }
}

/// One layer: the classes it tags, their weights and calibration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// The model's classes this layer tags (indices into `Model::classes`).
    pub classes: Vec<usize>,
    /// Number of tags (`1 + 2 × classes`).
    pub tags: usize,
    /// Feature weights, `rows × tags`.
    pub weights: Vec<f32>,
    /// Transition weights, `(tags + 1) × tags`.
    pub trans: Vec<f32>,
    /// Per class of the layer, the map from raw to calibrated probability.
    pub calibration: Vec<Platt>,
    /// The scores are divided by it before forward-backward (perceptron
    /// scores have no natural scale; fitted on the held-out folds).
    #[serde(default = "one")]
    pub temperature: f32,
    /// Added to the score of every tag but `O` before decoding: the
    /// perceptron leans towards `O` (most tokens are), and this, chosen
    /// for the best F1 on the held-out folds, leans it back.
    #[serde(default)]
    pub bias: f32,
}

fn one() -> f32 {
    1.0
}

impl Layer {
    pub(super) fn chain(&self) -> Weights {
        Weights {
            c: self.tags,
            weights: self.weights.clone(),
            trans: self.trans.clone(),
        }
    }
}

/// A model trained on a project's annotations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// [`MODEL_FORMAT`] of the file.
    pub format: u32,
    /// The algorithm that trained it.
    pub learner: Learner,
    /// How many documents it learnt from.
    pub documents: usize,
    /// How many spans of each class it learnt from.
    pub spans: BTreeMap<String, usize>,
    /// What it finds.
    pub classes: Vec<Class>,
    /// Its layers.
    pub layers: Vec<Layer>,
    /// The feature hash of each weight row.
    pub features: Vec<u64>,
    /// Texts tagged in the documents it learnt from.
    pub gazetteer: Gazetteer,
    /// Row of each feature hash.
    #[serde(skip)]
    pub(super) index: HashMap<u64, u32>,
    /// The layers' weights as chains, built once.
    #[serde(skip)]
    pub(super) chains: Vec<Weights>,
}

/// A span the model proposes, before it becomes a suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The class (index into `Model::classes`).
    pub class: usize,
    /// First and last token.
    pub tokens: (usize, usize),
    /// Code point range.
    pub range: (usize, usize),
    /// Raw probability (forward-backward).
    pub raw: f64,
    /// Calibrated probability.
    pub score: f64,
}

impl Model {
    /// Rebuild what is not stored (after reading a file or training).
    pub fn prepare(&mut self) {
        self.index = self
            .features
            .iter()
            .enumerate()
            .map(|(i, &h)| (h, i as u32))
            .collect();
        self.chains = self.layers.iter().map(Layer::chain).collect();
        self.gazetteer.reindex();
    }

    /// The source its suggestions carry: `model:spanmark-perceptron@N`.
    pub fn source(&self) -> String {
        format!("model:spanmark-{}@{}", self.learner.name(), self.documents)
    }

    /// The feature rows of `tokens` (features the model never saw left out).
    pub(super) fn rows(&self, tokens: &[Token]) -> Vec<Vec<u32>> {
        features::extract(tokens, &self.gazetteer, None)
            .into_iter()
            .map(|fs| {
                fs.iter()
                    .filter_map(|h| self.index.get(h).copied())
                    .collect()
            })
            .collect()
    }

    /// The spans the model finds in `tokens` with feature rows `rows`.
    pub(super) fn find(&self, tokens: &[Token], rows: &[Vec<u32>]) -> Vec<Found> {
        let mut out = Vec::new();
        for (layer, chain) in self.layers.iter().zip(&self.chains) {
            out.extend(find_in_layer(layer, chain, tokens, rows));
        }
        out
    }

    /// Suggestions for `doc`: each span the model finds, with its class's
    /// label and attributes and a calibrated score; a quote (a class whose
    /// spans had `said_by` links) is linked to the nearest speaker found
    /// in its paragraph, the pair scored as both being right.
    pub fn suggest(&self, doc: &Document) -> Vec<Suggestion> {
        let tokens = tokens::tokenize(&doc.text);
        let rows = self.rows(&tokens);
        let found = self.find(&tokens, &rows);
        let source = self.source();
        let speakers: Vec<&Found> = found
            .iter()
            .filter(|f| self.classes[f.class].name == classes::SPEAKER)
            .collect();
        let mut out: Vec<Suggestion> = found
            .iter()
            .map(|f| {
                let class = &self.classes[f.class];
                let mut s = Suggestion::new(f.range.0, f.range.1, &class.label, &source);
                s.attrs = class.attrs.clone();
                s.score = Some(Score(f.score as f32));
                if class.links
                    && let Some(w) = nearest(&tokens, f, &speakers)
                {
                    s.said_by = Some(w.range);
                    // Right as a pair when both are: "Accept all ≥ s"
                    // takes the speaker only when the pair clears s.
                    s.pair_score = Some(Score((f.score * w.score) as f32));
                }
                s
            })
            .collect();
        out.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
        out.dedup_by(|x, y| (x.start, x.end, &x.label) == (y.start, y.end, &y.label));
        out
    }
}

/// The spans one layer finds.
pub(super) fn find_in_layer(
    layer: &Layer,
    chain: &Weights,
    tokens: &[Token],
    rows: &[Vec<u32>],
) -> Vec<Found> {
    let mut em = chain.emissions(rows);
    add_bias(&mut em, chain.c, layer.bias);
    let tags = chain.viterbi(&em);
    let spans = classes::decode(&tags);
    if spans.is_empty() {
        return Vec::new();
    }
    let spans: Vec<(usize, usize, usize)> = spans
        .into_iter()
        .filter(|s| s.0 < layer.classes.len())
        .collect();
    let raw = span_probabilities(chain, &em, &spans, layer.temperature);
    spans
        .into_iter()
        .zip(raw)
        .filter_map(|((k, a, b), raw)| {
            let class = *layer.classes.get(k)?;
            let platt = layer.calibration.get(k).copied().unwrap_or_default();
            Some(Found {
                class,
                tokens: (a, b),
                range: (tokens.get(a)?.start, tokens.get(b)?.end),
                raw,
                score: platt.map(raw),
            })
        })
        .collect()
}

/// Add `bias` to every tag but `O` (emissions `n × c`).
pub(super) fn add_bias(em: &mut [f32], c: usize, bias: f32) {
    if bias == 0.0 || c == 0 {
        return;
    }
    for (i, x) in em.iter_mut().enumerate() {
        if i % c != 0 {
            *x += bias;
        }
    }
}

/// The forward-backward probability of each span `(k, a, b)` with the
/// scores divided by `temperature`.
pub(super) fn span_probabilities(
    chain: &Weights,
    em: &[f32],
    spans: &[(usize, usize, usize)],
    temperature: f32,
) -> Vec<f64> {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let soft = Weights {
        c: chain.c,
        weights: Vec::new(),
        trans: chain.trans.iter().map(|x| x / t).collect(),
    };
    let em: Vec<f32> = em.iter().map(|x| x / t).collect();
    let fb = soft.forward_backward(&em);
    spans
        .iter()
        .map(|&(k, a, b)| soft.span_probability(&em, &fb, a, b, 1 + 2 * k))
        .collect()
}

/// The speaker nearest a quote in its paragraph: after it first (`”, he
/// said`), then before it (`Ana said: “…”`); never one inside it.
fn nearest<'a>(tokens: &[Token], quote: &Found, speakers: &[&'a Found]) -> Option<&'a Found> {
    let para = |i: usize| tokens.get(i).map(|t| t.paragraph);
    let (a, b) = quote.tokens;
    let same = speakers
        .iter()
        .filter(|s| para(s.tokens.0) == para(a) && (s.tokens.1 < a || s.tokens.0 > b));
    let after = same
        .clone()
        .filter(|s| s.tokens.0 > b)
        .min_by_key(|s| s.tokens.0 - b);
    let before = same
        .filter(|s| s.tokens.1 < a)
        .min_by_key(|s| a - s.tokens.1);
    after.or(before).copied()
}

/// Tags of the layer for a document's class spans.
pub(super) fn layer_tags(
    layer_classes: &[usize],
    per_class: &[Vec<(usize, usize)>],
    tokens: &[Token],
) -> Vec<Tag> {
    let spans: Vec<(usize, usize, usize)> = layer_classes
        .iter()
        .enumerate()
        .flat_map(|(k, &c)| {
            per_class
                .get(c)
                .into_iter()
                .flatten()
                .map(move |&(a, b)| (k, a, b))
        })
        .collect();
    classes::encode(tokens, &spans)
}
