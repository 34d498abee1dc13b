//! "Show all relations": every relation of the visible text as an arc in
//! the room between the lines, in the manner of brat. An arc rises from the
//! top of its source span, runs level above the line and comes down on the
//! target with an arrow head; its kind sits on the level part, never on the
//! text. A relation whose ends are on different lines, both on screen,
//! runs level above the upper end's line to the lower end's column and
//! drops from there onto the lower end, a faint dashed line across the
//! lines between: one path the eye can follow. With one end off screen the
//! visible half runs out to the column's edge towards it. Arcs over one
//! line are stacked in levels, shortest nearest the text, so they do not
//! cross each other.

use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use crate::model::RelationId;

/// Height of the leg from the text up to the first level.
const LEG: f32 = 7.0;
/// Distance between two levels.
const LEVEL_STEP: f32 = 13.0;
/// Levels that fit between two lines; more arcs share the highest.
const MAX_LEVELS: usize = 3;
/// Font size of an arc's label.
const LABEL_SIZE: f32 = 11.0;
/// Space kept between two arcs on one level.
const MARGIN: f32 = 6.0;

/// One relation to draw, in screen coordinates.
#[derive(Clone, Debug)]
pub struct ArcInput<'a> {
    /// The relation.
    pub id: RelationId,
    /// First-line rectangle of the source span, if it is on screen.
    pub from: Option<Rect>,
    /// First-line rectangle of the target span, if it is on screen.
    pub to: Option<Rect>,
    /// The source comes before the target in the text.
    pub forward: bool,
    /// Its kind, the arc's label.
    pub kind: &'a str,
    /// Drawn stronger (it touches the selected span).
    pub emphasis: bool,
}

/// One level piece of an arc over one line.
#[derive(Clone, Debug, PartialEq)]
struct Piece {
    relation: usize,
    /// Top of the text line it stands on.
    line_top: f32,
    /// Where it starts and ends; a leg goes down at each end that is a span
    /// (the other end runs out to the column's edge).
    x0: f32,
    x1: f32,
    /// Legs down to the text at x0 / x1; the arrow head at x0 / x1.
    leg0: bool,
    leg1: bool,
    head0: bool,
    head1: bool,
    /// The label goes on this piece.
    labelled: bool,
    level: usize,
    /// A drop from the level part down onto a span on a lower line: its
    /// x, the top of that line, and whether the arrow head is there.
    drop: Option<(f32, f32, bool)>,
}

/// Split each relation into its pieces over lines.
fn pieces(arcs: &[ArcInput<'_>], left: f32, right: f32) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, arc) in arcs.iter().enumerate() {
        let piece = |line_top: f32, x0: f32, x1: f32| Piece {
            relation: i,
            line_top,
            x0,
            x1,
            leg0: false,
            leg1: false,
            head0: false,
            head1: false,
            labelled: false,
            level: 0,
            drop: None,
        };
        match (arc.from, arc.to) {
            (Some(a), Some(b)) if (a.min.y - b.min.y).abs() < 1.0 => {
                let (ax, bx) = (a.center().x, b.center().x);
                out.push(Piece {
                    leg0: true,
                    leg1: true,
                    head0: bx < ax,
                    head1: bx >= ax,
                    labelled: true,
                    ..piece(a.min.y, ax.min(bx), ax.max(bx))
                });
            }
            (Some(a), Some(b)) => {
                // Level over the upper end's line to the lower end's column,
                // then down onto it.
                let (upper, lower, lower_is_target) = if a.min.y < b.min.y {
                    (a, b, true)
                } else {
                    (b, a, false)
                };
                let (ux, lx) = (upper.center().x, lower.center().x);
                let upper_first = ux <= lx;
                out.push(Piece {
                    // The leg (and head, when the target) at the upper end.
                    leg0: upper_first,
                    leg1: !upper_first,
                    head0: upper_first && !lower_is_target,
                    head1: !upper_first && !lower_is_target,
                    labelled: true,
                    drop: Some((lx, lower.min.y, lower_is_target)),
                    ..piece(upper.min.y, ux.min(lx), ux.max(lx))
                });
            }
            (a, b) => {
                // One end off screen: the end shown runs out to the edge
                // towards the other (the earlier one to the right edge, the
                // later one in from the left edge).
                let (first, first_is_target, last) = if arc.forward {
                    (a, false, b)
                } else {
                    (b, true, a)
                };
                if let Some(f) = first {
                    out.push(Piece {
                        leg0: true,
                        head0: first_is_target,
                        labelled: true,
                        ..piece(f.min.y, f.center().x, right)
                    });
                }
                if let Some(l) = last {
                    out.push(Piece {
                        leg1: true,
                        head1: !first_is_target,
                        labelled: first.is_none(),
                        ..piece(l.min.y, left, l.center().x)
                    });
                }
            }
        }
    }
    out
}

