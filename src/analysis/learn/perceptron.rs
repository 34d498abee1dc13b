//! The averaged structured perceptron (Collins 2002): for each training
//! document in turn, decode with the current weights and, where the best
//! sequence differs from the person's tags, add the features of their tags
//! and subtract those of the decoded ones; the weights kept are the
//! average over every step, which generalises far better than the last.

use super::chain::Weights;
use super::classes::Tag;

/// A small deterministic generator (xorshift64*) for the order documents
/// are seen in: the same seed, the same model.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

/// One training sequence: each token's feature rows, and its tags.
pub struct Sequence<'a> {
    /// Feature rows per token.
    pub feats: &'a [Vec<u32>],
    /// The person's tags.
    pub tags: &'a [Tag],
}

/// Running sums for the average (the lazy trick: `acc` holds each update
/// times the step it was made at, and the average is `w - acc / steps`).
struct Averaged {
    w: Weights,
    acc: Weights,
    step: f32,
}

impl Averaged {
    fn add(&mut self, feats: &[u32], tag: usize, by: f32) {
        let c = self.w.c;
        for &f in feats {
            let at = f as usize * c + tag;
            if let (Some(w), Some(a)) = (self.w.weights.get_mut(at), self.acc.weights.get_mut(at)) {
                *w += by;
                *a += by * self.step;
            }
        }
    }

    fn add_trans(&mut self, from: Option<Tag>, to: Tag, by: f32) {
        let c = self.w.c;
        let at = from.map_or(c, usize::from) * c + usize::from(to);
        if let (Some(w), Some(a)) = (self.w.trans.get_mut(at), self.acc.trans.get_mut(at)) {
            *w += by;
            *a += by * self.step;
        }
    }

    fn average(self) -> Weights {
        let s = self.step.max(1.0);
        let avg = |w: &[f32], a: &[f32]| w.iter().zip(a).map(|(w, a)| w - a / s).collect();
        Weights {
            c: self.w.c,
            weights: avg(&self.w.weights, &self.acc.weights),
            trans: avg(&self.w.trans, &self.acc.trans),
        }
    }
}

/// Train weights for `c` tags over `rows` feature rows: `epochs` passes
/// over `seqs` in an order shuffled by `seed`. `tick` is called after each
/// sequence and stops the training (returning `None`) when it says false.
pub fn train(
    seqs: &[Sequence<'_>],
    rows: usize,
    c: usize,
    epochs: usize,
    seed: u64,
    tick: &mut dyn FnMut() -> bool,
) -> Option<Weights> {
    let mut m = Averaged {
        w: Weights::zero(rows, c),
        acc: Weights::zero(rows, c),
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = Rng::new(seed);
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &s in &order {
            let seq = &seqs[s];
            let guess = m.w.viterbi(&m.w.emissions(seq.feats));
            if guess != seq.tags {
                for (t, (&g, &y)) in guess.iter().zip(seq.tags).enumerate() {
                    let prev_g = t.checked_sub(1).map(|p| guess[p]);
                    let prev_y = t.checked_sub(1).map(|p| seq.tags[p]);
                    if g != y {
                        m.add(&seq.feats[t], usize::from(y), 1.0);
                        m.add(&seq.feats[t], usize::from(g), -1.0);
                    }
                    if (prev_g, g) != (prev_y, y) {
                        m.add_trans(prev_y, y, 1.0);
                        m.add_trans(prev_g, g, -1.0);
                    }
                }
            }
            m.step += 1.0;
            if !tick() {
                return None;
            }
        }
    }
    Some(m.average())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_pattern() {
        // Feature 0: "quote mark", feature 1: "word"; a span is B on a mark
        // and I on the words up to the next mark.
        let feats: Vec<Vec<u32>> = vec![vec![1], vec![0], vec![1], vec![1], vec![0], vec![1]];
        let tags: Vec<Tag> = vec![0, 1, 2, 2, 2, 0];
        let seqs = [Sequence {
            feats: &feats,
            tags: &tags,
        }];
        let mut ticks = 0;
        let w = train(&seqs, 2, 3, 5, 1, &mut || {
            ticks += 1;
            true
        });
        let w = w.unwrap_or_default();
        assert_eq!(ticks, 5);
        assert_eq!(w.viterbi(&w.emissions(&feats)), tags);
        assert!(
            train(&seqs, 2, 3, 5, 1, &mut || false).is_none(),
            "cancelled"
        );
    }
}
