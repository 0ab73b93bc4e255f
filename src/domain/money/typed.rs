//! An amount as a reviewer types it: the whole input is one money expression, or a range of
//! two, with qualifiers around it that do not change the number.

use super::error::AmountError;
use super::looks_like::{looks_like, refusal, Looks};
use super::number::digits_at;
use super::qualifiers;
use super::range::{range_after, Range};
use super::reader::{read_at, Inexact, Reading};

/// Parses an amount of won as people write it in a claim: `50000`, `50,000`, `80만 원`,
/// `12만 5천원`, `삼십만 원`, `3십만원`, `1.5만원`, `천오백만원`, `약 30만 원`,
/// `십만원 넘게`. A range claims its upper bound: `50만~60만원`, `50~60만원` and
/// `50만-60만원` are 600,000 (a `-` range needs a unit or 원 on one side, so `10-15` is not
/// read as 15). Text that is a date, a time, a duration, a phone number or a count is refused
/// saying so.
pub fn parse_amount(text: &str) -> Result<i64, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    // Before anything else: 01012345678 would read as digits.
    if looks_like(text) == Some(Looks::Phone) {
        return Err(refusal(text));
    }
    let body = qualifiers::strip_before(text);
    if let Some(rest) = body.strip_prefix(['-', '−']) {
        if claim(rest.trim_start()).is_ok_and(|r| r.is_some()) {
            return Err(AmountError::Negative(text.to_string()));
        }
    }
    let reading = match claim(body) {
        Ok(Some(reading)) => reading,
        Ok(None) => return Err(refusal(text)),
        Err(Backwards) => return Err(AmountError::Backwards(text.to_string())),
    };
    reading.won().map_err(|e| match e {
        Inexact::NotWhole => AmountError::NotWhole(text.to_string()),
        Inexact::TooLarge => AmountError::TooLarge(text.to_string()),
    })
}

/// A range whose lower bound is above its upper bound.
struct Backwards;

/// The amount `body` claims when all of it is one expression or a range, followed only by
/// qualifiers.
fn claim(body: &str) -> Result<Option<Reading>, Backwards> {
    let Some(first) = read_at(body, 0) else {
        return Ok(None);
    };
    let claimed = match range_after(body, &first) {
        Some(Range::Upper(upper)) => upper,
        Some(Range::Backwards) => return Err(Backwards),
        None => first,
    };
    Ok((qualifiers::skip_after(body, claimed.end) == body.len()).then_some(claimed))
}

/// Parses digits only, optionally grouped in thousands (`50000`, `1,234,567`): the strict
/// form of files (import) and of the filter language, where `5만원` is refused rather than
/// read. Every text this accepts, [`parse_amount`] reads the same, except a phone-like
/// `01012345678`.
pub fn parse_digits(text: &str) -> Result<i64, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with('-') && t.len() > 1 {
        return Err(AmountError::Negative(t.to_string()));
    }
    let not_a_number = || AmountError::NotANumber(t.to_string());
    match digits_at(t, 0) {
        Ok(Some(n)) if !n.decimal && n.end == t.len() => {
            let won = n.value / super::number::SCALE;
            i64::try_from(won).map_err(|_| AmountError::TooLarge(t.to_string()))
        }
        _ => Err(not_a_number()),
    }
}
