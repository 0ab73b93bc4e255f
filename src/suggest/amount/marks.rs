//! What the words around a money mention say about it: that it is a loss (`매출 40만 원
//! 손해`), a total (`총 10만 원`), a price (`2만원짜리`, `월 3,900원`) or an offer (`3만원
//! 주는 걸로`). The words are looked for in the mention's clause: up to [`BEFORE`] characters
//! before it and [`AFTER`] after, stopping at the end of a sentence, a comma and the next
//! mention, so that each word belongs to the mention nearest to it.

use std::ops::Range;

use crate::domain::money::MoneySpan;

/// Characters looked at before a mention for loss and total words.
pub(super) const BEFORE: usize = 14;
/// Characters looked at after a mention for loss words.
pub(super) const AFTER: usize = 10;
/// Characters right before a mention that may say it is a price (`개당 `, `구독료가 한 달에 `).
const PRICE_BEFORE: usize = 8;

/// Where a clause ends.
const BOUNDARIES: [char; 9] = ['.', '!', '?', '\n', '\r', ',', ';', '。', '…'];

/// A money mention and the words around it that mark it (byte ranges in the text).
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub span: MoneySpan,
    /// The loss words nearest to it, before and after it (`매출 40만 원 손해`).
    pub loss: Vec<Range<usize>>,
    pub total: Option<Range<usize>>,
    pub price: Option<(Price, Range<usize>)>,
    pub offered: Option<Range<usize>>,
}

impl Mention {
    /// The text from the start of the mention (or of `marker`, when it comes first) to its end
    /// (or `marker`'s), whitespace squeezed to single spaces: `매출 40만 원 손해`.
    pub fn excerpt(&self, text: &str, markers: &[&Range<usize>]) -> String {
        let start = markers
            .iter()
            .map(|m| m.start)
            .fold(self.span.start, usize::min);
        let end = markers
            .iter()
            .map(|m| m.end)
            .fold(self.span.end, usize::max);
        text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Price {
    Item,
    Subscription,
}

/// A word to look for. `word_start` ones only where a word begins (`총` but not inside
/// `대총`), `next_to` ones only right before the mention, with nothing or 에 between
/// (`월 3,900원`, `한 달에 3,900원`, not `월 매출 300만원`). A trailing space also matches the
/// end of the window: `총 ` finds `총30만원`.
struct Marker {
    word: &'static str,
    word_start: bool,
    next_to: bool,
}

const fn any(word: &'static str) -> Marker {
    Marker {
        word,
        word_start: false,
        next_to: false,
    }
}

const fn word(word: &'static str) -> Marker {
    Marker {
        word,
        word_start: true,
        next_to: false,
    }
}

const fn next_to(word: &'static str) -> Marker {
    Marker {
        word,
        word_start: true,
        next_to: true,
    }
}

/// Words that say the money was lost, or is asked back.
const LOSS: &[Marker] = &[
    any("손해"),
    any("손실"),
    any("피해"),
    any("매출"),
    any("못 받"),
    any("못받"),
    any("못 팔"),
    any("날렸"),
    any("날린"),
    any("날아"),
    any("날림"),
    any("잃"),
    any("손절"),
    any("환불"),
    any("배상"),
    any("보상"),
    any("청구"),
    any("물어"),
    any("위약금"),
    any("연체료"),
    any("연체 이자"),
    any("수수료"),
    any("비용"),
    any("더 냈"),
    any("더 들"),
    any("이중 결제"),
    any("차액"),
];

/// Words before a total.
const TOTAL: &[Marker] = &[
    word("총 "),
    word("총액"),
    word("총합"),
    word("총피해"),
    word("총손해"),
    any("합계"),
    any("합쳐"),
    any("합치면"),
    any("합하면"),
    any("합해서"),
    any("통틀어"),
    any("도합"),
    word("모두 "),
    word("전부 "),
    word("전체 "),
    any("다 해서"),
];

/// Words right before a price per item.
const ITEM_BEFORE: &[Marker] = &[
    any("개당"),
    any("1인당"),
    any("인당"),
    any("건당"),
    any("장당"),
    any("판당"),
    any("회당"),
    any("잔당"),
    any("시간당"),
    word("1인 "),
    word("1개 "),
    word("한 판"),
    word("한판"),
    word("한 개"),
    word("한개"),
    word("한 잔"),
    word("한잔"),
    word("한 장"),
    word("한 그릇"),
    word("한 마리"),
    word("한 명"),
    any("단가"),
    any("가격"),
    any("정가"),
    any("판매가"),
    any("요금"),
    any("원가"),
    any("메뉴"),
];

/// Words right after a price per item.
const ITEM_AFTER: [&str; 5] = ["짜리", "씩", "에 파", "에 팔", "에 판매"];

/// Words right before the price of a subscription.
const SUBSCRIPTION_BEFORE: &[Marker] = &[
    next_to("월"),
    next_to("매달"),
    next_to("매월"),
    next_to("한 달"),
    next_to("한달"),
    any("구독"),
    any("이용료"),
    any("월정액"),
    any("정기결제"),
    any("정기 결제"),
    any("요금제"),
    any("이용권"),
    any("멤버십"),
];

/// Words right after the price of a subscription.
const SUBSCRIPTION_AFTER: &[Marker] = &[any("구독"), any("정기결제"), any("월정액"), any("이용권")];

/// After a mention (and a particle): someone else pays it.
const OFFER_AFTER: [&str; 9] = [
    "준다",
    "준대",
    "주는 ",
    "주겠",
    "줬",
    "지급한",
    "지급했",
    "지급된",
    "지원금",
];

/// Particles between an amount and the verb after it.
const PARTICLES: [&str; 10] = ["씩", "을", "를", "이", "가", "은", "는", "도", "만", "까지"];

/// Each mention of `spans` with the words that mark it.
pub(super) fn mark(text: &str, spans: &[MoneySpan]) -> Vec<Mention> {
    spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let floor = if i == 0 { 0 } else { spans[i - 1].end };
            let ceiling = spans.get(i + 1).map_or(text.len(), |s| s.start);
            let before = window_before(text, span.start, floor, BEFORE);
            let after = window_after(text, span.end, ceiling, AFTER);
            let price_from = window_before(text, span.start, before, PRICE_BEFORE);
            let loss = find(text, before..span.start, LOSS, true)
                .into_iter()
                .chain(find(text, span.end..after, LOSS, false))
                .collect();
            Mention {
                span: *span,
                loss,
                total: find(text, before..span.start, TOTAL, true),
                price: price(text, span, price_from, after),
                offered: offer(text, span, before),
            }
        })
        .collect()
}

