//! Reading brat: a document's text and its `.ann`, every line type.

use std::path::Path;

use foldhash::{HashMap, HashMapExt as _};
use smallvec::SmallVec;

use crate::model::text::CharMap;
use crate::model::{Document, Event, EventId, Normalization, Relation, RelationId, Span, SpanId};

use super::super::{FormatError, Notices};

mod extras;
mod resolve;

/// What an attribute or note is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target {
    Span(u64),
    Relation(u64),
    Event(u64),
}

impl Target {
    fn parse(s: &str) -> Option<Target> {
        let n = |rest: &str| rest.parse::<u64>().ok();
        match s.split_at_checked(1)? {
            ("T", rest) => n(rest).map(Target::Span),
            ("R", rest) => n(rest).map(Target::Relation),
            ("E", rest) => n(rest).map(Target::Event),
            _ => None,
        }
    }
}

/// An event as read: (line, the event, its arguments as `(role, id)`; an
/// argument may name another event, resolved at the end).
type PendingEvent = (usize, Event, Vec<(String, String)>);

/// A relation end that names an event: (line, position in `relations`,
/// which end (0 from, 1 to), the event's number), resolved at the end.
type EventEnd = (usize, usize, usize, u64);

/// Something read that waits for all annotations to be known.
enum Extra {
    Attr(String, String),
    Note(String, String),
    Norm(Normalization),
}

/// Read one brat document: its text and `.ann` content. `id` becomes the
/// document id. Errors name the `.ann` file and line; what has no place in
/// Spanmark is counted in `notices`.
pub fn import_brat(
    id: &str,
    text: &str,
    ann: &str,
    ann_path: &Path,
    notices: &mut Notices,
) -> Result<Document, FormatError> {
    // Most lines are spans: room for one per line saves regrowing.
    let lines = ann.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut r = Reader {
        doc: Document::new(id, super::super::text::first_line(text), text),
        len: crate::model::text::char_len(text),
        chars: CharMap::new(text),
        path: ann_path,
        spans: Vec::with_capacity(lines),
        by_number: HashMap::with_capacity(lines),
        relations: Vec::new(),
        relation_numbers: HashMap::new(),
        event_ends: Vec::new(),
        events: Vec::new(),
        event_numbers: Default::default(),
        extras: Vec::new(),
    };
    for (i, line) in ann.lines().enumerate() {
        if !line.trim().is_empty() {
            r.line(i + 1, line, notices)?;
        }
    }
    r.finish(notices)
}

struct Reader<'a> {
    doc: Document,
    len: usize,
    chars: CharMap,
    path: &'a Path,
    spans: Vec<Span>,
    /// brat number (`T7` is 7) -> position in `spans`.
    by_number: HashMap<u64, usize>,
    relations: Vec<Relation>,
    /// brat number -> position in `relations`.
    relation_numbers: HashMap<u64, usize>,
    /// Relation ends that name events.
    event_ends: Vec<EventEnd>,
    /// (line, event with brat numbers as span ids; args that name events
    /// are resolved at the end).
    events: Vec<PendingEvent>,
    event_numbers: std::collections::HashSet<u64>,
    extras: Vec<(usize, Target, Extra)>,
}

