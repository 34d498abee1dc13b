//! Articles from web addresses (issue 17), against a server on 127.0.0.1
//! serving pages written for these tests: success, a redirect, 404, a
//! timeout, a page that is not HTML, one too large, one in Latin-1.

use crate::cli_support;
use crate::common;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use cli_support::{spanmark, stderr};
use spanmark::formats::{Limits, fetch_article};

const TEASER: &str = "<article class=\"card\"><a href=\"/other\">Another story</a></article>";

/// A news page: navigation with a teaser card, the story, related links.
fn news_page() -> String {
    let para = "Dmitry Peskov said on Monday that the talks in Geneva had been useful, \
                and that the Kremlin expected a second round before the end of the month.";
    format!(
        r#"<!doctype html><html><head><title>Talks in Geneva were useful, Kremlin says | The Daily</title>
        <meta property="og:site_name" content="The Daily">
        <meta name="author" content="Anna Smith">
        <link rel="canonical" href="https://daily.example/world/geneva-talks">
        </head><body><nav><ul><li><a href="/">Home</a></li></ul>{TEASER}</nav>
        <main><h1>Talks in Geneva were useful, Kremlin says</h1>
        <p>{para}</p><p>{para}</p><p>{para}</p>
        <p>“We are satisfied,” Peskov told reporters, adding that more would follow.</p></main>
        <aside><h2>More stories</h2><ul><li><a href="/x">Elsewhere today</a></li></ul></aside>
        </body></html>"#
    )
}

