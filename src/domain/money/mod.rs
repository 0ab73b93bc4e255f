//! Korean money as people write it in a claim: `80만 원`, `12만 5천원`, `삼십만 원`, `1.5만원`,
//! `천오백만원`, `약 30만 원`, `50만~60만원`, as well as `50,000`.
//!
//! One reader of one money expression at a byte offset ([`read_at`]); the typed amount of the
//! workbench prompt and of `label amount=` is "the whole input is one expression, or a range,
//! with qualifiers" ([`parse_amount`]); a scanner of claim texts tries the reader wherever a
//! number may start and keeps what is money ([`money_spans`]). Files and the filter language
//! keep the strict digits ([`parse_digits`]).
//!
//! What is read (from the product notes, "How claimants write money"):
//! - Units 십 10, 백 100, 천 1,000, 만 10,000, 억 100,000,000, large to small:
//!   `3억 5천만 원` = 350,000,000; a bare unit is one of it (`백만원`, `만원`).
//! - Digits and the Sino-Korean numerals 일 … 구 mix (`3십만원` = `삼십만 원`); a Hangul numeral
//!   counts only right before a unit (`이상` is not 2). The native numerals 한 두 세 네 … are not
//!   money: `한 30만 원` is "about 300,000", and 두 달, 세 건 count other things.
//! - A decimal needs a unit and must come out whole: `2.5만원` = 25,000; `12.5` is refused.
//! - `원` and spaces are optional; `₩` may lead. `여` (`30여만 원`) and the qualifiers 약,
//!   대략, 총, 한 before and 정도, 가량, 쯤, 넘게, 이상, 남짓, 내외 after do not change the number.
//! - A range claims its upper bound, typed or in a text (one mention of the upper bound).
//! - Refusals say what the text looks like: a date (`15일`), a time (`오후 3시`), a duration
//!   (`48시간`), a phone number (`010-1234-5678`), a count (`12팀`).

mod error;
mod looks_like;
mod number;
mod qualifiers;
mod range;
mod reader;
mod spans;
mod typed;

#[cfg(test)]
mod tests;

pub use error::AmountError;
pub use looks_like::{counted_by, looks_like, Looks};
pub use reader::{read_at, Inexact, Reading};
pub use spans::{money_spans, MoneySpan};
pub use typed::{parse_amount, parse_digits};