impl Reader<'_> {
    fn bad(&self, n: usize, m: impl Into<String>) -> FormatError {
        FormatError::malformed(self.path, n, m)
    }

    fn line(&mut self, n: usize, line: &str, notices: &mut Notices) -> Result<(), FormatError> {
        let mut fields = line.splitn(3, '\t');
        let ident = fields.next().unwrap_or("");
        let body = fields
            .next()
            .ok_or_else(|| self.bad(n, "expected tab-separated fields"))?;
        let rest = fields.next();
        match ident.chars().next() {
            Some('T') => self.span(n, ident, body, rest),
            Some('R') => self.relation(n, ident, body),
            Some('E') => self.event(n, ident, body),
            Some('*') => self.equivalence(n, body, notices),
            Some('A' | 'M') => self.attribute(n, body),
            Some('N') => self.normalization(n, body, rest),
            Some('#') => self.note(n, body, rest, notices),
            _ => {
                notices.add("brat lines of an unknown kind, left out", 1);
                Ok(())
            }
        }
    }

    fn span(
        &mut self,
        n: usize,
        ident: &str,
        body: &str,
        shown: Option<&str>,
    ) -> Result<(), FormatError> {
        let sid: u64 = ident[1..]
            .parse()
            .map_err(|_| self.bad(n, "span id must be T followed by a number"))?;
        let (label, offsets) = body
            .split_once(' ')
            .ok_or_else(|| self.bad(n, "expected `label start end`"))?;
        let mut frags: SmallVec<[(usize, usize); 2]> = SmallVec::new();
        for frag in offsets.split(';') {
            let mut nums = frag.split_whitespace().map(str::parse::<usize>);
            match (nums.next(), nums.next(), nums.next()) {
                (Some(Ok(a)), Some(Ok(b)), None) if a < b && b <= self.len => frags.push((a, b)),
                (Some(Ok(a)), Some(Ok(b)), None) => {
                    return Err(self.bad(
                        n,
                        format!(
                            "offsets {a} {b} are outside the text of {} characters",
                            self.len
                        ),
                    ));
                }
                _ => return Err(self.bad(n, "offsets must be `start end` numbers")),
            }
        }
        if let Some(shown) = shown {
            let expected = || {
                frags
                    .iter()
                    .map(|(a, b)| self.chars.slice(&self.doc.text, *a, *b).unwrap_or(""))
            };
            if !joined_equals(shown, expected()) {
                return Err(self.bad(
                    n,
                    format!(
                        "span text {} does not match the text at its offsets, {}",
                        super::super::text::quote(shown),
                        super::super::text::quote(&expected().collect::<Vec<_>>().join(" "))
                    ),
                ));
            }
        }
        if self.by_number.insert(sid, self.spans.len()).is_some() {
            return Err(self.bad(n, format!("span id T{sid} is used twice")));
        }
        frags.sort_unstable();
        // Touching or overlapping fragments are one piece.
        let mut pieces: SmallVec<[(usize, usize); 2]> = SmallVec::new();
        for (a, b) in frags {
            match pieces.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => pieces.push((a, b)),
            }
        }
        let (start, end) = (
            pieces.first().map_or(0, |f| f.0),
            pieces.last().map_or(0, |f| f.1),
        );
        let mut span = Span::new(SpanId(sid), start, end, label);
        if pieces.len() > 1 {
            span.set_fragments(pieces.to_vec());
        }
        span.set_origin(Some(ident.to_owned()));
        self.spans.push(span);
        Ok(())
    }

    /// `role:T3` -> (role, 3).
    fn arg(&self, n: usize, arg: &str) -> Result<(String, String), FormatError> {
        let (role, target) = arg.split_once(':').ok_or_else(|| {
            self.bad(
                n,
                format!("expected role:id, not {}", super::super::text::quote(arg)),
            )
        })?;
        Ok((role.to_owned(), target.to_owned()))
    }

    fn span_number(&self, n: usize, target: &str) -> Result<u64, FormatError> {
        target
            .strip_prefix('T')
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| self.bad(n, "arguments must be span ids like T3"))
    }

    fn relation(&mut self, n: usize, ident: &str, body: &str) -> Result<(), FormatError> {
        let mut parts = body.split_whitespace();
        let kind = parts
            .next()
            .ok_or_else(|| self.bad(n, "relation without a type"))?;
        let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
            return Err(self.bad(n, "a relation needs two arguments"));
        };
        let (role1, t1) = self.arg(n, a)?;
        let (role2, t2) = self.arg(n, b)?;
        // An end may be an event (`Arg1:E1`): its trigger is filled in at
        // the end, when every event is known.
        let at = self.relations.len();
        let mut end = |which: usize, target: &str| -> Result<u64, FormatError> {
            match target.strip_prefix('E').map(str::parse::<u64>) {
                Some(Ok(event)) => {
                    self.event_ends.push((n, at, which, event));
                    Ok(0)
                }
                _ => self.span_number(n, target),
            }
        };
        let (from, to) = (end(0, &t1)?, end(1, &t2)?);
        // brat's relation ids may repeat; nothing else refers to them but
        // attributes and notes, which find the first.
        if let Ok(num) = ident[1..].parse::<u64>() {
            self.relation_numbers
                .entry(num)
                .or_insert(self.relations.len());
        }
        let mut r = Relation::new(
            RelationId(self.relations.len() as u64 + 1),
            kind,
            SpanId(from),
            SpanId(to),
        );
        if (role1.as_str(), role2.as_str()) != ("Arg1", "Arg2") {
            r.roles = Some((role1, role2));
        }
        self.relations.push(r);
        Ok(())
    }

    fn equivalence(
        &mut self,
        n: usize,
        body: &str,
        notices: &mut Notices,
    ) -> Result<(), FormatError> {
        let mut parts = body.split_whitespace();
        let kind = parts
            .next()
            .ok_or_else(|| self.bad(n, "an equivalence without a type"))?;
        let members: Vec<u64> = parts
            .map(|t| self.span_number(n, t))
            .collect::<Result<_, _>>()?;
        if members.len() < 2 {
            notices.add(
                "brat equivalences of fewer than two annotations, left out",
                1,
            );
        }
        for pair in members.windows(2) {
            let mut r = Relation::new(
                RelationId(self.relations.len() as u64 + 1),
                kind,
                SpanId(pair[0]),
                SpanId(pair[1]),
            );
            r.symmetric = true;
            self.relations.push(r);
        }
        Ok(())
    }

    fn event(&mut self, n: usize, ident: &str, body: &str) -> Result<(), FormatError> {
        let num: u64 = ident[1..]
            .parse()
            .map_err(|_| self.bad(n, "event id must be E followed by a number"))?;
        let mut parts = body.split_whitespace();
        let head = parts
            .next()
            .ok_or_else(|| self.bad(n, "an event without a trigger"))?;
        // The trigger follows the last `:`, so an ACE-style type with a
        // colon (`Life:Be-Born:T1`) is read whole.
        let (kind, trigger) = head.rsplit_once(':').ok_or_else(|| {
            self.bad(
                n,
                format!(
                    "expected type:trigger, not {}",
                    super::super::text::quote(head)
                ),
            )
        })?;
        let trigger = self.span_number(n, trigger)?;
        let args = parts
            .map(|a| self.arg(n, a))
            .collect::<Result<Vec<_>, _>>()?;
        if !self.event_numbers.insert(num) {
            return Err(self.bad(n, format!("event id E{num} is used twice")));
        }
        let event = Event::new(EventId(num), kind, SpanId(trigger));
        self.events.push((n, event, args));
        Ok(())
    }
}

/// Whether `shown` is `pieces` joined by single spaces (without joining).
fn joined_equals<'a>(shown: &str, pieces: impl Iterator<Item = &'a str>) -> bool {
    let mut rest = shown;
    for (i, piece) in pieces.enumerate() {
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
