//! Painting helpers: highlight colours, nesting depths, relation arrows.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

pub use super::palette::fill_color;

/// Assign each range `(start, end)` a nesting depth so that overlapping
/// spans get distinct underline rows (outer spans lower numbers).
pub fn nesting_depths(ranges: &[(usize, usize)]) -> Vec<usize> {
    // (end, depth) of spans still open.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| (ranges[i].0, std::cmp::Reverse(ranges[i].1)));
    let mut result = vec![0; ranges.len()];
    for i in order {
        let (start, end) = ranges[i];
        open.retain(|(e, _)| *e > start);
        let mut d = 0;
        while open.iter().any(|(_, od)| *od == d) {
            d += 1;
        }
        open.push((end, d));
        result[i] = d;
    }
    result
}

/// A curved arrow from the top of `from` to the top of `to`, with a head.
pub fn arrow(painter: &Painter, from: Rect, to: Rect, color: Color32) {
    let a = from.center_top();
    let b = to.center_top();
    let lift = 28.0 + (a.y - b.y).abs() * 0.15 + (a.x - b.x).abs() * 0.08;
    let top = a.y.min(b.y) - lift;
    let c1 = pos2(a.x, top);
    let c2 = pos2(b.x, top);
    let stroke = Stroke::new(2.0, color);
    painter.add(Shape::CubicBezier(
        egui::epaint::CubicBezierShape::from_points_stroke(
            [a, c1, c2, b],
            false,
            Color32::TRANSPARENT,
            stroke,
        ),
    ));
    // Arrow head at `b`, pointing along the curve's last tangent (c2 -> b).
    let dir = (b - c2).normalized();
    let side = vec2(-dir.y, dir.x) * 5.0;
    let back: Pos2 = b - dir * 9.0;
    painter.add(Shape::convex_polygon(
        vec![b, back + side, back - side],
        color,
        Stroke::NONE,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_spans_get_distinct_depths() {
        let d = nesting_depths(&[(0, 20), (5, 10), (21, 25), (6, 8)]);
        assert_eq!(d, vec![0, 1, 0, 2]);
    }
}
