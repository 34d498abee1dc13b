//! The small English vocabulary of news reporting the rules read: verbs
//! that report speech (in any form), pronouns, titles and abbreviations,
//! determiners and the words that end a noun phrase. Lists of common
//! words, in lower case unless said otherwise.

/// Verbs that report speech or writing, as lemmas (regular forms are
/// derived: `note` gives `notes`, `noted`, `noting`).
const CUE_LEMMAS: &[&str] = &[
    "accuse",
    "acknowledge",
    "add",
    "admit",
    "advise",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "bark",
    "beam",
    "beg",
    "bemoan",
    "blame",
    "blast",
    "boast",
    "brag",
    "brand",
    "call",
    "caution",
    "chant",
    "characterize",
    "charge",
    "chide",
    "chime",
    "cite",
    "claim",
    "comment",
    "compare",
    "complain",
    "concede",
    "conclude",
    "concur",
    "condemn",
    "confess",
    "confide",
    "confirm",
    "contend",
    "continue",
    "counter",
    "criticise",
    "criticize",
    "declare",
    "decry",
    "defend",
    "demand",
    "denounce",
    "describe",
    "dismiss",
    "dub",
    "elaborate",
    "email",
    "emphasise",
    "emphasize",
    "exclaim",
    "explain",
    "express",
    "fire",
    "fume",
    "gripe",
    "groan",
    "grouse",
    "grumble",
    "gush",
    "hail",
    "highlight",
    "huff",
    "imply",
    "indicate",
    "insinuate",
    "insist",
    "interject",
    "interrupt",
    "joke",
    "label",
    "lament",
    "lash",
    "laugh",
    "lecture",
    "maintain",
    "marvel",
    "mention",
    "mock",
    "muse",
    "mutter",
    "note",
    "observe",
    "offer",
    "opine",
    "plead",
    "pledge",
    "point",
    "portray",
    "posit",
    "post",
    "praise",
    "predict",
    "proclaim",
    "promise",
    "pronounce",
    "protest",
    "question",
    "quip",
    "quote",
    "rail",
    "rant",
    "rave",
    "react",
    "reason",
    "rebuke",
    "rebut",
    "recall",
    "reckon",
    "recommend",
    "recount",
    "refer",
    "reference",
    "reflect",
    "reiterate",
    "rejoin",
    "relate",
    "remark",
    "remember",
    "repeat",
    "report",
    "respond",
    "retaliate",
    "retort",
    "retweet",
    "reveal",
    "riff",
    "rip",
    "roar",
    "scoff",
    "scold",
    "scream",
    "shout",
    "sigh",
    "slam",
    "snap",
    "sneer",
    "sniff",
    "specify",
    "speculate",
    "stammer",
    "state",
    "stress",
    "suggest",
    "summarize",
    "surmise",
    "swear",
    "taunt",
    "tease",
    "thank",
    "threaten",
    "tout",
    "tweet",
    "urge",
    "vent",
    "venture",
    "volunteer",
    "vow",
    "wail",
    "warn",
    "weep",
    "whine",
    "whisper",
    "wonder",
    "yell",
];

/// Irregular forms of speech verbs (and regular ones the rules of
/// [`lemma_of`] miss).
const CUE_IRREGULAR: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "write",
    "writes",
    "wrote",
    "written",
    "writing",
    "reply",
    "replies",
    "replied",
    "replying",
    "testify",
    "testifies",
    "testified",
    "testifying",
    "deny",
    "denies",
    "denied",
    "denying",
    "cry",
    "cried",
    "retweeted",
    "shot",
    "thought",
    "thinks",
    "think",
    "swore",
    "sworn",
    "spoke",
    "reads",
    "read",
    "pled",
];

fn is_lemma(w: &str) -> bool {
    CUE_LEMMAS.binary_search(&w).is_ok()
}

