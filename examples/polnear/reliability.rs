//! Reliability: among suggestions scored at least s, the share that is
//! right, per suggester, as a Markdown table and in bins.

use std::collections::BTreeMap;

/// Per suggester, each suggestion's score and whether it is right.
pub type Reliability = BTreeMap<&'static str, Vec<(f32, bool)>>;

pub fn reliability_table(rel: &Reliability) -> String {
    let thresholds: Vec<f32> = (10..=19).map(|k| k as f32 * 0.05).collect();
    let mut out = String::from("| Suggester |");
    for s in &thresholds {
        out += &format!(" ≥ {s:.2} |");
    }
    out += "\n|---|";
    out += &"---:|".repeat(thresholds.len());
    out.push('\n');
    for (name, items) in rel {
        out += &format!("| {name} |");
        for &s in &thresholds {
            let above: Vec<bool> = items
                .iter()
                .filter(|i| i.0 >= s - 1e-6)
                .map(|i| i.1)
                .collect();
            if above.is_empty() {
                out += " – |";
            } else {
                let share = above.iter().filter(|r| **r).count() as f32 / above.len() as f32;
                let flag = if share + 1e-6 < s { " ✗" } else { "" };
                out += &format!(" {share:.2} ({}){flag} |", above.len());
            }
        }
        out.push('\n');
    }
    out
}

pub fn bins(rel: &Reliability) {
    for (name, items) in rel {
        let mut by: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        for &(s, right) in items {
            let e = by.entry((s * 1000.0).round() as u32).or_default();
            e.0 += usize::from(right);
            e.1 += 1;
        }
        for (s, (r, n)) in by {
            println!(
                "{name:>20} score {:.3}: {r}/{n} right = {:.3}",
                s as f32 / 1000.0,
                r as f32 / n as f32
            );
        }
    }
}
