//! Scores that mean what they say. A span's raw probability (its
//! forward-backward marginal) is mapped through a logistic curve fitted
//! (Platt scaling, with Platt's smoothed targets) on spans the model
//! proposed for documents it had not learnt from (held-out folds), so that
//! among suggestions scored about `s`, about `s` of them are right.

use serde::{Deserialize, Serialize};

/// A fitted map from a raw probability to a calibrated one:
/// `σ(a · logit(p) + b)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    /// Slope (kept positive, so the order of scores never changes).
    pub a: f64,
    /// Offset.
    pub b: f64,
}

impl Default for Platt {
    /// With nothing to fit: half-way between the raw probability and
    /// an even chance (a model never checked is not trusted fully).
    fn default() -> Self {
        Self { a: 0.5, b: 0.0 }
    }
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Platt {
    /// The calibrated probability of a raw one.
    pub fn map(&self, p: f64) -> f64 {
        sigmoid(self.a * logit(p) + self.b)
    }

    /// Fit on `(raw probability, right)` pairs; `None` with fewer than
    /// `min` pairs or only one outcome among them.
    pub fn fit(samples: &[(f64, bool)], min: usize) -> Option<Platt> {
        let pos = samples.iter().filter(|s| s.1).count();
        let neg = samples.len() - pos;
        if samples.len() < min {
            return None;
        }
        if pos == 0 || neg == 0 {
            // All right or all wrong: the (smoothed) rate, nearly flat.
            let rate = (pos as f64 + 1.0) / (samples.len() as f64 + 2.0);
            return Some(Platt {
                a: 0.05,
                b: logit(rate) - 0.05 * logit(0.5),
            });
        }
        // Platt's targets: never exactly 0 or 1.
        let hi = (pos as f64 + 1.0) / (pos as f64 + 2.0);
        let lo = 1.0 / (neg as f64 + 2.0);
        let data: Vec<(f64, f64)> = samples
            .iter()
            .map(|&(p, r)| (logit(p), if r { hi } else { lo }))
            .collect();
        let loss = |a: f64, b: f64| -> f64 {
            let ridge = 1e-3 * (a - 1.0) * (a - 1.0) / 2.0;
            ridge
                + data
                    .iter()
                    .map(|&(x, t)| {
                        let z = a * x + b;
                        // log(1 + e^z) - t z, computed stably.
                        z.max(0.0) + (-z.abs()).exp().ln_1p() - t * z
                    })
                    .sum::<f64>()
        };
        let (mut a, mut b) = (1.0f64, 0.0f64);
        let mut current = loss(a, b);
        for _ in 0..100 {
            // Newton's method on the log loss (a small ridge keeps the
            // slope near 1 with little data), with step halving.
            let (mut ga, mut gb) = (1e-3 * (a - 1.0), 0.0);
            let (mut haa, mut hab, mut hbb) = (1e-3, 0.0, 1e-9);
            for &(x, t) in &data {
                let p = sigmoid(a * x + b);
                let d = p - t;
                let w = (p * (1.0 - p)).max(1e-12);
                ga += d * x;
                gb += d;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-15 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            let mut step = 1.0;
            let mut moved = false;
            while step > 1e-6 {
                let (na, nb) = (a - step * da, b - step * db);
                let l = loss(na, nb);
                if l <= current {
                    (a, b, current, moved) = (na, nb, l, true);
                    break;
                }
                step /= 2.0;
            }
            if !moved || (da.abs() + db.abs()) * step < 1e-10 {
                break;
            }
        }
        if !a.is_finite() || !b.is_finite() {
            return None;
        }
        Some(Platt { a: a.max(0.05), b })
    }
}

/// Reliability: for each threshold, the share right among scores at or
/// above it and how many there are.
pub fn reliability(scored: &[(f64, bool)], thresholds: &[f64]) -> Vec<(f64, Option<f64>, usize)> {
    thresholds
        .iter()
        .map(|&s| {
            let above: Vec<bool> = scored
                .iter()
                .filter(|x| x.0 >= s - 1e-9)
                .map(|x| x.1)
                .collect();
            let right = above.iter().filter(|r| **r).count();
            let share = (!above.is_empty()).then(|| right as f64 / above.len() as f64);
            (s, share, above.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overconfident_model_is_pulled_down() {
        // Raw 0.99 is right half the time, raw 0.6 a tenth of the time.
        let mut s = Vec::new();
        for i in 0..200 {
            s.push((0.99, i % 2 == 0));
            s.push((0.6, i % 10 == 0));
        }
        let p = Platt::fit(&s, 20).unwrap_or_default();
        assert!((p.map(0.99) - 0.5).abs() < 0.05, "{}", p.map(0.99));
        assert!((p.map(0.6) - 0.1).abs() < 0.05, "{}", p.map(0.6));
        assert!(p.map(0.99) > p.map(0.6), "order kept");
        assert!(Platt::fit(&s[..5], 20).is_none());
        let wrong: Vec<(f64, bool)> = (0..50).map(|_| (0.99, false)).collect();
        let p = Platt::fit(&wrong, 20).unwrap_or_default();
        assert!(p.map(0.99) < 0.05, "always wrong: {}", p.map(0.99));
        let r = reliability(&s, &[0.5, 0.99]);
        assert_eq!(r[1].2, 200);
        assert!((r[1].1.unwrap_or(0.0) - 0.5).abs() < 1e-9);
    }
}
