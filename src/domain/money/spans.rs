//! Money mentioned inside a claim's text: every place where one expression reads as money
//! (`매출 30만 원 정도` → 300,000 at `30만 원`). The scanner tries [`read_at`] wherever a
//! number may start and keeps the readings that are money, not dates, times or counts.
//!
//! A reading is money when it says won (`5,000원`, `₩5,000`, `만원`, `50,000 won`,
//! `KRW 50,000`), or has a written number with 만 or 억 (`30만 손해`) that is not counting
//! something (`3만 명`, `팔로워 2만`). Bare digits (`50000`, `15일`, `오후 3시`,
//! `010-1234-5678`) and small units alone (`3천`) are not taken: in prose they are as often
//! counts as money. A range (`50만~60만원`, `50~60만원`) is one mention of its upper bound.
//!
//! A number usually starts a word; inside one (a space was left out: `피해액은삼십만 원`) only
//! a Hangul number with 원 is read, and not after 수 or 몇 (`수백만 원`, `몇십만원` are no
//! amount), nor a bare `만원` (`불만원인` is 불만 원인).

use super::looks_like::counted_by;
use super::number::{hangul_digit, is_syllable, unit};
use super::range::{range_after, Range};
use super::reader::{read_at, Reading};

/// One mention of money: its byte span in the text and its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneySpan {
    pub start: usize,
    pub end: usize,
    pub won: i64,
    /// A range (`50만~60만원`): `won` is its upper bound, the span covers both bounds.
    pub range: bool,
}

/// The money mentions in `text`, in order; which one is the claimed loss is the caller's.
pub fn money_spans(text: &str) -> Vec<MoneySpan> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut pos = 0;
    while let Some(&lead) = bytes.get(pos) {
        // Character by character, looking at bytes: most characters cannot begin money.
        let skip = SKIP[usize::from(lead)];
        if skip > 0 {
            pos += usize::from(skip);
            continue;
        }
        if !may_begin_bytes(&bytes[pos..]) {
            // Not a digit (those all may begin), so one of the three-byte leads.
            pos += 3;
            continue;
        }
        // Digits: the whole run is skipped when what follows it cannot make money (`15일`,
        // `3시간`, `20%`); no number starts inside a run.
        let run_end = if lead.is_ascii_digit() {
            let run = bytes[pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
                .count();
            if !digits_may_be_money(text, pos, pos + run) {
                pos += run;
                continue;
            }
            Some(pos + run)
        } else {
            None
        };
        let Some(ch) = text.get(pos..).and_then(|rest| rest.chars().next()) else {
            pos += 1;
            continue;
        };
        if may_begin(ch) {
            let before = text[..pos].chars().next_back();
            if let Some(span) = span_at(text, pos, ch, before) {
                pos = span.end;
                spans.push(span);
                continue;
            }
        }
        pos = run_end.unwrap_or(pos + ch.len_utf8());
    }
    spans
}

/// Whether digits from `start` to `end` may be money, by what follows them: a unit, 원, 여,
/// a range's dash or `won`; or `KRW` before them.
fn digits_may_be_money(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start().chars().next();
    after.is_some_and(|c| {
        unit(c).is_some() || matches!(c, '원' | '여' | '~' | '～' | '〜' | '-' | 'w' | 'W')
    }) || {
        let before = text[..start].trim_end();
        let tail = before.get(before.len().saturating_sub(3)..);
        tail.is_some_and(|t| t.eq_ignore_ascii_case("krw"))
    }
}

/// Whether a money expression can begin with `ch`: a digit, ₩, a Hangul numeral or unit.
fn may_begin(ch: char) -> bool {
    ch.is_ascii_digit()
        || matches!(ch, '₩' | '￦')
        || hangul_digit(ch).is_some()
        || unit(ch).is_some()
}

