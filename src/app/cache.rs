//! A value derived from the session, recomputed only when its key (a
//! revision number and whatever else it depends on) changes: how panels stay
//! O(visible) per frame.

/// A cached value and the key it was computed for.
#[derive(Debug)]
pub struct Cached<K, V> {
    entry: Option<(K, V)>,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Self { entry: None }
    }
}

impl<K: PartialEq, V> Cached<K, V> {
    /// The value for `key`, computed by `compute` when the key changed.
    pub fn get(&mut self, key: K, compute: impl FnOnce(&K) -> V) -> &V {
        if self.entry.as_ref().is_none_or(|(k, _)| *k != key) {
            let value = compute(&key);
            self.entry = Some((key, value));
        }
        match &self.entry {
            Some((_, v)) => v,
            None => unreachable!("just filled"),
        }
    }
}
