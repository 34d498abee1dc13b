//! Writing brat: one `.txt` and `.ann` per document, and the
//! `annotation.conf` that declares what they use.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::text::CharMap;
use crate::model::{EventId, Span, SpanId};

use super::super::ExportDoc;
use super::{breaks_line, one_line, token, type_token};

/// What brat's standoff could not hold exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BratStats {
    /// Spans that begin or end with a line break: their fragments leave it out.
    pub trimmed: usize,
    /// Spans of nothing but line breaks (no fragment can hold them), left
    /// out with their relations.
    pub dropped: usize,
    /// Attribute values brat cannot hold (they contain spaces), written as
    /// `SpanmarkAttr` notes.
    pub attrs_as_notes: usize,
    /// Relation kinds and types with spaces, written with `_`.
    pub renamed: usize,
    /// Attributes and notes of symmetric relations (brat's equivalences
    /// have neither), left out.
    pub equivalence_extras: usize,
}

/// The `.txt` and `.ann` of one document, named by its id (made safe, and
/// unlike every name in `used`, which it joins); `flags` are the attributes
/// written as yes/no ([`super::Survey::flags`]).
pub fn document_files(
    d: &ExportDoc<'_>,
    flags: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
    stats: &mut BratStats,
) -> [(String, String); 2] {
    let mut stem = super::super::safe_name(&d.doc.id);
    while !used.insert(stem.clone()) {
        stem.push('_');
    }
    let mut ann = Ann::new(flags, stats);
    ann.document(d);
    [
        (format!("{stem}.txt"), d.doc.text.clone()),
        (format!("{stem}.ann"), ann.out),
    ]
}

/// Pieces of `[a, b)` cut at the characters brat breaks lines at.
fn brat_pieces(chars: &CharMap, text: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let mut from = a;
    for (i, c) in chars.slice(text, a, b).unwrap_or("").chars().enumerate() {
        if breaks_line(c) {
            if a + i > from {
                out.push((from, a + i));
            }
            from = a + i + 1;
        }
    }
    if b > from {
        out.push((from, b));
    }
}

/// One `.ann` being written.
struct Ann<'a> {
    out: String,
    flags: &'a BTreeSet<String>,
    stats: &'a mut BratStats,
    a_n: usize,
    note_n: usize,
    norm_n: usize,
}

impl<'a> Ann<'a> {
    fn new(flags: &'a BTreeSet<String>, stats: &'a mut BratStats) -> Self {
        Self {
            out: String::new(),
            flags,
            stats,
            a_n: 0,
            note_n: 0,
            norm_n: 0,
        }
    }

    fn document(&mut self, d: &ExportDoc<'_>) {
        let text = &d.doc.text;
        let chars = CharMap::new(text);
        let mut written = BTreeSet::new();
        for s in &d.spans {
            if self.span(&chars, text, s) {
                written.insert(s.id);
            }
        }
        let events = written_events(d, &written);
        let mut equivalences: BTreeMap<String, Vec<(SpanId, SpanId)>> = BTreeMap::new();
        for r in d.relations.iter().filter(|r| {
            written.contains(&r.from)
                && written.contains(&r.to)
                && r.events().all(|e| events.contains(&e))
        }) {
            let kind = self.type_name(&r.kind);
            if r.symmetric {
                if !r.attrs.is_empty() || r.note.is_some() {
                    self.stats.equivalence_extras += 1;
                }
                equivalences.entry(kind).or_default().push((r.from, r.to));
                continue;
            }
            let (role1, role2) = r
                .roles
                .clone()
                .unwrap_or_else(|| ("Arg1".to_owned(), "Arg2".to_owned()));
            // An end that is an event is written as the event (`Arg1:E1`).
            let end = |event: Option<EventId>, span: SpanId| match event {
                Some(e) => format!("E{}", e.0),
                None => format!("T{}", span.0),
            };
            self.line(&format!(
                "R{}\t{kind} {}:{} {}:{}",
                r.id.0,
                type_token(&role1),
                end(r.from_event, r.from),
                type_token(&role2),
                end(r.to_event, r.to)
            ));
            let target = format!("R{}", r.id.0);
            self.extras(&target, &r.attrs, r.note.as_deref(), &[]);
        }
        for (kind, pairs) in equivalences {
            for group in components(&pairs) {
                let members: Vec<String> = group.iter().map(|s| format!("T{}", s.0)).collect();
                self.line(&format!("*\t{kind} {}", members.join(" ")));
            }
        }
        for e in d.events.iter().filter(|e| events.contains(&e.id)) {
            let mut line = format!("E{}\t{}:T{}", e.id.0, self.type_name(&e.kind), e.trigger.0);
            for (i, (role, span)) in e.args.iter().enumerate() {
                match e.arg_event(i) {
                    Some(arg) => line.push_str(&format!(" {}:E{}", type_token(role), arg.0)),
                    None => line.push_str(&format!(" {}:T{}", type_token(role), span.0)),
                }
            }
            self.line(&line);
            let target = format!("E{}", e.id.0);
            self.extras(&target, &e.attrs, e.note.as_deref(), &[]);
        }
    }