/// Give each piece a level: over each line, shortest first, the lowest
/// level where it (with its label) meets no other piece.
fn assign_levels(pieces: &mut [Piece], label_widths: &[f32]) {
    let extent = |p: &Piece| {
        let mid = (p.x0 + p.x1) / 2.0;
        let half = if p.labelled {
            label_widths.get(p.relation).copied().unwrap_or(0.0) / 2.0 + 4.0
        } else {
            0.0
        };
        (p.x0.min(mid - half), p.x1.max(mid + half))
    };
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&pieces[a], &pieces[b]);
        pa.line_top
            .total_cmp(&pb.line_top)
            .then((pa.x1 - pa.x0).total_cmp(&(pb.x1 - pb.x0)))
    });
    // (line top, level, x0, x1) of pieces placed so far.
    let mut placed: Vec<(f32, usize, f32, f32)> = Vec::new();
    for i in order {
        let (x0, x1) = extent(&pieces[i]);
        let top = pieces[i].line_top;
        let free = |level: usize| {
            !placed.iter().any(|&(t, l, a, b)| {
                (t - top).abs() < 1.0 && l == level && a < x1 + MARGIN && x0 < b + MARGIN
            })
        };
        let level = (0..MAX_LEVELS).find(|&l| free(l)).unwrap_or(MAX_LEVELS - 1);
        pieces[i].level = level;
        placed.push((top, level, x0, x1));
    }
}

