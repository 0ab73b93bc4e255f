//! Money mentioned inside a claim's text: every place where one expression reads as money
//! (`매출 30만 원 정도` → 300,000 at `30만 원`). The first, simple version of the scanner:
//! it tries [`read_at`] at the start of each word and keeps readings that say won.

use super::looks_like::counted_by;
use super::number::{char_at, is_syllable};
use super::reader::read_at;

/// One mention of money: its byte span in the text and its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneySpan {
    pub start: usize,
    pub end: usize,
    pub won: i64,
}

/// The money mentions in `text`, in order. A reading counts when it says won (`5,000원`,
/// `₩5,000`, `만원`) or has a written number with 만 or 억 (`30만 손해`) that is not counting
/// something (`3만 명`). Bare digits (`50000`) and small units alone (`3천`) are not taken:
/// in prose they are as often counts as money. Ranges and which mention is the claimed loss
/// are left to the caller.
pub fn money_spans(text: &str) -> Vec<MoneySpan> {
    let mut spans = Vec::new();
    let mut pos = 0;
    while let Some(ch) = char_at(text, pos) {
        let found = starts_a_word(text, pos, ch)
            .then(|| read_at(text, pos))
            .flatten()
            .filter(|r| {
                r.won_sign || (r.numeral && r.big_unit && counted_by(&text[r.end..]).is_none())
            })
            .and_then(|r| Some((r.end, r.won().ok()?)));
        match found {
            Some((end, won)) => {
                spans.push(MoneySpan {
                    start: pos,
                    end,
                    won,
                });
                pos = end;
            }
            None => pos += ch.len_utf8(),
        }
    }
    spans
}

/// Whether an expression may start at `pos`: digits not inside a longer number, Hangul
/// numerals and units not inside a word (`배달만` is no 만).
fn starts_a_word(text: &str, pos: usize, ch: char) -> bool {
    let Some(before) = text[..pos].chars().next_back() else {
        return true;
    };
    if ch.is_ascii_digit() {
        !(before.is_ascii_alphanumeric() || matches!(before, ',' | '.'))
    } else {
        !(is_syllable(before) || before.is_ascii_alphanumeric())
    }
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
                won: 1_500_000
            }]
        );
    }
}
