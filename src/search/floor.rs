//! The quality floor: which alignments of a query word count as a match.
//!
//! **The rule.** A query word that holds any character other than Hangul (a Latin letter, a
//! digit, a sign) is found only where its characters occur in order within a stretch of the
//! field at most [`SLACK`] (two) characters longer than the word: between its first and its
//! last matched character at most two characters of the field are left out, and never a digit
//! between two digits of the word (its digits are consecutive digits of the field, though a
//! separator between them may be left out). Words of Hangul alone (syllables and bare initial
//! consonants) keep plain subsequence matching.
//!
//! - **What it removes.** skim's algorithm finds any subsequence, so before the floor `pwned`
//!   found 265 of the sample's English texts by letters spread over a sentence (`…proper
//!   backups in another data center…` plus a `w`, an `n`, an `e` and a `d` further on), and
//!   `upbit` 402 texts of which 240 mention Upbit; now `pwned` finds none and `upbit` exactly
//!   those 240 (`kakaotalk`: the 234 texts with KakaoTalk or Kakao Talk, not 361).
//! - **What it keeps.** The word itself in any ASCII case; one or two letters left out (`upbt`
//!   finds Upbit, `kakotalk` KakaoTalk); a blank left out (`kakaotalk` finds `Kakao Talk`,
//!   `kakaot` finds `Kakao T`); ids as typed or by their number (`R-000200`, `000200`, `200`);
//!   numbers as if written without thousands separators (`200000` finds 200,000원, `200`
//!   finds 200원, 2,000원 and 1,200,000원) but not with other digits in between (`200` does
//!   not find 250,000원 or 2,900원, `000200` not 010-0200-6579).
//!   skim's algorithm never forgave a swapped, wrong or extra letter, and the floor does not
//!   either: `kakoa` does not find `Kakao` (it finds `KakaoTalk`, whose k-a-k-(a)-o-(T)-a lies
//!   within the floor).
//! - **Why Hangul is exempt.** Initial consonants are abbreviations by nature and a syllable is
//!   one of 11,172, not one of 26 letters, so a spread-out Hangul match is far less often an
//!   accident: `ㅋㅋㅇㅁ` and `카맵` find 카카오맵, and `카카오맵` still finds a text with
//!   카드, 카페, 오류 and 맵핑 in it, ranked below the real ones.
//! - **Why a fixed allowance.** Typing on must only narrow: the results of a word are among
//!   those of the word minus its last character (narrowing in `SearchSession` and
//!   `Query::extends` rely on it, and so does a reviewer watching the list shrink). With an
//!   allowance that grows with the word's length (k × its length) the shorter word would be
//!   held to less slack than the longer one and could lose a case the longer one finds. A
//!   score threshold relative to a perfect match has the same flaw: a character adds at most
//!   24 points, so such a threshold would have to grow by 24 points a character, more than a
//!   perfect contiguous character earns (20). A term with a character other than Hangul stays
//!   floored as it grows, and a term that becomes floored only loses matches, so the property
//!   holds for every term (a property test types queries key by key and compares with a full
//!   scan).
//!
//! **The score.** Only alignments within the floor count, so a floored term's score is that of
//! its best such alignment, and its highlight is that alignment. fuzzy-matcher's score of an
//! alignment is a sum (see `score`): 15 plus the first character's bonus (doubled at the
//! field's first character); for each further character 16 plus `max(bonus, 4)` right after
//! the previous one, or 16 plus `bonus − 3 − gap` after a gap; 2 less on an ASCII case
//! mismatch. [`best`] maximises that sum over the stretches that can hold an alignment within
//! the floor (found by a greedy scan from each occurrence of the first character) with a small
//! table of `word length × (word length + 2)` cells. A property test checks that without the
//! floor the same computation gives fuzzy-matcher's score of the whole field.

use super::hangul::char_matches;
use super::score::{bonus, Score};

/// How many characters of a field a floored term may leave out between its first and its last
/// character.
pub const SLACK: usize = 2;

/// Below any real score: a cell no alignment reaches.
const NONE: Score = Score::MIN / 4;

/// Tables [`best`] reuses from field to field.
#[derive(Default)]
pub struct Cells {
    score: Vec<Score>,
    from: Vec<usize>,
}

/// The best alignment of `q` (two characters or more) in `t` whose characters lie within
/// `q.len() + slack` consecutive characters of `t` and that leaves out no digit between two
/// digits of `q`, under the exact character relation: its
/// score and, when `positions` is given, its character indices in `t`. `at_start`: `t[0]` is
/// the field's first character (else `t[0]` is only the character before the stretch
/// searched, and no alignment starts there).
pub fn best(
    q: &[char],
    t: &[char],
    at_start: bool,
    slack: usize,
    cells: &mut Cells,
    positions: Option<&mut Vec<usize>>,
) -> Option<Score> {
    best_by(q, t, at_start, slack, char_matches, cells, positions)
}

