//! PDF articles (issue 17), on PDFs these tests write from the PDF
//! specification: pages, two columns, a headline across them, hyphenated
//! words, a running head and page numbers; a PDF without text; a file that
//! is not a PDF.

use crate::cli_support;
use crate::common;

use std::ffi::OsStr;
use std::path::Path;

use cli_support::{spanmark, stderr};
use spanmark::formats::{ImportFormat, ImportOptions, import_file, page_of};

/// Text placed on a page: x, y (from the bottom), size, text.
type Line<'a> = (f64, f64, f64, &'a str);

/// A PDF of US Letter pages with Helvetica text (and a filled square where
/// a page has no text), with an optional document title.
pub(crate) fn write_pdf(pages: &[Vec<Line<'_>>], title: Option<&str>) -> Vec<u8> {
    let escape = |t: &str| {
        t.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let mut objects: Vec<String> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3 font, then a page and its content per page, then the info.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    for (i, lines) in pages.iter().enumerate() {
        let mut content = String::new();
        for (x, y, size, text) in lines {
            content.push_str(&format!(
                "BT /F1 {size} Tf {x} {y} Td ({}) Tj ET\n",
                escape(text)
            ));
        }
        if lines.is_empty() {
            content.push_str("0.5 g 100 100 200 200 re f\n");
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    if let Some(t) = title {
        objects.push(format!("<< /Title ({}) >>", escape(t)));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let info = title.map_or(String::new(), |_| format!(" /Info {} 0 R", objects.len()));
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A column of lines from the top, 12 points apart; a blank entry is a
/// paragraph break.
fn column<'a>(x: f64, top: f64, lines: &[&'a str]) -> Vec<Line<'a>> {
    let mut y = top;
    let mut out = Vec::new();
    for l in lines {
        if l.is_empty() {
            y -= 12.0;
        } else {
            out.push((x, y, 10.0, *l));
            y -= 12.0;
        }
    }
    out
}

/// A page of the report: its running head, its number at the foot, and
/// `body`.
fn report_page(number: &'static str, body: Vec<Line<'static>>) -> Vec<Line<'static>> {
    let mut page = vec![
        (72.0, 760.0, 8.0, "The Daily Report - Geneva edition"),
        (300.0, 40.0, 8.0, number),
    ];
    page.extend(body);
    page
}

fn two_column_report() -> Vec<Vec<Line<'static>>> {
    let mut one: Vec<Line<'static>> = vec![(72.0, 700.0, 20.0, "Talks in Geneva go on")];
    one.extend(column(
        72.0,
        660.0,
        &[
            "Dmitry Peskov said on Monday that the",
            "talks had been useful and that the nego-",
            "tiations would go on next week.",
            "",
            "The ministry gave no date for the",
            "second round of the talks.",
        ],
    ));
    one.extend(column(
        322.0,
        660.0,
        &[
            "Officials in Kyiv said they had not been",
            "told of any new proposal before the",
            "meeting began.",
        ],
    ));
    let two = column(
        72.0,
        700.0,
        &[
            "A second page begins a new paragraph",
            "about the sanctions that remain.",
        ],
    );
    vec![report_page("1", one), report_page("2", two)]
}

fn import(path: &Path) -> Result<spanmark::model::Document, String> {
    import_file(path, ImportFormat::Pdf, &ImportOptions::default())
        .map_err(|e| e.to_string())
        .and_then(|mut i| i.docs.pop().ok_or_else(|| "no document".to_owned()))
}

#[test]
fn a_two_column_report_reads_in_order_without_its_running_heads() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, write_pdf(&two_column_report(), None)).unwrap_or_else(|e| panic!("{e}"));
    let doc = import(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title, "Talks in Geneva go on");
    assert_eq!(
        doc.text,
        "Talks in Geneva go on\n\n\
         Dmitry Peskov said on Monday that the talks had been useful and that the \
         negotiations would go on next week.\n\n\
         The ministry gave no date for the second round of the talks.\n\n\
         Officials in Kyiv said they had not been told of any new proposal before the \
         meeting began.\n\n\
         A second page begins a new paragraph about the sanctions that remain."
    );
    // Where page 2 starts is kept: a span's page can be named.
    let second = doc
        .text
        .find("A second page")
        .map(|b| doc.text[..b].chars().count());
    let second = second.unwrap_or_else(|| panic!("no second page"));
    assert_eq!(page_of(&doc, second), Some(2));
    assert_eq!(page_of(&doc, second - 3), Some(1));
    assert_eq!(page_of(&doc, 0), Some(1));
}

#[test]
fn a_paragraph_cut_by_a_page_break_goes_on_and_the_info_title_is_the_title() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("filing.pdf");
    let pages = vec![
        column(
            72.0,
            700.0,
            &["The court found that the defendant had", "not been infor-"],
        ),
        column(72.0, 700.0, &["med of the charges in time."]),
    ];
    std::fs::write(&path, write_pdf(&pages, Some("Ruling of 3 May")))
        .unwrap_or_else(|e| panic!("{e}"));
    let doc = import(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title, "Ruling of 3 May");
    assert_eq!(
        doc.text,
        "The court found that the defendant had not been informed of the charges in time."
    );
}

#[test]
fn a_scan_and_a_file_that_is_not_a_pdf_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, write_pdf(&[Vec::new()], None)).unwrap_or_else(|e| panic!("{e}"));
    let e = import(&scan).err().unwrap_or_default();
    assert!(e.contains("scan.pdf") && e.contains("no text layer"), "{e}");
    let junk = dir.path().join("junk.pdf");
    std::fs::write(&junk, b"%PDF-1.4\nnot really").unwrap_or_else(|e| panic!("{e}"));
    let e = import(&junk).err().unwrap_or_default();
    assert!(
        e.contains("junk.pdf") && e.contains("cannot read the PDF"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn import_reads_a_pdf_by_its_extension() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, write_pdf(&two_column_report(), None)).unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p.ron");
    let o = spanmark(&[
        OsStr::new("import"),
        path.as_os_str(),
        OsStr::new("--into"),
        project.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = spanmark::store::load(&project).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.documents[0].title, "Talks in Geneva go on");
}

#[test]
fn the_window_opens_a_pdf_and_names_a_span_s_page() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, write_pdf(&two_column_report(), None)).unwrap_or_else(|e| panic!("{e}"));
    let mut h = common::harness(spanmark::app::SpanmarkApp::article(&path));
    let text = common::doc(&h).text.clone();
    let at = common::char_offset(&text, "sanctions", 1);
    common::tag_chars(&mut h, at, at + "sanctions".len(), egui::Key::Num3);
    assert_eq!(common::spans(&h).len(), 1, "{}", common::message(&h));
    assert!(h.query_by_label_contains("· page 2 ·").is_some());
}
