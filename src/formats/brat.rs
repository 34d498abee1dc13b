//! brat standoff: `<doc>.txt` (the text, exactly) and `<doc>.ann` per
//! document, and an `annotation.conf` declaring every label, relation and
//! attribute.
//!
//! `.ann` lines (fields separated by tabs):
//! - `T<id>\t<label> <start> <end>[;<start> <end>…]\t<text>`: a span; one
//!   fragment per line of text it covers, the text being the fragments
//!   joined by a space (as brat requires).
//! - `R<n>\t<kind> Arg1:T<from> Arg2:T<to>`: a relation.
//! - `A<n>\t<name> T<id> <value>`: a choice attribute whose value has no space.
//! - `#<n>\tAnnotatorNotes T<id>\t<note>`: a span's note.
//! - `#<n>\tSpanmarkAttr T<id>\t<name>=<value>`: any other attribute (free
//!   text), which brat's attribute model cannot hold.
//!
//! Offsets are code points (brat on Python 3 counts characters, not bytes).
//! Span ids are kept: `T7` is span 7.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt as _};
use std::path::Path;

use crate::model::{
    AttrKind, Document, LabelSet, Relation, RelationId, Span, SpanId, text::CharMap,
};

use super::{ExportDoc, FormatError};

/// Fragments of `[start, end)` split at line breaks, without the breaks.
fn fragments(chars: &CharMap, text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = start;
    let slice = chars.slice(text, start, end).unwrap_or("");
    for (i, c) in slice.chars().enumerate() {
        if c == '\n' {
            if start + i > a {
                out.push((a, start + i));
            }
            a = start + i + 1;
        }
    }
    if end > a {
        out.push((a, end));
    }
    out
}

/// The files of a brat export: (file name, content).
pub fn write_brat(
    docs: &[ExportDoc<'_>],
    labels: &LabelSet,
    relation_kinds: &[String],
) -> (Vec<(String, String)>, BratStats) {
    let mut files = Vec::new();
    let mut used = BTreeSet::new();
    let mut stats = BratStats::default();
    for d in docs {
        let mut stem = super::safe_name(&d.doc.id);
        while !used.insert(stem.clone()) {
            stem.push('_');
        }
        files.push((format!("{stem}.txt"), d.doc.text.clone()));
        files.push((format!("{stem}.ann"), ann(d, labels, &mut stats)));
    }
    files.push((
        "annotation.conf".to_owned(),
        conf(labels, relation_kinds, docs),
    ));
    (files, stats)
}

/// What brat's standoff could not hold exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BratStats {
    /// Spans that begin or end with a line break: their fragments leave it out.
    pub trimmed: usize,
    /// Spans of nothing but line breaks (no fragment can hold them), left
    /// out with their relations.
    pub dropped: usize,
}

fn is_choice(labels: &LabelSet, label: &str, name: &str, value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && !value.is_empty()
        && labels.get(label).is_some_and(|l| {
            l.attributes.iter().any(|a| {
                a.name == name
                    && matches!(&a.kind, AttrKind::Choice(v) if v.iter().any(|x| x == value))
            })
        })
}

fn ann(d: &ExportDoc<'_>, labels: &LabelSet, stats: &mut BratStats) -> String {
    let text = &d.doc.text;
    let chars = CharMap::new(text);
    let mut out = String::new();
    let (mut a_n, mut note_n) = (0, 0);
    let mut written = BTreeSet::new();
    for s in &d.spans {
        let frags = fragments(&chars, text, s.start, s.end);
        let (Some(first), Some(last)) = (frags.first(), frags.last()) else {
            stats.dropped += 1;
            continue;
        };
        if first.0 != s.start || last.1 != s.end {
            stats.trimmed += 1;
        }
        written.insert(s.id);
        let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let covered: Vec<&str> = frags
            .iter()
            .map(|(a, b)| chars.slice(text, *a, *b).unwrap_or(""))
            .collect();
        out.push_str(&format!(
            "T{}\t{} {}\t{}\n",
            s.id.0,
            s.label,
            offsets.join(";"),
            covered.join(" ")
        ));
        for (name, value) in &s.attrs {
            if is_choice(labels, &s.label, name, value) {
                a_n += 1;
                out.push_str(&format!("A{a_n}\t{name} T{} {value}\n", s.id.0));
            } else {
                note_n += 1;
                let v = one_line(value);
                out.push_str(&format!(
                    "#{note_n}\tSpanmarkAttr T{}\t{name}={v}\n",
                    s.id.0
                ));
            }
        }
        if let Some(note) = &s.note {
            note_n += 1;
            out.push_str(&format!(
                "#{note_n}\tAnnotatorNotes T{}\t{}\n",
                s.id.0,
                one_line(note)
            ));
        }
    }
    for r in d
        .relations
        .iter()
        .filter(|r| written.contains(&r.from) && written.contains(&r.to))
    {
        out.push_str(&format!(
            "R{}\t{} Arg1:T{} Arg2:T{}\n",
            r.id.0, r.kind, r.from.0, r.to.0
        ));
    }
    out
}

