//! `casebench revert` through the real binary: a batch restored exactly (labels, history, one
//! revert batch in the audit), a case changed since skipped and named, a dry run that changes
//! nothing, the lead-only limit, an unknown batch, and spot-check populations after a lead
//! reverts a reviewer's batch.

mod common;

use common::{Env, Run};
use serde_json::Value;

fn run_as(env: &Env, who: &str, args: &[&str]) -> Run {
    let mut cmd = env.cmd(args);
    cmd.args(["--reviewer", who]);
    common::run(cmd)
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The batch id in `changed N cases (batch ID); …` (label --where) or `reverted as batch ID`.
fn batch_of(out: &str) -> String {
    let after = out
        .split_once("(batch ")
        .or_else(|| out.split_once("reverted as batch "))
        .unwrap_or_else(|| panic!("no batch in {out}"))
        .1;
    after
        .split([')', '\n'])
        .next()
        .unwrap_or_default()
        .to_string()
}

fn kind_counts(env: &Env) -> Value {
    env.stats("")["by"]["kind"].clone()
}

/// When each case's last audit row was written, and by whom: the skip line names them.
fn last_change(env: &Env, id: &str) -> (String, String) {
    let history = json_lines(&env.run(&["history", id, "--json"]).ok());
    let last = history.last().expect("a history");
    (
        last["reviewer"].as_str().unwrap().to_string(),
        last["at"].as_str().unwrap().to_string(),
    )
}

#[test]
fn amounts_in_the_report_have_thousands_separators() {
    let env = Env::with_cases(2);
    run_as(&env, "kim", &["label", "C-1", "amount=300000"]).ok();
    let out = run_as(
        &env,
        "kim",
        &["label", "--where", "id=C-1", "amount=80만원"],
    )
    .ok();
    let batch = batch_of(&out);
    let dry = env.run(&["revert", &batch, "--dry-run"]).ok();
    assert!(
        dry.contains("restore C-1: amount_krw 800,000 → 300,000\n"),
        "{dry}"
    );
}

#[test]
fn a_revert_restores_the_batch_exactly_and_names_the_case_changed_since() {
    let env = Env::with_cases(6);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    run_as(&env, "lee", &["label", "C-1", "kind=inquiry"]).ok();
    let out = run_as(
        &env,
        "kim",
        &["label", "--where", "status=new", "kind=paid", "note=일괄"],
    )
    .ok();
    let batch = batch_of(&out);
    assert!(batch.starts_with("bulk-"), "{out}");
    run_as(&env, "lee", &["label", "C-3", "kind=opinion"]).ok();
    let (_, lee_at) = last_change(&env, "C-3");
    let audit_rows = json_lines(&env.run(&["audit", "--json"]).ok()).len();

    let dry = env.run(&["revert", &batch, "--dry-run"]).ok();
    let skip = format!("C-3: kind changed since by lee at {lee_at}");
    assert_eq!(
        dry,
        format!(
            "batch {batch} changed 6 cases: 5 would be restored, 1 skipped (changed since)\n\
             restore C-1: kind paid → inquiry, note 일괄 → ∅\n\
             restore C-2: kind paid → ∅, note 일괄 → ∅\n\
             restore C-4: kind paid → ∅, note 일괄 → ∅\n\
             restore C-5: kind paid → ∅, note 일괄 → ∅\n\
             restore C-6: kind paid → ∅, note 일괄 → ∅\n\
             skip {skip}\n\
             dry run: nothing was changed\n"
        )
    );
    assert_eq!(kind_counts(&env)["paid"], 5, "the dry run changed nothing");
    assert_eq!(
        json_lines(&env.run(&["audit", "--json"]).ok()).len(),
        audit_rows
    );

    let out = env.run(&["revert", &batch]).ok();
    let revert = batch_of(&out);
    assert!(revert.starts_with("revert-"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("batch {batch} changed 6 cases: 5 restored, 1 skipped (changed since)")
    );
    assert_eq!(lines[1], "restored C-1: kind paid → inquiry, note 일괄 → ∅");
    assert_eq!(lines[6], format!("skipped {skip}"));
    assert_eq!(lines[7], format!("reverted as batch {revert}"));
    assert_eq!(lines.len(), 8);

    let kinds = kind_counts(&env);
    assert_eq!(kinds["paid"], 0);
    assert_eq!(kinds["inquiry"], 1, "C-1 is lee's inquiry again");
    assert_eq!(kinds["opinion"], 1, "C-3 keeps lee's later change");
    assert_eq!(env.stats("kind=none")["total"], 4);
    let notes: Vec<String> = json_lines(&env.run(&["export", "--format", "jsonl"]).ok())
        .iter()
        .filter(|c| c["note"] == "일괄")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(notes, ["C-3"], "only the skipped case keeps the note");
    let history = json_lines(&env.run(&["history", "C-1", "--json"]).ok());
    let tail: Vec<(&str, &str, &str, &str)> = history[history.len() - 2..]
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["field"].as_str().unwrap(),
                e["new"].as_str().unwrap_or("∅"),
                e["batch"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            ("revert", "kind", "inquiry", revert.as_str()),
            ("revert", "note", "∅", revert.as_str()),
        ]
    );
    let reverts: Vec<Value> = json_lines(&env.run(&["audit", "--json"]).ok())
        .into_iter()
        .filter(|e| e["action"] == "revert")
        .collect();
    assert_eq!(reverts.len(), 10, "two fields of five cases");
    assert!(reverts
        .iter()
        .all(|e| e["batch"] == revert.as_str() && e["reviewer"] == "tester"));

    // Reverting the revert is another batch: kim's values come back where nothing moved.
    let out = env.run(&["revert", &revert]).ok();
    assert!(
        out.starts_with(&format!(
            "batch {revert} changed 5 cases: 5 restored, 0 skipped (changed since)\n"
        )),
        "{out}"
    );
    assert_eq!(kind_counts(&env)["paid"], 5);
}

#[test]
fn a_reviewer_may_not_revert_more_than_100_cases() {
    let env = Env::with_cases(101);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let batch = batch_of(
        &env.run(&["label", "--where", "kind=none", "kind=paid"])
            .ok(),
    );
    let run = run_as(&env, "kim", &["revert", &batch]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "casebench: only a lead can change more than 100 cases in one bulk change (this one has \
         101); kim is a reviewer\n"
    );
    assert_eq!(kind_counts(&env)["paid"], 101, "nothing was reverted");
    let out = env.run(&["revert", &batch]).ok();
    assert!(
        out.starts_with(&format!(
            "batch {batch} changed 101 cases: 101 restored, 0 skipped"
        )),
        "{out}"
    );
    assert_eq!(env.stats("kind=none")["total"], 101);
}

#[test]
fn an_unknown_or_unrevertible_batch_is_refused_with_where_to_look() {
    let env = Env::with_cases(2);
    let batch = batch_of(
        &env.run(&["label", "--where", "kind=none", "kind=paid"])
            .ok(),
    );
    let typo = format!("{}x", &batch[..batch.len() - 1]);
    let run = env.run(&["revert", &typo]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "casebench: no batch \"{typo}\" in the audit log (nearest: {batch}; casebench audit \
             shows every change with its batch)\n"
        )
    );
    let audit = json_lines(&env.run(&["audit", "--json"]).ok());
    let import = audit[0]["batch"].as_str().unwrap();
    let run = env.run(&["revert", import]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "casebench: batch {import} cannot be reverted: it created cases; a revert changes \
             fields back, it does not remove cases\n"
        )
    );
    assert_eq!(kind_counts(&env)["paid"], 2, "nothing changed");
}

