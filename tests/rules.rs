//! The committee's rule sets end to end: `rules check`, `rules diff`, `stats --rules` and
//! `export --rules` on hand-made cases that sit on every rule's boundaries.

mod common;

use std::collections::BTreeMap;

use common::Env;
use serde_json::{json, Value};

fn shipped(name: &str) -> String {
    format!(
        "{}/sample-data/rules/{name}-2022-12-{}.toml",
        env!("CARGO_MANIFEST_DIR"),
        if name == "draft" { "01" } else { "29" }
    )
}

/// (id, labels as `field=code ...`, amount, draft's (rule, outcome, cash), final's).
type Expected = (
    &'static str,
    &'static str,
    Option<i64>,
    (&'static str, &'static str, i64),
    (&'static str, &'static str, i64),
);

const SB: &str = "scope=kakao kind=free_monetary reporter=small_business";

#[rustfmt::skip]
fn cases() -> Vec<Expected> {
    vec![
        ("A-1", "scope=affiliate kind=free_monetary reporter=small_business service=kakao_t", Some(400_000),
            ("affiliate", "refer_affiliate", 0), ("affiliate", "refer_affiliate", 0)),
        ("P-1", "scope=kakao kind=paid reporter=individual service=emoticon", None,
            ("paid-per-terms", "per_terms", 0), ("paid-per-terms", "per_terms", 0)),
        ("P-2", "scope=kakao kind=paid reporter=small_business", Some(900_000),
            ("paid-per-terms", "per_terms", 0), ("paid-per-terms", "per_terms", 0)),
        ("N-1", "scope=kakao kind=inquiry", None,
            ("no-monetary-loss", "reply_only", 0), ("no-monetary-loss", "reply_only", 0)),
        ("N-2", "scope=kakao kind=opinion reporter=enterprise", None,
            ("no-monetary-loss", "reply_only", 0), ("no-monetary-loss", "reply_only", 0)),
        ("N-3", "kind=protest reporter=small_business", Some(1_000_000),
            ("no-monetary-loss", "reply_only", 0), ("no-monetary-loss", "reply_only", 0)),
        ("N-4", "kind=encouragement", None,
            ("no-monetary-loss", "reply_only", 0), ("no-monetary-loss", "reply_only", 0)),
        ("E-1", "scope=kakao kind=free_monetary reporter=enterprise substitute=available", Some(2_000_000),
            ("enterprise", "individual_review", 0), ("enterprise", "individual_review", 0)),
        ("S-avail", "scope=kakao kind=free_monetary reporter=small_business substitute=available", Some(400_000),
            ("substitute-available", "decline_substitute", 0), ("small-business-band-2", "support_cash", 50_000)),
        ("S-avail-none", "scope=kakao kind=free_monetary reporter=small_business substitute=available", None,
            ("substitute-available", "decline_substitute", 0), ("small-business-no-amount", "needs_evidence", 0)),
        ("S-unknown", "scope=kakao kind=free_monetary reporter=small_business substitute=unknown", Some(600_000),
            ("substitute-unclear", "needs_evidence", 0), ("small-business-large", "individual_review", 0)),
        ("S-unlabelled", SB, Some(300_000),
            ("substitute-unclear", "needs_evidence", 0), ("small-business-band-1", "support_cash", 30_000)),
        ("SB-none", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", None,
            ("small-business-no-amount", "needs_evidence", 0), ("small-business-no-amount", "needs_evidence", 0)),
        ("SB-0", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(0),
            ("small-business-share", "support_cash", 10_000), ("small-business-band-1", "support_cash", 30_000)),
        ("SB-99999", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(99_999),
            ("small-business-share", "support_cash", 10_000), ("small-business-band-1", "support_cash", 30_000)),
        ("SB-123456", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(123_456),
            ("small-business-share", "support_cash", 12_345), ("small-business-band-1", "support_cash", 30_000)),
        ("SB-300000", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(300_000),
            ("small-business-share", "support_cash", 30_000), ("small-business-band-1", "support_cash", 30_000)),
        ("SB-300001", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(300_001),
            ("small-business-share", "support_cash", 30_000), ("small-business-band-2", "support_cash", 50_000)),
        ("SB-500000", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(500_000),
            ("small-business-share", "support_cash", 50_000), ("small-business-band-2", "support_cash", 50_000)),
        ("SB-500001", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(500_001),
            ("small-business-share", "support_cash", 50_000), ("small-business-large", "individual_review", 0)),
        ("SB-1500005", "scope=kakao kind=free_monetary reporter=small_business substitute=unavailable", Some(1_500_005),
            ("small-business-share", "support_cash", 100_000), ("small-business-large", "individual_review", 0)),
        ("I-1", "scope=kakao kind=free_monetary reporter=individual substitute=unavailable service=gift", Some(50_000),
            ("goodwill", "goodwill_package", 0), ("goodwill", "goodwill_package", 0)),
        ("I-2", "scope=kakao kind=free_monetary reporter=individual substitute=available service=kakaomap", Some(50_000),
            ("substitute-available", "decline_substitute", 0), ("goodwill", "goodwill_package", 0)),
        ("U-1", "kind=free_monetary substitute=unavailable", None,
            ("goodwill", "goodwill_package", 0), ("goodwill", "goodwill_package", 0)),
        ("U-2", "", None,
            ("default", "needs_review", 0), ("default", "needs_review", 0)),
        ("U-3", "scope=kakao reporter=small_business substitute=unavailable", Some(400_000),
            ("default", "needs_review", 0), ("default", "needs_review", 0)),
    ]
}

