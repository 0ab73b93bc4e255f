//! The scorer: fuzzy-matcher's `SkimMatcherV2`, made deterministic, plus the closed form of
//! its score for one-character patterns.
//!
//! **Why a reset before every call.** `SkimMatcherV2` (0.3.7) keeps its score matrix in a
//! per-thread cache and does not clear a match cell's `bonus` before reading it back as the
//! "previous match bonus" of the next column. A text with a repeated character that the
//! pattern also repeats (`카카오` for `카카`) can therefore score differently depending on
//! what the same thread scored before: measured on the sample, 18 of 33,810 `카카` matches
//! changed score when the cases were scored in reverse order. Search must give the same order
//! whether it narrows or starts afresh, on one thread or two, so every call is preceded by
//! scoring `"a"` against `"a"`, which shrinks the cached matrix to four cells: the real call
//! then grows it with default (zeroed) cells, and the four reused cells are ones it resets
//! itself. Scores are then those of a fresh matcher (a test checks this against a new
//! matcher per call). Only `fuzzy_indices` is used: the score-only mode reuses two rows and
//! reads stale bonuses from two rows up, so its scores differ from the indices mode's.
//!
//! **One-character patterns.** Row one of the matrix has no previous match, so the score of a
//! one-character pattern is `16 − 1 + bonus` at the best occurrence (−2 when the ASCII case
//! differs), the bonus being 8 at a word start (after a space, `/`, brackets…; doubled at the
//! text's first character), 7 after other punctuation, 6 at a lower-to-upper camel hump, else
//! 0. [`single_char_score`] computes that in one pass without the matrix, which is what makes
//! the first keystroke affordable; a property test checks it against fuzzy-matcher.
//!
//! **Longer patterns: when the matrix is not needed.** With the bonus memory reset, each
//! matched character adds `16` (−2 on an ASCII case mismatch) plus, after the first: `max(b,
//! 4)` when it follows the previous match directly (`b` its in-place bonus), or `b − 3 − gap`
//! after a gap. So no alignment scores more than [`upper_bound`]: the best first character's
//! one-character score, plus for each further character 16 and the most its step can add (4;
//! 6 when an ASCII letter may start a camel hump; 7 or 8 after punctuation or a separator).
//! A contiguous occurrence at the best first character usually reaches that bound, and then
//! its score ([`contiguous_score`]) *is* fuzzy-matcher's: no alignment can do better and
//! fuzzy-matcher finds the best. Otherwise the bounds still say which starts can beat it and
//! how far such an alignment can reach, and only that stretch goes through the matrix
//! ([`score_text`]). Property tests compare every search with fuzzy-matcher on whole fields.

use fuzzy_matcher::skim::SkimMatcherV2;

/// A fuzzy score as fuzzy-matcher reports it.
pub type Score = i64;

