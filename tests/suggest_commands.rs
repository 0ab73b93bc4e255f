//! `casebench suggest train | run | evaluate` on a small sample.

mod common;

use casebench::store::Store;
use common::{query_count as count, Env};

/// A database with a 3,000-case sample (every case labelled by the generator).
fn sampled() -> Env {
    let env = Env::new();
    env.run(&["sample", "--cases", "3000"]).ok();
    env
}

#[test]
fn run_and_evaluate_without_a_model_say_how_to_get_one() {
    let env = sampled();
    let eval = format!(
        "{}/sample-data/eval/claims.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    for args in [vec!["suggest", "run"], vec!["suggest", "evaluate", &eval]] {
        let run = env.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("no model yet; run casebench suggest train first"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggestions"), 0);
}

#[test]
fn train_stores_a_model_with_its_figures_and_the_same_seed_gives_the_same_model() {
    let env = sampled();
    let out = env.run(&["suggest", "train"]).ok();
    assert!(
        out.starts_with("model #1: learnt from 3,000 labelled cases (seed 20221015)"),
        "{out}"
    );
    for dim in ["scope", "reporter", "kind", "service", "substitute"] {
        assert!(
            out.lines().any(|l| l.starts_with(dim)),
            "{dim} has a row:\n{out}"
        );
    }
    assert!(out.contains("amount (read by rules"), "{out}");
    env.run(&["suggest", "train"]).ok();
    let store = Store::open(&env.db).unwrap();
    let blobs: Vec<Vec<u8>> = store
        .connection()
        .unwrap()
        .prepare("SELECT labels FROM suggest_models ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(blobs.len(), 2);
    assert_eq!(blobs[0], blobs[1], "same cases and seed, same model");
    let cases_used: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT cases_used FROM suggest_models WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cases_used, 3000);
}

#[test]
fn train_where_learns_only_from_the_matching_cases() {
    let env = sampled();
    let paid = env.stats("kind=paid")["total"].as_u64().unwrap();
    let out = env
        .run(&["suggest", "train", "--where", "kind=paid", "--seed", "7"])
        .ok();
    assert!(
        out.starts_with(&format!(
            "model #1: learnt from {} labelled cases (seed 7)",
            casebench::domain::format_amount(paid as i64)
        )),
        "{out}"
    );
    assert_eq!(
        count(&env.db, "SELECT filter = 'kind=paid' FROM suggest_models"),
        1
    );
}

#[test]
fn run_stores_suggestions_beside_the_cases_and_leaves_the_labels_alone() {
    let env = sampled();
    let before = env.run(&["export"]).ok();
    env.run(&["suggest", "train"]).ok();
    let out = env.run(&["suggest", "run"]).ok();
    assert!(
        out.starts_with("suggested for 3,000 cases with model #1: "),
        "{out}"
    );
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggestions"), 3000);
    assert_eq!(env.run(&["export"]).ok(), before, "labels unchanged");
    // The summary's agreeing count is what the filter field agrees=yes selects.
    let agree = env.stats("agrees=yes")["total"].as_u64().unwrap();
    assert!(
        out.contains(&format!(
            ": {} agree with every label;",
            casebench::domain::format_amount(agree as i64)
        )),
        "{out} vs agrees=yes {agree}"
    );
    // --where limits the cases; their suggestions are replaced, the others' kept.
    let out = env.run(&["suggest", "run", "--where", "kind=paid"]).ok();
    let paid = env.stats("kind=paid")["total"].as_u64().unwrap();
    assert!(
        out.starts_with(&format!(
            "suggested for {} cases",
            casebench::domain::format_amount(paid as i64)
        )),
        "{out}"
    );
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggestions"), 3000);
}

/// Four claims written for this test: two state a loss, two state none.
const CLAIMS: &str = r#"{"id":"T-1","text":"미용실 운영하는데 카톡 채널 예약이 안 돼서 하루 매출 80만원 손해 봤습니다","scope":"kakao","reporter":"small_business","kind":"free_monetary","service":"talk_channel","substitute":"unavailable","amount_krw":800000}
{"id":"T-2","text":"이모티콘 플러스 결제했는데 이틀 못 썼어요. 환불 3,900원 해주세요","scope":"kakao","reporter":"individual","kind":"paid","service":"emoticon","substitute":"unknown","amount_krw":3900}
{"id":"T-3","text":"카톡 언제 돼요?","scope":"kakao","reporter":"individual","kind":"inquiry","service":"kakaotalk","substitute":"unknown","amount_krw":null}
{"id":"T-4","text":"고생 많으십니다","scope":"kakao","reporter":"individual","kind":"inquiry","service":"kakaotalk","substitute":"unknown","amount_krw":null}
"#;

#[test]
fn evaluate_reports_every_dimension_and_the_amount_and_changes_nothing() {
    let env = sampled();
    env.run(&["suggest", "train"]).ok();
    let file = env.write("claims.jsonl", CLAIMS);
    let out = env
        .run(&["suggest", "evaluate", file.to_str().unwrap()])
        .ok();
    assert!(
        out.starts_with("model #1 on 4 hand-labelled cases from "),
        "{out}"
    );
    assert!(
        out.contains(
            "amount: exact 100.0% (2 of 2) of the cases that state one; invented 0.0% (0 of 2) \
             of the cases that state none; missed 0.0% (0 of 2)"
        ),
        "{out}"
    );
    assert!(out.contains("kind: calibration\n"), "{out}");
    assert!(
        out.contains("kind: confusion (rows: the label, columns: the suggestion)"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &env.run(&["suggest", "evaluate", file.to_str().unwrap(), "--json"])
            .ok(),
    )
    .unwrap();
    assert_eq!(json["cases"], 4);
    assert_eq!(json["amount"]["exact"]["hits"], 2);
    assert_eq!(json["amount"]["invented"]["of"], 2);
    for dim in ["scope", "reporter", "kind", "service", "substitute"] {
        assert_eq!(json["dimensions"][dim]["accuracy"]["of"], 4, "{dim}");
        assert_eq!(
            json["dimensions"][dim]["calibration"]
                .as_array()
                .unwrap()
                .len(),
            10
        );
    }
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggestions"), 0);
    assert_eq!(
        count(&env.db, "SELECT count(*) FROM cases WHERE id LIKE 'T-%'"),
        0
    );
}

#[test]
fn evaluate_a_bad_file_names_the_line_and_evaluates_nothing() {
    let env = sampled();
    env.run(&["suggest", "train"]).ok();
    let file = env.write(
        "bad.jsonl",
        "{\"id\":\"T-1\",\"text\":\"카톡\",\"kind\":\"paid\"}\n{\"id\":\"T-2\",\"text\":\"x\",\"kind\":\"payed\"}\n",
    );
    let run = env.run(&["suggest", "evaluate", file.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("bad.jsonl:2: kind:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bad.jsonl: 1 problem; nothing was evaluated"),
        "{}",
        run.stderr
    );
}
