//! Writing styles and the sentence endings each one uses.
//!
//! Phrase templates end their clauses with a grammatical slot instead of a fixed ending, so
//! one template reads as 합니다체, 해요체, angry, terse or casual Korean:
//!
//! | slot | attaches to | formal | polite | terse |
//! |---|---|---|---|---|
//! | `{E}` | a past or 있/없 stem (`받았`) | 받았습니다 | 받았어요 | 받았음 |
//! | `{Q}` | the same stems, as a question | 있습니까? | 있나요? | 있음? |
//! | `{H}` | a 하다 noun (`요구`) | 요구합니다 | 요구해요 | 요구함 |
//! | `{R}` | a 하다 noun, as a request (`보상`) | 보상해 주시기 바랍니다 | 보상해 주세요 | 보상 바람 |
//! | `{다}` | a noun, as copula (`원`) | 원입니다 | 원이에요 | 원임 |

use super::super::labels::{Kind, Reporter};
use crate::rng::Rng;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Style {
    /// 합니다체: careful, complete.
    #[default]
    Formal,
    /// 해요체, with the odd ㅠㅠ.
    Polite,
    /// Exclamations, rhetorical questions, ㅡㅡ.
    Angry,
    /// As short as possible: 음-endings, no greeting.
    Terse,
    /// 반말 and internet shorthand.
    Casual,
}

impl Style {
    /// A style that fits who is writing and why.
    pub fn draw(rng: &mut Rng, kind: Kind, reporter: Reporter) -> Style {
        use Style::*;
        let table: &[(Style, u32)] = match (kind, reporter) {
            (_, Reporter::Enterprise) => &[(Formal, 88), (Polite, 10), (Angry, 2)],
            (Kind::Protest, _) => &[
                (Angry, 55),
                (Formal, 14),
                (Polite, 10),
                (Terse, 12),
                (Casual, 9),
            ],
            (Kind::Encouragement, _) => &[(Polite, 45), (Formal, 24), (Casual, 26), (Terse, 5)],
            (Kind::Inquiry, _) => &[
                (Formal, 34),
                (Polite, 40),
                (Terse, 15),
                (Casual, 6),
                (Angry, 5),
            ],
            (Kind::Opinion, _) => &[
                (Formal, 40),
                (Polite, 28),
                (Casual, 11),
                (Terse, 10),
                (Angry, 11),
            ],
            (Kind::FreeMonetary, Reporter::SmallBusiness) => &[
                (Formal, 38),
                (Polite, 30),
                (Angry, 17),
                (Terse, 10),
                (Casual, 5),
            ],
            (Kind::FreeMonetary, _) => &[
                (Formal, 25),
                (Polite, 35),
                (Angry, 17),
                (Terse, 12),
                (Casual, 11),
            ],
            (Kind::Paid, _) => &[
                (Polite, 35),
                (Formal, 25),
                (Terse, 18),
                (Angry, 12),
                (Casual, 10),
            ],
        };
        rng.weighted(table)
    }

    /// Endings for `{E}`.
    pub fn past(self) -> &'static [&'static str] {
        match self {
            Style::Formal => &["습니다"],
            Style::Polite => &["어요", "어요", "어요", "어요", "네요", "거든요"],
            Style::Angry => &["다고요", "습니다", "어요", "다니까요", "습니다"],
            Style::Terse => &["음", "음", "다"],
            Style::Casual => &["어", "음", "다", "네"],
        }
    }

    /// Endings for `{Q}` (they carry their own question mark).
    pub fn question(self) -> &'static [&'static str] {
        match self {
            Style::Formal => &["습니까?", "나요?"],
            Style::Polite => &["나요?", "나요?", "는지요?", "어요?", "나요?ㅠㅠ"],
            Style::Angry => &["냐고요?", "습니까?", "나요??", "습니까?!"],
            Style::Terse => &["나요?", "음?", "나?"],
            Style::Casual => &["어?", "나?", "냐?", "음?", "나요?"],
        }
    }

    /// Endings for `{H}`.
    pub fn ha(self) -> &'static [&'static str] {
        match self {
            Style::Formal => &["합니다"],
            Style::Polite => &["해요", "해요", "합니다"],
            Style::Angry => &["합니다", "한다고요", "해요", "합니다"],
            Style::Terse => &["함", "함", "한다"],
            Style::Casual => &["해", "함", "한다"],
        }
    }

    /// Endings for `{R}`.
    pub fn request(self) -> &'static [&'static str] {
        match self {
            Style::Formal => &[
                "해 주시기 바랍니다",
                "해 주십시오",
                "해 주시길 부탁드립니다",
                "해 주실 것을 요청드립니다",
            ],
            Style::Polite => &[
                "해 주세요",
                "해 주세요",
                "해 주셨으면 해요",
                " 부탁드려요",
                "해 주시면 감사하겠어요",
            ],
            Style::Angry => &["하라고요", "해 주세요", "하세요", "하십시오", "하라니까요"],
            Style::Terse => &[" 바람", " 요망", "해 주셈", " 부탁", "해 주세요"],
            Style::Casual => &["해 줘", "해 주라", "해 주셈", " 좀 해 줘", "해 주면 좋겠음"],
        }
    }

    /// Endings for `{다}`: (after a final consonant, after a vowel).
    pub fn copula(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Style::Formal => &[("입니다", "입니다")],
            Style::Polite => &[("이에요", "예요"), ("이에요", "예요"), ("입니다", "입니다")],
            Style::Angry => &[
                ("입니다", "입니다"),
                ("이라고요", "라고요"),
                ("이에요", "예요"),
            ],
            Style::Terse => &[("임", "임"), ("", "")],
            Style::Casual => &[("이야", "야"), ("임", "임")],
        }
    }

    /// What ends a sentence that does not end in its own punctuation.
    pub fn terminators(self) -> &'static [&'static str] {
        match self {
            Style::Formal => &["."],
            Style::Polite => &[".", ".", ".", "ㅠㅠ", "~", "!"],
            Style::Angry => &["!", "!!", ".", " ㅡㅡ", "!!!", "."],
            Style::Terse => &[".", "", ".."],
            Style::Casual => &[".", " ㅋㅋ", "ㅠ", "", ";;", "."],
        }
    }
}
