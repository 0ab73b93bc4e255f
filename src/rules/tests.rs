//! The shipped rule sets, decisions, explanations, totals and diffs; property tests of the
//! parser and of the compiled evaluation against a naive one.

use proptest::prelude::*;

use super::*;
use crate::domain::{Case, Dimension, Status};

fn builtin(name: &str) -> RuleSet {
    let (_, text) = BUILTIN
        .iter()
        .find(|(file, _)| file.starts_with(name))
        .expect("shipped file");
    match RuleSet::parse(text, name) {
        Ok((set, warnings)) => {
            assert_eq!(warnings, vec![], "{name} has no warnings");
            set
        }
        Err(problems) => panic!("{name}: {problems:?}"),
    }
}

fn draft() -> RuleSet {
    builtin("draft")
}

fn final_set() -> RuleSet {
    builtin("final")
}

/// A case from `field=code` pairs (labels and status) and an amount.
fn case(labels: &str, amount: Option<i64>) -> Case {
    let mut c = Case::new("C-1", "text");
    for pair in labels.split_whitespace() {
        let (field, code) = pair.split_once('=').expect("field=code");
        if field == "status" {
            c.status = Status::parse(code).expect("status");
        } else {
            let dim = Dimension::from_name(field).expect("dimension");
            c.set_label(dim, Some(dim.parse_code(code).expect("code")));
        }
    }
    c.amount_krw = amount;
    c
}

/// (rule id, outcome, cash) of a case.
fn decide(set: &RuleSet, labels: &str, amount: Option<i64>) -> (String, String, i64) {
    let d = set.decide(&case(labels, amount));
    (
        set.rule_of(d).id.clone(),
        set.outcome_code(d).to_string(),
        d.cash,
    )
}

fn expect(set: &RuleSet, labels: &str, amount: Option<i64>, rule: &str, outcome: &str, cash: i64) {
    assert_eq!(
        decide(set, labels, amount),
        (rule.to_string(), outcome.to_string(), cash),
        "{} {labels} {amount:?}",
        set.name
    );
}

const SB: &str = "scope=kakao kind=free_monetary reporter=small_business";

#[test]
fn the_shipped_sets_read_cleanly() {
    let (d, f) = (draft(), final_set());
    assert_eq!(d.name, "draft-2022-12-01");
    assert_eq!(f.name, "final-2022-12-29");
    assert_eq!((d.rules.len(), f.rules.len()), (9, 9));
    assert_eq!(
        d.outcome_codes(),
        [
            "refer_affiliate",
            "per_terms",
            "reply_only",
            "individual_review",
            "decline_substitute",
            "needs_evidence",
            "support_cash",
            "goodwill_package",
            "needs_review"
        ]
    );
    assert_eq!(
        f.outcome_codes(),
        [
            "refer_affiliate",
            "per_terms",
            "reply_only",
            "individual_review",
            "needs_evidence",
            "support_cash",
            "goodwill_package",
            "needs_review"
        ]
    );
    assert_eq!(d.default.id, "default");
    assert_eq!(d.default.title, "No rule applies: a reviewer decides");
    assert_eq!(f.rules[6].id, "small-business-band-2");
    assert_eq!(f.rules[6].payout, Payout::Cash(50_000));
    assert_eq!(
        d.rules[7].payout,
        Payout::Percent {
            milli_percent: 10_000,
            min: 10_000,
            max: 100_000
        }
    );
    assert_eq!(d.rules[5].conditions[1].text, "substitute=unknown,none");
    // The files on disk are the compiled-in ones.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/rules");
    let loaded = load_dir(&dir);
    let names: Vec<String> = loaded
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BUILTIN
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
    );
    for ((path, result), (_, text)) in loaded.iter().zip(BUILTIN) {
        assert_eq!(std::fs::read_to_string(path).unwrap(), *text);
        assert!(matches!(result, Ok((_, w)) if w.is_empty()));
    }
}

