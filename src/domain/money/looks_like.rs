//! What a text that is not an amount looks like, so that a refusal can say so: `15일` is a
//! date, `오후 3시` a time, `48시간` a duration, `010-1234-5678` a phone number, `12팀` a
//! count. A later scanner of claim texts asks the same question about the word after a number
//! ([`counted_by`]).

use std::ops::RangeInclusive;

use super::error::AmountError;
use super::number::{char_at, digits_at, skip_spaces, unit, Malformed, Number};
use super::reader::read_at;

/// Numbers that are not money.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Looks {
    Date,
    Time,
    Duration,
    Phone,
    Count,
}

impl Looks {
    fn error(self, text: &str) -> AmountError {
        let text = text.to_string();
        match self {
            Looks::Date => AmountError::Date(text),
            Looks::Time => AmountError::Time(text),
            Looks::Duration => AmountError::Duration(text),
            Looks::Phone => AmountError::Phone(text),
            Looks::Count => AmountError::Count(text),
        }
    }
}

/// The refusal of `text` (trimmed), which is not one amount.
pub(super) fn refusal(text: &str) -> AmountError {
    if let Some(looks) = looks_like(text) {
        return looks.error(text);
    }
    let owned = text.to_string();
    match first_number(text) {
        Some(Err(Malformed::Grouping)) => AmountError::Grouping(owned),
        Some(Ok(n)) if n.decimal && !before_a_unit(text, n.end) => {
            AmountError::DecimalWithoutUnit(owned)
        }
        _ => AmountError::NotAnAmount(owned),
    }
}

/// Whether a unit (after any spaces) follows `pos`.
fn before_a_unit(text: &str, pos: usize) -> bool {
    char_at(text, skip_spaces(text, pos))
        .and_then(unit)
        .is_some()
}

/// Words that say "a time of day" on their own.
const TIMES_OF_DAY: [&str; 8] = ["오전", "오후", "새벽", "아침", "점심", "저녁", "밤", "낮"];

/// Words that are a length of time on their own.
const DURATIONS: [&str; 12] = [
    "하루",
    "이틀",
    "사흘",
    "나흘",
    "닷새",
    "엿새",
    "이레",
    "열흘",
    "보름",
    "일주일",
    "한나절",
    "반나절",
];

/// Native Korean numerals, which count things (`두 달`, `세 건`) but never money here.
const NATIVE_NUMERALS: [&str; 13] = [
    "다섯", "여섯", "일곱", "여덟", "아홉", "스무", "스물", "한", "두", "세", "네", "열", "몇",
];

/// The word after a number, and what the number then is. Longer words first (`시간` before
/// `시`, `개월` before `개`).
const COUNTERS: [(&str, Looks); 43] = [
    ("국민", Looks::Count),
    ("이용자", Looks::Count),
    ("사용자", Looks::Count),
    ("가입자", Looks::Count),
    ("유저", Looks::Count),
    ("시간", Looks::Duration),
    ("개월", Looks::Duration),
    ("주일", Looks::Duration),
    ("주간", Looks::Duration),
    ("주", Looks::Duration),
    ("달", Looks::Duration),
    ("박", Looks::Duration),
    ("일", Looks::Date),
    ("월", Looks::Date),
    ("년", Looks::Date),
    ("시", Looks::Time),
    ("분", Looks::Time),
    ("초", Looks::Time),
    ("마리", Looks::Count),
    ("그릇", Looks::Count),
    ("인분", Looks::Count),
    ("군데", Looks::Count),
    ("가지", Looks::Count),
    ("차례", Looks::Count),
    ("팀", Looks::Count),
    ("건", Looks::Count),
    ("명", Looks::Count),
    ("개", Looks::Count),
    ("번", Looks::Count),
    ("회", Looks::Count),
    ("장", Looks::Count),
    ("대", Looks::Count),
    ("곳", Looks::Count),
    ("권", Looks::Count),
    ("통", Looks::Count),
    ("잔", Looks::Count),
    ("병", Looks::Count),
    ("판", Looks::Count),
    ("세", Looks::Count),
    ("살", Looks::Count),
    ("인", Looks::Count),
    ("벌", Looks::Count),
    ("채", Looks::Count),
];

/// What `text` looks like when it is a number that is not money.
pub fn looks_like(text: &str) -> Option<Looks> {
    if is_phone_number(text) {
        return Some(Looks::Phone);
    }
    if is_calendar_date(text) {
        return Some(Looks::Date);
    }
    if TIMES_OF_DAY.iter().any(|w| text.starts_with(w)) {
        return Some(Looks::Time);
    }
    if DURATIONS.iter().any(|w| text.starts_with(w)) {
        return Some(Looks::Duration);
    }
    if let Some(end) = numeral_end(text, 0) {
        return counted_by(&text[end..]);
    }
    // `회원 200명`: the first number in the text.
    let digit = text.find(|c: char| c.is_ascii_digit())?;
    counted_by(&text[numeral_end(text, digit)?..])
}