/// Lemmas that are mostly nouns in news (`the report`, `a claim`): only
/// their `-ed`, `-ing` and `-s` forms are read as verbs.
fn noun_like(w: &str) -> bool {
    matches!(
        w,
        "answer"
            | "blast"
            | "call"
            | "charge"
            | "claim"
            | "comment"
            | "counter"
            | "demand"
            | "fire"
            | "label"
            | "laugh"
            | "note"
            | "point"
            | "post"
            | "praise"
            | "promise"
            | "question"
            | "quote"
            | "rail"
            | "reason"
            | "remark"
            | "report"
            | "sigh"
            | "state"
            | "tweet"
            | "vow"
    )
}

/// The lemma of a regular form (`noting` → `note`), if it is a cue's.
fn lemma_of(w: &str) -> bool {
    if is_lemma(w) {
        return !noun_like(w);
    }
    let strip = |suffix: &str| w.strip_suffix(suffix).filter(|s| s.len() >= 2);
    let undouble = |s: &str| {
        let b = s.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2]).then(|| s[..s.len() - 1].to_owned())
    };
    for (suffix, y) in [("ied", "y"), ("ies", "y")] {
        if let Some(stem) = strip(suffix)
            && is_lemma(&format!("{stem}{y}"))
        {
            return true;
        }
    }
    for suffix in ["s", "es", "d", "ed", "ing"] {
        if let Some(stem) = strip(suffix) {
            if is_lemma(stem) || is_lemma(&format!("{stem}e")) {
                return true;
            }
            if let Some(u) = undouble(stem)
                && is_lemma(&u)
            {
                return true;
            }
        }
    }
    false
}

/// How a speech verb stands in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// A finite or bare form (`said`, `says`, `say`): its subject is next
    /// to it.
    Finite,
    /// A participle in `-ing` (`adding`, `saying`): its subject is the
    /// clause's.
    Participle,
}

/// Whether `word` (any case) is a speech verb, and which form.
pub fn cue(word: &str) -> Option<Cue> {
    let w = word.to_lowercase();
    if !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    if CUE_IRREGULAR.contains(&w.as_str()) || lemma_of(&w) {
        Some(if w.ends_with("ing") {
            Cue::Participle
        } else {
            Cue::Finite
        })
    } else {
        None
    }
}

/// Subject pronouns that may be a speaker.
pub fn is_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "i" | "we" | "you" | "who"
    )
}

/// Titles whose period does not end a sentence (case as written, no
/// period).
pub fn is_title_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gov"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Lt"
            | "Gen"
            | "St"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Prof"
            | "Rev"
            | "Hon"
            | "Adm"
            | "Maj"
            | "Cmdr"
            | "Pres"
            | "Atty"
            | "Supt"
            | "Gens"
            | "Messrs"
            | "Mme"
            | "Fr"
    )
}

/// Titles written out that may begin a person's name (case as written).
pub fn is_title_word(word: &str) -> bool {
    matches!(
        word,
        "President"
            | "Vice"
            | "Senator"
            | "Governor"
            | "Representative"
            | "Congressman"
            | "Congresswoman"
            | "Secretary"
            | "Minister"
            | "Prime"
            | "Chancellor"
            | "General"
            | "Mayor"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Pope"
            | "Sheikh"
            | "Judge"
            | "Justice"
            | "Professor"
            | "Ambassador"
            | "Speaker"
            | "Chairman"
            | "Chairwoman"
            | "Commissioner"
            | "Sheriff"
            | "Lieutenant"
            | "Colonel"
            | "Captain"
            | "Sergeant"
            | "Admiral"
            | "Reverend"
            | "Rabbi"
            | "Imam"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
    )
}

/// A title of either kind.
pub fn is_title(word: &str) -> bool {
    is_title_abbrev(word) || is_title_word(word)
}