/// A database holding [`cases`].
fn env_with_cases() -> Env {
    let env = Env::new();
    let mut jsonl = String::new();
    for (id, labels, amount, _, _) in cases() {
        let mut object =
            json!({ "id": id, "text": "카카오톡 채널 예약이 끊겼어요", "amount_krw": amount });
        for pair in labels.split_whitespace() {
            let (field, code) = pair.split_once('=').unwrap();
            object[field] = json!(code);
        }
        jsonl.push_str(&object.to_string());
        jsonl.push('\n');
    }
    let file = env.write("cases.jsonl", jsonl);
    env.run(&["import", file.to_str().unwrap()]).ok();
    env
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// Expected (cases, cash) per outcome under one of the sets.
fn expected_totals(
    pick: impl Fn(&Expected) -> (&'static str, &'static str, i64),
) -> BTreeMap<String, (u64, i64)> {
    let mut totals = BTreeMap::new();
    for case in cases() {
        let (_, outcome, cash) = pick(&case);
        let entry = totals.entry(outcome.to_string()).or_insert((0, 0));
        entry.0 += 1;
        entry.1 += cash;
    }
    totals
}

#[test]
fn export_gives_every_case_its_rule_outcome_and_cash() {
    let env = env_with_cases();
    for (name, pick) in [("draft", 3usize), ("final", 4)] {
        let out = env.run(&["export", "--rules", &shipped(name)]).ok();
        let got: BTreeMap<String, (String, String, i64)> = out
            .lines()
            .map(|line| {
                let v = json_of(line);
                let id = v["id"].as_str().unwrap().to_string();
                let rule = v["rule"].as_str().unwrap().to_string();
                let outcome = v["outcome"].as_str().unwrap().to_string();
                (id, (rule, outcome, v["cash_krw"].as_i64().unwrap()))
            })
            .collect();
        assert_eq!(got.len(), cases().len());
        for case in cases() {
            let (rule, outcome, cash) = if pick == 3 { case.3 } else { case.4 };
            assert_eq!(
                got[case.0],
                (rule.to_string(), outcome.to_string(), cash),
                "{name}: {}",
                case.0
            );
        }
    }
}

#[test]
fn stats_adds_count_and_cash_per_outcome() {
    let env = env_with_cases();
    for (name, pick) in [("draft", 3usize), ("final", 4)] {
        let out = env
            .run(&["stats", "--json", "--rules", &shipped(name)])
            .ok();
        let value = json_of(&out);
        assert_eq!(value["total"], cases().len());
        let outcomes = &value["outcomes"];
        assert_eq!(
            outcomes["rule_set"],
            format!("{name}-2022-12-{}", if pick == 3 { "01" } else { "29" })
        );
        let by = outcomes["by_outcome"].as_object().unwrap();
        let expected = expected_totals(|c| if pick == 3 { c.3 } else { c.4 });
        for (code, entry) in by {
            let (n, cash) = expected.get(code).copied().unwrap_or((0, 0));
            assert_eq!(
                entry,
                &json!({ "cases": n, "cash_krw": cash }),
                "{name}: {code}"
            );
        }
        for code in expected.keys() {
            assert!(by.contains_key(code), "{name}: {code}");
        }
    }
    let value = json_of(
        &env.run(&["stats", "--json", "--rules", &shipped("draft")])
            .ok(),
    );
    assert_eq!(
        value["outcomes"]["by_outcome"]["support_cash"],
        json!({"cases": 8, "cash_krw": 292_345})
    );
    let value = json_of(
        &env.run(&["stats", "--json", "--rules", &shipped("final")])
            .ok(),
    );
    assert_eq!(
        value["outcomes"]["by_outcome"]["support_cash"],
        json!({"cases": 8, "cash_krw": 300_000})
    );
    assert_eq!(
        value["outcomes"]["by_outcome"]["needs_review"],
        json!({"cases": 2, "cash_krw": 0})
    );

    // --where may use outcome and rule with --rules; the counts follow.
    let value = json_of(
        &env.run(&[
            "stats",
            "--json",
            "--rules",
            &shipped("final"),
            "--where",
            "outcome=support_cash amount>300,000",
        ])
        .ok(),
    );
    assert_eq!(value["total"], 3);
    assert_eq!(
        value["outcomes"]["by_outcome"]["support_cash"],
        json!({"cases": 3, "cash_krw": 150_000})
    );
    let value = json_of(
        &env.run(&[
            "stats",
            "--json",
            "--rules",
            &shipped("final"),
            "--where",
            "rule=default",
        ])
        .ok(),
    );
    assert_eq!(value["total"], 2);

    // The text form: an aligned outcomes section after the counts.
    let text = env.run(&["stats", "--rules", &shipped("final")]).ok();
    let section = text
        .split("\noutcomes · final-2022-12-29\n")
        .nth(1)
        .expect("outcomes section");
    let lines: Vec<&str> = section.lines().collect();
    assert_eq!(lines[0], "  outcome            cases   share  cash (won)");
    assert_eq!(lines[6], "  support_cash           8   30.8%     300,000");
    assert_eq!(lines[9], "  total                 26  100.0%     300,000");
}

#[test]
fn diff_shows_what_the_final_plan_changes() {
    let env = env_with_cases();
    let (draft, fin) = (shipped("draft"), shipped("final"));
    let out = env.run(&["rules", "diff", &draft, &fin, "--json"]).ok();
    assert_eq!(
        json_of(&out),
        json!({
            "changed": 7,
            "cases": 26,
            "matrix": [
                {"from": "support_cash", "to": "individual_review", "cases": 2},
                {"from": "decline_substitute", "to": "goodwill_package", "cases": 1},
                {"from": "decline_substitute", "to": "needs_evidence", "cases": 1},
                {"from": "decline_substitute", "to": "support_cash", "cases": 1},
                {"from": "needs_evidence", "to": "individual_review", "cases": 1},
                {"from": "needs_evidence", "to": "support_cash", "cases": 1},
            ],
            "cash_krw": {"a": 292_345, "b": 300_000, "delta": 7_655},
        })
    );
    let out = env
        .run(&[
            "rules",
            "diff",
            &draft,
            &fin,
            "--json",
            "--list",
            "--where",
            "reporter=small_business",
        ])
        .ok();
    let value = json_of(&out);
    assert_eq!(value["changed"], 6);
    assert_eq!(value["cases"], 17);
    assert_eq!(
        value["list"],
        json!([
            {"id": "S-avail", "from": "decline_substitute", "to": "support_cash"},
            {"id": "S-avail-none", "from": "decline_substitute", "to": "needs_evidence"},
            {"id": "S-unknown", "from": "needs_evidence", "to": "individual_review"},
            {"id": "S-unlabelled", "from": "needs_evidence", "to": "support_cash"},
            {"id": "SB-500001", "from": "support_cash", "to": "individual_review"},
            {"id": "SB-1500005", "from": "support_cash", "to": "individual_review"},
        ])
    );
    let list = env
        .run(&[
            "rules",
            "diff",
            &draft,
            &fin,
            "--list",
            "--where",
            "changed=yes outcome=support_cash",
        ])
        .ok();
    assert_eq!(
        list,
        "SB-500001   support_cash → individual_review\n\
         SB-1500005  support_cash → individual_review\n"
    );
    let none = env
        .run(&[
            "rules",
            "diff",
            &draft,
            &fin,
            "--json",
            "--where",
            "changed=no rule=goodwill",
        ])
        .ok();
    assert_eq!(
        json_of(&none),
        json!({"changed": 0, "cases": 2, "matrix": [], "cash_krw": {"a": 0, "b": 0, "delta": 0}})
    );

    let text = env.run(&["rules", "diff", &draft, &fin]).ok();
    assert_eq!(
        text,
        format!(
            "A: draft-2022-12-01 ({draft})\nB: final-2022-12-29 ({fin})\n\n\
             7 of 26 cases change outcome (26.9%)\n\
             \x20 from                 to                 cases\n\
             \x20 support_cash       → individual_review      2\n\
             \x20 decline_substitute → goodwill_package       1\n\
             \x20 decline_substitute → needs_evidence         1\n\
             \x20 decline_substitute → support_cash           1\n\
             \x20 needs_evidence     → individual_review      1\n\
             \x20 needs_evidence     → support_cash           1\n\
             4 more cases keep their outcome with a different cash amount\n\n\
             cash under A  292,345 won\n\
             cash under B  300,000 won\n\
             difference     +7,655 won\n"
        )
    );
    // A set against itself changes nothing.
    let same = env.run(&["rules", "diff", &fin, &fin, "--json"]).ok();
    assert_eq!(json_of(&same)["changed"], 0);
}

#[test]
fn an_export_with_rule_columns_imports_as_it_is() {
    let env = env_with_cases();
    let with_rules = env.path("with-rules.jsonl");
    env.run(&[
        "export",
        "--rules",
        &shipped("final"),
        "--out",
        with_rules.to_str().unwrap(),
    ])
    .ok();
    let csv = env
        .run(&[
            "export",
            "--format",
            "csv",
            "--rules",
            &shipped("final"),
            "--where",
            "id=SB-300001",
        ])
        .ok();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with(",updated_at,updated_by,outcome,rule,cash_krw"));
    assert!(lines
        .next()
        .unwrap()
        .ends_with(",support_cash,small-business-band-2,50000"));

    let copy = Env::new();
    copy.run(&["import", with_rules.to_str().unwrap()]).ok();
    let csv_file = env.write("with-rules.csv", &csv);
    let copy2 = Env::new();
    copy2.run(&["import", csv_file.to_str().unwrap()]).ok();
    let plain = |e: &Env| e.run(&["export"]).ok();
    assert_eq!(plain(&copy), plain(&env));
    assert_eq!(copy2.stats("")["total"], 1);
}

