//! The article in a web page. Mozilla's Readability algorithm (the
//! `dom_smoothie` port) finds the main text among menus, teasers and
//! related-story lists, and the page's metadata (a title without the
//! site's suffix, byline, date, site name, canonical address); its blocks
//! become paragraphs as in [`super::html_to_text`], with the headline
//! first. A page Readability finds no article in falls back to that.

use crate::model::Meta;

use super::markup::{head_tags, html_to_text};
use super::nesting::{MAX_DEPTH, flatten_deep};

/// What a web page holds for a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// The headline (the page title without the site's name).
    pub title: Option<String>,
    /// The headline and the article's paragraphs, one blank line apart.
    pub text: String,
    /// Byline, publication date and site name, when the page says.
    pub meta: Meta,
    /// The page's canonical address, when it gives one.
    pub url: Option<String>,
}

/// The article of `html`; `url` is where the page came from (links and the
/// canonical address are resolved against it).
pub fn extract(html: &str, url: Option<&str>) -> Article {
    // Absurdly deep nesting would make parsing quadratic: cap it first.
    let html = flatten_deep(html, MAX_DEPTH);
    readable(&html, url).unwrap_or_else(|| {
        let (title, text) = html_to_text(&html);
        Article {
            title,
            text,
            ..Article::default()
        }
    })
}

/// Readability's article, if it finds one with text.
fn readable(html: &str, url: Option<&str>) -> Option<Article> {
    let mut reader = dom_smoothie::Readability::new(html, url, None).ok()?;
    let found = reader.parse().ok()?;
    let (_, body) = html_to_text(&found.content);
    if body.trim().is_empty() {
        return None;
    }
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let title = clean(Some(found.title));
    // The headline leads the text (Readability leaves it out of the body).
    let text = match &title {
        Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    Some(Article {
        title,
        text,
        meta: Meta {
            author: clean(found.byline),
            date: clean(found.published_time),
            outlet: clean(found.site_name),
            ..Meta::default()
        },
        url: clean(found.url).or_else(|| canonical(html)),
    })
}

/// The `href` of the page's `<link rel="canonical">` (looked for in its
/// first 64 kB, where the head is).
fn canonical(html: &str) -> Option<String> {
    let tag = head_tags(html, "link", 64 << 10)
        .into_iter()
        .find(|t| t.to_ascii_lowercase().contains("canonical"))?;
    let h = tag.to_ascii_lowercase().find("href=")?;
    let rest = &tag[h + 5..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value = match quote {
        Some(q) => rest[1..].split(q).next().unwrap_or(""),
        None => rest.split(char::is_whitespace).next().unwrap_or(""),
    };
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_not_the_teaser_in_the_menu_and_the_headline_first() {
        // The first <article> is a teaser card in the menu (as on the news
        // pages the old importer refused or filled with navigation).
        let para = "Dmitry Peskov said on Monday that the talks in Geneva had been useful, \
                    and that the Kremlin expected a second round before the end of the month.";
        let html = format!(
            r#"<html><head><title>Talks in Geneva were useful, Kremlin says - The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <meta name="author" content="Anna Smith">
            <meta property="article:published_time" content="2026-11-23T10:00:00Z">
            </head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul>
            <article class="teaser"><a href="/other">Other story</a></article></nav>
            <main><h1>Talks in Geneva were useful, Kremlin says</h1>
            <div class="story"><p>{para}</p><p>{para}</p><p>{para}</p>
            <p>“We are satisfied,” Peskov told reporters in Moscow, adding that more would follow.</p>
            </div></main>
            <aside><h2>Related</h2><ul><li><a href="/x">Another story entirely</a></li></ul></aside>
            <footer><p>© The Daily</p></footer></body></html>"#
        );
        let a = extract(&html, Some("https://example.org/world/geneva"));
        assert_eq!(
            a.title.as_deref(),
            Some("Talks in Geneva were useful, Kremlin says")
        );
        assert!(
            a.text
                .starts_with("Talks in Geneva were useful, Kremlin says\n\nDmitry Peskov"),
            "{}",
            a.text
        );
        assert!(a.text.contains("“We are satisfied,” Peskov told reporters"));
        for junk in ["Home", "Other story", "Related", "Another story", "©"] {
            assert!(!a.text.contains(junk), "{junk} in {}", a.text);
        }
        assert_eq!(a.meta.author.as_deref(), Some("Anna Smith"));
        assert_eq!(a.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-11-23T10:00:00Z"));
    }

    #[test]
    fn a_page_with_no_article_falls_back_to_its_paragraphs() {
        let a = extract("<p>Short note.</p>", None);
        assert_eq!(a.text, "Short note.");
    }
}
