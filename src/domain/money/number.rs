//! The words of a money expression: numbers in digits (`5`, `50,000`, `2.5`), the Hangul
//! numerals 일 … 구 and the units 십 백 천 만 억, and the spaces between them.
//!
//! Values are exact fixed-point numbers: an `i128` counting 1/[`SCALE`] won, so `2.5만` is
//! computed without rounding and a result that is not whole can be refused. Arithmetic
//! saturates, so a huge number stays huge (and is refused as too large) instead of wrapping.

/// Digits after a decimal point that a number may have: 억 has eight zeros, so no more can
/// ever give whole won.
pub(super) const DECIMALS: usize = 8;
/// One won in the fixed-point values.
pub(super) const SCALE: i128 = 100_000_000;

/// A number written in digits at a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Number {
    /// In 1/[`SCALE`] won.
    pub value: i128,
    /// It has a decimal point (`2.5`).
    pub decimal: bool,
    /// The byte offset after it.
    pub end: usize,
}

/// Digits that do not make one number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Malformed {
    /// A comma that does not separate thousands (`50,00`, `1,5만`, `1234,567`).
    Grouping,
    /// A second decimal point, a comma after it, or more than [`DECIMALS`] decimals.
    Decimal,
}

/// A unit word and what it multiplies by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Unit {
    pub value: i128,
    /// 만 and 억 close a group of four digits (`3천5백만`); 십 백 천 live inside one.
    pub big: bool,
}

/// The number written in digits starting at `start` (an ASCII digit), or `None` if there are
/// no digits there. Commas must group thousands (`1,234,567`); a comma not followed by a
/// digit ends the number (`5만원, 3천원` is a list).
pub(super) fn digits_at(text: &str, start: usize) -> Result<Option<Number>, Malformed> {
    let bytes = text.as_bytes();
    let run = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let first = run(start);
    if first == 0 {
        return Ok(None);
    }
    let mut value: i128 = 0;
    let mut push = |digits: &[u8]| {
        for d in digits {
            value = value
                .saturating_mul(10)
                .saturating_add(i128::from(d - b'0'));
        }
    };
    push(&bytes[start..start + first]);
    let mut pos = start + first;
    while bytes.get(pos) == Some(&b',') && digit_at(pos + 1) {
        let group = run(pos + 1);
        if first > 3 || group != 3 {
            return Err(Malformed::Grouping);
        }
        push(&bytes[pos + 1..pos + 4]);
        pos += 4;
    }
    let mut scale_digits = 0;
    let decimal = bytes.get(pos) == Some(&b'.') && digit_at(pos + 1);
    if decimal {
        let fraction = run(pos + 1);
        if fraction > DECIMALS {
            return Err(Malformed::Decimal);
        }
        push(&bytes[pos + 1..pos + 1 + fraction]);
        scale_digits = fraction;
        pos += 1 + fraction;
        if matches!(bytes.get(pos), Some(b'.' | b',')) && digit_at(pos + 1) {
            return Err(Malformed::Decimal);
        }
    }
    let scale = 10i128.pow((DECIMALS - scale_digits) as u32);
    Ok(Some(Number {
        value: value.saturating_mul(scale),
        decimal,
        end: pos,
    }))
}

/// 일 … 구 as 1 … 9.
pub(super) fn hangul_digit(ch: char) -> Option<i128> {
    Some(match ch {
        '일' => 1,
        '이' => 2,
        '삼' => 3,
        '사' => 4,
        '오' => 5,
        '육' => 6,
        '칠' => 7,
        '팔' => 8,
        '구' => 9,
        _ => return None,
    })
}

/// 십 백 천 만 억.
pub(super) fn unit(ch: char) -> Option<Unit> {
    let (value, big) = match ch {
        '십' => (10, false),
        '백' => (100, false),
        '천' => (1_000, false),
        '만' => (10_000, true),
        '억' => (100_000_000, true),
        _ => return None,
    };
    Some(Unit { value, big })
}

/// The character at byte offset `pos`, if `pos` is inside `text` on a character boundary.
pub(super) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The byte offset after any whitespace at `pos`.
pub(super) fn skip_spaces(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    pos + (rest.len() - rest.trim_start().len())
}

/// A Hangul syllable (가 … 힣): the letters of Korean words.
pub(super) fn is_syllable(ch: char) -> bool {
    ('가'..='힣').contains(&ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Result<Option<(i128, bool, usize)>, Malformed> {
        digits_at(text, 0).map(|n| n.map(|n| (n.value, n.decimal, n.end)))
    }

    #[test]
    fn digits_with_thousands_groups_and_decimals() {
        assert_eq!(number("50000원"), Ok(Some((50_000 * SCALE, false, 5))));
        assert_eq!(number("1,234,567"), Ok(Some((1_234_567 * SCALE, false, 9))));
        assert_eq!(number("2.5만"), Ok(Some((25 * SCALE / 10, true, 3))));
        assert_eq!(number("5만원, 3"), Ok(Some((5 * SCALE, false, 1))));
        assert_eq!(number("50, 3"), Ok(Some((50 * SCALE, false, 2))));
        assert_eq!(number("12."), Ok(Some((12 * SCALE, false, 2))));
        assert_eq!(number("만원"), Ok(None));
    }

    #[test]
    fn commas_must_group_thousands() {
        assert_eq!(number("50,00"), Err(Malformed::Grouping));
        assert_eq!(number("1,5만"), Err(Malformed::Grouping));
        assert_eq!(number("1234,567"), Err(Malformed::Grouping));
        assert_eq!(number("1,2345"), Err(Malformed::Grouping));
        assert_eq!(number("1.2.3"), Err(Malformed::Decimal));
        assert_eq!(number("1.123456789"), Err(Malformed::Decimal));
    }

    #[test]
    fn huge_numbers_saturate() {
        let n = number(&"9".repeat(60)).unwrap().unwrap();
        assert_eq!(n.0, i128::MAX);
    }
}