fn respond(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap_or_else(|e| panic!("{e}")));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    // The rest of the request head.
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
            break;
        }
    }
    let (status, headers, body): (&str, String, Vec<u8>) = match path.as_str() {
        "/article" => (
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n".into(),
            news_page().into_bytes(),
        ),
        "/old-address" => (
            "301 Moved Permanently",
            "Location: /article\r\n".into(),
            Vec::new(),
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            (
                "200 OK",
                "Content-Type: text/html\r\n".into(),
                b"<p>late</p>".to_vec(),
            )
        }
        "/photo" => (
            "200 OK",
            "Content-Type: image/png\r\n".into(),
            vec![0x89, b'P', b'N', b'G'],
        ),
        "/huge" => (
            "200 OK",
            "Content-Type: text/html\r\n".into(),
            format!("<p>{}</p>", "word ".repeat(20_000)).into_bytes(),
        ),
        "/latin1" => {
            let mut page = news_page().replace("Kremlin expected", "Kremlin expected (café)");
            page = page.replace("<head>", "<head><meta charset=\"iso-8859-1\">");
            let bytes = page
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect();
            ("200 OK", "Content-Type: text/html\r\n".into(), bytes)
        }
        "/links" => (
            "200 OK",
            "Content-Type: text/html\r\n".into(),
            b"<html><body><nav><a href='/a'>A</a></nav></body></html>".to_vec(),
        ),
        _ => ("404 Not Found", String::new(), b"no such page".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A server on a free port of 127.0.0.1; its base address.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || respond(stream));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn limits(seconds: u64, max_bytes: u64) -> Limits {
    Limits {
        timeout: Duration::from_secs(seconds),
        max_bytes,
    }
}

#[test]
fn an_article_and_its_metadata_come_from_its_address() {
    let base = server();
    let doc = fetch_article(&format!("{base}/article"), Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title, "Talks in Geneva were useful, Kremlin says");
    assert!(
        doc.text
            .starts_with("Talks in Geneva were useful, Kremlin says\n\nDmitry Peskov")
    );
    assert!(
        doc.text
            .contains("“We are satisfied,” Peskov told reporters")
    );
    for junk in ["Home", "Another story", "More stories", "Elsewhere"] {
        assert!(!doc.text.contains(junk), "{junk}: {}", doc.text);
    }
    assert_eq!(doc.meta.author.as_deref(), Some("Anna Smith"));
    assert_eq!(doc.meta.outlet.as_deref(), Some("The Daily"));
    assert_eq!(
        doc.source.as_deref(),
        Some(format!("{base}/article").as_str())
    );
    assert!(format!("{:?}", doc.meta.extra).contains("https://daily.example/world/geneva-talks"));
}

#[test]
fn a_redirect_is_followed_and_the_final_address_kept() {
    let base = server();
    let doc = fetch_article(&format!("{base}/old-address"), Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        doc.source.as_deref(),
        Some(format!("{base}/article").as_str())
    );
    assert_eq!(doc.id, "article");
}

#[test]
fn a_page_in_latin_1_is_read_by_its_meta_charset() {
    let base = server();
    let doc = fetch_article(&format!("{base}/latin1"), Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.text.contains("Kremlin expected (café)"), "{}", doc.text);
}

#[test]
fn failures_say_what_went_wrong_in_one_line() {
    let base = server();
    let said = |path: &str, l: Limits| {
        fetch_article(&format!("{base}{path}"), l)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let e = said("/missing", Limits::default());
    assert!(e.contains("404 Not Found") && e.contains("/missing"), "{e}");
    let e = said("/slow", limits(1, 1 << 20));
    assert!(e.contains("no answer within 1 s"), "{e}");
    let e = said("/photo", Limits::default());
    assert!(e.contains("not a web page (image/png)"), "{e}");
    let e = said("/huge", limits(10, 10_000));
    assert!(e.contains("larger than"), "{e}");
    let e = said("/links", Limits::default());
    assert!(e.contains("no article text"), "{e}");
    // Nothing listens on port 9 of this machine.
    let e = fetch_article("http://127.0.0.1:9/x", Limits::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("could not connect") || e.contains("127.0.0.1:9"),
        "{e}"
    );
    for e in [
        said("/missing", Limits::default()),
        said("/photo", Limits::default()),
    ] {
        assert_eq!(e.lines().count(), 1, "{e}");
    }
}

#[test]
fn import_takes_web_addresses_beside_files_and_changes_nothing_on_failure() {
    let base = server();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p.ron");
    let txt = dir.path().join("note.txt");
    std::fs::write(&txt, "A note of mine.").unwrap_or_else(|e| panic!("{e}"));
    let url = format!("{base}/article");
    let o = spanmark(&[
        OsStr::new("import"),
        OsStr::new(&url),
        txt.as_os_str(),
        OsStr::new("--into"),
        project.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = spanmark::store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<&str> = p.documents.iter().map(|d| d.title.as_str()).collect();
    assert!(
        titles.contains(&"Talks in Geneva were useful, Kremlin says"),
        "{titles:?}"
    );
    assert_eq!(p.documents.len(), 2);
    let before = std::fs::read(&project).unwrap_or_else(|e| panic!("{e}"));
    let missing = format!("{base}/missing");
    let o = spanmark(&[
        OsStr::new("import"),
        OsStr::new(&missing),
        OsStr::new("--into"),
        project.as_os_str(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("404") && err.contains("/missing"), "{err}");
    assert_eq!(
        std::fs::read(&project).unwrap_or_else(|e| panic!("{e}")),
        before
    );
}

/// Let the window finish the import a command started.
fn window_after(h: &mut egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>) {
    // Stepped, not run: the fetch's spinner repaints until it is done,
    // which can take a while on a busy machine.
    common::step_until(h, |app| app.state.import.is_none());
}

#[test]
fn the_window_opens_an_article_by_its_address_or_a_pasted_one() {
    use egui::{Key, Modifiers};
    let base = server();
    let mut h = common::harness(common::text_app("A first note."));
    // File > Open URL (Ctrl+L): the address typed, Enter.
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    common::set_field(&mut h, "The article's address:", &format!("{base}/article"));
    h.key_press(Key::Enter);
    window_after(&mut h);
    let titles = |h: &egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>| -> Vec<String> {
        h.state()
            .session
            .project()
            .documents
            .iter()
            .map(|d| d.title.clone())
            .collect()
    };
    assert_eq!(
        titles(&h),
        vec!["Doc", "Talks in Geneva were useful, Kremlin says"],
        "{}",
        common::message(&h)
    );
    assert_eq!(
        common::doc(&h).title,
        "Talks in Geneva were useful, Kremlin says"
    );
    // A web address pasted onto the window.
    h.event(egui::Event::Paste(format!("{base}/latin1")));
    window_after(&mut h);
    assert_eq!(titles(&h).len(), 3, "{}", common::message(&h));
    // A failure changes nothing and says why.
    h.event(egui::Event::Paste(format!("{base}/missing")));
    window_after(&mut h);
    assert_eq!(titles(&h).len(), 3);
    let said = common::message(&h);
    assert!(
        said.contains("404 Not Found") && said.contains("/missing"),
        "{said}"
    );
    // Undo takes a whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(titles(&h).len(), 2);
}