/// How many bytes to skip at a character whose UTF-8 starts with the byte: its width, when no
/// money can begin with it; 0 for an ASCII digit and the first bytes of 일 이 삼 사 오 육 칠 팔
/// 구 십 백 천 만 억 ₩ ￦ (`0xE2`, `0xEA` … `0xED`, `0xEF`), which [`may_begin_bytes`] looks at
/// closer. Continuation bytes are met only in text that is not UTF-8 at a boundary (never:
/// the scanner steps over whole characters), and are skipped one by one.
const SKIP: [u8; 256] = {
    let mut table = [1u8; 256];
    let mut b = 0xC0;
    while b < 0x100 {
        table[b] = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] = 0;
        d += 1;
    }
    table[0xE2] = 0;
    table[0xEA] = 0;
    table[0xEB] = 0;
    table[0xEC] = 0;
    table[0xED] = 0;
    table[0xEF] = 0;
    table
};

/// A closer look at the first two bytes of a character that [`SKIP`] did not step over: an
/// ASCII digit, or the first two bytes of one of the characters [`may_begin`] accepts (so that
/// the scanner decodes only those).
fn may_begin_bytes(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii_digit() => true,
        [first @ 0xE0..=0xEF, second, ..] => {
            SECOND_BYTES[usize::from(first & 0x0F)] >> (second & 0x3F) & 1 == 1
        }
        _ => false,
    }
}

/// For each three-byte lead `0xE0 + i`, the second bytes (as bits `byte & 0x3F`) that begin
/// one of 일 이 삼 사 오 육 칠 팔 구 십 백 천 만 억 ₩ ￦.
const SECOND_BYTES: [u64; 16] = {
    let chars = [
        '일', '이', '삼', '사', '오', '육', '칠', '팔', '구', '십', '백', '천', '만', '억', '₩',
        '￦',
    ];
    let mut table = [0u64; 16];
    let mut i = 0;
    while i < chars.len() {
        // Three bytes `1110xxxx 10yyyyyy 10zzzzzz` for code points U+0800 … U+FFFF.
        let code = chars[i] as u32;
        table[(code >> 12 & 0x0F) as usize] |= 1 << (code >> 6 & 0x3F);
        i += 1;
    }
    table
};

/// Where a number starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// At the start of a word, or digits right after Hangul (`손해30만원`).
    Word,
    /// A Hangul number inside a word (`피해액은삼십만 원`).
    InsideWord,
}

fn span_at(text: &str, pos: usize, ch: char, before: Option<char>) -> Option<MoneySpan> {
    // A Hangul numeral counts only before its unit (the reader's rule, checked here first:
    // 이, 오, 사 are far more often particles and syllables of words).
    if hangul_digit(ch).is_some() {
        let next = text[pos + ch.len_utf8()..].chars().next();
        if next.is_none_or(|c| unit(c).is_none()) {
            return None;
        }
    }
    let start = start_at(ch, before)?;
    let first = read_at(text, pos)?;
    if start == Start::Word {
        if let Some(Range::Upper(upper)) = range_after(text, &first) {
            if let (Some(end), Ok(won)) = (money_end(text, &upper, Start::Word), upper.won()) {
                return Some(MoneySpan {
                    start: pos,
                    end,
                    won,
                    range: true,
                });
            }
        }
    }
    let end = money_end(text, &first, start)?;
    Some(MoneySpan {
        start: pos,
        end,
        won: first.won().ok()?,
        range: false,
    })
}

/// Whether a number may start at `pos`, and how: digits not inside a longer number or an
/// ASCII word (`S22`), Hangul numerals and units at the start of a word, or inside one after
/// a syllable that is no number itself.
fn start_at(ch: char, before: Option<char>) -> Option<Start> {
    let Some(before) = before else {
        return Some(Start::Word);
    };
    if ch.is_ascii_digit() {
        return (!(before.is_ascii_alphanumeric() || matches!(before, ',' | '.')))
            .then_some(Start::Word);
    }
    if before.is_ascii_alphanumeric() {
        return None;
    }
    if !is_syllable(before) {
        return Some(Start::Word);
    }
    let numberish = |c: char| hangul_digit(c).is_some() || unit(c).is_some();
    (numberish(ch) && !numberish(before) && !VAGUE.contains(&before)).then_some(Start::InsideWord)
}

/// Syllables that make a number vague: 수백만 원 (several million), 몇십만 원 (some hundred
/// thousand).
const VAGUE: [char; 2] = ['수', '몇'];

