//! A linear chain over one layer's tags: per-token scores from feature
//! weights, transition scores, the best tag sequence (Viterbi, BIO kept
//! valid), and the probability of a span (forward-backward over the same
//! scores read as log-potentials).

use super::classes::{Tag, allowed};

/// A layer's weights: `weights[row * c + tag]` for each feature row, and
/// `trans[from * c + to]` with `from == c` standing for the start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// Number of tags (`1 + 2 ×` classes).
    pub c: usize,
    /// Feature weights, row-major.
    pub weights: Vec<f32>,
    /// Transition weights, `(c + 1) × c`.
    pub trans: Vec<f32>,
}

impl Weights {
    /// Zero weights for `rows` features and `c` tags.
    pub fn zero(rows: usize, c: usize) -> Self {
        Self {
            c,
            weights: vec![0.0; rows * c],
            trans: vec![0.0; (c + 1) * c],
        }
    }

    /// The score of each tag at each token: `n × c`.
    pub fn emissions(&self, feats: &[Vec<u32>]) -> Vec<f32> {
        let c = self.c;
        let mut out = vec![0.0f32; feats.len() * c];
        for (t, fs) in feats.iter().enumerate() {
            let row = &mut out[t * c..(t + 1) * c];
            for &f in fs {
                let at = f as usize * c;
                if let Some(w) = self.weights.get(at..at + c) {
                    for (r, w) in row.iter_mut().zip(w) {
                        *r += w;
                    }
                }
            }
        }
        out
    }

    fn tr(&self, from: Option<usize>, to: usize) -> f32 {
        let f = from.unwrap_or(self.c);
        let valid = allowed(from.map(|f| f as Tag), to as Tag);
        if valid {
            self.trans[f * self.c + to]
        } else {
            f32::NEG_INFINITY
        }
    }

    /// The best tag sequence for emissions `em` (`n × c`).
    pub fn viterbi(&self, em: &[f32]) -> Vec<Tag> {
        let c = self.c;
        let n = em.len() / c.max(1);
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![f32::NEG_INFINITY; n * c];
        let mut back = vec![0usize; n * c];
        for y in 0..c {
            score[y] = self.tr(None, y) + em[y];
        }
        for t in 1..n {
            for y in 0..c {
                let mut best = (f32::NEG_INFINITY, 0);
                for p in 0..c {
                    let s = score[(t - 1) * c + p] + self.tr(Some(p), y);
                    if s > best.0 {
                        best = (s, p);
                    }
                }
                score[t * c + y] = best.0 + em[t * c + y];
                back[t * c + y] = best.1;
            }
        }
        let mut y = (0..c)
            .max_by(|&a, &b| score[(n - 1) * c + a].total_cmp(&score[(n - 1) * c + b]))
            .unwrap_or(0);
        let mut out = vec![0 as Tag; n];
        for t in (0..n).rev() {
            out[t] = y as Tag;
            y = back[t * c + y];
        }
        out
    }

    /// Forward and backward log-scores (`n × c` each) and the log of the
    /// total, reading scores as log-potentials.
    pub fn forward_backward(&self, em: &[f32]) -> (Vec<f64>, Vec<f64>, f64) {
        let c = self.c;
        let n = em.len() / c.max(1);
        let mut alpha = vec![f64::NEG_INFINITY; n * c];
        let mut beta = vec![f64::NEG_INFINITY; n * c];
        if n == 0 {
            return (alpha, beta, 0.0);
        }
        for y in 0..c {
            alpha[y] = f64::from(self.tr(None, y) + em[y]);
        }
        let mut terms = vec![0f64; c];
        for t in 1..n {
            for y in 0..c {
                for (p, term) in terms.iter_mut().enumerate() {
                    *term = alpha[(t - 1) * c + p] + f64::from(self.tr(Some(p), y));
                }
                alpha[t * c + y] = log_sum(&terms) + f64::from(em[t * c + y]);
            }
        }
        for y in 0..c {
            beta[(n - 1) * c + y] = 0.0;
        }
        for t in (0..n - 1).rev() {
            for p in 0..c {
                for (y, term) in terms.iter_mut().enumerate() {
                    *term = f64::from(self.tr(Some(p), y))
                        + f64::from(em[(t + 1) * c + y])
                        + beta[(t + 1) * c + y];
                }
                beta[t * c + p] = log_sum(&terms);
            }
        }
        let z = log_sum(&alpha[(n - 1) * c..n * c]);
        (alpha, beta, z)
    }

    /// The probability that tokens `a..=b` are exactly one span of tag pair
    /// `(b_tag, b_tag + 1)`: `B` at `a`, `I` up to `b`, no `I` after.
    pub fn span_probability(
        &self,
        em: &[f32],
        fb: &(Vec<f64>, Vec<f64>, f64),
        a: usize,
        b: usize,
        b_tag: usize,
    ) -> f64 {
        let (alpha, beta, z) = fb;
        let c = self.c;
        let n = em.len() / c.max(1);
        let i_tag = b_tag + 1;
        if b >= n || a > b || i_tag >= c {
            return 0.0;
        }
        let mut s = alpha[a * c + b_tag];
        let mut prev = b_tag;
        for t in a + 1..=b {
            s += f64::from(self.tr(Some(prev), i_tag)) + f64::from(em[t * c + i_tag]);
            prev = i_tag;
        }
        let exit = if b + 1 == n {
            0.0
        } else {
            let terms: Vec<f64> = (0..c)
                .filter(|&y| y != i_tag)
                .map(|y| {
                    f64::from(self.tr(Some(prev), y))
                        + f64::from(em[(b + 1) * c + y])
                        + beta[(b + 1) * c + y]
                })
                .collect();
            log_sum(&terms)
        };
        (s + exit - z).exp().clamp(0.0, 1.0)
    }
}

/// `ln Σ exp(x)`, safe for large and infinite terms.
pub fn log_sum(xs: &[f64]) -> f64 {
    let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + xs.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_keeps_bio_valid_and_span_probabilities_add_up() {
        // Three tags (O, B, I); emissions prefer I at the start, which BIO
        // forbids.
        let w = Weights::zero(0, 3);
        let em = [0.0, 0.5, 2.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let tags = w.viterbi(&em);
        assert_eq!(tags, [1, 2, 0]);
        let fb = w.forward_backward(&em);
        let p01 = w.span_probability(&em, &fb, 0, 1, 1);
        assert!(p01 > 0.3 && p01 < 1.0, "{p01}");
        // Every way token 0 can begin a span, plus it not doing so, is 1.
        let p0: f64 = (0..3).map(|b| w.span_probability(&em, &fb, 0, b, 1)).sum();
        let not_b = {
            let (al, be, z) = &fb;
            ((al[0] + be[0] - z).exp()) + ((al[2] + be[2] - z).exp())
        };
        assert!((p0 + not_b - 1.0).abs() < 1e-9, "{p0} + {not_b}");
    }
}