/// Abbreviations whose period may not end a sentence (case as written, no
/// final period).
pub fn is_abbrev(word: &str) -> bool {
    word.contains('.')
        || matches!(
            word,
            "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Jr"
                | "Sr"
                | "No"
                | "vs"
                | "etc"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Aug"
                | "Sept"
                | "Sep"
                | "Oct"
                | "Nov"
                | "Dec"
                | "Ave"
                | "Mt"
                | "Ft"
                | "Calif"
                | "Fla"
                | "Mass"
                | "Ill"
                | "Pa"
                | "Va"
                | "Wash"
                | "Mich"
                | "Ga"
                | "Ky"
                | "La"
                | "Md"
                | "Minn"
                | "Mo"
                | "Nev"
                | "Okla"
                | "Ore"
                | "Tenn"
                | "Tex"
                | "Wis"
                | "Conn"
                | "Colo"
                | "Ariz"
                | "Ala"
                | "Ark"
                | "Ind"
                | "Kan"
                | "Neb"
                | "Vt"
        )
}

/// Capitalised words that do not begin a name (sentence starts, case as
/// written).
pub fn is_function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    is_determiner(&lower)
        || is_pronoun(&lower)
        || is_stop(&lower)
        || is_between(&lower)
        || cue(&lower).is_some()
        || matches!(
            lower.as_str(),
            "yes" | "no" | "not" | "there" | "here" | "what" | "why" | "how" | "asked" | "like"
        )
}

/// Determiners and possessives that begin a noun phrase.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "another"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "several"
            | "both"
            | "each"
            | "every"
            | "most"
            | "all"
            | "other"
            | "one"
            | "two"
            | "three"
            | "few"
            | "such"
    )
}

/// Words a noun phrase does not run over: prepositions (but `of`),
/// conjunctions and subordinators, relative words.
pub fn is_stop(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "from"
            | "with"
            | "without"
            | "to"
            | "by"
            | "over"
            | "under"
            | "about"
            | "against"
            | "into"
            | "since"
            | "until"
            | "through"
            | "via"
            | "across"
            | "amid"
            | "among"
            | "than"
            | "that"
            | "which"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "as"
            | "because"
            | "if"
            | "where"
            | "though"
            | "although"
            | "so"
            | "but"
            | "and"
            | "or"
            | "nor"
            | "yet"
            | "then"
            | "however"
            | "meanwhile"
            | "also"
            | "instead"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
    )
}

/// Words that may stand between a speaker and its verb (`he also said`,
/// `Trump has said`, `she later wrote`).
pub fn is_between(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "later"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "could"
            | "should"
            | "might"
            | "may"
            | "then"
            | "once"
            | "again"
            | "previously"
            | "recently"
            | "repeatedly"
            | "reportedly"
            | "often"
            | "never"
            | "first"
            | "further"
            | "even"
            | "still"
            | "already"
            | "just"
            | "simply"
            | "only"
            | "flatly"
            | "publicly"
            | "privately"
            | "earlier"
            | "subsequently"
            | "initially"
            | "ultimately"
            | "finally"
            | "immediately"
            | "eventually"
            | "frequently"
            | "separately"
            | "similarly"
            | "likewise"
            | "did"
            | "does"
            | "do"
            | "quickly"
            | "bluntly"
            | "famously"
            | "herself"
            | "himself"
            | "themselves"
            | "always"
            | "usually"
            | "sometimes"
            | "now"
            | "ever"
            | "too"
            | "long"
    )
}

/// Words naming a time (`said Tuesday`, `on Monday`).
pub fn is_time(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "recently"
            | "earlier"
            | "later"
            | "last"
            | "this"
    )
}

/// Lower-case words that may sit inside a name (`Charles de Gaulle`).
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "al"
            | "la"
            | "le"
            | "du"
            | "dos"
            | "das"
            | "di"
            | "ibn"
            | "ter"
            | "el"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lemmas_are_sorted_for_binary_search() {
        assert!(CUE_LEMMAS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn speech_verbs_in_every_form() {
        for w in [
            "said",
            "says",
            "noted",
            "noting",
            "added",
            "adding",
            "tweeted",
            "admitted",
            "quipped",
            "replied",
            "Wrote",
            "urges",
            "according",
        ] {
            let want = w != "according";
            assert_eq!(cue(w).is_some(), want, "{w}");
        }
        assert_eq!(cue("adding"), Some(Cue::Participle));
        assert_eq!(cue("stadium"), None);
    }
}
