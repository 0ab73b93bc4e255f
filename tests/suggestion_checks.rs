//! Accepted suggestions, checked like a reviewer's work: `spot-check new --of suggestion`
//! samples the cases whose labels were last set by accepting a suggestion (not the work of the
//! reviewer who pressed the key), and `agreement` reports the suggestion beside the reviewers.

mod common;

use casebench::domain::{Change, Dimension};
use casebench::store::{AuditAction, ChangeRequest, Store};
use common::Env;

/// Four cases: C-1..C-3 accepted from suggestions by kim, C-4 labelled by kim by hand.
fn accepted() -> Env {
    let env = Env::with_cases(4);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let mut store = Store::open(&env.db).unwrap();
    for (id, kind, action) in [
        ("C-1", 0, AuditAction::Suggestion),
        ("C-2", 0, AuditAction::Suggestion),
        ("C-3", 2, AuditAction::Suggestion),
        ("C-4", 2, AuditAction::Label),
    ] {
        store
            .apply_change(&ChangeRequest {
                case_id: id,
                expected_version: None,
                reviewer: "kim",
                action,
                batch: None,
                changes: &[Change::Label(Dimension::Kind, Some(kind))],
            })
            .unwrap();
    }
    env
}

#[test]
fn accepted_suggestions_are_a_population_of_their_own() {
    let env = accepted();
    let out = env
        .run(&[
            "spot-check",
            "new",
            "--of",
            "suggestion",
            "--since",
            "2000-01-01",
            "--size",
            "3",
            "--seed",
            "1",
        ])
        .ok();
    assert!(
        out.starts_with("spot-check 1: 3 of 3 cases last labelled by suggestion since"),
        "{out}"
    );
    let ids: Vec<&str> = out.lines().skip(2).collect();
    assert!(
        !ids.iter().any(|l| l.contains("C-4")),
        "kim's own label is not a suggestion: {out}"
    );
    let kim = env
        .run(&[
            "spot-check",
            "new",
            "--of",
            "kim",
            "--since",
            "2000-01-01",
            "--size",
            "1",
        ])
        .ok();
    assert!(
        kim.starts_with("spot-check 2: 1 of 1 cases last labelled by kim since"),
        "accepting suggestions is not kim's own work: {kim}"
    );
    // The lead labels C-1 and C-3 blind: C-3's accepted suggestion (inquiry) was wrong.
    env.run(&["spot-check", "label", "1", "C-1", "kind=paid"])
        .ok();
    env.run(&["spot-check", "label", "1", "C-3", "kind=opinion"])
        .ok();
    let agreement = env.run(&["agreement", "--check", "1", "--json"]).ok();
    let report: serde_json::Value = serde_json::from_str(agreement.trim()).unwrap();
    let rows = report["reviewers"].as_array().unwrap();
    let suggestion = rows
        .iter()
        .find(|r| r["reviewer"] == "suggestion")
        .unwrap_or_else(|| panic!("{report}"));
    let kind = &suggestion["dimensions"]["kind"];
    assert_eq!(
        (kind["compared"].as_i64(), kind["agreed"].as_i64()),
        (Some(2), Some(1)),
        "{kind}"
    );
    assert_eq!(kind["percent_agreement"], 50.0);
}
