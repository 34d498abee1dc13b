//! Articles from the web: `spanmark import https://…` and the window's
//! File > Open URL. The page is fetched (rustls; a time limit, a size
//! limit, redirects followed), decoded (the charset of the `Content-Type`
//! header, else of the page's `<meta>`, else UTF-8, else Windows-1252 as
//! browsers do) and its article taken by Readability ([`super::article`]).
//! Nothing here runs unless a person asks for a URL.

use std::time::Duration;

use encoding_rs::Encoding;

use crate::model::Document;

use super::FormatError;
use super::article::extract;
use super::import::article_document;
use super::markup::head_tags;

/// Limits of one fetch.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The whole exchange, redirects included.
    pub timeout: Duration,
    /// The largest page read, in bytes.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(20),
            max_bytes: 20 << 20,
        }
    }
}

/// Whether `s` is a web address Spanmark fetches (http or https).
pub fn is_url(s: &str) -> bool {
    let s = s.trim();
    s.len() > 8
        && (s[..7].eq_ignore_ascii_case("http://") || s[..8].eq_ignore_ascii_case("https://"))
}

fn web_error(url: &str, message: impl Into<String>) -> FormatError {
    FormatError::Web {
        url: url.to_owned(),
        message: message.into(),
    }
}

/// Fetch the page at `url` and make its article a document: the headline
/// as title, byline, date, site and canonical address as metadata, the
/// address fetched (after redirects) as source.
pub fn fetch_article(url: &str, limits: Limits) -> Result<Document, FormatError> {
    let url = url.trim();
    let (final_url, bytes, content_type) = fetch(url, limits)?;
    let html = decode_page(&bytes, content_type.as_deref());
    let html = super::normalize(&html).text;
    let article = extract(&html, Some(&final_url));
    article_document(doc_id(&final_url), article, Some(final_url.clone())).ok_or_else(|| {
        web_error(
            url,
            "no article text in the page (a page of links, or one behind a paywall?)",
        )
    })
}

/// The page's address after redirects, its bytes and its content type.
fn fetch(url: &str, limits: Limits) -> Result<(String, Vec<u8>, Option<String>), FormatError> {
    use ureq::ResponseExt as _;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("Spanmark/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let seconds = limits.timeout.as_secs_f32();
    let transport = |e: ureq::Error| match e {
        ureq::Error::Timeout(_) => web_error(url, format!("no answer within {seconds:.0} s")),
        ureq::Error::TooManyRedirects => web_error(url, "too many redirects"),
        ureq::Error::BodyExceedsLimit(n) => web_error(
            url,
            format!("the page is larger than {} MB", n.div_ceil(1 << 20)),
        ),
        ureq::Error::BadUri(_) => web_error(url, "not a valid web address"),
        ureq::Error::HostNotFound => web_error(url, "the host was not found (offline?)"),
        ureq::Error::Io(e) => web_error(url, format!("could not connect: {e}")),
        other => web_error(url, other.to_string()),
    };
    let mut response = agent.get(url).call().map_err(transport)?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(web_error(
            url,
            format!("the server answered {} {reason}", status.as_u16()),
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(transport)?;
    let html_type = content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml")
    });
    if !html_type {
        let t = content_type.unwrap_or_default();
        return Err(web_error(url, format!("not a web page ({t})")));
    }
    Ok((final_url, bytes, content_type))
}

/// The page's text: a byte order mark, the header's charset, the page's
/// `<meta>` charset, UTF-8, or Windows-1252, in that order.
pub fn decode_page(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = content_type
        .and_then(charset_in)
        .or_else(|| meta_charset(bytes))
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    if let Some(encoding) = declared {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The value of `charset=` in a header or attribute value.
fn charset_in(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = value[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '>' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned()).filter(|s| !s.is_empty())
}

/// The charset a page declares in a `<meta>` of its first 4 kB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head_tags(&head, "meta", 4096)
        .into_iter()
        .find_map(charset_in)
}

/// A document id from an address: its last path segment, else its host.
fn doc_id(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("article");
    let name = name
        .strip_suffix(".html")
        .or_else(|| name.strip_suffix(".htm"))
        .unwrap_or(name);
    super::safe_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_come_from_the_header_then_the_page() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p>";
        assert!(decode_page(latin, None).contains("Café"));
        // The header wins over the page.
        let utf8 = "<meta charset=\"iso-8859-1\"><p>Café</p>".as_bytes();
        assert!(decode_page(utf8, Some("text/html; charset=UTF-8")).contains("Café"));
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8</p>";
        assert!(decode_page(equiv, None).contains("При"));
        // Undeclared and not UTF-8: Windows-1252, as browsers read it.
        assert!(decode_page(b"<p>Caf\xe9</p>", None).contains("Café"));
    }

    #[test]
    fn addresses_and_ids() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org/a"));
        assert!(!is_url("example.org/a"));
        assert!(!is_url("ftp://example.org/a"));
        assert_eq!(
            doc_id("https://example.org/world/geneva-talks.html?x=1"),
            "geneva-talks"
        );
        assert_eq!(doc_id("https://example.org/"), "example.org");
    }
}
