//! One term against one field (id, text or note): whether it matches, its score, and where.
//!
//! **Initial consonants with fuzzy-matcher.** fuzzy-matcher compares characters itself (equal,
//! or equal ignoring ASCII case), so the term and the field are both put into a shared
//! representation first ([`Term::map`]): a syllable whose initial the term holds as a bare
//! consonant becomes that consonant. For `ㅋㅋㅇㅁ` the text `카카오맵` is scored as `ㅋㅋㅇㅁ`;
//! for `카카오ㅁ` as `카카오ㅁ`. The mapping keeps one character per character, so the
//! positions fuzzy-matcher reports are character indices of the original field, and the
//! character classes behind its bonuses do not change (syllables and jamo are both "lower").
//! Plain equality after mapping is exactly [`char_matches`] unless one term holds a syllable
//! and the bare initial of that same syllable (`카ㅋ`): then the syllable is widened to its
//! initial for scoring (no single representation can make `ㅋ` equal `카` and `코` while `카`
//! equals only `카`). Such a "relaxed" term still only matches where the exact relation
//! holds (checked here first, as for every term); its score is that of the best relaxed
//! alignment, and its highlight falls back to the first exact alignment when the relaxed one
//! does not satisfy the exact relation.
//!
//! **Scoring less text.** Before scoring, a forward scan checks that the term is a
//! subsequence of the field under the exact relation (most candidates fail here, without
//! fuzzy-matcher) and a backward scan finds the last occurrence of the term's last character.
//! fuzzy-matcher then sees only the window from the character before the first occurrence
//! of the first character to that last occurrence: no alignment starts earlier or ends later,
//! and bonuses depend only on a character and the one before it, so the score is the same as
//! on the whole field (a property test checks this against the unwindowed field). Within the
//! window, `score::score_text` often settles the score from bounds without fuzzy-matcher's
//! matrix, or hands it a shorter stretch.
//!
//! **Floored terms** (a character other than Hangul, two characters or more; see `floor`) go
//! through the same scan, then `floor::best` scores the window: only alignments within the
//! quality floor count, under the exact relation, so such a term is never relaxed.

use super::floor::{self, Cells, SLACK};
use super::hangul::char_matches;
use super::query::Term;
use super::score::{score_text, single_char_score, Score, Scorer};

/// The window of a field worth scoring (a byte range), found by [`scan`].
struct Window {
    start: usize,
    end: usize,
}

/// Whether `term` matches `field` under the exact relation, and if so the scoring window.
fn scan(term: &Term, field: &str) -> Option<Window> {
    if term.has_initials() || term.chars().iter().any(char::is_ascii_alphabetic) {
        scan_chars(term, field)
    } else {
        scan_literal(term.chars(), field)
    }
}

/// [`scan`] for a term whose characters match only themselves: the standard library's
/// substring search (memchr underneath) jumps from character to character.
fn scan_literal(chars: &[char], field: &str) -> Option<Window> {
    let (&first, &last) = (chars.first()?, chars.last()?);
    let at = field.find(first)?;
    let mut pos = at + first.len_utf8();
    for &c in &chars[1..] {
        pos += field[pos..].find(c)? + c.len_utf8();
    }
    let end = field.rfind(last)? + last.len_utf8();
    let start = field[..at].char_indices().next_back().map_or(0, |(b, _)| b);
    Some(Window { start, end })
}

/// [`scan`] character by character, through the term's mapping and ASCII case folding.
fn scan_chars(term: &Term, field: &str) -> Option<Window> {
    let chars = term.chars();
    let pattern: Vec<char> = term.pattern().chars().collect();
    let (&first, &last) = (pattern.first()?, pattern.last()?);
    let same = |p: char, h: char| term.map(h).eq_ignore_ascii_case(&p);

    let mut next = 0;
    let mut start: Option<usize> = None;
    let mut prev: Option<usize> = None;
    for (bi, h) in field.char_indices() {
        if start.is_none() && same(first, h) {
            start = Some(prev.unwrap_or(bi));
        }
        if next < chars.len() && char_matches(chars[next], h) {
            next += 1;
        }
        if next == chars.len() && start.is_some() {
            break;
        }
        prev = Some(bi);
    }
    if next < chars.len() {
        return None;
    }
    let start = start?;
    let end = field
        .char_indices()
        .rev()
        .find(|&(_, h)| same(last, h))
        .map(|(bi, h)| bi + h.len_utf8())?;
    Some(Window {
        start,
        end: end.max(start),
    })
}

/// Buffers one scoring thread reuses from case to case.
#[derive(Default)]
pub struct Scratch {
    text: String,
    chars: Vec<char>,
    cells: Cells,
}

