//! News articles of our own sentences, in the patterns the news convention
//! annotates: two quotes per article (`“…,” Name said.` and `Name said:
//! “…”`), their speakers tagged as entities and linked by `said_by`, the
//! document marked done. For tests of the model that learns.

use spanmark::model::{DocStatus, Document, Relation, RelationId, Span, SpanId};

/// The speakers' names, in turn.
pub const NAMES: &[&str] = &[
    "Maria Ortiz",
    "Tomas Lenk",
    "Aiko Sato",
    "Peter Brandt",
    "Lena Fischer",
    "Omar Haddad",
    "Grace Mbeki",
    "Jonas Berg",
];

/// What they say, in turn.
pub const SAID: &[&str] = &[
    "We will rebuild the bridge before winter",
    "The budget leaves nothing for the schools",
    "Nobody asked the farmers what they need",
    "This plan will cost more than it saves",
    "Our hospitals are ready for the season",
];

/// The two speakers of article `n`, in the order they speak.
pub fn speakers(n: usize) -> [&'static str; 2] {
    [NAMES[n % NAMES.len()], NAMES[(n + 3) % NAMES.len()]]
}

/// Article `n` (id `d{n}`, title `Article {n}`), annotated and done.
pub fn article(n: usize) -> Document {
    let [a, b] = speakers(n);
    let (q1, q2) = (SAID[n % SAID.len()], SAID[(n + 2) % SAID.len()]);
    let first = format!("“{q1},”");
    let second = format!("“{q2}.”");
    let text = format!("The council met on Monday.\n\n{first} {a} said.\n\n{b} said: {second}");
    let len = |s: &str| s.chars().count();
    let q1_at = len("The council met on Monday.\n\n");
    let a_at = q1_at + len(&first) + 1;
    let b_at = a_at + len(a) + len(" said.\n\n");
    let q2_at = b_at + len(b) + len(" said: ");
    let mut doc = Document::new(format!("d{n}"), format!("Article {n}"), text);
    for (id, (s, e, label)) in [
        (q1_at, q1_at + len(&first), "quote"),
        (a_at, a_at + len(a), "entity"),
        (b_at, b_at + len(b), "entity"),
        (q2_at, q2_at + len(&second), "quote"),
    ]
    .into_iter()
    .enumerate()
    {
        let _ = doc
            .spans
            .insert(Span::new(SpanId(id as u64 + 1), s, e, label));
    }
    for (r, (from, to)) in [(1, (1, 2)), (2, (4, 3))] {
        let _ = doc.relations.insert(Relation::new(
            RelationId(r),
            "said_by",
            SpanId(from),
            SpanId(to),
        ));
    }
    doc.status = DocStatus::Done;
    doc
}

/// Article `n` as it comes in: the same text, nothing annotated, to do.
pub fn untouched(n: usize) -> Document {
    let mut d = article(n);
    d.spans = Default::default();
    d.relations = Default::default();
    d.status = DocStatus::Todo;
    d
}
