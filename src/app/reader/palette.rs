//! The reader's colours: its text and every highlight drawn under it,
//! chosen so the text keeps a contrast of at least 4.5:1 (WCAG AA) over any
//! of them, one label or two nested, a search or curation mark, the
//! selection, in the dark theme and the light one (tested below).

use egui::{Color32, Visuals};

use crate::model::Rgb;

/// Opacity of a span's fill.
pub const SPAN_FILL_ALPHA: u8 = 60;
/// Opacity of a span's underline.
pub const SPAN_LINE_ALPHA: u8 = 230;

/// The reader's text colour: stronger than egui's body text, which is too
/// faint over a coloured highlight in the dark theme.
pub fn reader_text(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(232)
    } else {
        Color32::from_gray(28)
    }
}

/// A search match, a curation or suggestion mark: amber, light enough
/// for the text over it.
pub fn mark_fill() -> Color32 {
    Color32::from_rgba_unmultiplied(255, 214, 0, 55)
}

/// The selection under the text.
pub fn selection_fill(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.5)
}

/// A label colour at some opacity.
pub fn fill_color(rgb: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(rgb.0, rgb.1, rgb.2, alpha)
}

/// `top` (premultiplied, as egui keeps colours) painted over an opaque
/// `under`.
#[cfg(test)]
fn over(under: Color32, top: Color32) -> Color32 {
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, u: u8| (f32::from(t) + f32::from(u) * (1.0 - a)).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), under.r()),
        mix(top.g(), under.g()),
        mix(top.b(), under.b()),
    )
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
#[cfg(test)]
fn contrast(a: Color32, b: Color32) -> f32 {
    let luminance = |c: Color32| {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EXTRA_COLORS, LabelSet};

    #[test]
    fn the_text_keeps_its_contrast_over_every_highlight_in_both_themes() {
        let mut colors: Vec<Rgb> = LabelSet::default().iter().map(|l| l.color).collect();
        colors.extend(EXTRA_COLORS);
        for visuals in [Visuals::dark(), Visuals::light()] {
            let bg = visuals.panel_fill;
            let text = reader_text(&visuals);
            let mut worst = (f32::MAX, String::new());
            let mut check = |under: Color32, what: String| {
                let c = contrast(text, under);
                if c < worst.0 {
                    worst = (c, what);
                }
            };
            check(bg, "the page".into());
            for &a in &colors {
                let one = over(bg, fill_color(a, SPAN_FILL_ALPHA));
                check(one, format!("{a:?}"));
                check(over(one, mark_fill()), format!("a mark over {a:?}"));
                check(
                    over(one, selection_fill(&visuals)),
                    format!("selected {a:?}"),
                );
                for &b in &colors {
                    check(
                        over(one, fill_color(b, SPAN_FILL_ALPHA)),
                        format!("{b:?} in {a:?}"),
                    );
                }
            }
            check(over(bg, mark_fill()), "a mark".into());
            check(over(bg, selection_fill(&visuals)), "the selection".into());
            assert!(
                worst.0 >= 4.5,
                "dark {}: contrast {:.2} over {}",
                visuals.dark_mode,
                worst.0,
                worst.1
            );
        }
    }
}