/// The end of the mention when `r` is money, `None` when it is not.
fn money_end(text: &str, r: &Reading, start: Start) -> Option<usize> {
    let written = &text[r.start..r.end];
    let digits = written.bytes().any(|b| b.is_ascii_digit());
    let letters = written.chars().filter(|c| !c.is_whitespace()).count();
    if start == Start::InsideWord {
        // 오만 원 or 백만원; not 만원 alone, nor the particle 만 before a number (돈만 8,600원
        // is 8,600 won, not 18,600): the number must be one run of Hangul.
        let number = written.trim_end_matches('원').trim_end();
        let glued = !number.contains(char::is_whitespace);
        return (r.won_sign && !digits && glued && (r.numeral || letters >= 3)).then_some(r.end);
    }
    if r.won_sign {
        return Some(r.end);
    }
    // 30만 손해, 삼십만 손해; not 이만 (이만 줄이겠습니다) or 일만 (일만 했어요).
    let numbered = r.numeral && (digits || letters >= 3);
    if r.big_unit && numbered {
        let rest = &text[r.end..];
        let counted = counted_by(rest).is_some()
            || rest
                .trim_start()
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '%')
            || counted_before(&text[..r.start]);
        return (!counted).then_some(r.end);
    }
    if digits && !r.unit {
        return english_won(text, r);
    }
    None
}

/// Nouns that a number after them counts: `팔로워 2만`, `회원 3만`.
const COUNTED_NOUNS: [&str; 12] = [
    "팔로워",
    "구독자",
    "조회수",
    "회원",
    "이용자",
    "사용자",
    "가입자",
    "국민",
    "인구",
    "방문자",
    "유저",
    "고객",
];

fn counted_before(before: &str) -> bool {
    let before = before.trim_end();
    COUNTED_NOUNS.iter().any(|n| before.ends_with(n))
}

