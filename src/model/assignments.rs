//! Who annotates which document: a plain map in the project (a folder
//! project's manifest), so an assignment is a file in git, no server. A
//! share of the documents goes to two annotators, for agreement.

use std::collections::BTreeMap;

/// The annotators of each document, by document id.
pub type Assignments = BTreeMap<String, Vec<String>>;

/// Assign `docs` (ids) to `annotators` in turn, in an order shuffled by
/// `seed`, so each gets about as many; a share `overlap` (0 to 1) of the
/// documents also goes to the next annotator in turn, for agreement.
pub fn assign(docs: &[String], annotators: &[String], overlap: f64, seed: u64) -> Assignments {
    let mut out = Assignments::new();
    if annotators.is_empty() {
        return out;
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    // Fisher–Yates with splitmix64: the same seed, the same assignment.
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..order.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let shared = ((docs.len() as f64) * overlap.clamp(0.0, 1.0)).round() as usize;
    let n = annotators.len();
    for (k, &d) in order.iter().enumerate() {
        let mut who = vec![annotators[k % n].clone()];
        if k < shared && n > 1 {
            who.push(annotators[(k + 1) % n].clone());
        }
        out.insert(docs[d].clone(), who);
    }
    out
}

/// The documents assigned to `who`, by id.
pub fn assigned_to<'a>(
    assignments: &'a Assignments,
    who: &'a str,
) -> impl Iterator<Item = &'a str> {
    assignments
        .iter()
        .filter(move |(_, people)| people.iter().any(|p| p == who))
        .map(|(doc, _)| doc.as_str())
}

/// Two sides' assignments merged against their base: per document, the
/// side that changed it (ours when both did).
pub fn merge(base: Option<&Assignments>, ours: &Assignments, theirs: &Assignments) -> Assignments {
    let mut out = ours.clone();
    for (doc, t) in theirs {
        let b = base.and_then(|b| b.get(doc));
        match ours.get(doc) {
            Some(o) if b == Some(o) && o != t => {
                out.insert(doc.clone(), t.clone());
            }
            Some(_) => {}
            None if b.is_none() => {
                out.insert(doc.clone(), t.clone());
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_shared_out_evenly_with_an_overlap_and_a_seed() {
        let docs: Vec<String> = (0..100).map(|i| format!("d{i}")).collect();
        let people: Vec<String> = ["alice", "bob", "carol"].map(String::from).to_vec();
        let a = assign(&docs, &people, 0.2, 7);
        assert_eq!(a.len(), 100);
        assert_eq!(a.values().filter(|w| w.len() == 2).count(), 20);
        for p in &people {
            let n = assigned_to(&a, p).count();
            assert!((38..=42).contains(&n), "{p}: {n}");
        }
        assert_eq!(a, assign(&docs, &people, 0.2, 7), "the same seed, the same");
        assert_ne!(a, assign(&docs, &people, 0.2, 8));
    }
}
