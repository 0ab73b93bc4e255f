//! A parsed search query: blank-separated terms, all of which must match.
//!
//! `카카오 ㅂㄷ` is two terms: a case matches when `카카오` matches (fuzzily) its id, text or
//! note, and so does `ㅂㄷ`, each in any field and in any order. A case's score is the sum of
//! each term's best score over the fields. AND (not OR) is what narrowing needs: every word
//! typed can only remove cases, so the results of a query are always among the results of the
//! query typed so far.

use super::hangul::{initial_slot, is_hangul, jamo_slot, INITIALS};
use super::score::{tail_bound, Score};

/// One blank-free word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The characters as typed.
    chars: Vec<char>,
    /// What the scorer compares against the mapped text (see [`Term::map`]).
    pattern: String,
    pattern_chars: Vec<char>,
    /// [`tail_bound`] of the pattern.
    tail: Score,
    /// Bit `k` set when the term holds `INITIALS[k]` as a bare consonant.
    initials: u32,
    /// Whether a syllable of the term was widened to its initial for the scorer (the term holds
    /// both `카` and a bare `ㅋ`); the exact check then still decides whether a text matches.
    relaxed: bool,
    /// Whether the quality floor applies: the term holds a character that is not Hangul (see
    /// the module `floor`).
    floored: bool,
}

impl Term {
    fn new(word: &str) -> Term {
        let chars: Vec<char> = word.chars().collect();
        let initials = chars
            .iter()
            .filter_map(|&c| jamo_slot(c))
            .fold(0u32, |mask, slot| mask | 1 << slot);
        let mut term = Term {
            chars,
            pattern: String::new(),
            pattern_chars: Vec::new(),
            tail: 0,
            initials,
            relaxed: false,
            floored: false,
        };
        term.pattern_chars = term.chars.iter().map(|&c| term.map(c)).collect();
        term.pattern = term.pattern_chars.iter().collect();
        term.tail = tail_bound(&term.pattern_chars);
        term.relaxed = term.chars.iter().any(|&c| term.map(c) != c);
        term.floored = term.chars.iter().any(|&c| !is_hangul(c));
        term
    }

    /// The characters as typed.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The term as the scorer sees it.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The pattern's characters, and what the characters after the first can add at most.
    pub(crate) fn pattern_chars(&self) -> (&[char], Score) {
        (&self.pattern_chars, self.tail)
    }

    /// Whether the term holds any bare initial consonant (texts must then be mapped).
    pub fn has_initials(&self) -> bool {
        self.initials != 0
    }

    /// Whether the scorer's view of the term is wider than the term (see the module
    /// `matcher`).
    pub fn is_relaxed(&self) -> bool {
        self.relaxed
    }

    /// Whether the quality floor applies to this term: it holds a character that is not Hangul
    /// (a Latin letter, a digit, a sign). Only alignments within the floor count (see the
    /// module `floor`). Typing on never lifts it: a floored term stays floored.
    pub fn is_floored(&self) -> bool {
        self.floored
    }

    /// The shared representation the scorer compares: a syllable whose initial this term holds
    /// as a bare consonant becomes that consonant (`카` → `ㅋ` when the term has `ㅋ`), every
    /// other character stays. Applied to the text and to the term alike, so that plain
    /// character equality (what fuzzy-matcher does) means "the same character, or a syllable
    /// with the typed initial".
    #[inline]
    pub fn map(&self, ch: char) -> char {
        if self.initials == 0 {
            return ch;
        }
        match initial_slot(ch) {
            Some(slot) if self.initials & 1 << slot != 0 => INITIALS[slot],
            _ => ch,
        }
    }

    /// The characters a case must contain (as [`key`]s) for this term to match it.
    pub fn keys(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.iter().map(|&c| key(c))
    }
}

/// The prefilter's name for a character: ASCII letters in lower case, everything else as it
/// is. A case's keys are those of its characters plus the initial of each syllable, so a query
/// consonant's key (`ㅋ`) is present wherever it can match.
pub fn key(ch: char) -> char {
    ch.to_ascii_lowercase()
}

