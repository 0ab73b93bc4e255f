//! The suggestion fields of `--where` (`suggested_FIELD`, `FIELD_confidence`, `agrees`) in
//! every command that selects cases and in the workbench's filter line, and `export
//! --suggestions`, on a database whose suggestions are written through the store as `suggest`
//! writes them.

mod common;

use casebench::domain::{CaseSuggestion, Dimension, Suggested, SuggestedAmount};
use casebench::store::Store;
use common::Env;

/// The rule file the committee discussed first.
fn draft_rules() -> String {
    format!(
        "{}/sample-data/rules/draft-2022-12-01.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn suggested(kind: Option<(&str, f32)>, amount: Option<(i64, f32)>) -> CaseSuggestion {
    let mut s = CaseSuggestion::default();
    s.labels[Dimension::Kind.index()] = kind.map(|(code, confidence)| Suggested {
        code: Dimension::Kind.parse_code(code).unwrap(),
        confidence,
    });
    s.amount = amount.map(|(won, confidence)| SuggestedAmount {
        won,
        confidence,
        start: 0,
        end: 4,
        why: "the loss stated".into(),
    });
    s
}

/// Six cases:
///
/// | case | labels                         | suggested                     | agrees |
/// |------|--------------------------------|-------------------------------|--------|
/// | C-1  | kind=paid                      | paid 0.93                     | yes    |
/// | C-2  | kind=paid                      | inquiry 0.4                   | no     |
/// | C-3  | none                           | paid 0.45, 800,000 won 0.97   | no     |
/// | C-4  | none                           | (no suggestions)              | none   |
/// | C-5  | none                           | (a row with nothing in it)    | none   |
/// | C-6  | kind=free_monetary, 800,000 won | free_monetary 0.8, 800,000 0.9 | yes |
fn env_with_suggestions() -> Env {
    let env = Env::with_cases(6);
    env.run(&["label", "C-1", "kind=paid"]).ok();
    env.run(&["label", "C-2", "kind=paid"]).ok();
    env.run(&["label", "C-6", "kind=free_monetary", "amount=800,000"])
        .ok();
    save(
        &env.db,
        [
            ("C-1", suggested(Some(("paid", 0.93)), None)),
            ("C-2", suggested(Some(("inquiry", 0.4)), None)),
            (
                "C-3",
                suggested(Some(("paid", 0.45)), Some((800_000, 0.97))),
            ),
            ("C-5", suggested(None, None)),
            (
                "C-6",
                suggested(Some(("free_monetary", 0.8)), Some((800_000, 0.9))),
            ),
        ],
    );
    env
}

/// Stores a model and these suggestions of it, as `suggest` would.
fn save<const N: usize>(db: &std::path::Path, rows: [(&str, CaseSuggestion); N]) {
    let mut store = Store::open(db).unwrap();
    let model = common::placeholder_model(&mut store, "tester", N);
    let rows = rows.map(|(id, s)| (id.to_string(), CaseSuggestion { model, ..s }));
    store.save_suggestions("tester", &rows).unwrap();
}

/// The ids `export --where EXPR` prints, in order.
fn exported_ids(env: &Env, expr: &str) -> Vec<String> {
    let out = env.run(&["export", "--where", expr]).ok();
    out.lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn stats_counts_the_cases_a_suggestion_field_selects() {
    let env = env_with_suggestions();
    assert_eq!(env.stats("suggested_kind=paid")["total"], 2);
    assert_eq!(env.stats("suggested_kind=paid kind=none")["total"], 1);
    assert_eq!(env.stats("suggested_kind=none")["total"], 2);
    assert_eq!(env.stats("suggested_amount=800,000")["total"], 2);
    assert_eq!(env.stats("amount_confidence>=0.95")["total"], 1);
    assert_eq!(env.stats("agrees=yes")["total"], 2);
    assert_eq!(env.stats("agrees!=yes")["total"], 4);
    // The labels counted are the cases', not the suggested ones.
    assert_eq!(
        env.stats("suggested_kind=paid")["by"]["kind"]["paid"],
        1,
        "C-1 is labelled paid, C-3 is not labelled"
    );
    let with_rules = env
        .run(&[
            "stats",
            "--json",
            "--rules",
            &draft_rules(),
            "--where",
            "suggested_kind=paid outcome=per_terms",
        ])
        .ok();
    let with_rules: serde_json::Value = serde_json::from_str(&with_rules).unwrap();
    assert_eq!(with_rules["total"], 1, "C-1: labelled paid, so per_terms");
}

#[test]
fn export_where_agrees_no_gives_exactly_the_disagreeing_cases() {
    let env = env_with_suggestions();
    assert_eq!(exported_ids(&env, "agrees=no"), ["C-2", "C-3"]);
    assert_eq!(exported_ids(&env, "agrees=none"), ["C-4", "C-5"]);
    assert_eq!(
        exported_ids(&env, "agrees=no kind_confidence>=0.45"),
        ["C-3"]
    );
}

#[test]
fn label_where_on_a_confidence_previews_exactly_those_cases() {
    let env = env_with_suggestions();
    let preview = env
        .run(&[
            "label",
            "--where",
            "kind_confidence<0.5",
            "status=escalated",
            "--dry-run",
        ])
        .ok();
    assert_eq!(
        preview,
        "2 of 2 matching cases would change\n\
         \x20 status=new               2 →        0  (-2)\n\
         \x20 status=escalated         0 →        2  (+2)\n\
         dry run: nothing was changed\n"
    );
    assert_eq!(env.stats("status=escalated")["total"], 0);
    env.run(&[
        "label",
        "--where",
        "kind_confidence<0.5",
        "status=escalated",
    ])
    .ok();
    assert_eq!(exported_ids(&env, "status=escalated"), ["C-2", "C-3"]);
}

#[test]
fn next_search_and_rules_diff_read_the_suggestions_too() {
    let env = env_with_suggestions();
    env.run(&["reviewers", "add", "tester"]).ok();
    let next = env.run(&["next", "--where", "agrees=no"]).ok();
    assert!(next == "C-2\n" || next == "C-3\n", "{next}");
    let found = env
        .run(&[
            "search",
            "카카오톡",
            "--where",
            "suggested_kind=paid",
            "--json",
        ])
        .ok();
    let mut ids: Vec<String> = found
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["\"C-1\"", "\"C-3\""]);
    let diff = env
        .run(&[
            "rules",
            "diff",
            &draft_rules(),
            &draft_rules(),
            "--where",
            "agrees=yes",
            "--json",
        ])
        .ok();
    let diff: serde_json::Value = serde_json::from_str(&diff).unwrap();
    assert_eq!(diff["cases"], 2, "{diff}");
}

#[test]
fn a_bad_confidence_is_refused_with_its_column() {
    let env = env_with_suggestions();
    let run = env.run(&["stats", "--where", "kind_confidence>1.5"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: --where \"kind_confidence>1.5\": column 17: kind_confidence: \"1.5\" is not a confidence (a number from 0 to 1, e.g. 0.9)\n"
    );
    let run = env.run(&["export", "--where", "kind_confidence=0.9"]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("column 17: operator = compares a confidence only with none"));
}

#[test]
fn without_any_suggestion_every_suggestion_field_is_none_and_a_note_says_so() {
    let env = Env::with_cases(3);
    let run = env.run(&["stats", "--json", "--where", "agrees=none"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["total"], 3);
    assert_eq!(
        run.stderr,
        "casebench: no case has suggestions yet, so every suggestion field in --where is none (casebench suggest train, then suggest run)\n"
    );
    let quiet = env.run(&["--quiet", "stats", "--where", "suggested_kind=paid"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    // A filter without suggestion fields does not look at them.
    assert_eq!(env.run(&["stats", "--where", "kind=none"]).stderr, "");
}

#[test]
fn export_suggestions_adds_a_fixed_shape_and_imports_as_it_is() {
    let env = env_with_suggestions();
    let out = env
        .run(&["export", "--suggestions", "--where", "id=C-3,C-4"])
        .ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    let suggested = |line: &str| {
        line.find(",\"suggested\":")
            .map(|at| line[at..].to_string())
    };
    assert_eq!(
        suggested(lines[0]).as_deref(),
        Some(
            ",\"suggested\":{\"scope\":null,\"reporter\":null,\"kind\":{\"value\":\"paid\",\
             \"confidence\":0.45},\"service\":null,\"substitute\":null,\"amount_krw\":{\"value\":\
             800000,\"confidence\":0.97}}}"
        )
    );
    assert_eq!(
        suggested(lines[1]).as_deref(),
        Some(
            ",\"suggested\":{\"scope\":null,\"reporter\":null,\"kind\":null,\"service\":null,\
             \"substitute\":null,\"amount_krw\":null}}"
        )
    );

    // The export imports into an empty database as the same cases.
    let file = env.path("with-suggestions.jsonl");
    env.run(&["export", "--suggestions", "--out", file.to_str().unwrap()])
        .ok();
    let copy = Env::new();
    copy.run(&["import", file.to_str().unwrap()]).ok();
    assert_eq!(
        copy.run(&["export"]).ok(),
        env.run(&["export"]).ok(),
        "same cases, field for field"
    );

    let csv = env
        .run(&[
            "export",
            "--format",
            "csv",
            "--suggestions",
            "--rules",
            &draft_rules(),
            "--where",
            "id=C-6",
        ])
        .ok();
    let mut csv_lines = csv.lines();
    assert_eq!(
        csv_lines.next(),
        Some(
            "id,received_at,channel,text,scope,reporter,kind,service,substitute,amount_krw,\
             status,note,version,updated_at,updated_by,outcome,rule,cash_krw,suggested_scope,\
             scope_confidence,suggested_reporter,reporter_confidence,suggested_kind,\
             kind_confidence,suggested_service,service_confidence,suggested_substitute,\
             substitute_confidence,suggested_amount_krw,amount_confidence"
        )
    );
    let row = csv_lines.next().unwrap();
    assert!(
        row.ends_with(",,,,,free_monetary,0.8,,,,,800000,0.9"),
        "{row}"
    );
    assert!(row.starts_with("C-6,"), "{row}");
    let file = env.write("with-suggestions.csv", &csv);
    let copy = Env::new();
    copy.run(&["import", file.to_str().unwrap()]).ok();
    assert_eq!(copy.stats("kind=free_monetary amount=800000")["total"], 1);
}

#[test]
fn the_workbench_filter_line_reads_the_suggestions() {
    use casebench::tui::app::Screen;
    let (_dir, path) = common::workbench::fixture_store();
    // R-000002 is labelled free_monetary, R-000003 paid; neither has an amount.
    save(
        &path,
        [
            ("R-000002", suggested(Some(("inquiry", 0.4)), None)),
            ("R-000003", suggested(Some(("paid", 0.9)), None)),
        ],
    );
    let mut d = common::workbench::session(&path, "kim");
    d.press("f").unwrap();
    d.type_text("agrees=no");
    let ids = |d: &casebench::tui::driver::Driver| -> Vec<String> {
        d.app
            .view
            .indices
            .iter()
            .map(|&i| d.app.cases.get(i).unwrap().id.clone())
            .collect()
    };
    assert_eq!(ids(&d), ["R-000002"]);
    d.press("ctrl-u").unwrap();
    d.type_text("kind_confidence>=0.5");
    assert_eq!(ids(&d), ["R-000003"]);
    d.press("ctrl-u").unwrap();
    d.type_text("agrees=none");
    assert_eq!(d.app.view.len(), 8, "the other eight have no suggestions");
    d.press("ctrl-u").unwrap();
    d.type_text("kind_confidence>2");
    let Screen::Filter(line) = d.app.screen() else {
        panic!()
    };
    assert_eq!(
        line.error.as_ref().map(|e| e.to_string()).as_deref(),
        Some("column 17: kind_confidence: \"2\" is not a confidence (a number from 0 to 1, e.g. 0.9)")
    );
}

#[test]
fn a_view_that_reads_suggestions_follows_new_ones() {
    use casebench::tui::app::Msg;
    let (_dir, path) = common::workbench::fixture_store();
    let mut d = common::workbench::session(&path, "kim");
    d.press("f").unwrap();
    d.type_text("suggested_kind=inquiry");
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 0, "no suggestions yet");
    // A model trained in the background: its suggestions arrive as a message.
    let list = vec![(
        "R-000005".to_string(),
        suggested(Some(("inquiry", 0.7)), None),
    )];
    d.handle(Msg::Suggestions { list, fresh: true });
    let ids: Vec<&str> = d
        .app
        .view
        .indices
        .iter()
        .map(|&i| d.app.cases.get(i).unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["R-000005"]);
}
