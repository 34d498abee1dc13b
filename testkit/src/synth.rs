//! Synthetic articles and projects for benchmarks and long-document tests.
//!
//! Deterministic (a small xorshift generator, no dependency): the same seed
//! always gives the same text and spans.

use spanmark::model::{Document, Project, Relation, RelationId, Span, SpanId};

/// A tiny deterministic pseudo-random generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Pick one item.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "Tuesday",
    "that",
    "negotiations",
    "would",
    "continue",
    "despite",
    "criticism",
    "from",
    "opposition",
    "leaders",
    "who",
    "called",
    "plan",
    "naïve",
    "officials",
    "in",
    "Zürich",
    "and",
    "São",
    "Paulo",
    "confirmed",
    "agreement",
    "was",
    "signed",
    "by",
    "both",
    "parties",
    "after",
    "weeks",
    "of",
    "talks",
    "ministry",
    "spokesperson",
    "added",
    "investigation",
    "into",
    "allegations",
    "remains",
    "open",
    "according",
    "to",
    "sources",
    "familiar",
    "with",
    "matter",
    "café",
    "owners",
    "protested",
    "new",
    "tax",
    "rules",
    "résumé",
    "Ukraine’s",
    "energy",
    "infrastructure",
    "Kremlin",
    "Москва",
    "Αθήνα",
    "economists",
    "warned",
    "inflation",
    "could",
    "rise",
    "further",
    "—",
    "a",
    "claim",
    "denied",
    "central",
    "bank",
];

const EXTRA: &[&str] = &["🙂", "東京", "القاهرة", "e\u{301}te\u{301}"];

/// An article of `paragraphs` paragraphs of varied prose, separated by blank
/// lines. With `wide_unicode`, emoji, CJK, Arabic and combining marks appear
/// too (fonts without those glyphs draw boxes).
pub fn article(paragraphs: usize, seed: u64, wide_unicode: bool) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(paragraphs * 310);
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        let sentences = 2 + rng.below(3);
        for s in 0..sentences {
            if s > 0 {
                out.push(' ');
            }
            let quoted = rng.below(5) == 0;
            if quoted {
                out.push('“');
            }
            let words = 8 + rng.below(14);
            for w in 0..words {
                if w > 0 {
                    out.push(' ');
                }
                let word = if wide_unicode && rng.below(40) == 0 {
                    rng.pick(EXTRA)
                } else {
                    rng.pick(WORDS)
                };
                if w == 0 {
                    let mut cs = word.chars();
                    if let Some(c) = cs.next() {
                        out.extend(c.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push_str(word);
                }
            }
            out.push_str(if quoted { ",” he said." } else { "." });
        }
    }
    out
}

/// A document over `article(paragraphs, seed, wide_unicode)` with about
/// `spans` spans of all four labels: entities and events of a few words,
/// quotes and claims of a sentence, some entities nested inside quotes,
/// and a `said_by` relation from each quote to an entity.
pub fn document(paragraphs: usize, spans: usize, seed: u64, wide_unicode: bool) -> Document {
    let text = article(paragraphs, seed, wide_unicode);
    let mut rng = Rng::new(seed ^ 0xABCD);
    // Word boundaries as char offsets.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.chars().count()));
    }
    let mut doc = Document::new(format!("synthetic-{seed}"), "Synthetic article", text);
    if words.len() < 30 {
        return doc;
    }
    let step = (words.len() / spans.max(1)).max(1);
    let mut id = 1;
    let mut rel_id = 1;
    let mut w = 0;
    while w + 25 < words.len() && (id as usize) <= spans {
        let kind = rng.below(10);
        let (label, len) = match kind {
            0..=4 => ("entity", 1 + rng.below(3)),
            5 => ("event", 2 + rng.below(4)),
            6 | 7 => ("quote", 8 + rng.below(12)),
            _ => ("claim", 6 + rng.below(10)),
        };
        let (s, e) = (words[w].0, words[w + len - 1].1);
        let _ = doc.spans.insert(Span::new(SpanId(id), s, e, label));
        let outer = id;
        id += 1;
        if label == "quote" && (id as usize) <= spans {
            // An entity nested inside the quote, and the quote said by it.
            let inner = w + 1 + rng.below(len - 2);
            let _ = doc.spans.insert(Span::new(
                SpanId(id),
                words[inner].0,
                words[inner].1,
                "entity",
            ));
            let _ = doc.relations.insert(Relation::new(
                RelationId(rel_id),
                "said_by",
                SpanId(outer),
                SpanId(id),
            ));
            rel_id += 1;
            id += 1;
        }
        w += step.max(len / 2 + 1);
    }
    doc
}

/// A project holding one synthetic document.
pub fn project(paragraphs: usize, spans: usize, seed: u64) -> Project {
    let mut p = Project::new("Synthetic benchmark project");
    p.documents.push(document(paragraphs, spans, seed, true));
    p.ensure_next_ids();
    p
}

/// A corpus of `docs` short news-like articles (about 3 KB and 15 spans
/// each), as a newsroom archive would be.
pub fn corpus(docs: usize, seed: u64) -> Project {
    let mut p = Project::new("Synthetic corpus");
    for i in 0..docs {
        p.documents.push(corpus_article(i, seed));
    }
    p.ensure_next_ids();
    p
}

/// Article `i` of [`corpus`]`(_, seed)`, alone: a corpus of any size can be
/// written one article at a time.
pub fn corpus_article(i: usize, seed: u64) -> Document {
    let mut d = document(10, 15, seed.wrapping_add(i as u64), false);
    d.id = format!("article-{i:05}");
    let first: String = d
        .text
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    d.title = format!("{first} ({i})");
    d
}

