//! brat's lines that attach to other annotations: attributes (`A`, `M`),
//! knowledge-base links (`N`) and notes (`#`), kept until every
//! annotation is known.

use super::super::super::{FormatError, Notices};
use super::super::from_one_line;
use super::{Extra, Reader, Target};
use crate::model::Normalization;

impl Reader<'_> {
    pub(super) fn attribute(&mut self, n: usize, body: &str) -> Result<(), FormatError> {
        let mut parts = body.split_whitespace();
        let name = parts
            .next()
            .ok_or_else(|| self.bad(n, "an attribute without a name"))?;
        let target = parts
            .next()
            .and_then(Target::parse)
            .ok_or_else(|| self.bad(n, "an attribute needs a target like T3, R2 or E1"))?;
        // A yes/no attribute has no value.
        let value = parts.next().unwrap_or("true").to_owned();
        self.extras
            .push((n, target, Extra::Attr(name.to_owned(), value)));
        Ok(())
    }

    pub(super) fn normalization(
        &mut self,
        n: usize,
        body: &str,
        name: Option<&str>,
    ) -> Result<(), FormatError> {
        let mut parts = body.split_whitespace();
        let _reference = parts.next();
        let target = parts
            .next()
            .and_then(Target::parse)
            .ok_or_else(|| self.bad(n, "a normalization needs a target like T3"))?;
        let (kb, id) = parts
            .next()
            .and_then(|r| r.split_once(':'))
            .ok_or_else(|| self.bad(n, "expected a reference like Wikipedia:534366"))?;
        let norm = Normalization {
            kb: kb.to_owned(),
            id: id.to_owned(),
            name: name.map(from_one_line).filter(|s| !s.is_empty()),
        };
        self.extras.push((n, target, Extra::Norm(norm)));
        Ok(())
    }

    pub(super) fn note(
        &mut self,
        n: usize,
        body: &str,
        text: Option<&str>,
        notices: &mut Notices,
    ) -> Result<(), FormatError> {
        let mut parts = body.split_whitespace();
        let kind = parts.next().unwrap_or("AnnotatorNotes");
        let Some(target) = parts.next().and_then(Target::parse) else {
            notices.add("brat notes without a target, left out", 1);
            return Ok(());
        };
        let text = from_one_line(text.unwrap_or(""));
        let extra = match kind {
            "SpanmarkAttr" => match text.split_once('=') {
                Some((k, v)) => Extra::Attr(k.to_owned(), v.to_owned()),
                None => return Err(self.bad(n, "expected name=value")),
            },
            _ => Extra::Note(kind.to_owned(), text),
        };
        self.extras.push((n, target, extra));
        Ok(())
    }
}
