//! Tests of the whole generator: the published figures, determinism, scaling, texts, dates,
//! and the grammar of the phrase banks.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::labels::{Kind, Reporter, Scope, Service, Substitute};
use super::*;
use crate::domain::Case;

/// The default sample, generated once for all tests.
fn default_cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| generate(SampleConfig::default()))
}

fn count(cases: &[Case], pred: impl Fn(&Case) -> bool) -> usize {
    cases.iter().filter(|c| pred(c)).count()
}

fn code(case: &Case, dim: Dimension) -> Option<&'static str> {
    case.label_code(dim)
}

#[test]
fn the_enums_use_the_taxonomy_indices() {
    let check = |dim: Dimension, pairs: &[(u8, &str)]| {
        for &(index, code) in pairs {
            assert_eq!(dim.code(index), code, "{dim} index {index}");
        }
        assert_eq!(dim.codes().len(), pairs.len(), "{dim} has other codes");
    };
    check(
        Dimension::Scope,
        &[
            (Scope::Kakao as u8, "kakao"),
            (Scope::Affiliate as u8, "affiliate"),
        ],
    );
    check(
        Dimension::Reporter,
        &[
            (Reporter::Individual as u8, "individual"),
            (Reporter::SmallBusiness as u8, "small_business"),
            (Reporter::Enterprise as u8, "enterprise"),
        ],
    );
    let kinds = [
        "paid",
        "free_monetary",
        "inquiry",
        "opinion",
        "protest",
        "encouragement",
    ];
    let kind_pairs: Vec<(u8, &str)> = Kind::ALL.iter().map(|&k| k as u8).zip(kinds).collect();
    check(Dimension::Kind, &kind_pairs);
    use Service::*;
    let services = [
        (KakaoTalk, "kakaotalk"),
        (KakaoLogin, "kakao_login"),
        (TalkChannel, "talk_channel"),
        (KakaoMap, "kakaomap"),
        (Gift, "gift"),
        (Emoticon, "emoticon"),
        (TalkDrawer, "talk_drawer"),
        (Daum, "daum"),
        (KakaoT, "kakao_t"),
        (KakaoPay, "kakaopay"),
        (Melon, "melon"),
        (KakaoPage, "kakao_page"),
        (Other, "other"),
    ];
    let service_pairs: Vec<(u8, &str)> = services.iter().map(|&(s, c)| (s as u8, c)).collect();
    check(Dimension::Service, &service_pairs);
    check(
        Dimension::Substitute,
        &[
            (Substitute::Available as u8, "available"),
            (Substitute::Unavailable as u8, "unavailable"),
            (Substitute::Unknown as u8, "unknown"),
        ],
    );
}

#[test]
fn the_default_sample_reproduces_the_published_figures() {
    let cases = default_cases();
    assert_eq!(cases.len(), 105_116);
    let kakao: Vec<&Case> = cases
        .iter()
        .filter(|c| code(c, Dimension::Scope) == Some("kakao"))
        .collect();
    assert_eq!(kakao.len(), 87_198);
    assert_eq!(
        count(cases, |c| code(c, Dimension::Scope) == Some("affiliate")),
        17_918
    );
    let kinds = |k: &str| {
        kakao
            .iter()
            .filter(|c| code(c, Dimension::Kind) == Some(k))
            .count()
    };
    assert_eq!(kinds("paid"), 14_918);
    assert_eq!(kinds("free_monetary"), 13_198);
    let non_monetary: usize = ["inquiry", "opinion", "protest", "encouragement"]
        .iter()
        .map(|k| kinds(k))
        .sum();
    assert_eq!(non_monetary, 59_082);
    let reporters = |r: &str| {
        kakao
            .iter()
            .filter(|c| code(c, Dimension::Reporter) == Some(r))
            .count()
    };
    assert_eq!(reporters("individual"), 78_130);
    assert_eq!(reporters("small_business"), 8_894);
    assert_eq!(reporters("enterprise"), 174);
}