/// [`best`] with another character relation `rel(query char, text char)` (names: see
/// `names`).
pub fn best_by(
    q: &[char],
    t: &[char],
    at_start: bool,
    slack: usize,
    rel: impl Fn(char, char) -> bool + Copy,
    cells: &mut Cells,
    positions: Option<&mut Vec<usize>>,
) -> Option<Score> {
    let (&first, n) = (q.first()?, q.len());
    let width = n.saturating_add(slack);
    let from = |s| Stretch {
        q,
        t,
        s,
        width,
        at_start,
    };
    let mut best: Option<(Score, usize)> = None;
    for s in 0..t.len() {
        if !rel(first, t[s]) || (s == 0 && !at_start) || !fits(q, t, s, width, rel) {
            continue;
        }
        if let Some(score) = from(s).best(rel, cells, None) {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, s));
            }
        }
    }
    let (score, s) = best?;
    if let Some(out) = positions {
        from(s).best(rel, cells, Some(out));
    }
    Some(score)
}

/// Whether `q` occurs in `t[s..s + width]` starting at `t[s]`: the leftmost alignment from `s`
/// ends soonest.
fn fits(q: &[char], t: &[char], s: usize, width: usize, rel: impl Fn(char, char) -> bool) -> bool {
    let end = t.len().min(s.saturating_add(width));
    let mut at = s;
    for &c in &q[1..] {
        match t[at + 1..end].iter().position(|&h| rel(c, h)) {
            Some(k) => at += 1 + k,
            None => return false,
        }
    }
    true
}

/// Alignments of `q` that start at `t[s]` and end before `t[s + width]`.
struct Stretch<'a> {
    q: &'a [char],
    t: &'a [char],
    s: usize,
    width: usize,
    /// `t[0]` is the field's first character.
    at_start: bool,
}

