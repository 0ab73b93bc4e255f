//! Suggestions in the workbench, driven headless: shown beside the labels, accepted with one
//! key (audit action `suggestion`), and the three queues they order.

mod common;

use casebench::domain::{CaseSuggestion, Dimension, Status, Suggested, SuggestedAmount};
use casebench::store::Store;
use casebench::tui::app::{Msg, Screen};
use casebench::tui::rule_files::RuleSource;
use common::workbench::driver;

fn suggest(kind: u8, kind_conf: f32, reporter: Option<(u8, f32)>) -> CaseSuggestion {
    let mut s = CaseSuggestion::default();
    s.labels[Dimension::Kind.index()] = Some(Suggested {
        code: kind,
        confidence: kind_conf,
    });
    s.labels[Dimension::Reporter.index()] =
        reporter.map(|(code, confidence)| Suggested { code, confidence });
    s
}

/// Suggestions for three fixture cases, written as `suggest run` would.
fn with_suggestions(path: &std::path::Path) -> Vec<(String, CaseSuggestion)> {
    let mut store = Store::open(path).unwrap();
    let model = common::placeholder_model(&mut store, "kim", 10);
    // R-000001 is a small business, free_monetary, 300,000: the suggestion says inquiry (0.95,
    // a confident contradiction). R-000004 (unlabelled) gets free_monetary with its amount.
    // R-000005 gets inquiry at 0.4 (the least confident).
    let mut first = suggest(2, 0.95, Some((1, 0.99)));
    first.model = model;
    let mut fourth = suggest(1, 0.8, Some((0, 0.7)));
    fourth.model = model;
    let text =
        "업비트 로그인이 카카오 로그인이라 하루 종일 거래를 못 했어요. 손해가 50,000원입니다.";
    let start = text.find("50,000원").unwrap();
    fourth.amount = Some(SuggestedAmount {
        won: 50_000,
        confidence: 0.9,
        start,
        end: start + "50,000원".len(),
        why: "the loss stated: 손해가 50,000원".into(),
    });
    let mut fifth = suggest(2, 0.4, None);
    fifth.model = model;
    let list = vec![
        ("R-000001".to_string(), first),
        ("R-000004".to_string(), fourth),
        ("R-000005".to_string(), fifth),
    ];
    store.save_suggestions("kim", &list).unwrap();
    list
}

#[test]
fn the_detail_shows_suggestions_and_y_accepts_them_as_one_change() {
    let (_dir, path, mut d) = driver(120, 40);
    let list = with_suggestions(&path);
    d.handle(Msg::Suggestions { list, fresh: true });
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "suggestions ready: 3 cases (model #1)"
    );
    d.press("j j j").unwrap(); // R-000004
    let screen = common::workbench::screen_text(&d, 120, 40);
    assert!(
        screen.contains("미분류 — · suggests free_monetary 0.80"),
        "{screen}"
    );
    assert!(screen.contains("suggests 50,000원 0.90"), "{screen}");
    assert!(
        screen.contains("「50,000원」: the loss stated: 손해가 50,000원"),
        "{screen}"
    );
    d.press("y").unwrap();
    let store = Store::open(&path).unwrap();
    let saved = store.get("R-000004").unwrap().unwrap();
    assert_eq!(saved.label_code(Dimension::Kind), Some("free_monetary"));
    assert_eq!(saved.label_code(Dimension::Reporter), Some("individual"));
    assert_eq!(saved.amount_krw, Some(50_000));
    assert_eq!(saved.status, Status::Reviewed);
    let history = store.history("R-000004").unwrap();
    let accepted: Vec<(&str, &str)> = history
        .iter()
        .skip(1)
        .map(|e| (e.action.as_str(), e.field.as_str()))
        .collect();
    assert_eq!(
        accepted,
        [
            ("suggestion", "reporter"),
            ("suggestion", "kind"),
            ("suggestion", "amount_krw"),
            ("suggestion", "status")
        ]
    );
    assert_ne!(
        d.app.current().unwrap().id,
        "R-000004",
        "on to the next unreviewed case"
    );
    // A case without suggestions says so and changes nothing.
    d.press("g j").unwrap(); // R-000002
    d.press("y").unwrap();
    assert!(d
        .app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("no suggestions for this case yet"));
    assert_eq!(store.get("R-000002").unwrap().unwrap().version, 1);
}

