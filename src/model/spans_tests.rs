//! The span set: order, overlap queries, edits and their indexes.

use super::*;

fn set_of(ranges: &[(usize, usize)]) -> SpanSet {
    ranges
        .iter()
        .enumerate()
        .map(|(i, (a, b))| Span::new(SpanId(i as u64 + 1), *a, *b, "entity"))
        .collect()
}

#[test]
fn finds_exactly_the_overlapping_spans() {
    // Long spans that start early must still be found late.
    let ranges = [
        (0, 150),
        (5, 8),
        (10, 20),
        (12, 14),
        (30, 31),
        (40, 100),
        (99, 120),
        (150, 151),
        (3, 1000),
    ];
    let set = set_of(&ranges);
    for a in 0..160 {
        for b in a..a + 12 {
            let brute: Vec<SpanId> = set
                .iter()
                .filter(|s| s.start < b.max(a + 1) && s.end > a)
                .map(|s| s.id)
                .collect();
            let found: Vec<SpanId> = set.overlapping(a, b).iter().map(|s| s.id).collect();
            assert_eq!(found, brute, "[{a}, {b})");
        }
    }
}

#[test]
fn edits_keep_order_indexes_and_counts() {
    let mut set = set_of(&[(0, 50), (10, 20), (12, 14)]);
    let at: Vec<_> = set.at(13).iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(at, vec![(12, 14), (10, 20), (0, 50)]);
    assert_eq!(set.count("entity"), 3);
    assert_eq!(
        set.insert(Span::new(SpanId(2), 1, 2, "quote")),
        Err(SpanId(2))
    );

    set.update(SpanId(1), |s| {
        s.start = 30;
        s.end = 31;
        s.label = "event".into();
    });
    let order: Vec<_> = set.iter().map(|s| s.id.0).collect();
    assert_eq!(order, vec![2, 3, 1]);
    assert_eq!((set.count("entity"), set.count("event")), (2, 1));
    assert!(set.overlapping(40, 45).is_empty(), "the old range is gone");
    assert!(set.has(30, 31, "event"));
    assert_eq!(set.after(SpanId(3)).map(|s| s.id), Some(SpanId(1)));
    assert_eq!(set.before(SpanId(3)).map(|s| s.id), Some(SpanId(2)));
    assert_eq!(set.first_from(11).map(|s| s.id), Some(SpanId(3)));
    assert_eq!(set.last_before(11).map(|s| s.id), Some(SpanId(2)));

    assert!(set.remove(SpanId(3)).is_some());
    assert!(set.get(SpanId(3)).is_none());
    assert_eq!(set.len(), 2);
    assert!(set.overlapping(13, 14).iter().all(|s| s.id != SpanId(3)));
}

#[test]
fn a_repeated_id_is_kept_aside_for_the_gate() {
    let set: SpanSet = [
        Span::new(SpanId(5), 0, 3, "entity"),
        Span::new(SpanId(5), 4, 6, "entity"),
    ]
    .into_iter()
    .collect();
    assert_eq!(set.duplicate(), Some(SpanId(5)));
}
