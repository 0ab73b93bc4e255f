//! The forms of money the typed-amount parser accepts and refuses, with exact values and
//! exact messages, and properties over many generated amounts.

use proptest::prelude::*;

use super::{parse_amount, parse_digits, AmountError};
use crate::domain::amount::format_amount;

/// What a reviewer may type, and the won it means.
const ACCEPTED: &[(&str, i64)] = &[
    // Digits, as before.
    ("50000", 50_000),
    ("50,000", 50_000),
    ("0", 0),
    ("1,234,567", 1_234_567),
    ("  7000  ", 7_000),
    ("9,223,372,036,854,775,807", i64::MAX),
    // Units, with and without spaces and 원.
    ("80만원", 800_000),
    ("80만 원", 800_000),
    ("80 만원", 800_000),
    ("12만 5천원", 125_000),
    ("12만5천원", 125_000),
    ("12만 5천 원", 125_000),
    ("12,500원", 12_500),
    ("125,000원", 125_000),
    ("125000원", 125_000),
    ("0원", 0),
    ("2만 3,000원", 23_000),
    ("3천500원", 3_500),
    ("5천3백원", 5_300),
    ("1,500만원", 15_000_000),
    ("1500만원", 15_000_000),
    ("3억 5천만 원", 350_000_000),
    ("1억2000만원", 120_000_000),
    ("1억 5천", 100_005_000),
    ("₩50,000", 50_000),
    // A bare unit is one of it.
    ("백만원", 1_000_000),
    ("만원", 10_000),
    ("만 원", 10_000),
    ("천원", 1_000),
    ("천오백만원", 15_000_000),
    // Hangul numerals, alone or mixed with digits.
    ("삼십만 원", 300_000),
    ("3십만원", 300_000),
    ("2백만원", 2_000_000),
    ("오천원", 5_000),
    ("이천만원", 20_000_000),
    ("사십이만 원", 420_000),
    ("오백오십만 원", 5_500_000),
    ("일억", 100_000_000),
    // Decimals before a unit that come out whole.
    ("1.5만원", 15_000),
    ("2.5만원", 25_000),
    ("0.5만원", 5_000),
    ("1.25억", 125_000_000),
    // Qualifiers do not change the number.
    ("약 30만 원", 300_000),
    ("약30만원", 300_000),
    ("대략 50만원", 500_000),
    ("한 30만 원", 300_000),
    ("총 45만원", 450_000),
    ("십만원 넘게", 100_000),
    ("30만원 정도", 300_000),
    ("30만원정도", 300_000),
    ("20만 원 가량", 200_000),
    ("10만원쯤", 100_000),
    ("50만원 이상", 500_000),
    ("30여만 원", 300_000),
    ("10만여 원", 100_000),
    // A range claims its upper bound.
    ("50만~60만원", 600_000),
    ("50~60만원", 600_000),
    ("50만-60만원", 600_000),
    ("5~6천만원", 60_000_000),
    ("50000~60000", 60_000),
    ("약 50만원 ~ 60만원 정도", 600_000),
];