#[test]
fn derived_fields_need_rule_sets() {
    let env = env_with_cases();
    let run = |args: &[&str]| {
        let r = env.run(args);
        (r.code, r.stderr)
    };
    assert_eq!(
        run(&["stats", "--where", "outcome=support_cash"]),
        (2, "casebench: --where \"outcome=support_cash\": outcome and rule need --rules FILE (the rule set that decides them)\n".to_string())
    );
    assert_eq!(run(&["export", "--where", "rule=goodwill"]).0, 2);
    assert_eq!(
        run(&["stats", "--rules", &shipped("final"), "--where", "changed=yes"]),
        (2, "casebench: --where \"changed=yes\": changed needs two rule sets: casebench rules diff A B --where ...\n".to_string())
    );
    assert_eq!(
        run(&["stats", "--rules", &shipped("final"), "--where", "outcome=Support"]),
        (2, "casebench: --where \"outcome=Support\": column 9: outcome: \"Support\" is not an outcome code (lowercase letters, digits and _, starting with a letter)\n".to_string())
    );
}

#[test]
fn rules_check_accepts_the_shipped_files() {
    let env = Env::new();
    for name in ["draft", "final"] {
        let file = shipped(name);
        let r = env.run(&["rules", "check", &file]);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""));
        assert_eq!(
            r.stdout,
            format!("{file}: ok (9 rules, default needs_review)\n")
        );
    }
}

