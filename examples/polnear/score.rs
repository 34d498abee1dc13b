//! Precision, recall and F1 as the examples count them: greedy one-to-one
//! matching of predictions to gold items, and the counts per measure.

/// How many of `pred` match a gold item not matched before (greedy, in
/// order).
pub fn matched<T: Copy>(pred: &[T], gold: &[T], same: impl Fn(T, T) -> bool) -> usize {
    let mut used = vec![false; gold.len()];
    let mut n = 0;
    for &p in pred {
        if let Some(j) = (0..gold.len()).find(|&j| !used[j] && same(p, gold[j])) {
            used[j] = true;
            n += 1;
        }
    }
    n
}

/// Matches, predictions and gold items of one measure.
#[derive(Default, Clone, Copy, Debug)]
pub struct Count {
    /// Predictions that matched.
    pub hit: usize,
    /// Predictions.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Count {
    /// Count one document's figures in.
    pub fn add(&mut self, hit: usize, pred: usize, gold: usize) {
        self.hit += hit;
        self.pred += pred;
        self.gold += gold;
    }

    /// Precision, recall and F1.
    pub fn f1(&self) -> (f64, f64, f64) {
        let p = self.hit as f64 / self.pred.max(1) as f64;
        let r = self.hit as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// `P / R / **F1**`, for a Markdown table.
    pub fn cell(&self) -> String {
        let (p, r, f) = self.f1();
        format!("{p:.2} / {r:.2} / **{f:.2}**")
    }
}