/// What is refused, and the exact message.
const REFUSED: &[(&str, &str)] = &[
    ("", "amount is empty"),
    ("   ", "amount is empty"),
    ("15일", "\"15일\" is a date, not an amount"),
    ("10월 19일", "\"10월 19일\" is a date, not an amount"),
    ("2022-10-15", "\"2022-10-15\" is a date, not an amount"),
    ("3시", "\"3시\" is a time, not an amount"),
    ("오후 3시", "\"오후 3시\" is a time, not an amount"),
    ("48시간", "\"48시간\" is a duration, not an amount"),
    ("이틀", "\"이틀\" is a duration, not an amount"),
    (
        "010-1234-5678",
        "\"010-1234-5678\" looks like a phone number, not an amount",
    ),
    (
        "01012345678",
        "\"01012345678\" looks like a phone number, not an amount",
    ),
    ("12팀", "\"12팀\" is a count, not an amount"),
    ("38건", "\"38건\" is a count, not an amount"),
    ("세 건", "\"세 건\" is a count, not an amount"),
    ("3만 명", "\"3만 명\" is a count, not an amount"),
    (
        "-5000",
        "\"-5000\" is negative: amounts are whole won, 0 or more",
    ),
    (
        "- 5000",
        "\"- 5000\" is negative: amounts are whole won, 0 or more",
    ),
    (
        "-5만원",
        "\"-5만원\" is negative: amounts are whole won, 0 or more",
    ),
    (
        "50,00",
        "\"50,00\" is not an amount of won: a comma separates thousands, as in 50,000",
    ),
    (
        "1,5만원",
        "\"1,5만원\" is not an amount of won: a comma separates thousands, as in 50,000",
    ),
    (
        "12.5",
        "\"12.5\" is not a whole number of won (a decimal needs a unit, as in 2.5만원)",
    ),
    (
        "1.23456만원",
        "\"1.23456만원\" is not a whole number of won",
    ),
    (
        "99999999999999999999",
        "\"99999999999999999999\" is too large",
    ),
    ("100000000000억", "\"100000000000억\" is too large"),
    (
        "60만~50만원",
        "\"60만~50만원\" goes from more to less: write a range low to high (e.g. 50만~60만원)",
    ),
    (
        "원",
        "\"원\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "약",
        "\"약\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "abc",
        "\"abc\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "이상",
        "\"이상\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "5만원 3만원",
        "\"5만원 3만원\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "5천 3천원",
        "\"5천 3천원\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "12만 15000원",
        "\"12만 15000원\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "10-15",
        "\"10-15\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
    (
        "50만~",
        "\"50만~\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)",
    ),
];

#[test]
fn the_forms_people_write() {
    assert!(ACCEPTED.len() + REFUSED.len() >= 60);
    let wrong: Vec<String> = ACCEPTED
        .iter()
        .filter_map(|&(text, won)| {
            let got = parse_amount(text);
            (got != Ok(won)).then(|| format!("{text:?}: {got:?}, want {won}"))
        })
        .chain(REFUSED.iter().filter_map(|&(text, message)| {
            let got = parse_amount(text).map_err(|e| e.to_string());
            (got != Err(message.to_string()))
                .then(|| format!("{text:?}: {got:?}, want {message:?}"))
        }))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn refusals_are_typed() {
    assert_eq!(parse_amount("15일"), Err(AmountError::Date("15일".into())));
    assert_eq!(
        parse_amount(" 오후 3시 "),
        Err(AmountError::Time("오후 3시".into()))
    );
    assert_eq!(parse_amount(""), Err(AmountError::Empty));
}

#[test]
fn files_and_filters_keep_strict_digits() {
    assert_eq!(parse_digits(" 50,000 "), Ok(50_000));
    assert_eq!(parse_digits("0"), Ok(0));
    assert_eq!(parse_digits(""), Err(AmountError::Empty));
    assert_eq!(
        parse_digits("-5000"),
        Err(AmountError::Negative("-5000".into()))
    );
    for text in ["5만원", "50,00", "12.5", ",500", "50000원", "약 5000"] {
        assert_eq!(
            parse_digits(text),
            Err(AmountError::NotANumber(text.into())),
            "{text}"
        );
    }
    assert_eq!(
        parse_digits("5만원").unwrap_err().to_string(),
        "\"5만원\" is not a whole number of won (digits, optionally grouped as 50,000)"
    );
    assert_eq!(
        parse_digits("99999999999999999999"),
        Err(AmountError::TooLarge("99999999999999999999".into()))
    );
}

/// `n` (1 … 9999) in Hangul numerals, as in 삼천오백: 1 before 십 백 천 is left out.
fn hangul(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
    let mut out = String::new();
    for (place, unit) in [(1000, "천"), (100, "백"), (10, "십")] {
        match n / place % 10 {
            0 => {}
            1 => out.push_str(unit),
            d => out.push_str(&format!("{}{unit}", DIGITS[d as usize])),
        }
    }
    out.push_str(DIGITS[(n % 10) as usize]);
    out
}

proptest! {
    #[test]
    fn digits_read_the_same_in_both_parsers(won in 0..=i64::MAX) {
        for text in [won.to_string(), format_amount(won), format!("{}원", format_amount(won))] {
            prop_assert_eq!(parse_amount(&text), Ok(won), "{}", text);
        }
        prop_assert_eq!(parse_digits(&format_amount(won)), Ok(won));
    }

    #[test]
    fn what_files_accept_the_prompt_reads_the_same(text in "[0-9,]{1,14}") {
        let phone_like = text.starts_with("01") && (10..=11).contains(&text.len());
        if let (Ok(won), false) = (parse_digits(&text), phone_like) {
            prop_assert_eq!(parse_amount(&text), Ok(won));
        }
    }

    #[test]
    fn eok_man_and_the_rest_in_any_spelling(eok in 0u32..10_000, man in 0u32..10_000, rest in 0u32..10_000) {
        let won = i64::from(eok) * 100_000_000 + i64::from(man) * 10_000 + i64::from(rest);
        let part = |n: u32, unit: &str, hangul_ok: bool| match n {
            0 => String::new(),
            n if hangul_ok => format!("{}{unit}", hangul(n)),
            n => format!("{n}{unit}"),
        };
        let spelled = |sep: &str, hangul_ok: bool| {
            let parts: Vec<String> = [part(eok, "억", hangul_ok), part(man, "만", hangul_ok), part(rest, "", false)]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() { "0".to_string() } else { parts.join(sep) }
        };
        for text in [
            format!("{}원", spelled("", false)),
            format!("{} 원", spelled(" ", false)),
            format!("{}원", spelled(" ", true)),
            format!("약 {} 정도", spelled(" ", true)),
        ] {
            prop_assert_eq!(parse_amount(&text), Ok(won), "{}", text);
        }
    }
}
