//! The words of a text with code point offsets, and the small English
//! vocabulary of news reporting the rules look for.

use unicode_segmentation::UnicodeSegmentation as _;

/// A word: its code point range and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The word.
    pub text: &'t str,
}

impl Word<'_> {
    /// Starts with a capital letter.
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word in lower case.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// The text's characters and words (UAX #29), offsets in code points.
pub struct Words<'t> {
    /// The characters.
    pub chars: Vec<char>,
    /// The words in order.
    pub words: Vec<Word<'t>>,
}

impl<'t> Words<'t> {
    /// Split `text`.
    pub fn of(text: &'t str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut char_at = 0usize;
        let mut byte_at = 0usize;
        for (byte, word) in text.unicode_word_indices() {
            char_at += text[byte_at..byte].chars().count();
            byte_at = byte;
            let len = word.chars().count();
            words.push(Word {
                start: char_at,
                end: char_at + len,
                text: word,
            });
        }
        Self { chars, words }
    }

    /// The index of the first word starting at or after `pos`.
    pub fn first_from(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.start < pos)
    }

    /// Whether the gap between words `a` and `a + 1` ends a sentence or a
    /// paragraph (or holds a quotation mark).
    pub fn breaks_after(&self, a: usize) -> bool {
        let (Some(x), Some(y)) = (self.words.get(a), self.words.get(a + 1)) else {
            return true;
        };
        self.chars[x.end..y.start]
            .iter()
            .any(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') || is_quote_mark(*c))
    }
}

/// Whether `c` is a quotation mark of any common style.
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | '‘'
            | '’'
    )
}

/// Verbs and phrases that report speech (lower case).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "warned",
    "warns",
    "stated",
    "states",
    "explained",
    "explains",
    "noted",
    "notes",
    "insisted",
    "insists",
    "declared",
    "wrote",
    "writes",
    "replied",
    "replies",
    "argued",
    "argues",
    "claimed",
    "claims",
    "announced",
    "confirmed",
    "stressed",
    "urged",
    "continued",
    "according",
];

/// Whether `word` reports speech.
pub fn is_speech(word: &str) -> bool {
    SPEECH.contains(&word.to_lowercase().as_str())
}

/// Personal pronouns that may stand for a speaker.
pub fn is_pronoun(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "he" | "she" | "they")
}

/// Titles that begin a person's name.
pub fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "President"
            | "Minister"
            | "Prime"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Senator"
            | "Chancellor"
            | "General"
            | "Gen"
            | "Secretary"
            | "Governor"
            | "Mayor"
            | "King"
            | "Queen"
            | "Pope"
            | "Sheikh"
            | "Judge"
            | "Professor"
            | "Prof"
    )
}

/// Capitalised words that do not begin a name (sentence starts).
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "Or"
            | "If"
            | "As"
            | "For"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "There"
            | "Here"
            | "What"
            | "Why"
            | "How"
            | "Asked"
            | "According"
            | "Despite"
            | "Since"
            | "With"
            | "From"
            | "To"
            | "By"
            | "Of"
            | "Not"
            | "No"
            | "Yes"
            | "So"
    ) || is_speech(word)
        || matches!(
            word,
            "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
        )
}

/// Lower-case words that may sit inside a name (`Charles de Gaulle`).
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da" | "del" | "van" | "von" | "der" | "bin" | "al" | "la" | "le"
    )
}
