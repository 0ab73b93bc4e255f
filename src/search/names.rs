//! Picking from a short list by typing (the service picker, the bulk label picker, the views
//! list): whether a typed query picks an item, by the same rules as search.
//!
//! The query is blank-separated words that must all match, each in any of the item's names (a
//! service's code and its Korean name; a view's name and its filter), as a search word matches
//! in any field of a case. A word matches a name as it would match a case's text: its
//! characters in order, ASCII case ignored, a bare initial consonant for any syllable that
//! starts with it (`ㅋㅋㅇㅁ` picks 카카오맵), and under the quality floor when it holds a
//! character other than Hangul (`kakaot` picks kakao_t, `kl` does not pick kakao_login; see
//! `floor`). Blanks of a name are skipped like any other character (`카카오T` picks 카카오 T).
//! An empty query picks everything.
//!
//! One addition for names: an upper-case Latin letter also answers to the initial consonant of
//! its Korean name, so `ㅋㅋㅇㅌ` picks 카카오 T (T is read 티). 카카오톡 has the same initials
//! and is picked too; `ㅋㅋㅇT` picks 카카오 T alone. Case texts do not get this: there,
//! capital letters begin English words (Kakao, Upbit) rather than being read one by one, and
//! a bare `ㅇ` would answer to most of them.

use super::floor::{self, Cells, SLACK};
use super::hangul::{char_matches, initial, jamo_slot};
use super::query::{Query, Term};

/// How Korean reads each capital Latin letter, A to Z.
const LETTER_NAMES: [&str; 26] = [
    "에이",
    "비",
    "씨",
    "디",
    "이",
    "에프",
    "지",
    "에이치",
    "아이",
    "제이",
    "케이",
    "엘",
    "엠",
    "엔",
    "오",
    "피",
    "큐",
    "알",
    "에스",
    "티",
    "유",
    "브이",
    "더블유",
    "엑스",
    "와이",
    "제트",
];

/// The initial consonant of how Korean reads the capital letter `ch` (`T`, 티 → `ㅌ`).
fn letter_initial(ch: char) -> Option<char> {
    if !ch.is_ascii_uppercase() {
        return None;
    }
    let name = LETTER_NAMES[(ch as u8 - b'A') as usize];
    initial(name.chars().next()?)
}

/// Query character `q` against name character `h`: as in search, or `q` is a bare initial
/// consonant and `h` a capital letter whose Korean name starts with it.
fn name_char_matches(q: char, h: char) -> bool {
    char_matches(q, h) || (jamo_slot(q).is_some() && letter_initial(h) == Some(q))
}

/// Whether `query` picks the item with these `names`: every word of the query matches one of
/// them (see the module documentation). `name_matches("ㅋㅋㅇㅌ", &["kakao_t", "카카오 T"])`.
pub fn name_matches(query: &str, names: &[&str]) -> bool {
    let query = Query::parse(query);
    let mut cells = Cells::default();
    query.terms().iter().all(|term| {
        names
            .iter()
            .any(|name| word_matches(term, name, &mut cells))
    })
}

fn word_matches(term: &Term, name: &str, cells: &mut Cells) -> bool {
    let name: Vec<char> = name.chars().collect();
    let q = term.chars();
    if term.is_floored() && q.len() > 1 {
        return floor::best_by(q, &name, true, SLACK, name_char_matches, cells, None).is_some();
    }
    let mut want = q.iter().peekable();
    for &h in &name {
        if want.peek().is_some_and(|&&c| name_char_matches(c, h)) {
            want.next();
        }
    }
    want.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    /// The service codes `query` picks, in taxonomy order.
    fn services(query: &str) -> Vec<&'static str> {
        Dimension::Service
            .codes()
            .iter()
            .filter(|info| name_matches(query, &[info.code, info.korean]))
            .map(|info| info.code)
            .collect()
    }

    #[test]
    fn capital_letters_answer_to_the_initial_of_their_korean_name() {
        let readings: String = ('A'..='Z').filter_map(letter_initial).collect();
        assert_eq!(
            readings,
            "ㅇㅂㅆㄷㅇㅇㅈㅇㅇㅈㅋㅇㅇㅇㅇㅍㅋㅇㅇㅌㅇㅂㄷㅇㅇㅈ"
        );
        assert_eq!(
            letter_initial('t'),
            None,
            "lower case is not read as a letter"
        );
        assert_eq!(letter_initial('카'), None);
    }

    #[test]
    fn initials_pick_services_as_search_finds_cases() {
        assert_eq!(
            services("ㅋㅋㅇㅌ"),
            ["kakaotalk", "talk_channel", "kakao_t"]
        );
        assert_eq!(services("ㅋㅋㅇT"), ["kakao_t"]);
        assert_eq!(services("ㅋㅋㅇㅁ"), ["kakaomap"]);
        assert_eq!(
            services("ㅁㄹ"),
            ["emoticon", "melon"],
            "이모티콘 플러스, 멜론"
        );
        assert_eq!(services("ㅇㅁㅌㅋ"), ["emoticon"]);
    }

    #[test]
    fn codes_and_korean_names_with_blanks_and_case_ignored() {
        assert_eq!(services("카카오T"), ["kakao_t"]);
        assert_eq!(
            services("카카오 t"),
            ["kakaotalk", "talk_channel", "kakao_t"]
        );
        assert_eq!(services("KAKAO_T"), ["kakao_t"]);
        assert_eq!(services("kakaot"), ["kakaotalk", "kakao_t"]);
        assert!(name_matches("kakaot", &["kakao_t"]), "a character left out");
        assert_eq!(services("맵"), ["kakaomap"]);
        assert_eq!(services("pay"), ["kakaopay"]);
        assert_eq!(
            services("kl"),
            Vec::<&str>::new(),
            "k…l spread out: the floor"
        );
        assert_eq!(
            services("kakao 페이"),
            ["kakaopay", "kakao_page"],
            "words in any name"
        );
        assert_eq!(services("").len(), 13, "an empty query picks everything");
        assert_eq!(services("  ").len(), 13);
    }

    #[test]
    fn one_label_or_several_names() {
        let label = "kind = paid  유료서비스 피해";
        assert!(name_matches("kind opin", &["kind = opinion  의견"]));
        assert!(name_matches("kind=paid", &[label]), "the blanks left out");
        assert!(name_matches("ㅇㄹ ㅍㅎ", &[label]));
        assert!(!name_matches("kind free", &[label]));
        let view = ["large claims (over 500,000 won)", "amount>500000"];
        assert!(name_matches("over 500000", &view));
        assert!(name_matches("500000", &view[..1]), "a separator left out");
        assert!(!name_matches("unrev", &view));
    }
}