/// A search query: its terms, in the order typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    /// Splits `text` at blanks (any Unicode white space); empty words are dropped.
    pub fn parse(text: &str) -> Query {
        Query {
            terms: text.split_whitespace().map(Term::new).collect(),
        }
    }

    /// No terms: the query matches nothing (show the unsearched list instead).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The terms joined by single spaces.
    pub fn text(&self) -> String {
        let words: Vec<String> = self
            .terms
            .iter()
            .map(|t| t.chars.iter().collect())
            .collect();
        words.join(" ")
    }

    /// Whether every case this query matches is also matched by `previous`, because it was
    /// typed on from it: the same terms, the last one possibly longer, possibly more terms.
    /// (A longer term matches only where its prefix does, the quality floor included: its
    /// allowance does not grow with the term, and a floored term stays floored. Another term
    /// only removes cases.) An empty `previous` matches nothing, so nothing extends it.
    pub fn extends(&self, previous: &Query) -> bool {
        let Some((last, before)) = previous.terms.split_last() else {
            return false;
        };
        self.terms.len() >= previous.terms.len()
            && self.terms[..before.len()] == *before
            && self.terms[before.len()].chars.starts_with(&last.chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_split_at_blanks() {
        let q = Query::parse("  카카오\tㅂㄷ  upbit ");
        let words: Vec<String> = q
            .terms()
            .iter()
            .map(|t| t.chars().iter().collect())
            .collect();
        assert_eq!(words, ["카카오", "ㅂㄷ", "upbit"]);
        assert_eq!(q.text(), "카카오 ㅂㄷ upbit");
        assert!(Query::parse(" \t ").is_empty());
        assert!(Query::parse("").is_empty());
    }

    #[test]
    fn initials_map_syllables_only_for_their_term() {
        let q = Query::parse("카카오 ㅂㄷ");
        let (kakao, initials) = (&q.terms()[0], &q.terms()[1]);
        assert!(!kakao.has_initials());
        assert_eq!(kakao.map('배'), '배');
        assert_eq!(initials.map('배'), 'ㅂ');
        assert_eq!(initials.map('달'), 'ㄷ');
        assert_eq!(initials.map('카'), '카', "ㅋ is not in this term");
        assert_eq!(initials.pattern(), "ㅂㄷ");
        assert!(!initials.is_relaxed());
    }

    #[test]
    fn every_term_with_a_character_other_than_hangul_is_floored() {
        let floored = |s: &str| Query::parse(s).terms()[0].is_floored();
        for word in [
            "pwned",
            "R-000200",
            "200",
            "카카오T",
            "kakao톡",
            "ㅋ1",
            "日本",
        ] {
            assert!(floored(word), "{word}");
        }
        for word in ["카카오맵", "ㅋㅋㅇㅁ", "카맵", "카카오ㅁ"] {
            assert!(!floored(word), "{word}");
        }
    }

    #[test]
    fn a_term_with_a_syllable_and_its_bare_initial_is_relaxed() {
        let q = Query::parse("카ㅋ");
        let term = &q.terms()[0];
        assert!(term.is_relaxed());
        assert_eq!(term.pattern(), "ㅋㅋ");
        let keys: Vec<char> = term.keys().collect();
        assert_eq!(keys, ['카', 'ㅋ'], "the prefilter still wants the syllable");
    }

    #[test]
    fn extending_a_query() {
        let p = |s| Query::parse(s);
        assert!(p("카카").extends(&p("카")));
        assert!(p("카카오 ").extends(&p("카카오")));
        assert!(p("카카오 ㅂ").extends(&p("카카오")));
        assert!(p("카카오  ㅂㄷ").extends(&p("카카오 ㅂ")));
        assert!(p("카카오").extends(&p("카카오")));
        assert!(!p("카").extends(&p("카카")), "deleting is not extending");
        assert!(!p("ㅋㅋ").extends(&p("카")));
        assert!(!p("카 카카오").extends(&p("카카오 ㅂ")));
        assert!(!p("카").extends(&p("")));
        assert!(!p("upbit").extends(&p("UP")), "terms compare as typed");
    }
}