/// Notes are one line in brat: line breaks become the two characters `\n`.
fn one_line(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

fn from_one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn conf(labels: &LabelSet, relation_kinds: &[String], docs: &[ExportDoc<'_>]) -> String {
    let mut out = String::from("[entities]\n");
    for l in labels.iter() {
        out.push_str(&l.id);
        out.push('\n');
    }
    let mut kinds: BTreeSet<&str> = relation_kinds.iter().map(String::as_str).collect();
    for d in docs {
        kinds.extend(d.relations.iter().map(|r| r.kind.as_str()));
    }
    out.push_str("\n[relations]\n");
    for k in kinds {
        out.push_str(&format!("{k}\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    }
    out.push_str("\n[events]\n\n[attributes]\n");
    // Choice attributes: name -> (labels, values), merged across labels.
    let mut attrs: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for l in labels.iter() {
        for a in &l.attributes {
            if let AttrKind::Choice(values) = &a.kind {
                let e = attrs.entry(a.name.as_str()).or_default();
                e.0.push(&l.id);
                for v in values.iter().filter(|v| !v.contains(char::is_whitespace)) {
                    if !e.1.contains(&v.as_str()) {
                        e.1.push(v);
                    }
                }
            }
        }
    }
    for (name, (ls, vs)) in attrs {
        out.push_str(&format!(
            "{name}\tArg:{}, Value:{}\n",
            ls.join("|"),
            vs.join("|")
        ));
    }
    out
}

/// Whether `shown` is `pieces` joined by single spaces (without joining).
fn joined_equals(shown: &str, pieces: &[&str]) -> bool {
    let mut rest = shown;
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(piece) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// An attribute or note read before its span is known.
enum SpanExtra {
    Attr(String, String),
    Note(String),
}

impl SpanExtra {
    fn what(&self) -> &'static str {
        match self {
            SpanExtra::Attr(..) => "attribute of",
            SpanExtra::Note(_) => "note on",
        }
    }
}

/// Read one brat document: its text and `.ann` content. `id` becomes the
/// document id. Errors name the `.ann` file and line.
pub fn import_brat(
    id: &str,
    text: &str,
    ann: &str,
    ann_path: &Path,
) -> Result<Document, FormatError> {
    let mut doc = Document::new(id, super::text::first_line(text), text);
    let len = crate::model::text::char_len(text);
    let chars = CharMap::new(text);
    // Spans by their brat number (`T7` is 7), in the order read.
    let mut spans: Vec<Span> = Vec::new();
    let mut by_number: HashMap<u64, usize> = HashMap::new();
    let mut relations: Vec<Relation> = Vec::new();
    // Attributes and notes name their span, which may come later in the file:
    // (line, span id, what to set).
    let mut pending: Vec<(usize, u64, SpanExtra)> = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |m: &str| FormatError::malformed(ann_path, n, m.to_owned());
        let mut fields = line.splitn(3, '\t');
        let ident = fields.next().unwrap_or("");
        let body = fields
            .next()
            .ok_or_else(|| bad("expected tab-separated fields"))?;
        match ident.chars().next() {
            Some('T') => {
                let sid: u64 = ident[1..]
                    .parse()
                    .map_err(|_| bad("span id must be T followed by a number"))?;
                let (label, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| bad("expected `label start end`"))?;
                let mut frags = Vec::new();
                for frag in offsets.split(';') {
                    let mut nums = frag.split_whitespace().map(str::parse::<usize>);
                    match (nums.next(), nums.next(), nums.next()) {
                        (Some(Ok(a)), Some(Ok(b)), None) if a < b && b <= len => frags.push((a, b)),
                        (Some(Ok(a)), Some(Ok(b)), None) => {
                            return Err(bad(&format!(
                                "offsets {a} {b} are outside the text of {len} characters"
                            )));
                        }
                        _ => return Err(bad("offsets must be `start end` numbers")),
                    }
                }
                let (start, end) = (
                    frags.iter().map(|f| f.0).min().unwrap_or(0),
                    frags.iter().map(|f| f.1).max().unwrap_or(0),
                );
                if let Some(shown) = fields.next() {
                    let expected: Vec<&str> = frags
                        .iter()
                        .map(|(a, b)| chars.slice(text, *a, *b).unwrap_or(""))
                        .collect();
                    if !joined_equals(shown, &expected) {
                        return Err(bad(&format!(
                            "span text {} does not match the text at its offsets, {}",
                            super::text::quote(shown),
                            super::text::quote(&expected.join(" "))
                        )));
                    }
                }
                if by_number.insert(sid, spans.len()).is_some() {
                    return Err(bad(&format!("span id T{sid} is used twice")));
                }
                let mut span = Span::new(SpanId(sid), start, end, label);
                span.origin = Some(ident.to_owned());
                spans.push(span);
            }
            Some('R') => {
                let mut parts = body.split_whitespace();
                let kind = parts.next().ok_or_else(|| bad("relation without a type"))?;
                let mut arg = || -> Result<u64, FormatError> {
                    let a = parts
                        .next()
                        .ok_or_else(|| bad("relation needs Arg1 and Arg2"))?;
                    let (_, t) = a
                        .split_once(':')
                        .ok_or_else(|| bad("expected Arg1:T<id>"))?;
                    t.strip_prefix('T')
                        .and_then(|x| x.parse().ok())
                        .ok_or_else(|| bad("relation arguments must be span ids like T3"))
                };
                let from = arg()?;
                let to = arg()?;
                // brat's relation ids may repeat; nothing refers to them.
                relations.push(Relation {
                    id: RelationId(relations.len() as u64 + 1),
                    kind: kind.to_owned(),
                    from: SpanId(from),
                    to: SpanId(to),
                });
            }
            Some('A') | Some('M') => {
                let mut parts = body.split_whitespace();
                let name = parts
                    .next()
                    .ok_or_else(|| bad("attribute without a name"))?;
                let target = parts
                    .next()
                    .and_then(|t| t.strip_prefix('T'))
                    .and_then(|t| t.parse().ok())
                    .ok_or_else(|| bad("attribute target must be a span id like T3"))?;
                let value = parts.next().unwrap_or("true").to_owned();
                pending.push((n, target, SpanExtra::Attr(name.to_owned(), value)));
            }
            Some('#') => {
                let mut parts = body.split_whitespace();
                let kind = parts.next().unwrap_or("");
                let target: Option<u64> = parts
                    .next()
                    .and_then(|t| t.strip_prefix('T'))
                    .and_then(|t| t.parse().ok());
                let content = from_one_line(fields.next().unwrap_or(""));
                match (kind, target) {
                    ("SpanmarkAttr", Some(t)) => {
                        let (k, v) = content
                            .split_once('=')
                            .ok_or_else(|| bad("expected name=value"))?;
                        pending.push((n, t, SpanExtra::Attr(k.to_owned(), v.to_owned())));
                    }
                    (_, Some(t)) => pending.push((n, t, SpanExtra::Note(content))),
                    _ => {}
                }
            }
            // Events, equivalences and normalisations have no place in Spanmark.
            _ => {}
        }
    }
    for (n, target, extra) in pending {
        let span = by_number
            .get(&target)
            .and_then(|&i| spans.get_mut(i))
            .ok_or_else(|| {
                FormatError::malformed(
                    ann_path,
                    n,
                    format!("{} missing span T{target}", extra.what()),
                )
            })?;
        match extra {
            SpanExtra::Attr(name, value) => {
                span.attrs.insert(name, value);
            }
            SpanExtra::Note(note) => span.note = Some(note),
        }
    }
    for r in &relations {
        for end in [r.from, r.to] {
            if !by_number.contains_key(&end.0) {
                return Err(FormatError::malformed(
                    ann_path,
                    0,
                    format!("relation {} refers to missing span T{}", r.kind, end.0),
                ));
            }
        }
    }
    doc.spans = spans.into_iter().collect();
    doc.relations = relations.into_iter().collect();
    Ok(doc)
}