#[test]
fn cases_are_new_complete_and_numbered_in_arrival_order() {
    let cases = default_cases();
    assert_eq!(cases[0].id, "R-000001");
    assert_eq!(cases[cases.len() - 1].id, "R-105116");
    for pair in cases.windows(2) {
        assert!(pair[0].id < pair[1].id);
        assert!(pair[0].received_at <= pair[1].received_at);
    }
    for case in cases {
        assert_eq!(case.status, Status::New);
        assert_eq!(case.version, 1);
        assert!(case.updated_at.is_none() && case.updated_by.is_none() && case.note.is_none());
        for dim in [Dimension::Scope, Dimension::Reporter, Dimension::Kind] {
            assert!(case.label(dim).is_some(), "{} lacks {dim}", case.id);
        }
        let channel = case.channel.as_deref().unwrap_or("");
        assert!(["web", "talk_channel", "phone", "email"].contains(&channel));
        if code(case, Dimension::Scope) == Some("affiliate") {
            let service = code(case, Dimension::Service).unwrap_or("");
            assert!(["kakao_t", "kakaopay", "melon", "kakao_page"].contains(&service));
        }
    }
}

#[test]
fn the_same_config_gives_the_same_cases_and_another_seed_others() {
    let config = SampleConfig { cases: 60, seed: 7 };
    assert_eq!(generate(config), generate(config));
    let other = generate(SampleConfig { seed: 8, ..config });
    assert_ne!(generate(config), other);
    let first_default = generate(SampleConfig {
        cases: DEFAULT_CASES,
        seed: DEFAULT_SEED,
    });
    assert!(first_default == default_cases());
}

#[test]
fn small_samples_scale_the_figures_and_stay_complete() {
    for n in [1, 10, 200, 1000] {
        let cases = generate(SampleConfig {
            cases: n,
            seed: DEFAULT_SEED,
        });
        assert_eq!(cases.len(), n);
        let mut ids = HashSet::new();
        for case in &cases {
            assert!(ids.insert(case.id.clone()));
            for dim in [Dimension::Scope, Dimension::Reporter, Dimension::Kind] {
                assert!(case.label(dim).is_some());
            }
            assert!(!case.text.trim().is_empty());
        }
        for pair in cases.windows(2) {
            assert!(pair[0].id < pair[1].id);
        }
        let kakao = count(&cases, |c| code(c, Dimension::Scope) == Some("kakao"));
        let expected = (n as f64 * 87_198.0 / 105_116.0).round() as usize;
        assert_eq!(kakao, expected, "n = {n}");
    }
    let cases = generate(SampleConfig {
        cases: 1000,
        seed: 1,
    });
    let kakao = count(&cases, |c| code(c, Dimension::Scope) == Some("kakao"));
    let paid = count(&cases, |c| {
        code(c, Dimension::Scope) == Some("kakao") && code(c, Dimension::Kind) == Some("paid")
    });
    assert_eq!(kakao, 830);
    assert_eq!(paid, 142, "830 × 14,918 / 87,198 = 142.0");
    assert_eq!(cases[0].id, "R-000001");
    assert_eq!(case_id(1, 999_999), "R-000001");
    assert_eq!(case_id(1, 1_000_000), "R-0000001");
    assert_eq!(case_id(1_000_000, 1_000_000), "R-1000000");
}

#[test]
fn texts_are_varied_safe_and_consistent() {
    let cases = default_cases();
    let mut chars_max = 0;
    let mut long = 0;
    for case in cases {
        let chars = case.text.chars().count();
        assert!(chars > 0 && chars < 20_000, "{}", case.id);
        chars_max = chars_max.max(chars);
        if chars >= 1000 {
            long += 1;
        }
    }
    assert!(long >= 5, "{long} texts of 1,000+ characters");
    let with = |needle: &str| count(cases, |c| c.text.contains(needle));
    assert!(with("\u{1b}") >= 5, "ESC in {} texts", with("\u{1b}"));
    assert!(with("\u{1b}") < 1000);
    assert!(
        with("\u{1F1F0}\u{1F1F7}") > 0,
        "a flag, for the screens to survive"
    );
    assert!(with("010-") > 1000);
    assert!(with("@example.") > 300);
    assert!(with("만원") + with("만 원") > 1000);
    assert!(with("ㅠㅠ") > 100);
    let first: HashSet<&str> = cases.iter().take(50).map(|c| &*c.text).collect();
    assert_eq!(first.len(), 50);
    let distinct: HashSet<&str> = cases.iter().map(|c| &*c.text).collect();
    assert!(
        distinct.len() > cases.len() * 9 / 10,
        "{} distinct",
        distinct.len()
    );

    // Amounts follow the labels.
    let channel_sb: Vec<&Case> = cases
        .iter()
        .filter(|c| {
            code(c, Dimension::Service) == Some("talk_channel")
                && code(c, Dimension::Reporter) == Some("small_business")
                && code(c, Dimension::Kind) == Some("free_monetary")
        })
        .collect();
    let with_amount = channel_sb.iter().filter(|c| c.amount_krw.is_some()).count();
    assert!(with_amount * 100 > channel_sb.len() * 80);
    for boundary in [300_000, 500_000] {
        assert!(count(cases, |c| c.amount_krw == Some(boundary)) >= 10);
    }
    assert!(count(cases, |c| c.amount_krw.is_some_and(|a| a > 500_000)) > 100);
    let non_monetary_amounts = count(cases, |c| {
        !matches!(code(c, Dimension::Kind), Some("paid" | "free_monetary"))
            && c.amount_krw.is_some()
    });
    assert_eq!(non_monetary_amounts, 0);
}