    /// The T line of a span and its attributes, links and notes; `false`
    /// when nothing of it can be written (only line breaks).
    fn span(&mut self, chars: &CharMap, text: &str, s: &Span) -> bool {
        let mut frags = Vec::new();
        for (a, b) in s.pieces() {
            brat_pieces(chars, text, a, b, &mut frags);
        }
        let (Some(first), Some(last)) = (frags.first(), frags.last()) else {
            self.stats.dropped += 1;
            return false;
        };
        if first.0 != s.start || last.1 != s.end {
            self.stats.trimmed += 1;
        }
        let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let covered: Vec<&str> = frags
            .iter()
            .map(|(a, b)| chars.slice(text, *a, *b).unwrap_or(""))
            .collect();
        self.line(&format!(
            "T{}\t{} {}\t{}",
            s.id.0,
            s.label,
            offsets.join(";"),
            covered.join(" ")
        ));
        let target = format!("T{}", s.id.0);
        for n in s.normalizations() {
            self.norm_n += 1;
            let name = n.name.as_deref().map(one_line).unwrap_or_default();
            self.line(&format!(
                "N{}\tReference {target} {}:{}\t{name}",
                self.norm_n,
                token(&n.kb),
                token(&n.id)
            ));
        }
        let typed: Vec<(&str, &str)> = s
            .typed_notes()
            .iter()
            .map(|n| (n.kind.as_str(), n.text.as_str()))
            .collect();
        self.extras(&target, &s.attrs, s.note(), &typed);
        true
    }

    /// Attributes and notes of an annotation.
    fn extras(
        &mut self,
        target: &str,
        attrs: &BTreeMap<String, String>,
        note: Option<&str>,
        typed: &[(&str, &str)],
    ) {
        for (name, value) in attrs {
            let flag = self.flags.contains(name) && value == "true";
            if flag {
                self.a_n += 1;
                self.line(&format!("A{}\t{} {target}", self.a_n, token(name)));
            } else if value.is_empty() || value.contains(char::is_whitespace) {
                self.stats.attrs_as_notes += 1;
                self.note_n += 1;
                self.line(&format!(
                    "#{}\tSpanmarkAttr {target}\t{name}={}",
                    self.note_n,
                    one_line(value)
                ));
            } else {
                self.a_n += 1;
                self.line(&format!("A{}\t{} {target} {value}", self.a_n, token(name)));
            }
        }
        let notes = note
            .map(|n| ("AnnotatorNotes", n))
            .into_iter()
            .chain(typed.iter().copied());
        for (kind, text) in notes {
            self.note_n += 1;
            self.line(&format!(
                "#{}\t{} {target}\t{}",
                self.note_n,
                token(kind),
                one_line(text)
            ));
        }
    }

    /// A relation kind or event type as a token, counting renamings.
    fn type_name(&mut self, kind: &str) -> String {
        let t = type_token(kind);
        if t != kind {
            self.stats.renamed += 1;
        }
        t
    }

    fn line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }
}

/// The connected groups of spans that `pairs` join, each in the order its
/// members first appear in `pairs` (so a `*` line read comes back as it
/// was); a span joined to itself is a group of it twice.
fn components(pairs: &[(SpanId, SpanId)]) -> Vec<Vec<SpanId>> {
    let mut parent: BTreeMap<SpanId, SpanId> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<SpanId, SpanId>, x: SpanId) -> SpanId {
        let mut r = x;
        loop {
            let p = *parent.entry(r).or_insert(r);
            if p == r {
                break;
            }
            r = p;
        }
        // Path compression, without recursion.
        let mut y = x;
        while y != r {
            let p = parent.get(&y).copied().unwrap_or(r);
            parent.insert(y, r);
            y = p;
        }
        r
    }
    // A span equivalent to itself is a line of its own.
    let (selves, pairs): (Vec<_>, Vec<_>) = pairs.iter().partition(|(a, b)| a == b);
    for &(a, b) in &pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut groups: BTreeMap<SpanId, Vec<SpanId>> = BTreeMap::new();
    let mut order: Vec<SpanId> = Vec::new();
    for &(a, b) in &pairs {
        for x in [a, b] {
            let r = root(&mut parent, x);
            let group = groups.entry(r).or_insert_with(|| {
                order.push(r);
                Vec::new()
            });
            if !group.contains(&x) {
                group.push(x);
            }
        }
    }
    let mut out: Vec<Vec<SpanId>> = order
        .into_iter()
        .filter_map(|r| groups.remove(&r))
        .collect();
    out.extend(selves.into_iter().map(|(a, _)| vec![a, a]));
    out
}

/// The events written: those whose spans are all written and whose
/// argued events are written too.
fn written_events(d: &ExportDoc<'_>, spans: &BTreeSet<SpanId>) -> BTreeSet<EventId> {
    let mut ok: BTreeSet<EventId> = d
        .events
        .iter()
        .filter(|e| e.spans().all(|s| spans.contains(&s)))
        .map(|e| e.id)
        .collect();
    loop {
        let gone: Vec<EventId> = d
            .events
            .iter()
            .filter(|e| ok.contains(&e.id) && e.events().any(|a| !ok.contains(&a)))
            .map(|e| e.id)
            .collect();
        if gone.is_empty() {
            return ok;
        }
        for e in gone {
            ok.remove(&e);
        }
    }
}
