//! Dates and times, the anchors of events: weekdays, `March 26, 2025`,
//! `26 March 2025`, `March 2025`, ISO `2025-03-26`, `10:30`, `3 p.m.`.

use super::words::Words;

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn is_day_number(w: &str) -> bool {
    w.len() <= 2 && w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1800..=2200).contains(&y))
}

/// Dates and times as (start, end, "date" or "time").
pub fn find(words: &Words<'_, '_>) -> Vec<(usize, usize, &'static str)> {
    let w = &words.words;
    let mut out = Vec::new();
    let mut k = 0;
    while k < w.len() {
        let t = w[k].text;
        let next = |i: usize| w.get(k + i).map(|x| x.text);
        let close = |i: usize| {
            w.get(k + i)
                .is_some_and(|x| x.start - w[k + i - 1].end <= 2)
        };
        if DAYS.contains(&t) {
            out.push((w[k].start, w[k].end, "date"));
        } else if MONTHS.contains(&t) && t != "May"
            || (t == "May" && next(1).is_some_and(is_day_number))
        {
            // March 26, 2025 / March 26 / March 2025
            let mut end = k + 1;
            if next(1).is_some_and(is_day_number) && close(1) {
                end = k + 2;
                if next(2).is_some_and(is_year) && close(2) {
                    end = k + 3;
                }
            } else if next(1).is_some_and(is_year) && close(1) {
                end = k + 2;
            }
            out.push((w[k].start, w[end - 1].end, "date"));
            k = end;
            continue;
        } else if is_day_number(t) && next(1).is_some_and(|m| MONTHS.contains(&m)) && close(1) {
            // 26 March 2025
            let mut end = k + 2;
            if next(2).is_some_and(is_year) && close(2) {
                end = k + 3;
            }
            out.push((w[k].start, w[end - 1].end, "date"));
            k = end;
            continue;
        } else if is_year(t) && iso_rest(words, k) {
            // 2025-03-26 (three words joined by hyphens)
            out.push((w[k].start, w[k + 2].end, "date"));
            k += 3;
            continue;
        } else if let Some(end) = time_at(words, k) {
            out.push((w[k].start, end.0, "time"));
            k = end.1;
            continue;
        }
        k += 1;
    }
    out
}

/// Whether words `k`, `k + 1`, `k + 2` are `YYYY-MM-DD`.
fn iso_rest(words: &Words<'_, '_>, k: usize) -> bool {
    let w = &words.words;
    let (Some(m), Some(d)) = (w.get(k + 1), w.get(k + 2)) else {
        return false;
    };
    let hyphen = |a: usize, b: usize| b == a + 1 && words.chars[a] == '-';
    m.text.len() == 2
        && d.text.len() == 2
        && m.text.parse::<u8>().is_ok_and(|x| (1..=12).contains(&x))
        && d.text.parse::<u8>().is_ok_and(|x| (1..=31).contains(&x))
        && hyphen(w[k].end, m.start)
        && hyphen(m.end, d.start)
}

/// A time starting at word `k` (`10:30`, `3 p.m.`, `3pm`, `10:30 GMT`):
/// its end (code points) and the index of the word after it.
fn time_at(words: &Words<'_, '_>, k: usize) -> Option<(usize, usize)> {
    let w = &words.words;
    let t = w[k].text;
    let hour = |h: &str| h.len() <= 2 && h.parse::<u8>().is_ok_and(|h| h < 24);
    let (mut end, mut next) = if hour(t)
        && let Some(m) = w.get(k + 1)
        && m.start == w[k].end + 1
        && words.chars[w[k].end] == ':'
        && m.text.len() == 2
        && m.text.parse::<u8>().is_ok_and(|m| m < 60)
    {
        (m.end, k + 2)
    } else if let Some(h) = t.strip_suffix("am").or_else(|| t.strip_suffix("pm"))
        && h.parse::<u8>().is_ok_and(|h| (1..=12).contains(&h))
    {
        return Some((w[k].end, k + 1));
    } else if hour(t)
        && w.get(k + 1)
            .is_some_and(|x| matches!(x.text, "a.m" | "p.m"))
    {
        (w[k].end, k + 1)
    } else {
        return None;
    };
    if let Some(x) = w.get(next)
        && matches!(x.text, "a.m" | "p.m" | "GMT" | "UTC" | "CET")
        && x.start <= end + 1
    {
        end = x.end + usize::from(words.chars.get(x.end) == Some(&'.'));
        next += 1;
    }
    Some((end, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        let t = crate::analysis::suggest::tokens::Tokens::of(text);
        let words = Words::of(&t);
        find(&words)
            .iter()
            .map(|(a, b, _)| words.chars[*a..*b].iter().collect())
            .collect()
    }

    #[test]
    fn dates_and_times_in_their_common_forms() {
        assert_eq!(
            dates(
                "On Tuesday, March 26, 2025, at 10:30 the talks began; on 2 April 2025 they ended at 3 p.m. (2025-04-02)."
            ),
            [
                "Tuesday",
                "March 26, 2025",
                "10:30",
                "2 April 2025",
                "3 p.m.",
                "2025-04-02"
            ]
        );
        assert!(dates("She may leave in 3.5 hours.").is_empty());
    }
}
