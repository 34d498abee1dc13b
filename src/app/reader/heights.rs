//! Paragraph heights with O(log n) update, prefix sum and lookup by y
//! (a Fenwick tree), so scrolling a long document never walks every paragraph.

/// Heights of consecutive rows of content; positions are prefix sums.
#[derive(Clone, Debug, Default)]
pub struct Heights {
    values: Vec<f64>,
    /// Fenwick tree (1-based) over `values`.
    tree: Vec<f64>,
}

impl Heights {
    /// Heights from a list, in O(n).
    pub fn new(values: Vec<f32>) -> Self {
        let values: Vec<f64> = values.into_iter().map(f64::from).collect();
        let n = values.len();
        let mut tree = vec![0.0; n + 1];
        for i in 1..=n {
            tree[i] += values[i - 1];
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[i];
            }
        }
        Self { values, tree }
    }

    /// Change the height of row `i`; returns whether it changed noticeably.
    pub fn set(&mut self, i: usize, height: f32) -> bool {
        let Some(old) = self.values.get(i).copied() else {
            return false;
        };
        let delta = f64::from(height) - old;
        if delta.abs() < 0.5 {
            return false;
        }
        self.values[i] = f64::from(height);
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] += delta;
            k += k & k.wrapping_neg();
        }
        true
    }

    /// The y where row `i` starts (sum of the heights before it).
    pub fn top(&self, i: usize) -> f32 {
        let mut k = i.min(self.values.len());
        let mut sum = 0.0;
        while k > 0 {
            sum += self.tree[k];
            k -= k & k.wrapping_neg();
        }
        sum as f32
    }

    /// Total height.
    pub fn total(&self) -> f32 {
        self.top(self.values.len())
    }

    /// The row that contains `y` (the last row whose top is at or above `y`).
    pub fn find(&self, y: f32) -> usize {
        let n = self.values.len();
        if n == 0 {
            return 0;
        }
        let y = f64::from(y);
        let mut pos = 0;
        let mut rem = y;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rem {
                pos = next;
                rem -= self.tree[next];
            }
            step >>= 1;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_sums_updates_and_lookup_agree_with_a_plain_sum() {
        let vals: Vec<f32> = (0..37).map(|i| 10.0 + (i % 5) as f32 * 7.0).collect();
        let mut h = Heights::new(vals.clone());
        let mut plain = vals;
        assert!(h.set(5, 100.0));
        plain[5] = 100.0;
        assert!(!h.set(6, plain[6] + 0.1));
        let mut acc = 0.0;
        for (i, v) in plain.iter().enumerate() {
            assert!((h.top(i) - acc).abs() < 1e-3, "top {i}");
            assert_eq!(h.find(acc), i, "find at top {i}");
            assert_eq!(h.find(acc + v - 0.01), i, "find inside {i}");
            acc += v;
        }
        assert!((h.total() - acc).abs() < 1e-3);
        assert_eq!(h.find(acc + 50.0), plain.len() - 1);
        assert_eq!(h.find(-5.0), 0);
    }
}
