//! Writing a claimed amount the many ways people do: `50,000원`, `50000원`, `5만원`,
//! `5만 원`, `3만5천원`, `오만 원`, `약 30만 원`, `KRW 50,000`. Every form reads back as the
//! same number of won.

use crate::domain::format_amount;
use crate::rng::Rng;

const DIGITS: [&str; 10] = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];

/// The amount as a Korean reporter might type it.
pub fn korean(rng: &mut Rng, won: i64) -> String {
    let won = won.max(0);
    let mut text = match rng.below(10) {
        0 | 1 => format!("{}원", format_amount(won)),
        2 => format!("{} 원", format_amount(won)),
        3 => format!("{won}원"),
        4 => words(won as u64),
        _ => match units(won) {
            Some(u) if rng.chance(0.55) => format!("{u}원"),
            Some(u) => format!("{u} 원"),
            None => format!("{}원", format_amount(won)),
        },
    };
    if won >= 10_000 && rng.chance(0.12) {
        text.insert_str(0, if rng.chance(0.7) { "약 " } else { "대략 " });
    }
    text
}

/// The amount as a foreign user might type it.
pub fn english(rng: &mut Rng, won: i64) -> String {
    let won = won.max(0);
    match rng.below(4) {
        0 => format!("KRW {}", format_amount(won)),
        1 => format!("₩{}", format_amount(won)),
        _ => format!("{} won", format_amount(won)),
    }
}

/// `350000` → `35만`, `35000` → `3만5천`, `120000000` → `1억 2000만`; `None` when the
/// amount does not split evenly that way.
fn units(won: i64) -> Option<String> {
    if won >= 100_000_000 {
        let (eok, man, rest) = (won / 100_000_000, won % 100_000_000 / 10_000, won % 10_000);
        if rest != 0 {
            return None;
        }
        return Some(if man == 0 {
            format!("{eok}억")
        } else {
            format!("{eok}억 {man}만")
        });
    }
    if won >= 10_000 {
        let (man, rest) = (won / 10_000, won % 10_000);
        let man_text = if man >= 1000 {
            format_amount(man)
        } else {
            man.to_string()
        };
        return match rest {
            0 => Some(format!("{man_text}만")),
            r if r % 1000 == 0 => Some(format!("{man_text}만{}천", r / 1000)),
            _ => None,
        };
    }
    if won >= 1000 && won % 1000 == 0 {
        return Some(format!("{}천", won / 1000));
    }
    None
}

/// Sino-Korean words: `50000` → `오만 원`, `352000` → `삼십오만 이천 원`.
fn words(won: u64) -> String {
    const UNITS: [&str; 4] = ["", "만", "억", "조"];
    if won == 0 {
        return "영 원".to_string();
    }
    let mut groups: Vec<String> = Vec::with_capacity(4);
    let mut n = won;
    let mut index = 0;
    while n > 0 && index < UNITS.len() {
        let group = n % 10_000;
        if group > 0 {
            let mut text = if group == 1 && index == 1 {
                String::new()
            } else {
                group_words(group)
            };
            text.push_str(UNITS[index]);
            groups.push(text);
        }
        n /= 10_000;
        index += 1;
    }
    groups.reverse();
    let mut out = groups.join(" ");
    out.push_str(" 원");
    out
}

/// 1..=9999 in words, with 일 dropped before 십, 백 and 천.
fn group_words(group: u64) -> String {
    let mut out = String::new();
    let places = [
        (group / 1000, "천"),
        (group / 100 % 10, "백"),
        (group / 10 % 10, "십"),
        (group % 10, ""),
    ];
    for (digit, unit) in places {
        if digit == 0 {
            continue;
        }
        if digit != 1 || unit.is_empty() {
            out.push_str(DIGITS[digit as usize]);
        }
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_as_koreans_write_them() {
        assert_eq!(words(50_000), "오만 원");
        assert_eq!(words(300_000), "삼십만 원");
        assert_eq!(words(352_000), "삼십오만 이천 원");
        assert_eq!(words(10_000), "만 원");
        assert_eq!(words(3_900), "삼천구백 원");
        assert_eq!(words(110_000_000), "일억 천만 원");
        assert_eq!(words(1_500_000), "백오십만 원");
    }

    #[test]
    fn units_split_only_when_exact() {
        assert_eq!(units(350_000).as_deref(), Some("35만"));
        assert_eq!(units(35_000).as_deref(), Some("3만5천"));
        assert_eq!(units(12_000_000).as_deref(), Some("1,200만"));
        assert_eq!(units(120_000_000).as_deref(), Some("1억 2000만"));
        assert_eq!(units(3_000).as_deref(), Some("3천"));
        assert_eq!(units(3_900), None);
        assert_eq!(units(35_500), None);
    }
}