/// Digits in an English sentence: `50,000 won`, `KRW 50,000`. The end of the mention.
fn english_won(text: &str, r: &Reading) -> Option<usize> {
    let before = text[..r.start].trim_end();
    let tail = before.get(before.len().saturating_sub(3)..);
    if tail.is_some_and(|t| t.eq_ignore_ascii_case("krw")) {
        return Some(r.end);
    }
    let rest = &text[r.end..];
    let gap = rest.len() - rest.trim_start().len();
    let word = rest.get(gap..gap + 3)?;
    let after = rest[gap + 3..].chars().next();
    (word.eq_ignore_ascii_case("won") && !after.is_some_and(|c| c.is_alphanumeric()))
        .then_some(r.end + gap + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, i64)> {
        money_spans(text)
            .iter()
            .map(|s| (&text[s.start..s.end], s.won))
            .collect()
    }

    #[test]
    fn finds_money_in_claim_texts() {
        assert_eq!(
            found("15일 토요일 오후 내내 예약 문의를 못 받았습니다. 손님 여섯 분이 그냥 돌아가셨고 매출 손실이 30만 원 정도 됩니다."),
            [("30만 원", 300_000)]
        );
        assert_eq!(
            found("하루 종일 거래를 못 했어요. 손해가 50,000원입니다."),
            [("50,000원", 50_000)]
        );
        assert_eq!(
            found("콜을 못 받았습니다. 약 12만 원 손실."),
            [("12만 원", 120_000)]
        );
        assert_eq!(
            found("한 판 2만원짜리 피자 스무 판, 매출 40만 원 손해"),
            [("2만원", 20_000), ("40만 원", 400_000)]
        );
        assert_eq!(found("예약이 3건 끊겼고 이틀 동안 배달만 했어요"), []);
        assert_eq!(found("회원 3만 명이 쓰는 서비스, 010-1234-5678"), []);
        assert_eq!(found("삼백만원"), [("삼백만원", 3_000_000)]);
    }

    #[test]
    fn spans_are_byte_offsets_into_the_text() {
        let text = "손해 ₩1,500,000 입니다";
        let spans = money_spans(text);
        assert_eq!(
            spans,
            [MoneySpan {
                start: "손해 ".len(),
                end: "손해 ₩1,500,000".len(),
                won: 1_500_000,
                range: false,
            }]
        );
    }

    #[test]
    fn a_range_is_one_mention_of_its_upper_bound() {
        let text = "손해가 50만~60만원 정도, 하루 매출 5~6만원";
        let spans = money_spans(text);
        let shown: Vec<_> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.won, s.range))
            .collect();
        assert_eq!(
            shown,
            [("50만~60만원", 600_000, true), ("5~6만원", 60_000, true)]
        );
        assert_eq!(found("약 50만원 ~ 60만원"), [("50만원 ~ 60만원", 600_000)]);
        assert_eq!(found("10-20만원 손해"), [("10-20만원", 200_000)]);
        // Not ranges: a range going down is two mentions; days, hours and phones are none.
        assert_eq!(
            found("60만원~50만원"),
            [("60만원", 600_000), ("50만원", 500_000)]
        );
        assert_eq!(found("15~16일, 3~4시간, 1588-1234, 20~30%"), []);
    }

    #[test]
    fn qualifiers_and_words_without_won() {
        assert_eq!(found("십만원 넘게 손해"), [("십만원", 100_000)]);
        assert_eq!(found("대략삼십만원"), [("삼십만원", 300_000)]);
        assert_eq!(
            found("30만 손해, 1억 5천만 피해"),
            [("30만", 300_000), ("1억 5천만", 150_000_000)]
        );
        assert_eq!(found("삼십만 손해"), [("삼십만", 300_000)]);
        // 이만 and 일만 are words here ("so much for now", "only work").
        assert_eq!(found("이만 줄이겠습니다. 일만 했어요"), []);
        assert_eq!(found("팔로워 2만, 3만 개, 10만 km, 5천만 국민"), []);
        assert_eq!(found("30만 대출 이자"), [("30만", 300_000)]);
    }

    #[test]
    fn a_space_left_out() {
        assert_eq!(
            found("피해액은삼십오만 원입니다"),
            [("삼십오만 원", 350_000)]
        );
        assert_eq!(found("손해는백만원"), [("백만원", 1_000_000)]);
        assert_eq!(found("수백만 원, 몇십만원, 수만원, 불만원인"), []);
        // The particle 만 ("only") before an amount is no unit.
        assert_eq!(found("날린 돈만 8,600원"), [("8,600원", 8_600)]);
        assert_eq!(found("못 번 수입만 삼천육백 원"), [("삼천육백 원", 3_600)]);
    }

    #[test]
    fn the_quick_byte_look_lets_every_beginning_through() {
        let chars = ('가'..='힣').chain(['₩', '￦']).chain('0'..='9');
        for ch in chars.filter(|&c| may_begin(c)) {
            let mut buf = [0; 4];
            let bytes = ch.encode_utf8(&mut buf).as_bytes();
            assert_eq!(SKIP[usize::from(bytes[0])], 0, "{ch}");
            assert!(may_begin_bytes(bytes), "{ch}");
        }
    }

    #[test]
    fn skipped_characters_and_digit_runs_hide_no_mention() {
        // Two- and four-byte characters, fullwidth ₩, digits that are no money right before
        // money, and spaces between digits and a dash or unit.
        assert_eq!(
            found("😀30만원 é5만원 ￦7,000 환불"),
            [("30만원", 300_000), ("5만원", 50_000), ("￦7,000", 7_000)]
        );
        assert_eq!(
            found("2022.10.15 15:30 오후 3시 30만원"),
            [("30만원", 300_000)]
        );
        assert_eq!(
            found("5 ~ 6만원, 80 만원, KRW 50,000, 30여만 원"),
            [
                ("5 ~ 6만원", 60_000),
                ("80 만원", 800_000),
                ("50,000", 50_000),
                ("30여만 원", 300_000)
            ]
        );
        // A Hangul numeral is read only before its unit; after one that is not, the scan goes on.
        assert_eq!(found("이 오만원"), [("오만원", 50_000)]);
    }

    #[test]
    fn english_won() {
        assert_eq!(found("I lost about 50,000 won."), [("50,000 won", 50_000)]);
        assert_eq!(
            found("The total damage is KRW 1,200,000."),
            [("1,200,000", 1_200_000)]
        );
        assert_eq!(found("I won 3 times, 50000 wonders"), []);
    }
}