/// One matcher; share it between threads (its cache is per thread).
pub struct Scorer {
    skim: SkimMatcherV2,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer {
            // ASCII case is ignored (a mismatch costs 2 points); no element limit, so the
            // full alignment is always computed.
            skim: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Scorer {
    /// The score of the best alignment of `pattern` in `choice` and the matched positions
    /// (character indices in `choice`), or `None` when `pattern` is not a subsequence.
    pub fn score(&self, choice: &str, pattern: &str) -> Option<(Score, Vec<usize>)> {
        // Reset the cached matrix (see the module documentation).
        let _ = self.skim.fuzzy("a", "a", true);
        self.skim.fuzzy(choice, pattern, true)
    }
}

/// How fuzzy-matcher classifies a character for its bonuses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(ch: char) -> CharType {
    match ch {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// fuzzy-matcher's in-place bonus of a character after `prev` (`'\0'` at the start).
pub(crate) fn bonus(prev: char, cur: char) -> Score {
    match (char_type(prev), char_type(cur)) {
        (CharType::Empty | CharType::HardSep, _) => 8,
        (CharType::SoftSep, _) => 7,
        (CharType::Lower | CharType::Number, CharType::Upper) => 6,
        _ => 0,
    }
}

/// The score of the one-character pattern `p` matched at `ch` after `prev` (`first`: `ch` is
/// the text's first character).
pub fn occurrence_score(prev: char, ch: char, first: bool, p: char) -> Score {
    let b = bonus(prev, ch);
    let b = if first { b * 2 } else { b };
    let case = if ch == p { 0 } else { 2 };
    15 + b - case
}

/// The most that pattern character `cur` can add after `prev` besides its 16 (see the module
/// documentation): the text character matched to `prev` has `prev`'s class.
fn step_bound(prev: char, cur: char) -> Score {
    match char_type(prev) {
        CharType::Empty | CharType::HardSep => 8,
        CharType::SoftSep => 7,
        _ if cur.is_ascii_alphabetic() => 6,
        _ => 4,
    }
}

/// What the characters after the first can add at most: 16 and [`step_bound`] each.
pub fn tail_bound(pattern: &[char]) -> Score {
    pattern
        .windows(2)
        .map(|pair| 16 + step_bound(pair[0], pair[1]))
        .sum()
}

/// The score of `pattern` matched contiguously at `text[at..]` (`at == 0`: the text's first
/// character), or `None` when it does not occur there.
pub fn contiguous_score(text: &[char], at: usize, pattern: &[char]) -> Option<Score> {
    let run = text.get(at..at + pattern.len())?;
    if !run
        .iter()
        .zip(pattern)
        .all(|(h, p)| h.eq_ignore_ascii_case(p))
    {
        return None;
    }
    let prev = if at == 0 { '\0' } else { text[at - 1] };
    let mut score = occurrence_score(prev, run[0], at == 0, pattern[0]);
    for k in 1..run.len() {
        let case = if run[k] == pattern[k] { 0 } else { 2 };
        score += 16 - case + bonus(run[k - 1], run[k]).max(4);
    }
    Some(score)
}

/// The score of the leftmost alignment of `pattern` that starts at `text[at]`: each further
/// character at its next occurrence (a score fuzzy-matcher's best alignment reaches at least).
fn greedy_score(text: &[char], at: usize, pattern: &[char]) -> Option<Score> {
    let prev = if at == 0 { '\0' } else { text[at - 1] };
    let mut score = occurrence_score(prev, *text.get(at)?, at == 0, *pattern.first()?);
    let mut last = at;
    for &p in &pattern[1..] {
        let next = last
            + 1
            + text
                .get(last + 1..)?
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&p))?;
        let case = if text[next] == p { 0 } else { 2 };
        let b = bonus(text[next - 1], text[next]);
        let gap = (next - last - 1) as Score;
        score += 16 - case + if gap == 0 { b.max(4) } else { b - 3 - gap };
        last = next;
    }
    Some(score)
}

/// fuzzy-matcher's score of `pattern` (two characters or more; also as `pattern_chars`) in
/// the text `chars` (`buf` holds what fuzzy-matcher is given), computing as little of the matrix as the bounds allow:
///
/// - `C`, the best contiguous occurrence (else the leftmost alignment from the best first
///   character), is a score some alignment reaches;
/// - an alignment starting at an occurrence `j` of the first character scores at most
///   `first(j) + tail`, and `3 + gap` less when it has gaps in total `gap`;
/// - so when no start can beat `C`, `C` is the answer; otherwise only alignments starting
///   at the starts that can, and spanning at most `len + (bound − C)` characters, are
///   scored by fuzzy-matcher, on that stretch of the text alone.
pub fn score_text(
    scorer: &Scorer,
    chars: &[char],
    pattern: &str,
    pattern_chars: &[char],
    tail: Score,
    buf: &mut String,
) -> Option<Score> {
    let mut dp = |part: &[char]| {
        buf.clear();
        buf.extend(part);
        scorer.score(buf, pattern).map(|(s, _)| s)
    };
    let first = *pattern_chars.first()?;
    let mut starts: Vec<(usize, Score)> = Vec::new();
    let mut best_run: Option<Score> = None;
    for (at, &ch) in chars.iter().enumerate() {
        if !ch.eq_ignore_ascii_case(&first) {
            continue;
        }
        let prev = if at == 0 { '\0' } else { chars[at - 1] };
        starts.push((at, occurrence_score(prev, ch, at == 0, first)));
        if let Some(run) = contiguous_score(chars, at, pattern_chars) {
            best_run = Some(best_run.map_or(run, |b| b.max(run)));
        }
    }
    // A score some alignment reaches: the best contiguous run, else the leftmost alignment
    // from the best first character.
    let reached = best_run.or_else(|| {
        let &(at, _) = starts
            .iter()
            .max_by_key(|&&(at, one)| (one, std::cmp::Reverse(at)))?;
        greedy_score(chars, at, pattern_chars)
    });
    let Some(run) = reached else {
        return dp(chars);
    };
    let hopeful: Vec<(usize, Score)> = starts
        .into_iter()
        .filter(|&(_, one)| one + tail > run)
        .collect();
    let (Some(&(from, _)), Some(&(last, _))) = (hopeful.first(), hopeful.last()) else {
        return Some(run);
    };
    let bound = hopeful
        .iter()
        .map(|&(_, one)| one + tail)
        .max()
        .unwrap_or(run);
    if from > 0 && chars[from - 1].eq_ignore_ascii_case(&first) {
        // The stretch would start on an occurrence, which would then score as the text's
        // first character: score the whole text instead.
        return dp(chars).map(|s| s.max(run));
    }
    let begin = from.saturating_sub(1);
    let end = (last + pattern_chars.len() + (bound - run).max(0) as usize + 1).min(chars.len());
    Some(dp(&chars[begin..end]).map_or(run, |s| s.max(run)))
}

/// The score fuzzy-matcher gives the one-character pattern `p` in `text`, where each text
/// character is first passed through `map` (the term's shared representation), or `None`
/// when `p` does not occur.
pub fn single_char_score(text: &str, p: char, map: impl Fn(char) -> char) -> Option<Score> {
    let mut best: Option<Score> = None;
    let mut prev = '\0';
    let mut first = true;
    for ch in text.chars() {
        let ch = map(ch);
        if ch.eq_ignore_ascii_case(&p) {
            let score = occurrence_score(prev, ch, first, p);
            best = Some(best.map_or(score, |s| s.max(score)));
        }
        prev = ch;
        first = false;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn alphabet() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a', 'A', 'b', 'B', '1', ' ', '/', '-', '.', '(', '\n', '카', '오', 'ㅋ', '_', '~',
            ]),
            0..24,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn single_char_score_is_fuzzy_matchers(
            text in alphabet(),
            p in proptest::sample::select(vec!['a', 'A', 'b', '1', '카', 'ㅋ', '-', '/']),
        ) {
            let scorer = Scorer::default();
            let expected = scorer.score(&text, &p.to_string()).map(|(s, _)| s);
            prop_assert_eq!(single_char_score(&text, p, |c| c), expected);
        }

        #[test]
        fn scores_do_not_depend_on_what_was_scored_before(
            texts in proptest::collection::vec(alphabet(), 1..12),
            pattern in "[aAb카오ㅋ]{1,4}",
        ) {
            let shared = Scorer::default();
            let forward: Vec<_> = texts.iter().map(|t| shared.score(t, &pattern)).collect();
            let backward: Vec<_> = texts.iter().rev().map(|t| shared.score(t, &pattern)).collect();
            let fresh: Vec<_> = texts.iter().map(|t| Scorer::default().score(t, &pattern)).collect();
            prop_assert_eq!(&forward, &fresh);
            prop_assert_eq!(backward.into_iter().rev().collect::<Vec<_>>(), fresh);
        }
    }