/// Write a [`corpus`]`(docs, seed)` to `out` as doccano JSON lines, a
/// thousand articles at a time (memory stays that of a thousand). Returns
/// the spans and bytes written.
pub fn write_corpus_jsonl(
    out: &mut dyn std::io::Write,
    docs: usize,
    seed: u64,
) -> std::io::Result<(usize, usize)> {
    use spanmark::formats::{ExportOptions, select, write_jsonl};
    const PIECE: usize = 1_000;
    let (mut spans, mut bytes) = (0, 0);
    for first in (0..docs).step_by(PIECE) {
        let mut piece = Project::new("Synthetic corpus");
        for i in first..(first + PIECE).min(docs) {
            piece.documents.push(corpus_article(i, seed));
        }
        spans += piece.documents.iter().map(|d| d.spans.len()).sum::<usize>();
        let text = write_jsonl(
            &select(&piece, &ExportOptions::default()).docs,
            &piece.labels,
        );
        bytes += text.len();
        out.write_all(text.as_bytes())?;
    }
    Ok((spans, bytes))
}

/// Another annotator's version of `project`, as a second person would
/// make it: about one span in ten left out, one in ten with a moved end,
/// one in twenty labelled differently, one in twenty doubled under another
/// label (nested), one document in fifty missing; every span carries
/// `name` as its annotator. Relations and events are left out.
pub fn annotator_variant(project: &Project, name: &str, seed: u64) -> Project {
    const LABELS: [&str; 4] = ["quote", "claim", "entity", "event"];
    let mut rng = Rng::new(seed);
    let mut p = Project::new(name);
    p.labels = project.labels.clone();
    for doc in &project.documents {
        if rng.below(50) == 0 {
            continue;
        }
        let len = doc.char_len();
        let mut spans = Vec::with_capacity(doc.spans.len() + 2);
        let mut next = 1u64;
        for s in doc.spans.iter() {
            let roll = rng.below(20);
            if roll < 2 {
                continue;
            }
            let mut span = Span::new(SpanId(next), s.start, s.end, s.label.clone());
            next += 1;
            if roll < 4 {
                let moved = s.end + rng.below(7);
                span.end = moved
                    .saturating_sub(3)
                    .clamp(s.start + 1, len.max(s.start + 1));
            } else if roll == 4 {
                span.label = (*rng.pick(&LABELS)).to_owned();
            } else if roll == 5 {
                let mut twin = span.clone();
                twin.id = SpanId(next);
                next += 1;
                // Another label: no one tags the same range twice alike.
                let others: Vec<&str> = LABELS.iter().copied().filter(|l| *l != s.label).collect();
                twin.label = (*rng.pick(&others)).to_owned();
                twin.annotator = Some(name.to_owned());
                spans.push(twin);
            }
            span.annotator = Some(name.to_owned());
            spans.push(span);
        }
        let mut d = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
        d.spans = spans.into_iter().collect();
        p.documents.push(d);
    }
    p.ensure_next_ids();
    p
}

/// A small project whose text mixes scripts that trip offset handling:
/// curly quotes, an emoji outside the BMP, combining marks, CJK, Arabic and
/// Hebrew (right to left), and a span across a line break. It has nested
/// spans, relations, attributes and a multi-line note.
pub fn multilingual_project() -> Project {
    let text = "“Mañana 😀 we meet in 東京,” said Ms. Zoë Ëlvarez-Nuñez.\n\
                Ahmed in القاهرة disagreed; שלום said the e\u{301}le\u{300}ve.\n\
                The talks — held 2025 — ended.";
    let mut p = Project::new("Multilingual");
    let mut d = Document::new("multi-1", "Multilingual test", text);
    let find = |needle: &str| -> (usize, usize) {
        let b = text.find(needle).unwrap_or(0);
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let mut add = |id: u64, needle: &str, label: &str| {
        let (s, e) = find(needle);
        let _ = d.spans.insert(Span::new(SpanId(id), s, e, label));
    };
    add(1, "“Mañana 😀 we meet in 東京,”", "quote");
    add(2, "東京", "entity");
    add(3, "Zoë Ëlvarez-Nuñez", "entity");
    add(4, "القاهرة", "entity");
    add(5, "שלום", "entity");
    add(6, "e\u{301}le\u{300}ve", "entity");
    add(7, "Ahmed", "entity");
    add(
        8,
        "disagreed; שלום said the e\u{301}le\u{300}ve.\nThe talks",
        "claim",
    );
    add(9, "The talks — held 2025 — ended", "event");
    let mut attr = |id: u64, key: &str, value: &str| {
        d.spans
            .update(SpanId(id), |s| s.attrs.insert(key.into(), value.into()));
    };
    attr(2, "kind", "location");
    attr(3, "kind", "person");
    attr(9, "kind", "diplomatic talks");
    attr(8, "checkworthy", "no");
    d.spans.update(SpanId(3), |s| {
        s.set_note(Some(
            "name with diacritics,\nsecond line; \"quoted\"".into(),
        ));
    });
    let _ = d.relations.insert(Relation::new(
        RelationId(1),
        "said_by",
        SpanId(1),
        SpanId(3),
    ));
    let _ = d.relations.insert(Relation::new(
        RelationId(2),
        "claimed_by",
        SpanId(8),
        SpanId(7),
    ));
    p.documents.push(d);
    p.ensure_next_ids();
    p
}
