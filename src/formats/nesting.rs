//! A guard for HTML nested absurdly deep. An HTML tree builder checks the
//! stack of open elements at each start tag, so 100,000 nested `<div>`s
//! take minutes. No article nests more than a few dozen elements; past
//! [`MAX_DEPTH`] the tags are dropped (their text is kept), which bounds
//! the work the parser does. Pages within the limit pass unchanged.

use std::borrow::Cow;

/// Nesting kept; deeper tags are dropped.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that close themselves when a sibling opens, so they do not
/// nest in practice (and pages often leave them unclosed).
const IMPLIED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp",
];

/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noscript",
];

/// One piece of the page: a tag `[start, end)` with its name and kind, or
/// text.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// The next tag at or after byte `from`, skipping comments and declarations.
fn next_tag(html: &str, mut from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    loop {
        let lt = from + html.get(from..)?.find('<')?;
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            from = lt + 4 + comment.find("-->").map_or(comment.len(), |i| i + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // `<!DOCTYPE`, `<?xml`, or a lone `<` in text.
            from = lt + 1;
            continue;
        }
        // The tag ends at the first `>` outside quotes.
        let mut quote = None;
        let mut end = None;
        for (i, b) in html[name_start + name_len..].bytes().enumerate() {
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = Some(name_start + name_len + i + 1);
                    break;
                }
                _ => {}
            }
        }
        let end = end.unwrap_or(html.len());
        return Some(Tag {
            start: lt,
            end,
            name: &html[name_start..name_start + name_len],
            closing,
            self_closing: html[..end].ends_with("/>"),
        });
    }
}

/// `html` with the tags nested deeper than `limit` left out (their text
/// kept); unchanged when nothing is that deep. O(n).
pub fn flatten_deep(html: &str, limit: usize) -> Cow<'_, str> {
    // Each counted open element: whether its tags are kept.
    let mut stack: Vec<bool> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end.max(tag.start + 1);
        let name = tag.name.to_ascii_lowercase();
        let counted = !VOID.contains(&name.as_str()) && !IMPLIED.contains(&name.as_str());
        let keep = if !counted || tag.self_closing {
            true
        } else if tag.closing {
            stack.pop().unwrap_or(true)
        } else {
            let keep = stack.len() < limit;
            stack.push(keep);
            keep
        };
        if !keep {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
        if !tag.closing && RAW.contains(&name.as_str()) {
            // Skip the raw text up to the end tag.
            let close = format!("</{name}");
            let lower = html[at..].to_ascii_lowercase();
            at += lower.find(&close).unwrap_or(lower.len());
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page = "<!DOCTYPE html><html><body><!-- <div> --><p>One<p>Two<br><img src='a>b'>\
                    <script>if (a < b) { x = '<div>'; }</script><div><div>x</div></div></body></html>";
        assert!(matches!(flatten_deep(page, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_go_and_their_text_stays() {
        let deep = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let flat = flatten_deep(&deep, 3);
        assert_eq!(
            flat,
            format!(
                "{}<p>Deep text.</p>{}",
                "<div>".repeat(3),
                "</div>".repeat(3)
            )
        );
    }
}