#[test]
fn draft_rules_at_their_boundaries() {
    let d = draft();
    expect(
        &d,
        "scope=affiliate kind=paid reporter=enterprise",
        Some(9),
        "affiliate",
        "refer_affiliate",
        0,
    );
    expect(
        &d,
        "scope=kakao kind=paid",
        None,
        "paid-per-terms",
        "per_terms",
        0,
    );
    expect(
        &d,
        "kind=paid reporter=enterprise",
        None,
        "paid-per-terms",
        "per_terms",
        0,
    );
    for kind in ["inquiry", "opinion", "protest", "encouragement"] {
        expect(
            &d,
            &format!("kind={kind} reporter=small_business"),
            Some(900_000),
            "no-monetary-loss",
            "reply_only",
            0,
        );
    }
    expect(
        &d,
        "kind=free_monetary reporter=enterprise",
        Some(5),
        "enterprise",
        "individual_review",
        0,
    );
    expect(
        &d,
        "reporter=enterprise",
        None,
        "enterprise",
        "individual_review",
        0,
    );
    expect(
        &d,
        &format!("{SB} substitute=available"),
        Some(400_000),
        "substitute-available",
        "decline_substitute",
        0,
    );
    expect(
        &d,
        &format!("{SB} substitute=unknown"),
        Some(400_000),
        "substitute-unclear",
        "needs_evidence",
        0,
    );
    expect(
        &d,
        SB,
        Some(400_000),
        "substitute-unclear",
        "needs_evidence",
        0,
    );
    let sb = format!("{SB} substitute=unavailable");
    expect(
        &d,
        &sb,
        None,
        "small-business-no-amount",
        "needs_evidence",
        0,
    );
    expect(
        &d,
        &sb,
        Some(99_999),
        "small-business-share",
        "support_cash",
        10_000,
    );
    expect(
        &d,
        &sb,
        Some(123_456),
        "small-business-share",
        "support_cash",
        12_345,
    );
    expect(
        &d,
        &sb,
        Some(300_000),
        "small-business-share",
        "support_cash",
        30_000,
    );
    expect(
        &d,
        &sb,
        Some(500_001),
        "small-business-share",
        "support_cash",
        50_000,
    );
    expect(
        &d,
        &sb,
        Some(1_500_005),
        "small-business-share",
        "support_cash",
        100_000,
    );
    expect(
        &d,
        &sb,
        Some(0),
        "small-business-share",
        "support_cash",
        10_000,
    );
    expect(
        &d,
        "kind=free_monetary reporter=individual substitute=unavailable",
        Some(5),
        "goodwill",
        "goodwill_package",
        0,
    );
    expect(
        &d,
        "kind=free_monetary substitute=unavailable",
        None,
        "goodwill",
        "goodwill_package",
        0,
    );
    expect(&d, "", None, "default", "needs_review", 0);
    expect(
        &d,
        "reporter=small_business substitute=unavailable",
        Some(400_000),
        "default",
        "needs_review",
        0,
    );
    expect(
        &d,
        "scope=kakao status=reviewed",
        None,
        "default",
        "needs_review",
        0,
    );
}

#[test]
fn final_rules_at_their_boundaries() {
    let f = final_set();
    expect(
        &f,
        "scope=affiliate kind=free_monetary reporter=small_business",
        Some(1),
        "affiliate",
        "refer_affiliate",
        0,
    );
    expect(
        &f,
        "kind=paid reporter=small_business",
        Some(900_000),
        "paid-per-terms",
        "per_terms",
        0,
    );
    for kind in ["inquiry", "opinion", "protest", "encouragement"] {
        expect(
            &f,
            &format!("kind={kind}"),
            None,
            "no-monetary-loss",
            "reply_only",
            0,
        );
    }
    expect(
        &f,
        "kind=free_monetary reporter=enterprise",
        Some(9_000_000),
        "enterprise",
        "individual_review",
        0,
    );
    expect(
        &f,
        SB,
        None,
        "small-business-no-amount",
        "needs_evidence",
        0,
    );
    expect(
        &f,
        SB,
        Some(500_001),
        "small-business-large",
        "individual_review",
        0,
    );
    expect(
        &f,
        SB,
        Some(500_000),
        "small-business-band-2",
        "support_cash",
        50_000,
    );
    expect(
        &f,
        SB,
        Some(300_001),
        "small-business-band-2",
        "support_cash",
        50_000,
    );
    expect(
        &f,
        SB,
        Some(300_000),
        "small-business-band-1",
        "support_cash",
        30_000,
    );
    expect(
        &f,
        SB,
        Some(0),
        "small-business-band-1",
        "support_cash",
        30_000,
    );
    // The substitute does not matter in the final set.
    expect(
        &f,
        &format!("{SB} substitute=available"),
        Some(1),
        "small-business-band-1",
        "support_cash",
        30_000,
    );
    expect(
        &f,
        "kind=free_monetary reporter=individual substitute=available",
        Some(7),
        "goodwill",
        "goodwill_package",
        0,
    );
    expect(
        &f,
        "kind=free_monetary",
        None,
        "goodwill",
        "goodwill_package",
        0,
    );
    expect(&f, "", Some(5), "default", "needs_review", 0);
    expect(
        &f,
        "reporter=small_business",
        Some(400_000),
        "default",
        "needs_review",
        0,
    );
}

