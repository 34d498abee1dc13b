//! What the held-out folds decide for each layer: the bias towards
//! finding spans (the best F1 on documents the fold did not learn from),
//! the temperature of the span probabilities and the Platt map of each
//! class (the best log loss on whether those spans were right).

use super::calibrate::Platt;
use super::chain::Weights;
use super::classes;
use super::model::{add_bias, span_probabilities};

/// Fewest held-out spans of a class to calibrate it on its own (fewer:
/// the fit over all the layer's classes is used).
const MIN_CALIBRATION: usize = 30;

/// Fewest held-out spans of the person's for choosing a bias.
const MIN_BIAS_GOLD: usize = 20;

/// Temperatures tried for the span probabilities.
const TEMPERATURES: [f32; 9] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];

/// Biases tried, as shares of the typical size of a token's score.
const BIASES: [f32; 6] = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5];

/// A decoded span: class in the layer, first and last token, and whether
/// the person has it.
type Judged = (usize, usize, usize, bool);

/// One held-out document of a fold, as one layer's fold weights see it.
#[derive(Clone)]
pub struct HeldOut {
    /// The fold's transition weights.
    pub trans: Vec<f32>,
    /// Number of tags.
    pub c: usize,
    /// The fold's emissions for the document.
    pub em: Vec<f32>,
    /// The person's spans: `(class in layer, first token, last token)`.
    pub gold: Vec<(usize, usize, usize)>,
}

impl HeldOut {
    fn chain(&self) -> Weights {
        Weights {
            c: self.c,
            weights: Vec::new(),
            trans: self.trans.clone(),
        }
    }

    /// The spans decoded with `bias`, each with whether it is right, and
    /// the biased emissions.
    fn decode(&self, bias: f32) -> (Vec<Judged>, Vec<f32>) {
        let mut em = self.em.clone();
        add_bias(&mut em, self.c, bias);
        let spans = classes::decode(&self.chain().viterbi(&em))
            .into_iter()
            .map(|(k, a, b)| (k, a, b, self.gold.contains(&(k, a, b))))
            .collect();
        (spans, em)
    }
}

/// The bias, temperature and per-class Platt maps for a layer of
/// `classes` classes from its held-out documents (none: no bias, the
/// default map).
pub fn fit(held: &[HeldOut], classes: usize) -> (f32, f32, Vec<Platt>) {
    let scale = {
        let (sum, n) = held.iter().fold((0f64, 0usize), |(s, n), h| {
            (
                s + h.em.iter().map(|x| f64::from(x.abs())).sum::<f64>(),
                n + h.em.len(),
            )
        });
        (sum / n.max(1) as f64) as f32
    };
    let gold: usize = held.iter().map(|h| h.gold.len()).sum();
    let mut bias = 0.0;
    let mut best_f1 = -1.0;
    for share in BIASES {
        let b = share * scale;
        let (mut hit, mut pred) = (0usize, 0usize);
        for h in held {
            let (spans, _) = h.decode(b);
            pred += spans.len();
            hit += spans.iter().filter(|s| s.3).count();
        }
        let f1 = 2.0 * hit as f64 / (pred + gold).max(1) as f64;
        let precision = hit as f64 / pred.max(1) as f64;
        // Only a real gain on enough spans counts, and never at the price
        // of suggestions mostly wrong: one hit more among a flood of spans
        // is no reason to lean towards spans.
        let trusted = b == 0.0 || (gold >= MIN_BIAS_GOLD && precision >= 0.3);
        if trusted && f1 > best_f1 + 0.01 {
            (bias, best_f1) = (b, f1);
        }
    }
    let decoded: Vec<_> = held.iter().map(|h| h.decode(bias)).collect();
    let mut best: (f64, f32, Vec<Platt>) = (f64::INFINITY, 1.0, vec![Platt::default(); classes]);
    for t in TEMPERATURES {
        let mut per_class: Vec<Vec<(f64, bool)>> = vec![Vec::new(); classes];
        for (h, (spans, em)) in held.iter().zip(&decoded) {
            let ranges: Vec<(usize, usize, usize)> =
                spans.iter().map(|s| (s.0, s.1, s.2)).collect();
            for (p, s) in span_probabilities(&h.chain(), em, &ranges, t)
                .into_iter()
                .zip(spans)
            {
                if let Some(list) = per_class.get_mut(s.0) {
                    list.push((p, s.3));
                }
            }
        }
        let pooled: Vec<(f64, bool)> = per_class.iter().flatten().copied().collect();
        let Some(pooled_fit) = Platt::fit(&pooled, MIN_CALIBRATION) else {
            break;
        };
        let fits: Vec<Platt> = per_class
            .iter()
            .map(|s| Platt::fit(s, MIN_CALIBRATION).unwrap_or(pooled_fit))
            .collect();
        let loss: f64 = per_class
            .iter()
            .zip(&fits)
            .flat_map(|(s, f)| {
                s.iter().map(move |&(p, r)| {
                    let q = f.map(p).clamp(1e-9, 1.0 - 1e-9);
                    if r { -q.ln() } else { -(1.0 - q).ln() }
                })
            })
            .sum();
        if loss < best.0 {
            best = (loss, t, fits);
        }
    }
    (bias, best.1, best.2)
}