/// Paint the arcs; returns each label's rectangle.
pub fn paint_arcs(
    painter: &Painter,
    arcs: &[ArcInput<'_>],
    (left, right): (f32, f32),
    color: Color32,
    background: Color32,
) -> Vec<(RelationId, Rect)> {
    let font = FontId::proportional(LABEL_SIZE);
    let galleys: Vec<_> = arcs
        .iter()
        .map(|a| {
            let c = if a.emphasis {
                color
            } else {
                color.gamma_multiply(0.9)
            };
            painter.layout_no_wrap(a.kind.to_owned(), font.clone(), c)
        })
        .collect();
    let widths: Vec<f32> = galleys.iter().map(|g| g.size().x).collect();
    let mut pieces = pieces(arcs, left, right);
    assign_levels(&mut pieces, &widths);
    let mut labels = Vec::new();
    for p in &pieces {
        let arc = &arcs[p.relation];
        let (width, c) = if arc.emphasis {
            (2.0, color)
        } else {
            (1.3, color.gamma_multiply(0.85))
        };
        let stroke = Stroke::new(width, c);
        let y = p.line_top - LEG - p.level as f32 * LEVEL_STEP;
        let foot = p.line_top - 1.0;
        // Slanted corners, as brat draws them.
        let slant = 4.0_f32.min((p.x1 - p.x0) / 2.0);
        let mut line: Vec<Pos2> = Vec::with_capacity(4);
        if p.leg0 {
            line.push(pos2(p.x0, foot));
            line.push(pos2(p.x0 + slant, y));
        } else {
            line.push(pos2(p.x0, y));
        }
        if p.leg1 {
            line.push(pos2(p.x1 - slant, y));
            line.push(pos2(p.x1, foot));
        } else {
            line.push(pos2(p.x1, y));
        }
        painter.add(Shape::line(line, stroke));
        if let Some((x, lower_top, head)) = p.drop {
            // Faint and dashed across the lines between, onto the lower end.
            let foot = lower_top - 1.0;
            let faint = Stroke::new(width, c.gamma_multiply(0.6));
            painter.extend(Shape::dashed_line(
                &[pos2(x, y), pos2(x, foot)],
                faint,
                5.0,
                4.0,
            ));
            if head {
                let tip = pos2(x, foot);
                painter.add(Shape::convex_polygon(
                    vec![tip, tip + vec2(-4.0, -7.0), tip + vec2(4.0, -7.0)],
                    c,
                    Stroke::NONE,
                ));
            }
        }
        for (head, x) in [(p.head0, p.x0), (p.head1, p.x1)] {
            if head {
                let tip = pos2(x, foot);
                painter.add(Shape::convex_polygon(
                    vec![tip, tip + vec2(-4.0, -7.0), tip + vec2(4.0, -7.0)],
                    c,
                    Stroke::NONE,
                ));
            }
        }
        if p.labelled
            && let Some(galley) = galleys.get(p.relation)
        {
            let mid = pos2((p.x0 + p.x1) / 2.0, y);
            let rect = egui::Align2::CENTER_CENTER.anchor_size(mid, galley.size());
            painter.rect_filled(rect.expand2(vec2(3.0, 0.0)), 3.0, background);
            painter.galley(rect.min, galley.clone(), c);
            labels.push((arc.id, rect));
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(from: Option<Rect>, to: Option<Rect>, forward: bool) -> ArcInput<'static> {
        ArcInput {
            id: RelationId(1),
            from,
            to,
            forward,
            kind: "said_by",
            emphasis: false,
        }
    }

    fn word(x: f32, y: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(40.0, 20.0))
    }

    #[test]
    fn an_arc_over_one_line_has_two_legs_and_a_head_at_the_target() {
        let p = pieces(
            &[arc(
                Some(word(200.0, 100.0)),
                Some(word(20.0, 100.0)),
                false,
            )],
            0.0,
            700.0,
        );
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].x0, p[0].x1), (40.0, 220.0));
        assert!(p[0].leg0 && p[0].leg1 && p[0].head0 && !p[0].head1 && p[0].labelled);
    }

    #[test]
    fn an_arc_across_lines_runs_to_the_lower_end_and_drops_onto_it() {
        let p = pieces(
            &[arc(Some(word(300.0, 100.0)), Some(word(50.0, 160.0)), true)],
            0.0,
            700.0,
        );
        assert_eq!(p.len(), 1, "one path, never out to the margins");
        assert_eq!((p[0].line_top, p[0].x0, p[0].x1), (100.0, 70.0, 320.0));
        assert!(p[0].labelled && p[0].leg1 && !p[0].leg0);
        assert_eq!(p[0].drop, Some((70.0, 160.0, true)), "down onto the target");
        // Pointing up: the head is on the upper end, the drop bare.
        let up = pieces(
            &[arc(
                Some(word(50.0, 160.0)),
                Some(word(300.0, 100.0)),
                false,
            )],
            0.0,
            700.0,
        );
        assert!(up[0].head1 && up[0].leg1);
        assert_eq!(up[0].drop, Some((70.0, 160.0, false)));
    }

    #[test]
    fn a_half_shown_arc_across_lines_runs_to_the_edge_towards_the_other() {
        let p = pieces(&[arc(Some(word(300.0, 100.0)), None, true)], 0.0, 700.0);
        assert_eq!((p[0].x0, p[0].x1), (320.0, 700.0));
    }

    #[test]
    fn a_half_shown_arc_keeps_its_label() {
        let p = pieces(&[arc(None, Some(word(50.0, 160.0)), true)], 0.0, 700.0);
        assert_eq!(p.len(), 1);
        assert!(p[0].labelled && p[0].head1);
    }

    #[test]
    fn overlapping_arcs_over_a_line_take_different_levels() {
        let arcs = [
            arc(Some(word(0.0, 100.0)), Some(word(400.0, 100.0)), true),
            arc(Some(word(100.0, 100.0)), Some(word(200.0, 100.0)), true),
            arc(Some(word(500.0, 100.0)), Some(word(600.0, 100.0)), true),
        ];
        let mut p = pieces(&arcs, 0.0, 700.0);
        assign_levels(&mut p, &[40.0, 40.0, 40.0]);
        // The short inner one nearest the text, the wide one above it, the
        // one beside them on the lowest level again.
        assert_eq!((p[0].level, p[1].level, p[2].level), (1, 0, 0));
    }
}
