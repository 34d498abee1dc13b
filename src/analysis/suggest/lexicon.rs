//! The small English vocabulary of news reporting the rules read: verbs
//! that report speech (in any form), pronouns, titles and abbreviations,
//! determiners and the words that end a noun phrase. The lists are read
//! once into one table; a word is looked up without allocating.

use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt as _};

/// Verbs that report speech or writing, as lemmas; their regular forms are
/// derived (`note` gives `notes`, `noted`, `noting`).
const CUE_LEMMAS: &str = "accuse acknowledge add admit advise agree allege announce answer argue \
     ask assert assure bark beam beg bemoan blame blast boast brag brand \
     call caution chant characterize charge chide chime cite claim comment \
     compare complain concede conclude concur condemn confess confide \
     confirm contend continue counter criticise criticize declare decry \
     defend demand denounce describe dismiss dub elaborate email emphasise \
     emphasize exclaim explain express fire fume gripe groan grouse grumble \
     gush hail highlight huff imply indicate insinuate insist interject \
     interrupt joke label lament lash laugh lecture maintain marvel mention \
     mock muse mutter note observe offer opine plead pledge point portray \
     posit post praise predict proclaim promise pronounce protest question \
     quip quote rail rant rave react reason rebuke rebut recall reckon \
     recommend recount refer reference reflect reiterate rejoin relate \
     remark remember repeat report respond retaliate retort retweet reveal \
     riff rip roar scoff scold scream shout sigh slam snap sneer sniff \
     specify speculate stammer state stress suggest summarize surmise swear \
     taunt tease thank threaten tout tweet urge vent venture volunteer vow \
     wail warn weep whine whisper wonder yell";
/// Irregular forms of speech verbs.
const CUE_IRREGULAR: &str = "say says said saying tell tells told telling write writes wrote \
     written writing reply replies replied replying testify testifies \
     testified testifying deny denies denied denying cry cried retweeted \
     shot thought thinks think swore sworn spoke reads read pled";
/// Lemmas that are mostly nouns in news (`the report`, `a claim`): only
/// their inflected forms are read as verbs.
const NOUN_LIKE: &str = "answer blast call charge claim comment counter demand fire label laugh \
     note point post praise promise question quote rail reason remark \
     report sigh state tweet vow";
/// Subject pronouns that may be a speaker.
const PRONOUNS: &str = "he she they it i we you who";
/// Titles whose period does not end a sentence (capitalised).
const TITLE_ABBREVS: &str = "Mr Mrs Ms Dr Gov Sen Sens Rep Reps Lt Gen St Col Capt Sgt Prof Rev Hon \
     Adm Maj Cmdr Pres Atty Supt Gens Messrs Mme Fr";
/// Titles written out that may begin a name (capitalised).
const TITLE_WORDS: &str = "President Vice Senator Governor Representative Congressman \
     Congresswoman Secretary Minister Prime Chancellor General Mayor King \
     Queen Prince Princess Pope Sheikh Judge Justice Professor Ambassador \
     Speaker Chairman Chairwoman Commissioner Sheriff Lieutenant Colonel \
     Captain Sergeant Admiral Reverend Rabbi Imam Sir Dame Lord Lady";
/// Abbreviations whose period may not end a sentence (as written).
const ABBREVS: &str = "Inc Corp Co Ltd Jr Sr No vs etc Jan Feb Mar Apr Aug Sept Sep Oct Nov \
     Dec Ave Mt Ft Calif Fla Mass Ill Pa Va Wash Mich Ga Ky La Md Minn Mo \
     Nev Okla Ore Tenn Tex Wis Conn Colo Ariz Ala Ark Ind Kan Neb Vt";
/// Determiners and possessives that begin a noun phrase.
const DETERMINERS: &str = "the a an another this these those his her their its our my your some \
     many several both each every most all other one two three few such";
/// Words a noun phrase does not run over: prepositions, conjunctions and
/// subordinators, relative words, forms of `be`.
const STOPS: &str = "in on at during after before from with without to by over under about \
     against into since until through via across amid among than that which \
     whom whose when while as because if where though although so but and \
     or nor yet then however meanwhile also instead is was are were be been";
/// Words that may stand between a speaker and its verb (`he also said`,
/// `Trump has said`).
const BETWEEN: &str = "also later has had have would will could should might may then once \
     again previously recently repeatedly reportedly often never first \
     further even still already just simply only flatly publicly privately \
     earlier subsequently initially ultimately finally immediately \
     eventually frequently separately similarly likewise did does do \
     quickly bluntly famously herself himself themselves always usually \
     sometimes now ever too long";
/// Words naming a time (`said Tuesday`).
const TIMES: &str = "monday tuesday wednesday thursday friday saturday sunday today \
     yesterday tonight tomorrow recently earlier later last this";
/// Lower-case words that may sit inside a name (`Charles de Gaulle`).
const PARTICLES: &str = "de da del della van von der den bin al la le du dos das di ibn ter el";
/// Other capitalised words that do not begin a name.
const OTHER_FUNCTION: &str = "yes no not there here what why how asked like";

const FINITE: u16 = 1;
const PARTICIPLE: u16 = 1 << 1;
const PRONOUN: u16 = 1 << 2;
const TITLE_ABBREV: u16 = 1 << 3;
const TITLE_WORD: u16 = 1 << 4;
const ABBREV: u16 = 1 << 5;
const DETERMINER: u16 = 1 << 6;
const STOP: u16 = 1 << 7;
const BETWEEN_WORD: u16 = 1 << 8;
const TIME: u16 = 1 << 9;
const PARTICLE: u16 = 1 << 10;
const FUNCTION: u16 = 1 << 11;