/// The number of won written just before `at` (a `원`) in digits, with or without commas and
/// the units 천, 만 and 억 (`50,000`, `50000`, `5만`, `3만5천`, `1억 2000만`); `None` when the
/// amount is written in words or there is no number.
fn won_before(text: &str, at: usize) -> Option<i64> {
    let before = text[..at].trim_end_matches(' ');
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || matches!(c, ',' | '천' | '만' | '억' | ' '))
        .last()
        .map(|(i, _)| i)?;
    let written = before[start..].trim();
    if !written.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // `big` holds what the units 만 and 억 closed, `small` the 천s of the open group.
    let (mut big, mut small, mut number) = (0i64, 0i64, 0i64);
    for c in written.chars() {
        match c {
            '0'..='9' => number = number * 10 + i64::from(c as u8 - b'0'),
            '천' => (small, number) = (small + number * 1_000, 0),
            '만' => (big, small, number) = (big + (small + number) * 10_000, 0, 0),
            '억' => (big, small, number) = (big + (small + number) * 100_000_000, 0, 0),
            _ => {}
        }
    }
    Some(big + small + number)
}

#[test]
fn mentioned_amounts_match_amount_krw() {
    assert_eq!(
        won_before("손해 3만5천원", "손해 3만5천".len()),
        Some(35_000)
    );
    assert_eq!(
        won_before("약 1,200만 원", "약 1,200만 ".len()),
        Some(12_000_000)
    );
    assert_eq!(
        won_before("1억 2000만 원", "1억 2000만 ".len()),
        Some(120_000_000)
    );
    assert_eq!(won_before("오만 원", "오만 ".len()), None);
    let mut checked = 0;
    for case in default_cases() {
        let hostile = case.text.chars().any(|c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{FEFF}')
        });
        if hostile {
            continue;
        }
        for (at, _) in case.text.match_indices('원') {
            if let Some(written) = won_before(&case.text, at) {
                assert_eq!(Some(written), case.amount_krw, "{}: {}", case.id, case.text);
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked} amounts checked");
}

#[test]
fn arrivals_fall_in_the_collection_window_and_front_load() {
    let cases = default_cases();
    let mut first_three = 0;
    for case in cases {
        let at = case.received_at.as_deref().unwrap_or("");
        assert!(at.ends_with("+09:00") && at.len() == 25, "{at}");
        assert!(("2022-10-19".."2022-11-07").contains(&&at[..10]), "{at}");
        if at < "2022-10-22" {
            first_three += 1;
        }
    }
    assert!(first_three * 3 > cases.len(), "{first_three}");
}

/// Prints a few texts: `cargo test --lib io::sample::tests::show -- --ignored --nocapture`.
#[test]
#[ignore]
fn show() {
    for case in generate(SampleConfig {
        cases: 60,
        seed: DEFAULT_SEED,
    }) {
        println!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?}\n{}\n",
            case.id,
            code(&case, Dimension::Scope),
            code(&case, Dimension::Reporter),
            code(&case, Dimension::Kind),
            code(&case, Dimension::Service),
            code(&case, Dimension::Substitute),
            case.amount_krw,
            case.text
        );
    }
}

/// Release-mode timing: `cargo test --release --lib io::sample::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let start = std::time::Instant::now();
    let cases = generate(SampleConfig::default());
    println!("{} cases in {:?}", cases.len(), start.elapsed());
}