#[test]
fn explanations_check_every_condition() {
    let f = final_set();
    let c = case(SB, Some(300_001));
    let e = f.explain(&c);
    assert_eq!(e.rule.id, "small-business-band-2");
    assert_eq!(e.rule.index, 6);
    assert_eq!(
        e.rule.title,
        "Small business, 300,001 to 500,000 won: 50,000 won"
    );
    assert_eq!(e.rule.outcome, "support_cash");
    assert_eq!(e.rule.cash, 50_000);
    assert_eq!(e.rule.payout, "50,000 won");
    assert_eq!(
        e.rule.in_kind.as_deref(),
        Some("KakaoTalk Channel message credit, 50,000 won")
    );
    assert!(!e.rule.is_default);
    let checks: Vec<(&str, &str, &str, bool)> = e
        .checks
        .iter()
        .map(|c| (c.text.as_str(), c.field, c.actual.as_str(), c.held))
        .collect();
    assert_eq!(
        checks,
        [
            ("kind=free_monetary", "kind", "free_monetary", true),
            (
                "reporter=small_business",
                "reporter",
                "small_business",
                true
            ),
            ("amount_krw>300,000", "amount_krw", "300,001", true),
        ]
    );
    assert!(e.nearest.is_empty());

    // A small business with no kind falls to the default; the nearest rules each miss kind.
    let c = case("reporter=small_business", None);
    let e = f.explain(&c);
    assert!(e.rule.is_default);
    assert_eq!((e.rule.id.as_str(), e.rule.index), ("default", 9));
    assert!(e.checks.is_empty());
    let near: Vec<(&str, Vec<(&str, &str)>)> = e
        .nearest
        .iter()
        .map(|m| {
            let failed = m
                .failed
                .iter()
                .map(|c| (c.text.as_str(), c.actual.as_str()))
                .collect();
            (m.id.as_str(), failed)
        })
        .collect();
    assert_eq!(
        near,
        [
            ("affiliate", vec![("scope=affiliate", "none")]),
            ("paid-per-terms", vec![("kind=paid", "none")]),
            (
                "no-monetary-loss",
                vec![("kind=inquiry,opinion,protest,encouragement", "none")]
            ),
        ]
    );
    assert_eq!(
        e.to_string(),
        "rule default (line 71): No rule applies: a reviewer decides\n\
         outcome needs_review\n\
         \x20 not rule affiliate (line 9): Affiliate services are handled by the affiliate\n\
         \x20   ✗ scope=affiliate (none)\n\
         \x20 not rule paid-per-terms (line 15): Paid services: compensated as their terms of service say\n\
         \x20   ✗ kind=paid (none)\n\
         \x20 not rule no-monetary-loss (line 22): Inquiries, opinions, protests and encouragement get a reply\n\
         \x20   ✗ kind=inquiry,opinion,protest,encouragement (none)\n"
    );

    // Fewest failed conditions first, rule order among equals.
    let text = "name = \"n\"\n\
                [[rule]]\nid = \"a\"\ntitle = \"A\"\nwhen = \"kind=paid reporter=enterprise\"\noutcome = \"x\"\n\
                [[rule]]\nid = \"b\"\ntitle = \"B\"\nwhen = \"kind=inquiry\"\noutcome = \"x\"\n\
                [[rule]]\nid = \"c\"\ntitle = \"C\"\nwhen = \"status=new amount>100\"\noutcome = \"x\"\n\
                [[rule]]\nid = \"d\"\ntitle = \"D\"\nwhen = \"status=reviewed kind=paid scope=kakao\"\noutcome = \"x\"\n\
                [default]\noutcome = \"y\"\n";
    let (set, _) = RuleSet::parse(text, "n.toml").unwrap();
    let e = set.explain(&case("kind=protest reporter=individual", Some(9)));
    let near: Vec<(&str, usize)> = e
        .nearest
        .iter()
        .map(|m| (m.id.as_str(), m.failed.len()))
        .collect();
    assert_eq!(near, [("b", 1), ("c", 1), ("a", 2)]);
    assert_eq!(e.nearest[1].failed[0].actual, "9");
    assert_eq!(e.nearest[1].line, 12);
}

