//! Scripts the fonts cannot draw: when a document holds characters no
//! installed font has, the window says once which script they are in and
//! which font package would add it (Debian's names; the README lists them).

use std::collections::BTreeSet;

/// A script and the Debian package whose fonts cover it.
type Script = (&'static str, &'static str);

/// The script of `c` and a package for it, for the scripts news comes in.
fn script_of(c: char) -> Script {
    let noto = "fonts-noto-core";
    let cjk = "fonts-noto-cjk";
    match c as u32 {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => ("Greek", noto),
        0x0400..=0x052F => ("Cyrillic", noto),
        0x0530..=0x058F => ("Armenian", noto),
        0x0590..=0x05FF => ("Hebrew", noto),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            ("Arabic", noto)
        }
        0x0900..=0x097F => ("Devanagari", noto),
        0x0980..=0x09FF => ("Bengali", noto),
        0x0A00..=0x0DFF => ("Indic scripts", noto),
        0x0E00..=0x0E7F => ("Thai", noto),
        0x10A0..=0x10FF => ("Georgian", noto),
        0x1100..=0x11FF | 0xAC00..=0xD7AF | 0x3130..=0x318F => ("Korean", cjk),
        0x3040..=0x30FF => ("Japanese kana", cjk),
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => {
            ("Chinese, Japanese and Korean", cjk)
        }
        0x2600..=0x27BF | 0x1F000..=0x1FAFF => ("emoji", "fonts-symbola"),
        _ => ("symbols", noto),
    }
}

/// The scripts of `text` that have characters no installed font draws, with
/// the Debian package that adds each. A grapheme cluster is drawn by the
/// font of its first code point (marks, joiners and variation selectors go
/// with it), so that is the one looked up.
pub fn missing_scripts(ctx: &egui::Context, text: &str) -> Vec<(&'static str, &'static str)> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let chars: BTreeSet<char> = text
        .graphemes(true)
        .filter_map(|g| g.chars().next())
        .filter(|c| !c.is_whitespace() && !c.is_control() && super::reader::stand_in(*c).is_none())
        .filter(|c| !matches!(*c as u32, 0x200C | 0x200D | 0xFE00..=0xFE0F | 0x0300..=0x036F))
        .collect();
    let font = super::reader::body_font();
    let mut missing: Vec<Script> = Vec::new();
    ctx.fonts_mut(|f| {
        for c in chars {
            if !f.has_glyph(&font, c) {
                let s = script_of(c);
                if !missing.contains(&s) {
                    missing.push(s);
                }
            }
        }
    });
    missing
}

impl super::SpanmarkApp {
    /// Say (once per script) when the document shown has characters no
    /// installed font can draw.
    pub(super) fn check_fonts(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.session.document() else {
            return;
        };
        if self.state.fonts_checked.as_deref() == Some(doc.id.as_str()) {
            return;
        }
        self.state.fonts_checked = Some(doc.id.clone());
        let new: Vec<Script> = missing_scripts(ctx, &doc.text)
            .into_iter()
            .filter(|(s, _)| !self.scripts_reported.contains(*s))
            .collect();
        if new.is_empty() {
            return;
        }
        let what: Vec<String> = new
            .iter()
            .map(|(s, p)| format!("{s} (install {p})"))
            .collect();
        for (s, _) in &new {
            self.scripts_reported.insert((*s).to_owned());
        }
        self.state.error(format!(
            "Some characters cannot be drawn with the fonts installed: {}",
            what.join(", ")
        ));
    }
}
