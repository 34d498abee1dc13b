//! PDFs as real ones come (issue 29), each written by the test from the
//! specification (`pdf_writer`): a standard font without an encoding,
//! CJK character maps, rotated pages, a form drawn three times, an
//! embedded character map, Arabic, glyphs placed one by one (Google Docs,
//! Japanese), three columns, pleading paper, ligatures, and titles.

use std::path::Path;

use crate::pdf_writer::{LETTER, Writer, codes, hex_codes, literal};
use spanmark::formats::{ImportFormat, ImportOptions, import_file};
use spanmark::model::Document;

/// Import `pdf` (written to a file named `name`): the document, or the
/// refusal's message.
fn read(name: &str, pdf: Vec<u8>) -> Result<Document, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).map_err(|e| e.to_string())?;
    import(&path)
}

fn import(path: &Path) -> Result<Document, String> {
    import_file(path, ImportFormat::Pdf, &ImportOptions::default())
        .map_err(|e| e.to_string())
        .and_then(|mut i| i.docs.pop().ok_or_else(|| "no document".to_owned()))
}

fn text_of(name: &str, pdf: Vec<u8>) -> String {
    read(name, pdf)
        .map(|d| d.text)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// One line of Helvetica text at (x, y).
fn line(x: f64, y: f64, size: f64, text: &str) -> String {
    format!("BT /F1 {size} Tf {x} {y} Td {} Tj ET\n", literal(text))
}

/// One page of `content` in Helvetica (as /F1).
fn helvetica_page(content: &str, info: Option<&str>) -> Vec<u8> {
    let mut w = Writer::default();
    let f = w.helvetica();
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    w.finish(info)
}

#[test]
fn a_content_stream_with_comments_is_read_not_refused_as_a_scan() {
    // As pdf.js's calrgb.pdf: a comment after every operator, one with no
    // space before it.
    let mut w = Writer::default();
    let f = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>");
    let content = " 0.5 g 25 525 100 100 re%\n f          %\n BT         %\n /F1 12 Tf  %\n \
                   72 700 Td  %\n (The minister resigned on Monday.) Tj   %\n ET  %\n";
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    assert_eq!(
        text_of("calrgb.pdf", w.finish(None)),
        "The minister resigned on Monday."
    );
}

#[test]
fn cjk_character_maps_are_read_and_an_unknown_map_is_one_line_naming_the_file() {
    // 東京都 in Shift-JIS through the predefined 90ms-RKSJ-H map.
    let mut w = Writer::default();
    let f = w.type0("/90ms-RKSJ-H", "Japan1", None);
    let content = "BT /F1 12 Tf 72 700 Td <938C8B9E9373> Tj ET";
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    assert_eq!(text_of("tokyo.pdf", w.finish(None)), "東京都");
    // A map this reader has no table for: refused, on one line.
    let mut w = Writer::default();
    let f = w.type0("/Identity-H", "Unknown", None);
    let content = "BT /F1 12 Tf 72 700 Td <12341235> Tj ET";
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    let e = read("unknown-map.pdf", w.finish(None))
        .err()
        .unwrap_or_default();
    assert!(
        e.contains("unknown-map.pdf") && e.contains("character map"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn rotated_pages_read_upright() {
    let words = [
        "The council met on Tuesday evening",
        "and voted to close the bridge",
        "for repairs.",
    ];
    let mut w = Writer::default();
    let f = w.helvetica();
    let fonts = format!("/Font << /F1 {f} 0 R >>");
    // /Rotate 90: drawn a quarter turn anticlockwise, lines going right.
    let mut content = String::new();
    for (k, t) in words.iter().enumerate() {
        let x = 100.0 + 14.0 * k as f64;
        content.push_str(&format!(
            "BT /F1 12 Tf 0 1 -1 0 {x} 72 Tm {} Tj ET\n",
            literal(t)
        ));
    }
    w.page(LETTER, &fonts, "/Rotate 90", content.as_bytes());
    // /Rotate 270: a quarter turn clockwise, lines going left.
    let mut content = String::new();
    for (k, t) in words.iter().enumerate() {
        let x = 500.0 - 14.0 * k as f64;
        content.push_str(&format!(
            "BT /F1 12 Tf 0 -1 1 0 {x} 720 Tm {} Tj ET\n",
            literal(t)
        ));
    }
    w.page(LETTER, &fonts, "/Rotate 270", content.as_bytes());
    let one = "The council met on Tuesday evening and voted to close the bridge for repairs.";
    assert_eq!(
        text_of("rotated.pdf", w.finish(None)),
        format!("{one}\n\n{one}")
    );
}

#[test]
fn a_form_drawn_three_times_over_itself_reads_once() {
    let mut w = Writer::default();
    let f = w.helvetica();
    let form = w.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 {f} 0 R >> >>"),
        line(72.0, 700.0, 12.0, "Breaking news from the council").as_bytes(),
    );
    let resources = format!("/XObject << /Fm1 {form} 0 R >>");
    w.page(LETTER, &resources, "", b"/Fm1 Do /Fm1 Do /Fm1 Do");
    assert_eq!(
        text_of("form.pdf", w.finish(None)),
        "Breaking news from the council"
    );
}

#[test]
fn a_font_with_an_embedded_character_map_is_read() {
    let mut w = Writer::default();
    // One-byte codes 0x20 to 0x7E to CIDs 1 to 95, and back to ASCII.
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n\
        /CMapName /Spanmark-Bytes def /CMapType 1 def\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        1 begincidrange <20> <7E> 1 endcidrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let encoding = w.stream(
        "/Type /CMap /CMapName /Spanmark-Bytes /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
        cmap.as_bytes(),
    );
    let unicode = cmap.replace("/CMapType 1", "/CMapType 2").replace(
        "1 begincidrange <20> <7E> 1 endcidrange",
        "1 beginbfrange <20> <7E> <0020> endbfrange",
    );
    let to_unicode = w.stream("", unicode.as_bytes());
    let font = w.type0(&format!("{encoding} 0 R"), "Identity", None);
    let font = w.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SpanmarkSans /Encoding {encoding} 0 R \
         /DescendantFonts [{} 0 R] /ToUnicode {to_unicode} 0 R >>",
        font - 1
    ));
    let content = line(72.0, 700.0, 12.0, "The body text of the report.");
    w.page(
        LETTER,
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        content.as_bytes(),
    );
    assert_eq!(
        text_of("prince.pdf", w.finish(None)),
        "The body text of the report."
    );
}

/// One page of `runs` in a composite font whose `ToUnicode` map gives the
/// characters: each run (x, y, characters) drawn glyph by glyph, each
/// glyph `advance` points after the last (12-point glyphs 1000 units wide
/// by the default).
fn glyph_page(runs: &[(f64, f64, &str)], advance: f64) -> Vec<u8> {
    let texts: Vec<&str> = runs.iter().map(|r| r.2).collect();
    let (encoded, map) = codes(&texts);
    let map: Vec<(u16, &str)> = map.iter().map(|(c, t)| (*c, t.as_str())).collect();
    let mut w = Writer::default();
    let f = w.type0_with("/Identity-H", "Identity", Some(&map), "");
    let mut content = String::new();
    for ((x, y, _), codes) in runs.iter().zip(&encoded) {
        content.push_str(&format!("BT /F1 12 Tf {x} {y} Td\n"));
        for (k, c) in codes.iter().enumerate() {
            let step = if k == 0 { 0.0 } else { advance };
            content.push_str(&format!("{step} 0 Td {} Tj\n", hex_codes(&[*c])));
        }
        content.push_str("ET\n");
    }
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    w.finish(None)
}

#[test]
fn words_typeset_without_spaces_stay_apart_below_a_line_that_draws_them() {
    // A line that draws its spaces (an author line), then a line as TeX
    // sets it: no space glyphs, words a quarter of an em apart (3 points
    // at 12), letters touching (pdf.js tracemonkey.pdf).
    let mut runs = vec![(72.0, 720.0, "Ana Gil, Bo Li")];
    let mut x = 72.0;
    for word in ["Hence", "recording", "and", "compiling"] {
        runs.push((x, 700.0, word));
        x += 12.0 * word.chars().count() as f64 + 3.0;
    }
    let text = text_of("tex.pdf", glyph_page(&runs, 12.0));
    assert!(text.contains("Hence recording and compiling"), "{text:?}");
    assert!(text.contains("Ana Gil, Bo Li"), "{text:?}");
}

#[test]
fn arabic_drawn_in_visual_order_reads_in_logical_order() {
    // مصر تفوز ("Egypt wins"), drawn left to right as it shows.
    let logical = "مصر تفوز";
    let visual: String = logical.chars().rev().collect();
    let text = text_of("arabic.pdf", glyph_page(&[(72.0, 700.0, &visual)], 12.0));
    assert_eq!(text, logical);
}

/// A page as Google Docs writes it: the page flipped (y down), scaled by
/// 0.75, and every glyph of `text` placed by its own `Td` at its width,
/// the widths given as ranges of one code (`c c w`) with a default of 0.
fn google_docs_page(text: &str, size: f64) -> Vec<u8> {
    let (encoded, map) = codes(&[text]);
    let map: Vec<(u16, &str)> = map.iter().map(|(c, t)| (*c, t.as_str())).collect();
    let width = |c: &str| match c {
        " " => 277.832,
        "i" | "l" | "t" => 222.168,
        "m" => 833.0,
        c if c.is_ascii() => 556.152,
        _ => 1000.0,
    };
    let ranges: Vec<String> = map
        .iter()
        .map(|(code, c)| format!("{code} {code} {}", width(c)))
        .collect();
    let mut w = Writer::default();
    let widths = format!("/DW 0 /W [{}]", ranges.join(" "));
    let f = w.type0_with("/Identity-H", "Identity", Some(&map), &widths);
    let mut content = String::from("1 0 0 -1 0 792 cm q .75 0 0 .75 72 133.737305 cm BT\n");
    content.push_str(&format!(
        "/F1 {size} Tf 1 0 0 -1 0 15.4082031 Tm 0 -20.519531 Td\n"
    ));
    let mut last = 0.0;
    for code in &encoded[0] {
        content.push_str(&format!("{last} 0 Td {} Tj\n", hex_codes(&[*code])));
        last = width(map[usize::from(*code) - 1].1) * size / 1000.0;
    }
    content.push_str("ET Q\n");
    w.page(
        LETTER,
        &format!("/Font << /F1 {f} 0 R >>"),
        "",
        content.as_bytes(),
    );
    w.finish(None)
}

#[test]
fn glyphs_placed_one_by_one_keep_their_words_whole() {
    // Google Docs places every glyph; the font draws its spaces.
    let docs = google_docs_page("A grasshopper spent the summer hopping", 22.666666);
    assert_eq!(
        text_of("docs.pdf", docs),
        "A grasshopper spent the summer hopping"
    );
    // Japanese has no spaces between words.
    let text = text_of(
        "japanese.pdf",
        google_docs_page("東京都の知事は語った", 14.0),
    );
    assert_eq!(text, "東京都の知事は語った");
}

#[test]
fn an_author_block_above_two_columns_is_read_first_with_its_marks_on_its_line() {
    // pdf.js tracemonkey.pdf: a centred author line across the gutter, a
    // superscript mark beside a name, then two columns.
    let mut content = line(150.0, 700.0, 12.0, "Ana Gil and Bo Li of the Harbour Desk");
    // The mark right after the last letter (the line ends at x = 354.1).
    content.push_str(&line(354.5, 704.5, 7.0, "*"));
    let left = [
        "The council met on",
        "Monday to vote on the",
        "harbour bridge repairs.",
    ];
    let right = [
        "Members asked for a",
        "second survey of the",
        "old piers by winter.",
    ];
    for (k, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 660.0 - 12.0 * k as f64;
        content.push_str(&line(72.0, y, 10.0, l));
        content.push_str(&line(330.0, y, 10.0, r));
    }
    let text = text_of("authors.pdf", helvetica_page(&content, None));
    let at = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
    assert!(at("Harbour Desk") < at("The council met"), "{text:?}");
    assert!(at("The council met") < at("Members asked"), "{text:?}");
    let mark = at("*");
    assert!(
        mark > at("Harbour Desk") && mark < at("The council met"),
        "{text:?}"
    );
    assert!(
        !text.contains("\n\n*\n\n"),
        "the mark is not a paragraph of its own: {text:?}"
    );
}

#[test]
fn three_columns_read_one_after_another() {
    let columns = [
        [
            "The agency proposes to",
            "amend its rules on the",
            "reporting of incidents.",
        ],
        [
            "Comments must reach the",
            "agency by the end of",
            "the month of September.",
        ],
        [
            "For further information",
            "contact the office of the",
            "general counsel today.",
        ],
    ];
    let mut content = String::new();
    for (c, lines) in columns.iter().enumerate() {
        for (k, l) in lines.iter().enumerate() {
            content.push_str(&line(
                40.0 + 190.0 * c as f64,
                700.0 - 12.0 * k as f64,
                10.0,
                l,
            ));
        }
    }
    let text = text_of("federal-register.pdf", helvetica_page(&content, None));
    let want: Vec<String> = columns.iter().map(|c| c.join(" ")).collect();
    assert_eq!(text, want.join("\n\n"));
}

#[test]
fn pleading_paper_loses_its_line_numbers_and_keeps_its_paragraphs() {
    let body = [
        (108.0, "The plaintiff alleges that the city failed to"),
        (72.0, "maintain the bridge and that the failure caused"),
        (72.0, "the collapse of the eastern span."),
        (108.0, "The city denies each of these allegations and"),
        (72.0, "asks the court to dismiss the complaint."),
    ];
    let mut content = String::new();
    for n in 1..=28 {
        content.push_str(&line(
            40.0,
            720.0 - 24.0 * f64::from(n - 1),
            12.0,
            &n.to_string(),
        ));
    }
    for (k, (x, l)) in body.iter().enumerate() {
        content.push_str(&line(*x, 720.0 - 24.0 * k as f64, 12.0, l));
    }
    let text = text_of("pleading.pdf", helvetica_page(&content, None));
    assert_eq!(
        text,
        "The plaintiff alleges that the city failed to maintain the bridge and that the failure \
         caused the collapse of the eastern span.\n\n\
         The city denies each of these allegations and asks the court to dismiss the complaint."
    );
}

#[test]
fn ligatures_become_their_letters() {
    let text = text_of(
        "ligatures.pdf",
        glyph_page(&[(72.0, 700.0, "The ﬁle was ﬂagged")], 7.0),
    );
    assert_eq!(text, "The file was flagged");
}

#[test]
fn titles_decode_as_the_specification_says_and_a_headline_stays_whole() {
    let body = line(72.0, 600.0, 10.0, "The text of the article.");
    // UTF-16BE after its byte order mark.
    let utf16: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "Gespräch über Kyjiw"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    let info = format!("/Title {}", crate::pdf_writer::hex(&utf16));
    let doc = read("utf16.pdf", helvetica_page(&body, Some(&info)));
    assert_eq!(doc.map(|d| d.title), Ok("Gespräch über Kyjiw".to_owned()));
    // PDFDocEncoding: \215 and \216 are quotation marks, \351 é.
    let doc = read(
        "pdfdoc.pdf",
        helvetica_page(&body, Some("/Title (\\215Caf\\351\\216 reviewed)")),
    );
    assert_eq!(doc.map(|d| d.title), Ok("“Café” reviewed".to_owned()));
    // No title of its own: the headline, both of its lines.
    let mut content = line(72.0, 700.0, 20.0, "Council votes to close");
    content.push_str(&line(72.0, 676.0, 20.0, "the old harbour bridge"));
    content.push_str(&body);
    let doc = read("headline.pdf", helvetica_page(&content, None));
    let title = doc.map(|d| d.title);
    assert_eq!(
        title,
        Ok("Council votes to close the old harbour bridge".to_owned())
    );
}