#[test]
fn explanations_of_percent_payouts() {
    let d = draft();
    let sb = format!("{SB} substitute=unavailable");
    let e = d.explain(&case(&sb, Some(99_999)));
    assert_eq!(e.rule.cash, 10_000);
    assert_eq!(
        e.rule.cash_reason,
        "10% of 99,999 won = 9,999 won, raised to the minimum of 10,000 won"
    );
    assert_eq!(
        e.rule.payout,
        "10% of amount_krw (rounded down), at least 10,000 and at most 100,000 won"
    );
    let e = d.explain(&case(&sb, Some(1_500_005)));
    assert_eq!(
        e.rule.cash_reason,
        "10% of 1,500,005 won = 150,000 won, capped at the maximum of 100,000 won"
    );
    assert!(e.to_string().contains("\n  payout: 10% of 1,500,005 won"));
    // A percent rule without an amount pays 0 and says so.
    let text =
        "name = \"p\"\n[[rule]]\nid = \"p\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"cash\"\n\
                payout = { percent = 10, min = 5, max = 9 }\n[default]\noutcome = \"x\"\n";
    let (set, _) = RuleSet::parse(text, "p.toml").unwrap();
    let e = set.explain(&case("", None));
    assert_eq!(
        (e.rule.cash, e.rule.cash_reason.as_str()),
        (0, "no amount claimed: 10% of nothing is 0 won")
    );
}

#[test]
fn totals_follow_decisions() {
    let f = final_set();
    let cases = [
        case(SB, Some(400_000)),
        case(SB, Some(100)),
        case(SB, Some(100)),
        case("kind=paid", None),
    ];
    let decisions = evaluate(&f, &cases);
    let mut totals = Totals::of(&f, decisions.iter().copied());
    assert_eq!(totals.get("support_cash"), Some((3, 110_000)));
    assert_eq!(totals.get("per_terms"), Some((1, 0)));
    assert_eq!(totals.get("needs_review"), Some((0, 0)));
    assert_eq!(totals.get("nope"), None);
    assert_eq!((totals.cases(), totals.cash()), (4, 110_000));
    assert_eq!(totals.by_outcome().count(), f.outcome_codes().len());
    // A relabel: take the old decision away, add the new one.
    let mut relabelled = cases[0].clone();
    relabelled.amount_krw = Some(600_000);
    totals.remove(decisions[0]);
    totals.add(f.decide(&relabelled));
    assert_eq!(totals.get("support_cash"), Some((2, 60_000)));
    assert_eq!(totals.get("individual_review"), Some((1, 0)));
    assert_eq!(
        totals,
        Totals::of(
            &f,
            evaluate(&f, [&relabelled, &cases[1], &cases[2], &cases[3]])
        )
    );
}

