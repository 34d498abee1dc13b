//! Readable text out of Markdown (pulldown-cmark) and HTML (scraper, on
//! html5ever): paragraphs separated by blank lines, a title, no markup.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Selector};

/// (title, text) of a Markdown document: the first heading is the title;
/// block elements become paragraphs; inline markup is dropped, its text kept.
pub fn markdown_to_text(source: &str) -> (Option<String>, String) {
    let mut out = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if title.is_none() {
                    title = heading.take().map(|h| h.trim().to_owned());
                }
                heading = None;
                end_block(&mut out);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => end_block(&mut out),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    (title.filter(|t| !t.is_empty()), out.trim_end().to_owned())
}

fn end_block(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\n']).len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
}

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "button", "svg",
    "template", "iframe",
];

/// (title, text) of an HTML page: the `<title>` (or first `<h1>`), and the
/// headings, paragraphs, list items and block quotes of its `<article>` (or
/// `<main>`, or `<body>`), leaving out navigation, scripts and styles.
pub fn html_to_text(source: &str) -> (Option<String>, String) {
    // Absurdly deep nesting would make parsing quadratic: cap it first.
    let source = super::nesting::flatten_deep(source, super::nesting::MAX_DEPTH);
    let page = Html::parse_document(&source);
    let sel = |s: &str| Selector::parse(s).ok();
    let text_of = |e: ElementRef<'_>| -> String {
        e.text()
            .collect::<Vec<_>>()
            .join("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = sel("title")
        .and_then(|s| page.select(&s).next())
        .map(text_of)
        .filter(|t| !t.is_empty())
        .or_else(|| sel("h1").and_then(|s| page.select(&s).next()).map(text_of));
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|r| sel(r))
        .find_map(|s| page.select(&s).next());
    let Some(root) = root else {
        return (title, String::new());
    };
    let Some(blocks) = sel("h1, h2, h3, h4, h5, h6, p, li, blockquote, pre") else {
        return (title, String::new());
    };
    let mut paragraphs: Vec<String> = Vec::new();
    for el in root.select(&blocks) {
        let skipped = el.ancestors().filter_map(ElementRef::wrap).any(|a| {
            let name = a.value().name();
            SKIP.contains(&name)
        });
        // A block inside another selected block is part of that one's text.
        let nested = el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.id() != root.id())
            .any(|a| blocks.matches(&a));
        if skipped || nested {
            continue;
        }
        let t = text_of(el);
        if !t.is_empty() {
            paragraphs.push(t);
        }
    }
    (title, paragraphs.join("\n\n"))
}

/// Every `<name …` tag (case-insensitive, up to its `>`) in the first
/// `limit` bytes of `html`: what a page's head declares, read without
/// parsing the page.
pub(super) fn head_tags<'a>(html: &'a str, name: &str, limit: usize) -> Vec<&'a str> {
    let mut end = html.len().min(limit);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let lower = head.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open) {
        let start = from + at;
        let stop = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        tags.push(&head[start..stop]);
        from = stop;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_the_readable_text() {
        let md = "# Peskov’s *remarks*\n\nHe said:\n> “We are **satisfied**,” he said.\n\n- one\n- two `code`\n";
        let (title, text) = markdown_to_text(md);
        assert_eq!(title.as_deref(), Some("Peskov’s remarks"));
        assert_eq!(
            text,
            "Peskov’s remarks\n\nHe said:\n\n“We are satisfied,” he said.\n\none\n\ntwo code"
        );
    }

    #[test]
    fn html_takes_the_article_and_drops_navigation_and_scripts() {
        let html = r#"<html><head><title>Kremlin &amp; US</title><style>p{}</style></head>
            <body><nav><p>Home</p></nav><article><h1>Talks</h1>
            <p>“We are   satisfied,” <b>Peskov</b> said.</p><script>var x;</script>
            <blockquote><p>Quoted 😀</p></blockquote></article><footer><p>©</p></footer></body></html>"#;
        let (title, text) = html_to_text(html);
        assert_eq!(title.as_deref(), Some("Kremlin & US"));
        assert_eq!(
            text,
            "Talks\n\n“We are satisfied,” Peskov said.\n\nQuoted 😀"
        );
    }
}