/// Words that start like a counter but are none: `30만 대출` is no count of 대 (vehicles),
/// `10만 판매` none of 판.
const NOT_COUNTERS: [&str; 36] = [
    "주문",
    "주말",
    "주식",
    "일당",
    "일반",
    "월급",
    "월세",
    "월매출",
    "시술",
    "시장",
    "분실",
    "분량",
    "초과",
    "팀장",
    "건물",
    "건강",
    "명의",
    "개인",
    "번호",
    "회사",
    "회비",
    "회식",
    "장사",
    "장비",
    "장부",
    "대출",
    "대금",
    "대가",
    "대신",
    "대행",
    "통장",
    "판매",
    "세금",
    "인건비",
    "채널",
    "잔액",
];

/// What the word at the start of `rest` (after a number) says the number is: `일` a date,
/// `시` a time, `시간` or `일 동안` a duration, `팀` a count.
pub fn counted_by(rest: &str) -> Option<Looks> {
    let rest = rest.trim_start();
    if NOT_COUNTERS.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    let (word, looks) = COUNTERS.iter().find(|(w, _)| rest.starts_with(w))?;
    let after = &rest[word.len()..];
    let lasting = after.starts_with('간') || after.trim_start().starts_with("동안");
    Some(match looks {
        Looks::Date | Looks::Time if lasting => Looks::Duration,
        _ => *looks,
    })
}

/// The end of the number at `pos`: one money expression (`15`, `3만`, `십오`), or a native
/// numeral (`두`, `다섯`).
fn numeral_end(text: &str, pos: usize) -> Option<usize> {
    if let Some(reading) = read_at(text, pos) {
        // 십오일: 오 before 일 is not read (일 is no unit), but it belongs to the number.
        let next = reading.end
            + char_at(text, reading.end)
                .filter(|c| "이삼사오육칠팔구".contains(*c))
                .map_or(0, char::len_utf8);
        return Some(next);
    }
    let rest = &text[pos..];
    NATIVE_NUMERALS
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| pos + w.len())
}

/// The first number written in digits, as the digit reader sees it.
fn first_number(text: &str) -> Option<Result<Number, Malformed>> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    digits_at(text, start).transpose()
}

/// `010-1234-5678`, `02 123 4567`, `010.1234.5678`, `01012345678`, `1588-1234`.
fn is_phone_number(text: &str) -> bool {
    let separator = text.chars().find(|c| !c.is_ascii_digit());
    let groups: Vec<&str> = match separator {
        None => vec![text],
        Some(s @ ('-' | ' ' | '.')) => text.split(s).collect(),
        Some(_) => return false,
    };
    if !groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match lengths.as_slice() {
        [n] => (10..=11).contains(n) && text.starts_with("01"),
        [a, 4] => separator == Some('-') && (3..=4).contains(a),
        [a, b, 4] => groups[0].starts_with('0') && (2..=3).contains(a) && (3..=4).contains(b),
        _ => false,
    }
}

/// `2022-10-15`, `2022.10.15`, `2022/10/15`, `10/15`.
fn is_calendar_date(text: &str) -> bool {
    let Some(separator @ ('-' | '.' | '/')) = text.chars().find(|c| !c.is_ascii_digit()) else {
        return false;
    };
    let part = |p: &str, digits: RangeInclusive<usize>, values: RangeInclusive<u32>| {
        digits.contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse().is_ok_and(|v| values.contains(&v))
    };
    let parts: Vec<&str> = text.split(separator).collect();
    match parts.as_slice() {
        [y, m, d] => {
            part(y, 4..=4, 1900..=2100) && part(m, 1..=2, 1..=12) && part(d, 1..=2, 1..=31)
        }
        [m, d] => separator == '/' && part(m, 1..=2, 1..=12) && part(d, 1..=2, 1..=31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_are_not_money() {
        let cases = [
            ("15일", Some(Looks::Date)),
            ("십오일", Some(Looks::Date)),
            ("10월 19일", Some(Looks::Date)),
            ("2022-10-15", Some(Looks::Date)),
            ("10/15", Some(Looks::Date)),
            ("3시", Some(Looks::Time)),
            ("오후 3시", Some(Looks::Time)),
            ("30분", Some(Looks::Time)),
            ("48시간", Some(Looks::Duration)),
            ("3일간", Some(Looks::Duration)),
            ("3일 동안", Some(Looks::Duration)),
            ("이틀", Some(Looks::Duration)),
            ("두 달", Some(Looks::Duration)),
            ("3개월", Some(Looks::Duration)),
            ("010-1234-5678", Some(Looks::Phone)),
            ("02-123-4567", Some(Looks::Phone)),
            ("01012345678", Some(Looks::Phone)),
            ("1588-1234", Some(Looks::Phone)),
            ("12팀", Some(Looks::Count)),
            ("38건", Some(Looks::Count)),
            ("세 건", Some(Looks::Count)),
            ("3만 명", Some(Looks::Count)),
            ("회원 200명", Some(Looks::Count)),
            ("5천만 국민", Some(Looks::Count)),
            ("30만 대출", None),
            ("10만 판매", None),
            ("50만원", None),
            ("이상", None),
            ("50,00", None),
            ("2022-13-15", None),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(text, want)| looks_like(text) != *want)
            .map(|(text, want)| format!("{text}: {:?}, want {want:?}", looks_like(text)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