#[test]
fn diff_counts_changes_and_cash() {
    let (d, f) = (draft(), final_set());
    let cases = [
        case(&format!("{SB} substitute=available"), Some(400_000)), // decline → support 50,000
        case(&format!("{SB} substitute=unavailable"), Some(400_000)), // 40,000 → 50,000
        case(&format!("{SB} substitute=unavailable"), Some(300_000)), // 30,000 → 30,000
        case(&format!("{SB} substitute=unknown"), Some(600_000)),   // evidence → review
        case(&format!("{SB} substitute=available"), Some(10)),      // decline → support 30,000
        case("kind=paid", None),
    ];
    let (da, db) = (evaluate(&d, &cases), evaluate(&f, &cases));
    let result = diff(&d, &da, &f, &db, |_| true);
    assert_eq!(result.cases, 6);
    assert_eq!(result.changed, 3);
    assert_eq!(result.cash_changed, 1);
    assert_eq!(
        result.matrix,
        [
            (
                "decline_substitute".to_string(),
                "support_cash".to_string(),
                2
            ),
            (
                "needs_evidence".to_string(),
                "individual_review".to_string(),
                1
            ),
        ]
    );
    assert_eq!((result.cash_a, result.cash_b), (70_000, 160_000));
    let some = diff(&d, &da, &f, &db, |i| i >= 3);
    assert_eq!(
        (some.cases, some.changed, some.cash_a, some.cash_b),
        (3, 2, 0, 30_000)
    );
    let compare = Compare::new(&d, &f);
    let changed: Vec<bool> = da
        .iter()
        .zip(&db)
        .map(|(&a, &b)| compare.changed(a, b))
        .collect();
    assert_eq!(changed, [true, false, false, true, true, false]);
    // Derived values for the filter.
    let derived = f.derived(db[0], Some(changed[0]));
    assert_eq!(
        (derived.outcome, derived.rule, derived.changed),
        (
            Some("support_cash"),
            Some("small-business-band-2"),
            Some(true)
        )
    );
    let same = diff(&f, &db, &f, &db, |_| true);
    assert_eq!(
        (same.changed, same.cash_changed, same.matrix.len()),
        (0, 0, 0)
    );
}

#[test]
fn load_reports_an_unreadable_file() {
    let problems = RuleSet::load(std::path::Path::new("/no/such/rules.toml")).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0]
        .to_string()
        .starts_with("/no/such/rules.toml: cannot read the file: "));
    assert!(load_dir(std::path::Path::new("/no/such/dir")).is_empty());
}

// ---- properties ----

#[rustfmt::skip]
const PIECES: &[&str] = &[
    "name = \"x\"\n", "description = \"d\"\n", "[[rule]]\n", "[default]\n", "[rule]\n",
    "id = \"a\"\n", "id = \"a\"\n", "id = \"B\"\n", "title = \"t\"\n", "title = \"\"\n",
    "when = \"kind=paid\"\n", "when = \"kind=pai amount>5\"\n", "when = 'amount<=300,000'\n",
    "when = \"\"\"\nkind=free_monetary\n  x=1\"\"\"\n", "outcome = \"o\"\n", "outcome = \"O\"\n",
    "payout = { cash = 5 }\n", "payout = { percent = 2.5, min = 0, max = 9 }\n",
    "payout = \"none\"\n", "payout = 5\n", "in_kind = \"k\"\n", "knd = 1\n", "= \"\n", "\"",
    "[", "]", "\n", "#", "카카오", "\u{0}", "\r\n", "id = 3\n", "when = \"id=1\"\n",
];

fn rule_file() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

fn any_case() -> impl Strategy<Value = Case> {
    let label = |n: u8| proptest::option::of(0..n);
    (
        (label(2), label(3), label(6), label(13), label(3)),
        0usize..3,
        proptest::option::of(prop_oneof![
            0i64..3,
            9_999i64..10_002,
            299_999i64..300_002,
            499_999i64..500_002,
            0i64..2_000_000
        ]),
    )
        .prop_map(|((a, b, c, d, e), s, amount_krw)| Case {
            labels: [a, b, c, d, e],
            status: Status::ALL[s],
            amount_krw,
            note: Some("n".into()),
            ..Case::new("x", "t")
        })
}