/// The ids of a spot-check over everything `who` last labelled (the sample is the whole
/// population), or the refusal when there is none.
fn population(env: &Env, who: &str) -> Result<Vec<String>, String> {
    let run = env.run(&[
        "spot-check",
        "new",
        "--of",
        who,
        "--since",
        "2000-01-01",
        "--size",
        "1000",
        "--seed",
        "1",
    ]);
    if run.code != 0 {
        return Err(run.stderr);
    }
    let mut ids: Vec<String> = run.stdout.lines().skip(2).map(str::to_string).collect();
    ids.sort();
    Ok(ids)
}

/// kim labels C-1 and C-2 by hand, lee C-5; lee's bulk change sets the service of all six;
/// kim then labels C-6's kind and lee changes C-4's service by hand. The lead reverts lee's
/// batch: C-4 is skipped (changed since), the others restored.
///
/// As if the batch never happened: kim's cases are kim's (C-6's kind came after the batch on
/// another field, so it stands), lee keeps only what lee did by hand (C-5 before, C-4 after),
/// C-3 (touched only by the batch) is nobody's, and nothing became the lead's.
#[test]
fn a_revert_leaves_the_spot_check_populations_as_if_the_batch_never_happened() {
    let env = Env::with_cases(6);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    run_as(&env, "kim", &["label", "C-1", "kind=paid"]).ok();
    run_as(&env, "kim", &["label", "C-2", "kind=inquiry"]).ok();
    run_as(&env, "lee", &["label", "C-5", "kind=protest"]).ok();
    let out = run_as(
        &env,
        "lee",
        &["label", "--where", "status=new", "service=kakaomap"],
    )
    .ok();
    let batch = batch_of(&out);
    run_as(&env, "kim", &["label", "C-6", "kind=opinion"]).ok();
    run_as(&env, "lee", &["label", "C-4", "service=melon"]).ok();
    let all: Vec<String> = (1..=5).map(|i| format!("C-{i}")).collect();
    assert_eq!(population(&env, "lee").unwrap(), all, "before the revert");
    assert_eq!(population(&env, "kim").unwrap(), ["C-6"]);

    let out = env.run(&["revert", &batch]).ok();
    assert!(
        out.starts_with(&format!(
            "batch {batch} changed 6 cases: 5 restored, 1 skipped (changed since)\n"
        )),
        "{out}"
    );
    assert!(
        out.contains("\nskipped C-4: service changed since by lee at "),
        "{out}"
    );
    assert_eq!(env.stats("service=kakaomap")["total"], 0);

    assert_eq!(population(&env, "kim").unwrap(), ["C-1", "C-2", "C-6"]);
    assert_eq!(population(&env, "lee").unwrap(), ["C-4", "C-5"]);
    assert_eq!(
        population(&env, "tester").unwrap_err(),
        "casebench: no case was last labelled by tester since 2000-01-01T00:00:00.000Z; nothing \
         to spot-check\n",
        "the revert made no case the lead's"
    );
}

#[test]
fn values_are_shown_on_one_line_with_escapes_made_visible() {
    let env = Env::with_cases(1);
    let out = env
        .run(&[
            "label",
            "--where",
            "status=new",
            "note=전화\n드림 \u{1b}[2J",
        ])
        .ok();
    let batch = batch_of(&out);
    let dry = env.run(&["revert", &batch, "--dry-run"]).ok();
    assert_eq!(
        dry.lines().nth(1),
        Some("restore C-1: note 전화 드림 ␛[2J → ∅"),
        "{dry}"
    );
}