/// Every word of the lists (in lower case) and what it is.
fn table() -> &'static HashMap<String, u16> {
    static TABLE: OnceLock<HashMap<String, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<String, u16> = HashMap::new();
        let mut add = |w: &str, flag: u16| *t.entry(w.to_lowercase()).or_insert(0) |= flag;
        for lemma in CUE_LEMMAS.split_whitespace() {
            for form in forms(lemma) {
                let flag = if form.ends_with("ing") {
                    PARTICIPLE
                } else {
                    FINITE
                };
                if form != lemma || !NOUN_LIKE.split_whitespace().any(|n| n == lemma) {
                    add(&form, flag);
                }
            }
        }
        for form in CUE_IRREGULAR.split_whitespace() {
            add(
                form,
                if form.ends_with("ing") {
                    PARTICIPLE
                } else {
                    FINITE
                },
            );
        }
        for (list, flag) in [
            (PRONOUNS, PRONOUN),
            (TITLE_ABBREVS, TITLE_ABBREV),
            (TITLE_WORDS, TITLE_WORD),
            (ABBREVS, ABBREV),
            (DETERMINERS, DETERMINER),
            (STOPS, STOP),
            (BETWEEN, BETWEEN_WORD),
            (TIMES, TIME),
            (PARTICLES, PARTICLE),
            (OTHER_FUNCTION, FUNCTION),
        ] {
            for w in list.split_whitespace() {
                add(w, flag);
            }
        }
        t
    })
}

/// The regular forms of a lemma: `-s`, `-es`, `-d`, `-ed`, `-ing`, with a
/// final `e` dropped, a final consonant doubled or a final `y` as `ie`.
fn forms(lemma: &str) -> Vec<String> {
    let mut stems = vec![lemma.to_owned()];
    if let Some(s) = lemma.strip_suffix('e') {
        stems.push(s.to_owned());
    }
    if let Some(last) = lemma.chars().last() {
        stems.push(format!("{lemma}{last}"));
    }
    let mut out = vec![lemma.to_owned()];
    for stem in &stems {
        for suffix in ["s", "es", "d", "ed", "ing"] {
            out.push(format!("{stem}{suffix}"));
        }
    }
    if let Some(s) = lemma.strip_suffix('y') {
        out.push(format!("{s}ied"));
        out.push(format!("{s}ies"));
    }
    out
}

/// What `word` is (any case): the flags of the lists it is in.
fn flags(word: &str) -> u16 {
    let mut buf = [0u8; 24];
    let Some(slot) = buf.get_mut(..word.len()) else {
        return 0;
    };
    if !word.is_ascii() {
        return 0;
    }
    for (b, c) in slot.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    std::str::from_utf8(slot)
        .ok()
        .and_then(|w| table().get(w))
        .copied()
        .unwrap_or(0)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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
    let f = flags(word);
    if f & PARTICIPLE != 0 {
        Some(Cue::Participle)
    } else if f & FINITE != 0 {
        Some(Cue::Finite)
    } else {
        None
    }
}

/// Subject pronouns that may be a speaker (any case).
pub fn is_pronoun(word: &str) -> bool {
    flags(word) & PRONOUN != 0
}

/// Titles whose period does not end a sentence (`Mr`, `Sen`, `Lt`).
pub fn is_title_abbrev(word: &str) -> bool {
    capitalised(word) && flags(word) & TITLE_ABBREV != 0
}

/// A title of either kind.
pub fn is_title(word: &str) -> bool {
    capitalised(word) && flags(word) & (TITLE_ABBREV | TITLE_WORD) != 0
}

/// Abbreviations whose period may not end a sentence (as written, no
/// final period): `U.S`, `Inc`, `Calif`, `vs`.
pub fn is_abbrev(word: &str) -> bool {
    word.contains('.')
        || flags(word) & ABBREV != 0 && (capitalised(word) || matches!(word, "vs" | "etc"))
}

/// Capitalised words that do not begin a name (sentence starts, case as
/// written).
pub fn is_function_word(word: &str) -> bool {
    flags(word) & (DETERMINER | PRONOUN | STOP | BETWEEN_WORD | FINITE | PARTICIPLE | FUNCTION) != 0
}

/// Determiners and possessives that begin a noun phrase (any case).
pub fn is_determiner(word: &str) -> bool {
    flags(word) & DETERMINER != 0
}

/// Words a noun phrase does not run over (any case).
pub fn is_stop(word: &str) -> bool {
    flags(word) & STOP != 0
}

/// Words that may stand between a speaker and its verb (any case).
pub fn is_between(word: &str) -> bool {
    flags(word) & BETWEEN_WORD != 0
}

/// Words naming a time (any case).
pub fn is_time(word: &str) -> bool {
    flags(word) & TIME != 0
}

/// Lower-case words that may sit inside a name.
pub fn is_name_particle(word: &str) -> bool {
    !capitalised(word) && flags(word) & PARTICLE != 0
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "decried",
            "according",
            "report",
            "reports",
        ] {
            let want = !matches!(w, "according" | "report");
            assert_eq!(cue(w).is_some(), want, "{w}");
        }
        assert_eq!(cue("adding"), Some(Cue::Participle));
        assert_eq!(cue("stadium"), None);
    }

    #[test]
    fn titles_and_abbreviations_keep_their_case() {
        assert!(is_title_abbrev("Mr") && !is_title_abbrev("mr"));
        assert!(is_abbrev("No") && !is_abbrev("no") && is_abbrev("U.S"));
        assert!(is_function_word("The") && is_function_word("Said") && !is_function_word("Peskov"));
    }
}
