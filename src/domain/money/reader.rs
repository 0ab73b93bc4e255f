//! Reading one money expression at a byte offset: `12만 5천원`, `삼십만 원`, `1.5만`,
//! `₩50,000`. The typed-amount parser asks whether a whole input is one; a scanner can ask at
//! every position of a claim's text.
//!
//! An expression is a run of terms, each an optional coefficient and a unit, combined as
//! Korean numbers are: 십 백 천 build a group below 만 (`3천5백`), 만 and 억 multiply the group
//! before them (`3천5백만` = 35,000,000), and a bare number may end the run (`12만 5천500`).
//! A unit with no coefficient means one of it (`백만원`, `만원`). Places must go from large to
//! small (`5천 3천` stops after `5천`, `12만 15000` after `12만`). Between terms, and between
//! digits and their unit, spaces are fine (`12만 5천 원`, `80 만원`). `여` after a number or a
//! unit (`30여만 원`, `10만여 원`) means "and some" and ends the run: it does not change the
//! number. A trailing `원` is part of the expression when it is there.
//!
//! The reader stops before the first word that does not fit and reports how far it got; it
//! never looks at what comes after, so the caller decides whether `15` in `15일` is money.

use super::number::{
    char_at, digits_at, hangul_digit, is_syllable, skip_spaces, unit, Number, Unit, SCALE,
};

/// What [`read_at`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Byte offset of the first character read.
    pub start: usize,
    /// Byte offset after the expression (after `원` when it is there; trailing spaces are
    /// not included).
    pub end: usize,
    /// A unit word (십 백 천 만 억) was written.
    pub unit: bool,
    /// 만 or 억 was written.
    pub big_unit: bool,
    /// A number (digits or a Hangul numeral) was written, not only units (`만원`).
    pub numeral: bool,
    /// `원` or `₩` was written.
    pub won_sign: bool,
    /// In 1/SCALE won.
    pub(super) value: i128,
    /// What the first number is multiplied by (`60만` → 만, `6천만` → 천만): a range's lower
    /// bound written without a unit takes it (`50~60만원`).
    pub(super) lead: i128,
}

/// Why a reading is not a whole amount of won that fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inexact {
    NotWhole,
    TooLarge,
}

impl Reading {
    /// The amount in whole won.
    pub fn won(&self) -> Result<i64, Inexact> {
        if self.value % SCALE != 0 {
            return Err(Inexact::NotWhole);
        }
        i64::try_from(self.value / SCALE).map_err(|_| Inexact::TooLarge)
    }
}

/// Reads one money expression starting exactly at byte offset `start`; `None` when nothing
/// there starts one.
pub fn read_at(text: &str, start: usize) -> Option<Reading> {
    let mut pos = start;
    let mut won_sign = false;
    if let Some(sign @ ('₩' | '￦')) = char_at(text, pos) {
        won_sign = true;
        pos = skip_spaces(text, pos + sign.len_utf8());
    }
    let mut sum = Sum::default();
    let mut end = None;
    while let Some(term) = term_at(text, pos) {
        if !sum.add(&term) {
            break;
        }
        end = Some(term.end);
        if term.some_more || term.unit.is_none() {
            break;
        }
        pos = skip_spaces(text, term.end);
    }
    let mut end = end?;
    let after = skip_spaces(text, end);
    if char_at(text, after) == Some('원') {
        won_sign = true;
        end = after + '원'.len_utf8();
    }
    Some(Reading {
        start,
        end,
        unit: sum.unit,
        big_unit: sum.last_big.is_some(),
        numeral: sum.numeral,
        won_sign,
        value: sum.total.saturating_add(sum.section),
        lead: sum.lead.unwrap_or(1),
    })
}

/// One coefficient and its unit, either possibly missing (not both).
struct Term {
    /// In 1/SCALE.
    coefficient: Option<i128>,
    unit: Option<Unit>,
    /// `여` was written: the run ends here.
    some_more: bool,
    end: usize,
}

fn term_at(text: &str, pos: usize) -> Option<Term> {
    let ch = char_at(text, pos)?;
    let (coefficient, after, in_digits) = if ch.is_ascii_digit() {
        let number = digits_at(text, pos).ok()??;
        (Some(number), number.end, true)
    } else if let Some(digit) = hangul_digit(ch) {
        // A Hangul numeral counts only right before its unit: 이 in 이상 is not 2.
        let next = pos + ch.len_utf8();
        char_at(text, next).and_then(unit)?;
        let number = Number {
            value: digit * SCALE,
            decimal: false,
            end: next,
        };
        (Some(number), next, false)
    } else {
        (None, pos, false)
    };
    let mut at = after;
    let mut some_more = false;
    if coefficient.is_some() && is_some_more(text, at, true) {
        some_more = true;
        at += '여'.len_utf8();
    }
    if in_digits && !some_more {
        at = skip_spaces(text, at);
    }
    match char_at(text, at).and_then(|c| unit(c).map(|u| (c, u))) {
        Some((word, u)) => {
            let mut end = at + word.len_utf8();
            if !some_more && is_some_more(text, end, false) {
                some_more = true;
                end += '여'.len_utf8();
            }
            Some(Term {
                coefficient: coefficient.map(|n| n.value),
                unit: Some(u),
                some_more,
                end,
            })
        }
        // A decimal needs a unit (`2.5만`); `12.5` is no amount of won.
        None => coefficient
            .filter(|n| !n.decimal && !some_more)
            .map(|n| Term {
                coefficient: Some(n.value),
                unit: None,
                some_more: false,
                end: after,
            }),
    }
}

