//! Word-level tests of the speaker rules: which words report speech here
//! (`said`, not `the report`; `called the offer`, not `a formula called
//! the …`), and which verbs may follow a quote before their subject.

use super::lexicon::{self, Cue};
use super::tokens::Tokens;

fn lower<'t>(t: &Tokens<'t>, k: usize) -> std::borrow::Cow<'t, str> {
    t.lower(k)
}

/// Whether word `k` makes the word after it a noun (`the report`,
/// `Clinton's remarks`).
pub(super) fn noun_before(t: &Tokens<'_>, k: usize) -> bool {
    t.is_word(k) && {
        let w = lower(t, k);
        matches!(
            w.as_ref(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "another"
                | "every"
                | "this"
                | "these"
                | "those"
                | "such"
        ) || w.ends_with("'s")
            || w.ends_with("’s")
    }
}

/// Whether the verb at `k` names rather than reports (`a formula called
/// the “chained CPI”`): a naming verb right after a common noun.
pub(super) fn naming(t: &Tokens<'_>, k: usize, upto: usize) -> bool {
    matches!(
        lower(t, k).as_ref(),
        "called" | "dubbed" | "named" | "titled" | "labeled" | "labelled" | "nicknamed" | "billed"
    ) && upto <= k + 2
        && k > 0
        && t.is_word(k - 1)
        && !t.capitalised(k - 1)
        && !lexicon::is_pronoun(&lower(t, k - 1))
        && !lexicon::is_between(&lower(t, k - 1))
}

/// Whether word `k` is a plain verb of speech (`said`, `told`, `asked`),
/// the kind that follows a quote without a comma.
pub(super) fn plain_verb(t: &Tokens<'_>, k: usize) -> bool {
    t.is_word(k)
        && matches!(
            t.text(k),
            "said"
                | "says"
                | "told"
                | "tells"
                | "asked"
                | "asks"
                | "added"
                | "adds"
                | "wrote"
                | "writes"
                | "tweeted"
                | "explained"
                | "continued"
                | "replied"
                | "responded"
                | "recalled"
                | "noted"
        )
}

/// Whether the verb at `k` can come before its subject after a quote
/// (`“…,” said Mr. Reeves`; not `“…,” denounced her record`).
pub(super) fn inverts(t: &Tokens<'_>, k: usize) -> bool {
    plain_verb(t, k)
        || matches!(
            t.text(k),
            "argued"
                | "insisted"
                | "declared"
                | "warned"
                | "joked"
                | "quipped"
                | "remarked"
                | "observed"
                | "stated"
                | "conceded"
                | "countered"
                | "cautioned"
                | "predicted"
                | "complained"
                | "acknowledged"
                | "admitted"
                | "boasted"
                | "shouted"
                | "yelled"
                | "whispered"
                | "announced"
                | "exclaimed"
                | "interjected"
                | "offered"
                | "suggested"
                | "reported"
                | "reads"
                | "read"
                | "says"
                | "added"
                | "recounted"
                | "explains"
                | "notes"
                | "writes"
                | "wonders"
                | "wondered"
                | "mused"
                | "lamented"
                | "concluded"
                | "testified"
                | "posted"
                | "tweets"
                | "chanted"
                | "retorted"
                | "snapped"
                | "pleaded"
                | "urged"
                | "vowed"
                | "promised"
                | "claimed"
                | "stressed"
                | "emphasized"
                | "confirmed"
                | "elaborated"
        )
}

/// Whether token `k` is a lower-case speech verb of form `form`.
pub(super) fn verb(t: &Tokens<'_>, k: usize, form: Cue) -> bool {
    t.is_word(k) && !t.capitalised(k) && lexicon::cue(t.text(k)) == Some(form)
}
