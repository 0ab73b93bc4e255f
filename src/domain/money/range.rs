//! A range of two amounts, `50만~60만원`, `50~60만원`, `5만원-6만원`: the claim is its upper
//! bound. The typed amount and the scanner of claim texts read ranges with this one function.

use super::number::{char_at, skip_spaces};
use super::reader::{read_at, Reading};

/// What follows a reading when it is the lower bound of a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Range {
    /// The upper bound, read after the dash.
    Upper(Reading),
    /// A range whose lower bound is above its upper bound (`60만~50만원`).
    Backwards,
}

/// The range `first` opens, if a dash (`~`, `～`, `〜`, `-`) and a second expression follow it.
/// A `-` range needs a unit or 원 on one side, so `10-15` and phone numbers are no ranges. A
/// lower bound written without a unit or 원 takes the upper bound's (`50~60만원`: 500,000 to
/// 600,000).
pub(super) fn range_after(text: &str, first: &Reading) -> Option<Range> {
    let after_first = skip_spaces(text, first.end);
    let dash = char_at(text, after_first).filter(|c| matches!(c, '~' | '～' | '〜' | '-'))?;
    let upper = read_at(text, skip_spaces(text, after_first + dash.len_utf8()))?;
    let marked = |r: &Reading| r.unit || r.won_sign;
    if dash == '-' && !marked(first) && !marked(&upper) {
        return None;
    }
    let lower = if marked(first) {
        first.value
    } else {
        first.value.saturating_mul(upper.lead)
    };
    Some(if lower > upper.value {
        Range::Backwards
    } else {
        Range::Upper(upper)
    })
}