#[rustfmt::skip]
const CONDITIONS: &[&str] = &[
    "scope=affiliate", "scope!=affiliate", "kind=paid", "kind=free_monetary,none",
    "kind!=inquiry,opinion", "reporter=small_business", "reporter!=individual,none",
    "substitute=unknown,none", "service=talk_channel,kakaomap", "amount_krw>300,000",
    "amount_krw<=500000", "amount=none", "amount!=none", "amount=300000,none", "status=new",
    "status!=escalated", "amount>=10000",
];

fn any_rule_set() -> impl Strategy<Value = String> {
    let rule = proptest::collection::vec(proptest::sample::select(CONDITIONS), 0..4);
    let payout = proptest::sample::select(
        &[
            "",
            "payout = { cash = 30_000 }\n",
            "payout = { percent = 12.5, min = 10_000, max = 100_000 }\n",
        ][..],
    );
    proptest::collection::vec((rule, payout, 0usize..4), 0..8).prop_map(|rules| {
        let mut text = String::from("name = \"random\"\n");
        for (i, (conditions, payout, outcome)) in rules.iter().enumerate() {
            text.push_str(&format!(
                "[[rule]]\nid = \"r{i}\"\ntitle = \"t\"\nwhen = \"{}\"\noutcome = \"o{outcome}\"\n{payout}",
                conditions.join(" ")
            ));
        }
        text.push_str("[default]\noutcome = \"fallback\"\n");
        text
    })
}

/// The first rule whose every condition, parsed alone as a filter, matches.
fn naive(set: &RuleSet, c: &Case) -> (String, String, i64) {
    let rule = set
        .rules
        .iter()
        .find(|r| {
            r.conditions
                .iter()
                .all(|cond| crate::domain::Filter::parse(&cond.text).unwrap().matches(c))
        })
        .unwrap_or(&set.default);
    (
        rule.id.clone(),
        rule.outcome.clone(),
        rule.payout.cash(c.amount_krw),
    )
}

proptest! {
    #[test]
    fn parse_never_panics(text in rule_file()) {
        match RuleSet::parse(&text, "f.toml") {
            Ok((set, warnings)) => {
                prop_assert!(warnings.iter().all(|w| w.warning));
                prop_assert!(!set.outcome_codes().is_empty());
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(problems.iter().all(|p| !p.warning && !p.message.is_empty()));
            }
        }
    }

    #[test]
    fn parse_never_panics_on_any_text(text in "\\PC{0,200}") {
        let _ = RuleSet::parse(&text, "f.toml");
    }

    #[test]
    fn decide_agrees_with_a_naive_evaluation(
        text in any_rule_set(),
        cases in proptest::collection::vec(any_case(), 1..20),
    ) {
        let (set, _) = RuleSet::parse(&text, "random.toml").expect("generated files are valid");
        for c in &cases {
            let d = set.decide(c);
            let got = (set.rule_of(d).id.clone(), set.outcome_code(d).to_string(), d.cash);
            prop_assert_eq!(got, naive(&set, c));
            // Stats judges the cases without their text and note.
            prop_assert_eq!(set.decide(&c.clone().without_text()), d);
            let e = set.explain(c);
            prop_assert_eq!(e.rule.index, usize::from(d.rule));
            prop_assert!(e.checks.iter().all(|c| c.held));
        }
    }

    #[test]
    fn never_fires_warnings_are_true(
        text in any_rule_set(),
        cases in proptest::collection::vec(any_case(), 1..40),
    ) {
        let (set, warnings) = RuleSet::parse(&text, "random.toml").expect("valid");
        for w in warnings.iter().filter(|w| w.message.contains("never fire")) {
            let id = w.rule.clone().unwrap_or_default();
            for c in &cases {
                prop_assert_ne!(&set.rule_of(set.decide(c)).id, &id, "{}", w);
            }
        }
    }
}

#[test]
fn the_format_example_in_the_readme_is_a_valid_rule_set() {
    let readme = include_str!("../../sample-data/rules/README.md");
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block");
    let (set, warnings) = RuleSet::parse(example, "README.md").expect("valid");
    assert_eq!(warnings, vec![]);
    assert_eq!(set.rules.len(), 2);
    assert_eq!(set.rules[1].payout, Payout::Cash(50_000));
}