    proptest! {
        #[test]
        fn bounded_scoring_agrees_with_fuzzy_matcher(
            text in alphabet(),
            pattern in "[aAb1카오ㅋ./ -]{2,4}",
        ) {
            let scorer = Scorer::default();
            let chars: Vec<char> = text.chars().collect();
            let p: Vec<char> = pattern.chars().collect();
            let fast = score_text(&scorer, &chars, &pattern, &p, tail_bound(&p), &mut String::new());
            let expected = scorer.score(&text, &pattern).map(|(s, _)| s);
            prop_assert_eq!(fast, expected);
        }
    }

    #[test]
    fn bounded_scoring_of_a_contiguous_word_start() {
        let p: Vec<char> = "카카오".chars().collect();
        let text: Vec<char> = "어제 카카오톡이 카 오".chars().collect();
        let scorer = Scorer::default();
        let expected = scorer
            .score("어제 카카오톡이 카 오", "카카오")
            .map(|(s, _)| s);
        let fast = score_text(
            &scorer,
            &text,
            "카카오",
            &p,
            tail_bound(&p),
            &mut String::new(),
        );
        assert_eq!(fast, expected);
        assert!(expected.is_some());
    }

    #[test]
    fn the_reset_removes_the_matchers_memory_of_earlier_texts() {
        // Found on the sample: without the reset, the second score depends on the first call.
        let scorer = Scorer::default();
        let text = "카카오톡 카카오맵 카카카";
        let alone = Scorer::default().score(text, "카카");
        let _ = scorer.score("카카카카카카 카카카카", "카카");
        assert_eq!(scorer.score(text, "카카"), alone);
    }

    #[test]
    fn contiguous_beats_scattered() {
        let scorer = Scorer::default();
        let (tight, _) = scorer.score("카카오맵 배달", "카카오맵").unwrap();
        let (loose, _) = scorer.score("카드 카페 오늘 맵다", "카카오맵").unwrap();
        assert!(tight > loose, "{tight} > {loose}");
    }
}