fn price(text: &str, span: &MoneySpan, from: usize, after: usize) -> Option<(Price, Range<usize>)> {
    let subscription = find(text, from..span.start, SUBSCRIPTION_BEFORE, true)
        .or_else(|| find(text, span.end..after, SUBSCRIPTION_AFTER, false));
    if let Some(at) = subscription {
        return Some((Price::Subscription, at));
    }
    let rest = &text[span.end..];
    let gap = rest.len() - rest.trim_start().len();
    let next = &rest[gap..];
    let glued = ITEM_AFTER
        .iter()
        .find(|w| next.starts_with(**w) && !next.starts_with("씩이나"))
        .map(|w| span.end + gap..span.end + gap + w.len());
    glued
        .or_else(|| find(text, from..span.start, ITEM_BEFORE, true))
        .map(|at| (Price::Item, at))
}

fn offer(text: &str, span: &MoneySpan, before: usize) -> Option<Range<usize>> {
    if let Some(at) = find(text, before..span.start, &[next_to("지원금")], true) {
        return Some(at);
    }
    let mut at = span.end + (text[span.end..].len() - text[span.end..].trim_start().len());
    if let Some(p) = PARTICLES.iter().find(|p| text[at..].starts_with(**p)) {
        at += p.len();
    }
    let rest = text[at..].trim_start();
    let from = text.len() - rest.len();
    OFFER_AFTER
        .iter()
        .find(|w| rest.starts_with(**w))
        .map(|w| from..from + w.trim_end().len())
}

/// The byte offset where the window before `start` begins: up to `chars` characters back,
/// not before `floor` nor across a clause boundary.
fn window_before(text: &str, start: usize, floor: usize, chars: usize) -> usize {
    let mut at = start;
    for (i, c) in text[floor..start].char_indices().rev().take(chars) {
        if BOUNDARIES.contains(&c) {
            break;
        }
        at = floor + i;
    }
    at
}

/// The byte offset where the window after `end` ends.
fn window_after(text: &str, end: usize, ceiling: usize, chars: usize) -> usize {
    let mut at = end;
    for c in text[end..ceiling].chars().take(chars) {
        if BOUNDARIES.contains(&c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// The occurrence of a marker inside `window` nearest to its end (`last`: the window before
/// a mention) or to its start; of two ending (starting) at the same place, the longer
/// (`객단가` over `단가`).
fn find(text: &str, window: Range<usize>, markers: &[Marker], last: bool) -> Option<Range<usize>> {
    let bytes = &text.as_bytes()[..window.end];
    let starts_word = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let next_to_end = |at: usize| matches!(text[at..window.end].trim(), "" | "에");
    let mut found: Option<Range<usize>> = None;
    for at in window.clone().filter(|&i| text.is_char_boundary(i)) {
        let rest = &bytes[at..];
        for marker in markers {
            let word = marker.word.as_bytes();
            // Two byte compares before a slice compare: most positions match no word.
            if rest.len() < 2 || rest[..2] != word[..2] {
                continue;
            }
            let len = if rest.starts_with(word) {
                marker.word.trim_end().len()
            } else {
                match marker.word.strip_suffix(' ') {
                    Some(bare) if rest == bare.as_bytes() => bare.len(),
                    _ => continue,
                }
            };
            let hit = at..at + len;
            if marker.word_start && !starts_word(at)
                || marker.next_to && !(last && next_to_end(hit.end))
            {
                continue;
            }
            let better = match &found {
                None => true,
                Some(f) if last => (hit.end, f.start) > (f.end, hit.start),
                Some(f) => (f.start, hit.end) > (hit.start, f.end),
            };
            if better {
                found = Some(hit);
            }
        }
    }
    found
}
