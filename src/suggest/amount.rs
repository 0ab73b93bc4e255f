//! The claimed loss read from a claim's text: which of the money mentions (found by the one
//! Korean money parser, [`money_spans`]) is the amount the claimant says they lost, why, and
//! how sure we may be ([`AmountCalibration`]).
//!
//! Money is what the scanner reads as money: `80만원`, `약 30만 원`, `12만 5천원`,
//! `1,200,000원`, `삼십만 원`, `3십만원`, `1.5만원`, `2백만원`, `천오백만원`, `십만원 넘게`
//! (qualifiers do not change the number), `50만~60만원` (a range: its upper bound). Dates
//! (`15일`, `10월 15일`, `2022년`), times (`오후 3시`), durations (`48시간`, `3일`), counts
//! (`12팀`, `38건`, `3만 명`), phone, order and account numbers, percentages, ages and model
//! numbers are bare numbers or counted, and are never an amount.
//!
//! Choosing the claimed loss among the mentions, in this order:
//! 1. An offer is never the claim: a mention followed by 준다, 주는, 주겠다, 줬, 지급한다
//!    (`3만원 주는 걸로 끝낼 건가요`) or after 지원금 is what someone else pays. A text whose
//!    only mentions are offers has no amount.
//! 2. A price is not the claimed loss when another mention is: a price per item (짜리, 씩
//!    after it; 개당, 1인당, 인당, 건당, 한 판, 한 개, 단가, 객단가, 가격, 요금 … right before
//!    it) or the price of a subscription (월, 매달, 구독료, 이용료, 월정액, 이용권, 멤버십 …).
//!    When every mention is a price, the price is the claim: in a paid-service claim the
//!    subscription's price is what is asked back (`이모티콘 플러스 월 3,900원`,
//!    [`Evidence::Subscription`], preferred over a price per item), and a lone price per item
//!    (`5만원짜리 기프티콘이 만료됐어요`) is read with its own, lower, confidence
//!    ([`Evidence::ItemPrice`]).
//! 3. One amount (said once or repeated) among what is left: that amount
//!    ([`Evidence::OnlyMention`]).
//! 4. A total beats its parts: a mention right after 총, 합계, 합쳐, 합치면, 모두, 전부,
//!    통틀어 … ([`Evidence::Total`]; the largest of several totals).
//! 5. A loss word near a mention makes it the claim: 손해, 손실, 피해, 매출, 못 받, 날렸,
//!    환불, 배상, 보상, 청구, 위약금, 연체료, 비용 … within the same clause, up to 14
//!    characters before or 10 after ([`Evidence::LossWord`]; the largest of several).
//! 6. Nothing marks any mention: the largest ([`Evidence::Largest`]).
//!
//! Whatever rule chose it, a range is reported as [`Evidence::Range`]: that the claim is its
//! upper bound is a convention, calibrated apart. Parts listed without their total (`택시비
//! 2만원, 숙박비 3만원`) are not added up: the reading is one mention of the text, so that a
//! reviewer can see it.

mod calibration;
mod choose;
mod marks;

#[cfg(test)]
mod tests;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::domain::money::money_spans;

pub use calibration::{AmountCalibration, ClassFit};

/// The claimed loss read from a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountReading {
    pub won: i64,
    /// The byte range in the text of the chosen mention (`40만 원`, `50만~60만원`).
    pub span: Range<usize>,
    /// One line a reviewer reads: `the loss stated: 매출 40만 원 손해 (2만원짜리 is a price
    /// per item)`.
    pub why: String,
    pub evidence: Evidence,
}

/// How the claimed loss was chosen: the classes a confidence is calibrated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// One amount in the text (said once or repeated), not a price.
    OnlyMention,
    /// A loss word next to it (손해, 매출, 못 받, 환불 …).
    LossWord,
    /// Marked as a total (총, 합계, 합쳐 …), beating its parts.
    Total,
    /// A range: the claim is its upper bound.
    Range,
    /// Several amounts, none marked: the largest.
    Largest,
    /// Only prices are stated, and this is a subscription's.
    Subscription,
    /// Only prices per item are stated: the largest.
    ItemPrice,
}

impl Evidence {
    /// How many classes there are.
    pub const CLASSES: usize = 7;

    /// Every class, in class order.
    pub const ALL: [Evidence; Evidence::CLASSES] = [
        Evidence::OnlyMention,
        Evidence::LossWord,
        Evidence::Total,
        Evidence::Range,
        Evidence::Largest,
        Evidence::Subscription,
        Evidence::ItemPrice,
    ];

    /// The class index, `0 .. CLASSES`.
    pub fn class(&self) -> usize {
        *self as usize
    }

    /// The code of the class, as stored (`loss_word`).
    pub fn code(&self) -> &'static str {
        match self {
            Evidence::OnlyMention => "only_mention",
            Evidence::LossWord => "loss_word",
            Evidence::Total => "total",
            Evidence::Range => "range",
            Evidence::Largest => "largest",
            Evidence::Subscription => "subscription",
            Evidence::ItemPrice => "item_price",
        }
    }
}

/// The claimed loss stated in `text`, or `None` when it states no amount of money.
pub fn read_claimed_loss(text: &str) -> Option<AmountReading> {
    let spans = money_spans(text);
    if spans.is_empty() {
        return None;
    }
    let mentions = marks::mark(text, &spans);
    choose::choose(text, &mentions)
}