/// The term's score in `field`, or `None` when it does not match there.
pub fn term_score(
    term: &Term,
    field: &str,
    scorer: &Scorer,
    scratch: &mut Scratch,
) -> Option<Score> {
    if let [p] = term.chars() {
        // One character: the closed form of fuzzy-matcher's score (see `score`).
        return if term.has_initials() {
            single_char_score(field, *p, |c| term.map(c))
        } else if p.is_ascii_alphabetic() {
            single_char_score(field, *p, |c| c)
        } else {
            single_char_score_fast(field, *p)
        };
    }
    if term.is_floored() {
        return floored(term, field, scratch, None);
    }
    let (pattern, tail) = term.pattern_chars();
    let Scratch { text, chars, .. } = scratch;
    chars.clear();
    let window = if term.has_initials() && !term.is_relaxed() {
        // Mapped, the exact relation is plain equality: decode the field once.
        chars.reserve(field.len());
        for c in field.chars() {
            chars.push(term.map(c));
        }
        let (start, end) = window_of(chars, pattern)?;
        &chars[start..end]
    } else {
        let window = scan(term, field)?;
        chars.extend(field[window.start..window.end].chars().map(|c| term.map(c)));
        &chars[..]
    };
    score_text(scorer, window, term.pattern(), pattern, tail, text)
}

/// A floored term (two characters or more): its best alignment within the quality floor (see
/// `floor`) in the scan's window, and its positions (character indices of `field`) when asked.
fn floored(
    term: &Term,
    field: &str,
    scratch: &mut Scratch,
    mut positions: Option<&mut Vec<usize>>,
) -> Option<Score> {
    let window = scan(term, field)?;
    let Scratch { chars, cells, .. } = scratch;
    chars.clear();
    chars.extend(field[window.start..window.end].chars());
    let at_start = window.start == 0;
    let score = floor::best(
        term.chars(),
        chars,
        at_start,
        SLACK,
        cells,
        positions.as_deref_mut(),
    )?;
    if let Some(positions) = positions {
        let start_char = field[..window.start].chars().count();
        for p in positions.iter_mut() {
            *p += start_char;
        }
    }
    Some(score)
}

/// For mapped characters: whether `pattern` is a subsequence, and the window (from the
/// character before the first occurrence of its first character to the last occurrence of its
/// last) as a range of indices.
fn window_of(chars: &[char], pattern: &[char]) -> Option<(usize, usize)> {
    let (&first, &last) = (pattern.first()?, pattern.last()?);
    let same = |h: &char, p: char| h.eq_ignore_ascii_case(&p);
    let from = chars.iter().position(|h| same(h, first))?;
    let mut next = 1;
    for h in &chars[from + 1..] {
        if next == pattern.len() {
            break;
        }
        if same(h, pattern[next]) {
            next += 1;
        }
    }
    if next < pattern.len() {
        return None;
    }
    let to = chars.iter().rposition(|h| same(h, last))?;
    Some((from.saturating_sub(1), to + 1))
}

/// The term's score in `field` and the matched character indices of `field`.
pub fn term_positions(term: &Term, field: &str, scorer: &Scorer) -> Option<(Score, Vec<usize>)> {
    if term.is_floored() && term.chars().len() > 1 {
        let mut positions = Vec::new();
        let score = floored(term, field, &mut Scratch::default(), Some(&mut positions))?;
        return Some((score, positions));
    }
    let window = scan(term, field)?;
    let mut buf = String::new();
    let text = windowed(term, field, &window, &mut buf);
    let (score, mut positions) = scorer.score(text, term.pattern())?;
    let start_char = field[..window.start].chars().count();
    for p in &mut positions {
        *p += start_char;
    }
    if term.is_relaxed() && !exact_at(term, field, &positions) {
        positions = greedy_positions(term, field);
    }
    Some((score, positions))
}

/// The window of `field`, mapped into the term's representation when the term has initials.
fn windowed<'a>(term: &Term, field: &'a str, window: &Window, buf: &'a mut String) -> &'a str {
    let slice = &field[window.start..window.end];
    if !term.has_initials() {
        return slice;
    }
    buf.clear();
    buf.extend(slice.chars().map(|c| term.map(c)));
    buf
}

/// Whether each term character matches the field character at its position exactly.
fn exact_at(term: &Term, field: &str, positions: &[usize]) -> bool {
    let chars: Vec<char> = field.chars().collect();
    positions.len() == term.chars().len()
        && term
            .chars()
            .iter()
            .zip(positions)
            .all(|(&q, &p)| chars.get(p).is_some_and(|&h| char_matches(q, h)))
}