/// Whether `여` at `pos` means "and some": before a unit when it follows a number (`30여만`),
/// and after a unit at the end of a word (`10만여 원`, not `10만여행`).
fn is_some_more(text: &str, pos: usize, before_unit: bool) -> bool {
    if char_at(text, pos) != Some('여') {
        return false;
    }
    let next = char_at(text, pos + '여'.len_utf8());
    if before_unit {
        next.and_then(unit).is_some()
    } else {
        next.is_none_or(|c| c == '원' || !is_syllable(c))
    }
}

/// The terms read so far, combined.
#[derive(Default)]
struct Sum {
    /// Committed by 만 and 억, in 1/SCALE.
    total: i128,
    /// The group below the last 만 or 억, in 1/SCALE.
    section: i128,
    /// The last 십 백 천 in this group.
    last_small: Option<i128>,
    /// The last 만 or 억.
    last_big: Option<i128>,
    lead: Option<i128>,
    /// The first term had a small unit, and the lead waits for the 만 or 억 of its group.
    lead_open: bool,
    unit: bool,
    numeral: bool,
}

impl Sum {
    /// Adds a term, or says it does not fit after what was read.
    fn add(&mut self, term: &Term) -> bool {
        let below = |value: i128, place: Option<i128>| {
            place.is_none_or(|p| value < p.saturating_mul(SCALE))
        };
        let first = self.lead.is_none();
        match term.unit {
            None => {
                let c = term.coefficient.unwrap_or(0);
                let section = self.section.saturating_add(c);
                if !below(c, self.last_small) || !below(section, self.last_big) {
                    return false;
                }
                self.section = section;
                if first {
                    self.lead = Some(1);
                }
            }
            Some(Unit { value, big: false }) => {
                let c = term.coefficient.unwrap_or(SCALE);
                let section = self.section.saturating_add(c.saturating_mul(value));
                if c >= 10 * SCALE
                    || self.last_small.is_some_and(|s| value >= s)
                    || !below(section, self.last_big)
                {
                    return false;
                }
                self.section = section;
                self.last_small = Some(value);
                if first {
                    self.lead = Some(value);
                    self.lead_open = true;
                }
            }
            Some(Unit { value, big: true }) => {
                if term.coefficient.is_some_and(|c| !below(c, self.last_small)) {
                    return false;
                }
                let mut group = self.section.saturating_add(term.coefficient.unwrap_or(0));
                if term.coefficient.is_none() && group == 0 {
                    group = SCALE; // 만원: one 만
                }
                let added = group.saturating_mul(value);
                if self.last_big.is_some_and(|b| value >= b) || !below(added, self.last_big) {
                    return false;
                }
                self.total = self.total.saturating_add(added);
                self.section = 0;
                self.last_small = None;
                self.last_big = Some(value);
                if first {
                    self.lead = Some(value);
                } else if self.lead_open {
                    self.lead = self.lead.map(|l| l * value);
                    self.lead_open = false;
                }
            }
        }
        self.unit |= term.unit.is_some();
        self.numeral |= term.coefficient.is_some();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(Result<i64, Inexact>, &str)> {
        read_at(text, 0).map(|r| (r.won(), &text[..r.end]))
    }

    #[test]
    fn reads_one_expression_and_says_where_it_ends() {
        assert_eq!(read("12만 5천원이에요"), Some((Ok(125_000), "12만 5천원")));
        assert_eq!(read("15일"), Some((Ok(15), "15")));
        assert_eq!(read("30만 원 정도"), Some((Ok(300_000), "30만 원")));
        assert_eq!(read("10만 이상"), Some((Ok(100_000), "10만")));
        assert_eq!(read("5천 3천원"), Some((Ok(5_000), "5천")));
        assert_eq!(read("12만 15000원"), Some((Ok(120_000), "12만")));
        assert_eq!(read("30여만 원 손해"), Some((Ok(300_000), "30여만 원")));
        assert_eq!(read("10만여행"), Some((Ok(100_000), "10만")));
        assert_eq!(read("₩ 50,000"), Some((Ok(50_000), "₩ 50,000")));
        assert_eq!(
            read("1.23456만원"),
            Some((Err(Inexact::NotWhole), "1.23456만원"))
        );
        assert_eq!(read("이상"), None);
        assert_eq!(read("12.5"), None);
        assert_eq!(read("원"), None);
    }

    #[test]
    fn reads_at_an_offset() {
        let text = "매출 40만 원 손해";
        let start = text.find('4').unwrap();
        let r = read_at(text, start).unwrap();
        assert_eq!((&text[r.start..r.end], r.won()), ("40만 원", Ok(400_000)));
        assert!(r.big_unit && r.numeral && r.won_sign);
    }

    #[test]
    fn the_lead_is_what_the_first_number_is_multiplied_by() {
        let lead = |t: &str| read_at(t, 0).unwrap().lead;
        assert_eq!(lead("60만원"), 10_000);
        assert_eq!(lead("6천만원"), 10_000_000);
        assert_eq!(lead("3억 5천만"), 100_000_000);
        assert_eq!(lead("60000"), 1);
    }
}