#[test]
fn y_keeps_what_the_reviewer_typed_on_the_case_and_accepts_the_rest() {
    let (_dir, path, mut d) = driver(120, 40);
    let list = with_suggestions(&path);
    d.handle(Msg::Suggestions { list, fresh: false });
    d.press("j j j").unwrap(); // R-000004: suggested free_monetary, individual, 50,000 won
                               // The reviewer fixes the kind, says the claim states no amount (an empty amount line on
                               // an empty amount), and clears the reporter it already lacks; then y.
    d.press("3 $ enter backspace i y").unwrap();
    let store = Store::open(&path).unwrap();
    let saved = store.get("R-000004").unwrap().unwrap();
    assert_eq!(saved.label_code(Dimension::Kind), Some("inquiry"), "typed");
    assert_eq!(
        saved.label_code(Dimension::Reporter),
        None,
        "typed: cleared"
    );
    assert_eq!(saved.amount_krw, None, "typed: none");
    assert_eq!(saved.status, Status::Reviewed);
    let history: Vec<(String, String)> = store
        .history("R-000004")
        .unwrap()
        .iter()
        .skip(1)
        .map(|e| (e.action.clone(), e.field.clone()))
        .collect();
    let pairs: Vec<(&str, &str)> = history
        .iter()
        .map(|(a, f)| (a.as_str(), f.as_str()))
        .collect();
    assert_eq!(pairs, [("label", "kind"), ("suggestion", "status")]);
    // On another case, y accepts everything again: what was typed belongs to R-000004.
    d.press("g").unwrap(); // R-000001: suggested inquiry 0.95 over its free_monetary
    d.press("y").unwrap();
    let first = store.get("R-000001").unwrap().unwrap();
    assert_eq!(first.label_code(Dimension::Kind), Some("inquiry"));
}

#[test]
fn backspace_and_a_label_key_clear_that_label() {
    let (_dir, path, mut d) = driver(120, 40);
    // R-000001 has every label.
    d.press("backspace 1 backspace s backspace a backspace o")
        .unwrap();
    let saved = Store::open(&path)
        .unwrap()
        .get("R-000001")
        .unwrap()
        .unwrap();
    for dim in [
        Dimension::Kind,
        Dimension::Service,
        Dimension::Substitute,
        Dimension::Scope,
    ] {
        assert_eq!(saved.label(dim), None, "{dim:?}");
    }
    assert_eq!(
        saved.label_code(Dimension::Reporter),
        Some("small_business")
    );
}

#[test]
fn the_queues_the_suggestions_order() {
    let (_dir, path, mut d) = driver(120, 40);
    d.load_rules(RuleSource::Builtin);
    let list = with_suggestions(&path);
    d.handle(Msg::Suggestions { list, fresh: false });
    let ids = |d: &casebench::tui::driver::Driver| -> Vec<String> {
        d.app
            .view
            .indices
            .iter()
            .map(|&i| d.app.cases.get(i).unwrap().id.clone())
            .collect()
    };
    let open = |d: &mut casebench::tui::driver::Driver, name: &str| {
        d.press("v").unwrap();
        d.type_text(name);
        d.press("enter").unwrap();
        assert_eq!(d.app.screen(), &Screen::Cases);
        assert_eq!(d.app.spec.name, name);
    };
    open(&mut d, "least confident suggestions");
    assert_eq!(ids(&d), ["R-000005", "R-000004", "R-000001"]);
    open(&mut d, "disagrees with a confident suggestion");
    assert_eq!(
        ids(&d),
        ["R-000001"],
        "kind inquiry at 0.95 against free_monetary"
    );
    // The list marks it.
    let screen = common::workbench::screen_text(&d, 120, 40);
    assert!(screen.contains("≠R-000001"), "{screen}");
    // Money at risk: R-000001 would move from support_cash (30,000) to the inquiry outcome
    // with a chance of 0.95 × 0.99 (reporter agrees: only kind differs → 0.95).
    open(&mut d, "money at risk");
    let risk = d.app.money_at_risk_order();
    assert_eq!(risk[0].0, d.app.cases.index_of("R-000001").unwrap());
    assert!((risk[0].1 - 0.95 * 30_000.0).abs() < 1.0, "{risk:?}");
    assert_eq!(ids(&d)[0], "R-000001");
}

#[test]
fn the_panel_shows_the_counts_the_suggestions_would_give() {
    let (_dir, path, mut d) = driver(200, 50);
    let list = with_suggestions(&path);
    d.handle(Msg::Suggestions { list, fresh: false });
    // Labels: free_monetary 2 (R-000001, R-000002). Accepted: R-000001 → inquiry, R-000004 →
    // free_monetary, R-000005 → inquiry.
    assert_eq!(
        d.app.view.suggested.label(Dimension::Kind, Some(1)),
        2,
        "R-000002 and R-000004"
    );
    assert_eq!(d.app.view.suggested.label(Dimension::Kind, Some(2)), 2);
    d.press("Y").unwrap();
    let screen = common::workbench::screen_text(&d, 200, 50);
    assert!(screen.contains("suggested · change"), "{screen}");
    assert!(screen.contains("inquiry"), "{screen}");
}
