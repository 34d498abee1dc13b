//! Right-to-left text in a label: one string in the order egui should
//! draw it.

use unicode_bidi::ParagraphBidiInfo;

use super::visual::visual_pieces;

/// One line of text with its right-to-left runs in visual order, for an
/// egui label: right-to-left words keep their letters in logical order (the
/// shaper reverses each), their order and the neutrals between them are
/// reversed, brackets mirrored. Left-to-right text comes back as it is.
pub fn visual_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !super::may_be_rtl(text) || text.contains('\n') {
        return text.into();
    }
    let info = ParagraphBidiInfo::new(text, None);
    if !info.has_rtl() {
        return text.into();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    for piece in visual_pieces(&info, &chars, 0..text.len()) {
        let shown = chars[piece.start..piece.end]
            .iter()
            .map(|&(_, c)| piece.shown(c));
        out.extend(shown);
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_gets_right_to_left_words_in_visual_order() {
        // An Arabic name in English: its two words swap places on screen,
        // each keeping its letters (the shaper reverses those).
        assert_eq!(
            visual_line("The spokesman, محمد علي, said"),
            "The spokesman, علي محمد, said"
        );
        // A Hebrew sentence: words reversed, the Latin name and the number
        // kept left to right, the period moved to the left end.
        assert_eq!(
            visual_line("אמרה ל-CNN כי 40 אחוז."),
            ".אחוז 40 כי CNN-ל אמרה"
        );
        // Brackets in right-to-left text are mirrored.
        assert_eq!(visual_line("(الدورة الثالثة)"), "(الثالثة الدورة)");
        assert_eq!(
            visual_line("Plain text (no change)."),
            "Plain text (no change)."
        );
    }
}