#[test]
fn rules_check_reports_every_problem_with_line_and_rule() {
    let env = Env::new();
    let bad = env.write(
        "bad.toml",
        "name = \"bad\"\n\
         descriptoin = \"x\"\n\
         \n\
         [[rule]]\n\
         id = \"small-business-band-2\"\n\
         title = \"Small business\"\n\
         when = \"kind=pai reporter=small_business\"\n\
         outcome = \"support_cash\"\n\
         payout = { cash = 50_000, max = 9 }\n\
         \n\
         [[rule]]\n\
         id = \"x\"\n\
         title = \"t\"\n\
         when = \"id=R-1 amount_krw>>5\"\n\
         outcome = \"Reply\"\n\
         \n\
         [[rule]]\n\
         title = \"no id\"\n\
         when = \"\"\n\
         outcome = \"o\"\n",
    );
    let r = env.run(&["rules", "check", bad.to_str().unwrap()]);
    let f = bad.display();
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "{f}:2: unknown key \"descriptoin\" (did you mean \"description\"?)\n\
             {f}:7:14: rule \"small-business-band-2\": when: column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)\n\
             {f}:9: rule \"small-business-band-2\": payout: min and max go with percent, not with cash\n\
             {f}:14:9: rule \"x\": when: column 1: id cannot be used in a rule (rules use scope, reporter, kind, service, substitute, amount_krw, status)\n\
             {f}:14:27: rule \"x\": when: column 19: unexpected \">\" after operator > (operators: = != < <= > >=)\n\
             {f}:15: rule \"x\": outcome: \"Reply\" is not an outcome code (lowercase letters, digits and _, starting with a letter)\n\
             {f}:17: [[rule]] number 3 has no \"id\" (every rule needs a unique one, like id = \"paid-per-terms\")\n\
             {f}:20: missing [default]: every rule set needs one, for the cases no rule catches (like [default] outcome = \"needs_review\")\n\
             casebench: {f}: 8 errors\n"
        )
    );
    // The same problems stop the commands that take --rules.
    let env = env_with_cases();
    let r = env.run(&["stats", "--rules", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .ends_with(&format!("casebench: {f}: 8 errors; nothing done\n")),
        "{}",
        r.stderr
    );
    let r = env.run(&["rules", "diff", &shipped("final"), bad.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    let r = env.run(&["rules", "check", env.path("gone.toml").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("gone.toml: cannot read the file: "));
}

#[test]
fn rules_check_warns_about_rules_that_never_fire() {
    let env = Env::new();
    let file = env.write(
        "warn.toml",
        "name = \"warn\"\n\
         [[rule]]\nid = \"sb\"\ntitle = \"Small business\"\nwhen = \"reporter=small_business\"\noutcome = \"review\"\n\
         [[rule]]\nid = \"sb-large\"\ntitle = \"Large\"\nwhen = \"reporter=small_business amount_krw>500,000\"\noutcome = \"support_cash\"\n\
         [[rule]]\nid = \"odd\"\ntitle = \"Odd\"\nwhen = \"kind=paid kind!=paid\"\noutcome = \"support_cash\"\n\
         [default]\noutcome = \"needs_review\"\n",
    );
    let r = env.run(&["rules", "check", file.to_str().unwrap()]);
    let f = file.display();
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("{f}: ok (3 rules, default needs_review)\n")
    );
    assert_eq!(
        r.stderr,
        format!(
            "{f}:7: warning: rule \"sb-large\": can never fire: rule \"sb\" (line 2) catches every case it matches\n\
             {f}:12: warning: rule \"odd\": its conditions contradict each other: no kind satisfies both kind=paid and kind!=paid, so it can never fire\n"
        )
    );
}

#[test]
fn casebench_takes_the_workbench_rules_and_without_a_terminal_prints_their_outcomes() {
    let env = Env::new();
    env.run(&["sample", "--cases", "300"]).ok();
    let (draft, last) = (shipped("draft"), shipped("final"));
    let stats = env.run(&["stats"]).ok();
    let with_draft = env.run(&["stats", "--rules", &draft]).ok();
    let with_final = env.run(&["stats", "--rules", &last]).ok();
    assert!(with_final.len() > stats.len() && with_final.starts_with(&stats));

    let run = env.run(&["--rules", &last]);
    assert_eq!(
        run.stderr,
        "casebench: not a terminal, so printing the stats (the workbench needs one)\n"
    );
    assert_eq!(
        run.ok(),
        with_final,
        "a file: what stats --rules FILE prints"
    );

    let folder = format!("{}/sample-data/rules", env!("CARGO_MANIFEST_DIR"));
    let both = env.run(&["--rules", &folder]).ok();
    assert_eq!(
        both,
        format!("{with_draft}{}", &with_final[stats.len()..]),
        "a folder: the outcomes of each file, in name order"
    );

    let run = env.run(&["--rules", "nowhere"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "casebench: --rules nowhere: no such file or folder\n")
    );
    let help = env.run(&["--help"]).ok();
    assert!(help.contains("--rules <DIR|FILE>"), "{help}");
    let help = env.run(&["review", "--help"]).ok();
    assert!(help.contains("--rules <DIR|FILE>"), "{help}");
}

/// A rule file of `n` rules, each `when = WHEN`, then a default.
fn rule_file(name: &str, n: usize, when: &str) -> String {
    let mut text = format!("name = \"{name}\"\n");
    for i in 1..=n {
        text.push_str(&format!(
            "\n[[rule]]\nid = \"r{i}\"\ntitle = \"Rule {i}\"\nwhen = \"{when}\"\noutcome = \"x\"\n"
        ));
    }
    text + "\n[default]\noutcome = \"y\"\n"
}

#[test]
fn rules_check_and_diff_show_the_first_20_problems_and_count_the_rest() {
    let env = Env::with_cases(3);
    let bad = env.write("bad.toml", rule_file("bad", 57, "knd=paid"));
    let bad = bad.to_str().unwrap();
    // Rule i's `when` is on line 6i (the name, then six lines a rule).
    let problem = |i: usize| {
        format!(
            "{bad}:{}:9: rule \"r{i}\": when: column 1: unknown field \"knd\" (did you mean \
             \"kind\"?)",
            6 * i
        )
    };
    let mut listing: Vec<String> = (1..=20).map(problem).collect();
    listing.push(format!("{bad}: … and 37 more problems"));

    let run = env.run(&["rules", "check", bad]);
    let mut expected = listing.clone();
    expected.push(format!("casebench: {bad}: 57 errors"));
    assert_eq!(
        (run.code, run.stderr_lines()),
        (2, expected.iter().map(String::as_str).collect())
    );

    let run = env.run(&["rules", "diff", bad, &shipped("final")]);
    let mut expected = listing;
    expected.push(format!("casebench: {bad}: 57 errors; nothing done"));
    assert_eq!(
        (run.code, run.stderr_lines()),
        (2, expected.iter().map(String::as_str).collect())
    );

    // Warnings too: 25 rules that rule 1 shadows.
    let dead = env.write("dead.toml", rule_file("dead", 26, "kind=paid"));
    let dead = dead.to_str().unwrap();
    let run = env.run(&["rules", "check", dead]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 21, "{lines:?}");
    assert_eq!(
        lines[19],
        format!(
            "{dead}:123: warning: rule \"r21\": can never fire: rule \"r1\" (line 3) catches \
             every case it matches"
        )
    );
    assert_eq!(lines[20], format!("{dead}: … and 5 more problems"));
    assert_eq!(run.stdout, format!("{dead}: ok (26 rules, default y)\n"));
}