impl Stretch<'_> {
    /// fuzzy-matcher's score of the best alignment within the floor, and its positions when
    /// asked.
    fn best(
        &self,
        rel: impl Fn(char, char) -> bool,
        cells: &mut Cells,
        positions: Option<&mut Vec<usize>>,
    ) -> Option<Score> {
        let Stretch {
            q,
            t,
            s,
            width,
            at_start,
        } = *self;
        let n = q.len();
        let w = (t.len() - s).min(width);
        let Cells { score, from } = cells;
        score.clear();
        score.resize(n * w, NONE);
        from.clear();
        from.resize(n * w, 0);
        let case = |q: char, h: char| {
            if q == h || !q.is_ascii_alphabetic() {
                0
            } else {
                2
            }
        };
        let prev = if s == 0 { '\0' } else { t[s - 1] };
        let first_bonus = bonus(prev, t[s]) * if s == 0 && at_start { 2 } else { 1 };
        score[0] = 15 + first_bonus - case(q[0], t[s]);
        for k in 1..n {
            for j in k..w {
                let h = t[s + j];
                if !rel(q[k], h) {
                    continue;
                }
                let b = bonus(t[s + j - 1], h);
                let row = (k - 1) * w;
                // Right after the previous character, preferred on a tie (as fuzzy-matcher does).
                let mut reach = score[row + j - 1];
                let mut arg = j - 1;
                if reach > NONE {
                    reach += b.max(4);
                }
                // After a gap, the nearest previous character first: a gap that leaves out a digit
                // between two digits of the term leaves it out for every earlier one too.
                let digits = q[k - 1].is_ascii_digit() && q[k].is_ascii_digit();
                for jp in (k - 1..j - 1).rev() {
                    if digits && t[s + jp + 1].is_ascii_digit() {
                        break;
                    }
                    if score[row + jp] > NONE {
                        let gap = (j - jp - 1) as Score;
                        let after_gap = score[row + jp] + b - 3 - gap;
                        if after_gap > reach {
                            (reach, arg) = (after_gap, jp);
                        }
                    }
                }
                if reach > NONE {
                    score[k * w + j] = reach + 16 - case(q[k], h);
                    from[k * w + j] = arg;
                }
            }
        }
        let last = (n - 1) * w;
        let (end, &top) = score[last..last + w]
            .iter()
            .enumerate()
            .max_by_key(|&(j, &v)| (v, std::cmp::Reverse(j)))?;
        if top <= NONE {
            return None;
        }
        if let Some(out) = positions {
            out.clear();
            out.resize(n, 0);
            let mut j = end;
            for k in (0..n).rev() {
                out[k] = s + j;
                j = from[k * w + j];
            }
        }
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;
    use crate::search::score::Scorer;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn found(q: &str, t: &str) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        best(
            &chars(q),
            &chars(t),
            true,
            SLACK,
            &mut Cells::default(),
            Some(&mut out),
        )?;
        Some(out)
    }

    #[test]
    fn letters_spread_over_a_sentence_are_not_a_match() {
        let text = "You need proper backups in another data center. We wanted it fixed.";
        assert_eq!(found("pwned", text), None);
        assert_eq!(found("pb", "proper backups"), None);
        assert_eq!(found("upbit", "up to a bit"), None);
    }

    #[test]
    fn one_or_two_characters_left_out_are_kept() {
        assert_eq!(found("upbit", "Upbit 출금"), Some(vec![0, 1, 2, 3, 4]));
        assert_eq!(found("upbt", "Upbit"), Some(vec![0, 1, 2, 4]));
        assert_eq!(found("kakaot", "Kakao T"), Some(vec![0, 1, 2, 3, 4, 6]));
        assert_eq!(
            found("kakotlk", "my KakaoTalk"),
            Some(vec![3, 4, 5, 7, 8, 10, 11])
        );
        assert_eq!(found("kakotk", "KakaoTalk"), None, "three left out");
        assert_eq!(found("200", "R-000200"), Some(vec![5, 6, 7]));
        assert_eq!(found("200000", "200,000원").map(|p| p.len()), Some(6));
        assert_eq!(
            found("200", "250,000원"),
            None,
            "a digit left out between digits"
        );
        assert_eq!(
            found("200", "2,000원"),
            Some(vec![0, 2, 3]),
            "a separator left out"
        );
        assert_eq!(found("200", "2,900원"), None);
        assert_eq!(found("000200", "010-0200-6579"), None);
        assert_eq!(found("200", "R-002010"), None);
        assert_eq!(
            found("a1b", "a-1-b"),
            Some(vec![0, 2, 4]),
            "signs and letters may go"
        );
        assert_eq!(found("r-000200", "R-000200").map(|p| p.len()), Some(8));
        assert_eq!(found("kakoa", "Kakao"), None, "a swapped letter");
        assert!(found("kakoa", "KakaoTalk").is_some(), "k-a-k-(a)-o-(T)-a");
    }

    #[test]
    fn the_highlight_is_the_best_alignment_within_the_floor() {
        // p(roper) b(ackups) would score more (two word starts) but is spread out.
        let text = "proper backups upbit";
        assert_eq!(found("pb", text), Some(vec![16, 17]));
        let scorer = Scorer::default();
        let (spread, _) = scorer.score(text, "pb").unwrap();
        let mut cells = Cells::default();
        let within = best(&chars("pb"), &chars(text), true, SLACK, &mut cells, None).unwrap();
        assert!(spread > within, "{spread} > {within}");
        // The same letters after the same character, alone.
        assert_eq!(Some(within), scorer.score("upbit", "pb").map(|(s, _)| s));
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a', 'A', 'b', 'B', '1', ' ', '/', '-', '.', '(', '카', '코', '오', 'ㅋ', '_', '~',
            ]),
            0..24,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// Without the floor (any stretch; no two digits in a row, which would bring in the
        /// digit rule), the sum is fuzzy-matcher's score of the whole field: the formula is
        /// fuzzy-matcher's.
        #[test]
        fn without_the_floor_the_score_is_fuzzy_matchers(
            t in text(),
            q in "[aAb1카오ㅋ./_-]{2,5}",
        ) {
            let term = Query::parse(&q).terms()[0].clone();
            prop_assume!(!term.is_relaxed() && !q.contains("11"));
            let mapped: String = t.chars().map(|c| term.map(c)).collect();
            let expected = Scorer::default().score(&mapped, term.pattern()).map(|(s, _)| s);
            let mut cells = Cells::default();
            let mut at = Vec::new();
            let got = best(term.chars(), &chars(&t), true, usize::MAX, &mut cells, Some(&mut at));
            prop_assert_eq!(got, expected);
            if got.is_some() {
                let tc = chars(&t);
                prop_assert!(at.windows(2).all(|p| p[0] < p[1]));
                prop_assert!(at.iter().zip(term.chars()).all(|(&i, &c)| char_matches(c, tc[i])));
            }
        }

        /// Within the floor, the best alignment of a stretch is fuzzy-matcher's on that stretch
        /// when everything outside it is replaced by characters of the same class that match
        /// nothing (so bonuses stay and no other alignment exists).
        #[test]
        fn within_the_floor_the_score_is_fuzzy_matchers_on_the_best_stretch(
            t in text(),
            q in "[aAb1./_카오ㅋ-]{2,5}",
        ) {
            let term = Query::parse(&q).terms()[0].clone();
            // Two digits in a row would bring in the digit rule, which fuzzy-matcher lacks.
            prop_assume!(!term.is_relaxed() && !q.contains("11"));
            let tc = chars(&t);
            let mut cells = Cells::default();
            let got = best(term.chars(), &tc, true, SLACK, &mut cells, None);
            let width = term.chars().len() + SLACK;
            let scorer = Scorer::default();
            let expected = (0..tc.len())
                .filter_map(|a| {
                    let masked: String = tc
                        .iter()
                        .enumerate()
                        .map(|(i, &c)| {
                            if (a..a + width).contains(&i) { term.map(c) } else { neutral(c) }
                        })
                        .collect();
                    scorer.score(&masked, term.pattern()).map(|(s, _)| s)
                })
                .max();
            prop_assert_eq!(got, expected);
        }
    }

    /// A character of `c`'s class (for fuzzy-matcher's bonuses) that no test query holds
    /// (Hangul is of the class "lower").
    fn neutral(c: char) -> char {
        match c {
            ' ' | '/' | '(' => ' ',
            '-' | '.' | '_' | '~' => '~',
            '1' => '9',
            'A'..='Z' => 'Z',
            _ => 'z',
        }
    }
}
