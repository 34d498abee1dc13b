//! File names for documents: safe on every file system, unique ignoring
//! case.

use foldhash::HashSet;

/// A file name for document `id`: its letters, digits, `-`, `_` and `.`,
/// unique in the folder (ignoring case, for case-blind file systems).
pub(super) fn file_name_for(id: &str, taken: &HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    // Names Windows keeps for devices (con, nul, com1…) get a prefix.
    let lower = stem.to_ascii_lowercase();
    let device = matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
        || (lower.len() == 4
            && (lower.starts_with("com") || lower.starts_with("lpt"))
            && lower.as_bytes()[3].is_ascii_digit());
    if stem.is_empty() || device {
        stem.insert_str(0, "d_");
    }
    let mut name = format!("{stem}.ron");
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        name = format!("{stem}-{n}.ron");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_unique_ignoring_case() {
        let mut taken = HashSet::default();
        let a = file_name_for("News/2025 Peskov", &taken);
        assert_eq!(a, "News_2025_Peskov.ron");
        taken.insert(a.to_lowercase());
        assert_eq!(
            file_name_for("news/2025 peskov", &taken),
            "news_2025_peskov-2.ron"
        );
        assert_eq!(file_name_for("..", &HashSet::default()), "__.ron");
        assert_eq!(file_name_for("", &HashSet::default()), "d_.ron");
        assert_eq!(file_name_for("NUL", &HashSet::default()), "d_NUL.ron");
        assert_eq!(file_name_for("com1", &HashSet::default()), "d_com1.ron");
    }
}