/// The leftmost exact alignment, character by character.
fn greedy_positions(term: &Term, field: &str) -> Vec<usize> {
    let chars = term.chars();
    let mut out = Vec::with_capacity(chars.len());
    for (ci, h) in field.chars().enumerate() {
        if out.len() < chars.len() && char_matches(chars[out.len()], h) {
            out.push(ci);
        }
    }
    out
}

/// [`single_char_score`] for a character that is neither an ASCII letter nor an initial
/// consonant, so it matches only itself: the standard library's substring search jumps
/// from occurrence to occurrence, and only the character before each is decoded.
fn single_char_score_fast(field: &str, p: char) -> Option<Score> {
    let mut best: Option<Score> = None;
    for (at, _) in field.match_indices(p) {
        let prev = field[..at].chars().next_back().unwrap_or('\0');
        let score = super::score::occurrence_score(prev, p, at == 0, p);
        best = Some(best.map_or(score, |s| s.max(score)));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;
    use proptest::prelude::*;

    fn term(text: &str) -> Term {
        Query::parse(text).terms()[0].clone()
    }

    fn positions(query: &str, field: &str) -> Option<Vec<usize>> {
        term_positions(&term(query), field, &Scorer::default()).map(|(_, p)| p)
    }

    #[test]
    fn initials_find_syllables() {
        assert_eq!(
            positions("ㅋㅋㅇㅁ", "오늘 카카오맵이"),
            Some(vec![3, 4, 5, 6])
        );
        assert_eq!(positions("ㅇㅂㅌ", "업비트 출금"), Some(vec![0, 1, 2]));
        assert_eq!(positions("카카오ㅁ", "카카오맵"), Some(vec![0, 1, 2, 3]));
        assert_eq!(positions("ㅋㅋ", "ㅋㅋㅋ 웃겨"), Some(vec![0, 1]));
        assert_eq!(positions("ㄲ", "가게"), None);
        assert_eq!(
            positions("카카오", "ㅋㅋㅇ"),
            None,
            "syllables match only themselves"
        );
    }

    #[test]
    fn relaxed_terms_match_exactly_and_highlight_exact_characters() {
        // `카ㅋ`: 카 then any ㅋ-syllable.
        assert_eq!(positions("카ㅋ", "코카"), None);
        assert_eq!(positions("카ㅋ", "코코"), None);
        let p = positions("카ㅋ", "코카코").unwrap();
        assert_eq!(p, vec![1, 2]);
    }

    #[test]
    fn ascii_case_is_ignored() {
        assert_eq!(positions("upbit", "UPBIT 출금"), Some(vec![0, 1, 2, 3, 4]));
        assert_eq!(positions("UpBit", "upbit"), Some(vec![0, 1, 2, 3, 4]));
    }

    fn field() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                '카', '코', '오', '맵', '배', '달', 'ㅋ', 'ㅂ', 'a', 'B', ' ', '.', '/', '1',
            ]),
            0..30,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    fn query_term() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                '카', '코', '오', '맵', 'ㅋ', 'ㅂ', 'ㅇ', 'a', 'b', '.',
            ]),
            1..5,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// The window and the one-character closed form change nothing: same membership and
        /// score as fuzzy-matcher on the whole mapped field, plus the exact check; for a
        /// floored term, as the floor's best alignment on the whole field.
        #[test]
        fn windowed_scoring_equals_whole_field_scoring(text in field(), q in query_term()) {
            let term = term(&q);
            let scorer = Scorer::default();
            let mapped: String = text.chars().map(|c| term.map(c)).collect();
            let exact = greedy_positions(&term, &text).len() == term.chars().len();
            let whole = if term.is_floored() && term.chars().len() > 1 {
                let chars: Vec<char> = text.chars().collect();
                floor::best(term.chars(), &chars, true, SLACK, &mut Cells::default(), None)
            } else if exact {
                scorer.score(&mapped, term.pattern()).map(|(s, _)| s)
            } else {
                None
            };
            let mut scratch = Scratch::default();
            prop_assert_eq!(term_score(&term, &text, &scorer, &mut scratch), whole);
            let with_positions = term_positions(&term, &text, &scorer);
            prop_assert_eq!(with_positions.as_ref().map(|(s, _)| *s), whole);
            if let Some((_, p)) = with_positions {
                prop_assert!(exact_at(&term, &text, &p), "{:?} in {:?}: {:?}", q, text, p);
                if term.is_floored() {
                    let span = p.last().map_or(0, |l| l + 1 - p[0]);
                    prop_assert!(span <= p.len() + SLACK, "{:?} in {:?}: {:?}", q, text, p);
                }
            }
        }
    }
}
