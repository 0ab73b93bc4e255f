//! Leads through the real binary: reviewers and roles, lead-only refusals, a spot-check end to
//! end (sample → blind labels → differences → resolve → overturned case → agreement figures),
//! the audit log as JSON Lines, and `label --from`.

mod common;

use common::{Env, Run};
use serde_json::Value;

/// Runs a command as `who` (the global option given after the command overrides `tester`).
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

fn round4(x: &Value) -> f64 {
    (x.as_f64().expect("a number") * 10_000.0).round() / 10_000.0
}

#[test]
fn reviewers_are_added_listed_and_enrolment_closes_the_door() {
    let env = Env::with_cases(3);
    assert_eq!(
        env.run(&["reviewers", "add", "tester", "--role", "lead"])
            .ok(),
        "tester: reviewer → lead\n",
        "the first lead may be named by anyone (tester was enrolled by the import)"
    );
    let run = run_as(&env, "kim", &["reviewers", "add", "kim", "--role", "lead"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: only a lead can add reviewers, change roles or the enrolment setting; kim is \
         a reviewer\n"
    );
    assert_eq!(
        env.run(&["reviewers", "add", "kim"]).ok(),
        "added kim as a reviewer\n"
    );
    assert_eq!(
        env.run(&["reviewers", "add", "kim", "--role", "lead"]).ok(),
        "kim: reviewer → lead\n"
    );
    assert_eq!(
        env.run(&["reviewers", "add", "kim", "--role", "reviewer"])
            .ok(),
        "kim: lead → reviewer\n"
    );
    run_as(&env, "kim", &["label", "C-1", "kind=paid"]).ok();

    let list = env.run(&["reviewers", "list"]).ok();
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].starts_with("name    role      added"), "{list}");
    assert!(lines[1].starts_with("kim     reviewer  20"), "{list}");
    assert!(lines[2].starts_with("tester  lead      20"), "{list}");
    let rows = json_lines(&env.run(&["reviewers", "list", "--json"]).ok());
    assert_eq!(rows[0]["name"], "kim");
    assert_eq!(rows[0]["changes"], 1);
    assert_eq!(rows[1]["role"], "lead");
    assert_eq!(rows[1]["changes"], 0, "importing cases is not a change");

    assert!(env
        .run(&["reviewers", "enrolment"])
        .ok()
        .starts_with("open enrolment is on"));
    let run = run_as(&env, "kim", &["reviewers", "enrolment", "off"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        env.run(&["reviewers", "enrolment", "off"]).ok(),
        "open enrolment is off: only names in `casebench reviewers list` may work\n"
    );
    let run = run_as(&env, "bob", &["label", "C-2", "kind=paid"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: reviewer \"bob\" is not enrolled in this database (ask a lead: casebench \
         reviewers add bob --role reviewer)\n"
    );
    let run = run_as(&env, "bob", &["next"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.stats("kind=paid")["total"], 1, "bob changed nothing");
    run_as(&env, "kim", &["label", "C-2", "kind=paid"]).ok();
}

#[test]
fn a_bulk_change_over_100_cases_is_for_leads() {
    let env = Env::with_cases(101);
    let run = run_as(&env, "kim", &["label", "--where", "kind=none", "kind=paid"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: only a lead can change more than 100 cases in one bulk change (this one has \
         101); kim is a reviewer\n"
    );
    assert_eq!(env.stats("kind=paid")["total"], 0);
    let lines: String = (1..=101).map(|i| format!("C-{i} kind=inquiry\n")).collect();
    let file = env.write("many.txt", lines);
    let run = run_as(&env, "kim", &["label", "--from", file.to_str().unwrap()]);
    assert_eq!(run.code, 2, "a file of more than 100 cases too");
    assert!(run.stderr.contains("(this one has 101); kim is a reviewer"));

    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let out = env
        .run(&["label", "--where", "kind=none", "kind=paid"])
        .ok();
    assert!(out.contains("changed 101 cases"), "{out}");
}

/// Twelve cases: kim labels C-1..C-8 (kind paid ×4, inquiry ×2, protest, and C-8 scope only),
/// park C-9..C-12; tester is the lead.
fn team() -> Env {
    let env = Env::with_cases(12);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let kim = [
        ("C-1", "kind=paid"),
        ("C-2", "kind=paid"),
        ("C-3", "kind=paid"),
        ("C-4", "kind=paid"),
        ("C-5", "kind=inquiry"),
        ("C-6", "kind=inquiry"),
        ("C-7", "kind=protest"),
        ("C-8", "scope=kakao"),
    ];
    for (id, label) in kim {
        run_as(&env, "kim", &["label", id, label]).ok();
    }
    for i in 9..=12 {
        run_as(&env, "park", &["label", &format!("C-{i}"), "kind=opinion"]).ok();
    }
    env
}

fn sample_ids(out: &str) -> Vec<String> {
    out.lines().skip(2).map(str::to_string).collect()
}

#[test]
fn a_spot_check_sample_is_stratified_stored_and_reproducible() {
    let env = team();
    let args = [
        "spot-check",
        "new",
        "--of",
        "kim",
        "--since",
        "2000-01-01",
        "--size",
        "5",
        "--seed",
        "11",
    ];
    let first = env.run(&args).ok();
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(
        lines[0],
        "spot-check 1: 5 of 8 cases last labelled by kim since 2000-01-01T00:00:00.000Z (size \
         as asked; seed 11)"
    );
    // Quotas 5·4/8 = 2.5, 1.25, 0.625, 0.625: two paid, one of each other kind.
    assert_eq!(
        lines[1],
        "by kind: paid 2 of 4, inquiry 1 of 2, none 1 of 1, protest 1 of 1"
    );
    let ids = sample_ids(&first);
    assert_eq!(ids.len(), 5);
    let kims: Vec<String> = (1..=8).map(|i| format!("C-{i}")).collect();
    assert!(ids.iter().all(|id| kims.contains(id)), "{ids:?}");
    let second = env.run(&args).ok();
    assert_eq!(
        sample_ids(&second),
        ids,
        "the same seed draws the same sample"
    );

    let run = env.run(&["spot-check", "new", "--of", "kim", "--since", "2999-01-01"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: no case was last labelled by kim since 2999-01-01T00:00:00.000Z; nothing \
         to spot-check\n"
    );
    let run = run_as(&env, "kim", &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: only a lead can run spot-checks; kim is a reviewer\n"
    );
    let run = env.run(&[
        "spot-check",
        "new",
        "--of",
        "kim",
        "--since",
        "2000-01-01",
        "--confidence",
        "95",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--confidence must be between 0 and 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_spot_check_end_to_end() {
    let env = team();
    let out = env
        .run(&[
            "spot-check",
            "new",
            "--of",
            "kim",
            "--since",
            "2000-01-01",
            "--seed",
            "3",
            "--name",
            "10월 점검",
        ])
        .ok();
    assert!(
        out.starts_with(
            "spot-check 1 \"10월 점검\": 8 of 8 cases last labelled by kim since \
             2000-01-01T00:00:00.000Z (size for 95 % confidence, ±5.0 %, p = 0.5; seed 3)\n"
        ),
        "{out}"
    );

    // Blind: what the lead sees before labelling names no label of kim's.
    let show = env.run(&["spot-check", "show", "1"]).ok();
    let table: String = show.lines().skip(4).collect::<Vec<_>>().join("\n");
    for code in ["paid", "inquiry", "protest", "kakao"] {
        assert!(
            !table.contains(code),
            "{code} shown before the lead labelled: {show}"
        );
    }
    assert!(
        show.contains("labelled by the lead: 0 of 8 cases"),
        "{show}"
    );

    // The lead's blind labels, a few at a time (each process is a "session": resumable).
    let lead = [
        ("C-1", "kind=paid"),
        ("C-2", "kind=paid"),
        ("C-3", "kind=paid"),
        ("C-4", "kind=free_monetary"),
    ];
    for (id, label) in lead {
        env.run(&["spot-check", "label", "1", id, label]).ok();
    }
    let show = env.run(&["spot-check", "show", "1"]).ok();
    assert!(
        show.contains("labelled by the lead: 4 of 8 cases (4 labels compared); differences: 1;"),
        "{show}"
    );
    let out = env
        .run(&[
            "spot-check",
            "label",
            "1",
            "C-8",
            "kind=inquiry",
            "scope=kakao",
        ])
        .ok();
    assert_eq!(
        out,
        "spot-check 1, case C-8: recorded kind=inquiry scope=kakao (2 of 5 labels by the lead)\n"
    );
    for (id, label) in [
        ("C-5", "kind=inquiry"),
        ("C-6", "kind=opinion"),
        ("C-7", "kind=protest"),
    ] {
        env.run(&["spot-check", "label", "1", id, label]).ok();
    }
    let run = run_as(
        &env,
        "kim",
        &["spot-check", "label", "1", "C-1", "kind=paid"],
    );
    assert_eq!(run.code, 2);
    let run = env.run(&["spot-check", "label", "1", "C-9", "kind=paid"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "casebench: case C-9 is not in spot-check 1\n")
    );
    let run = env.run(&["spot-check", "label", "1", "C-1", "note=x"]);
    assert_eq!(run.code, 2);

    let diffs = env.run(&["spot-check", "differences", "1"]).ok();
    let mut lines: Vec<&str> = diffs.lines().collect();
    lines[1..].sort_unstable();
    let diffs = lines.join("\n") + "\n";
    assert_eq!(
        diffs,
        "case  field  reviewer  reviewer's  lead's         resolution\n\
         C-4   kind   kim       paid        free_monetary  unresolved\n\
         C-6   kind   kim       inquiry     opinion        unresolved\n\
         C-8   kind   kim       none        inquiry        unresolved\n"
    );

    let run = run_as(
        &env,
        "kim",
        &["spot-check", "resolve", "1", "C-4", "kind", "overturn"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: only a lead can overturn a reviewer's label; kim is a reviewer\n"
    );
    let out = env
        .run(&["spot-check", "resolve", "1", "C-4", "kind", "overturn"])
        .ok();
    assert_eq!(
        out,
        "case C-4: overturned kind to free_monetary (version 3)\n"
    );
    env.run(&["spot-check", "resolve", "1", "C-6", "kind", "keep"])
        .ok();
    env.run(&["spot-check", "resolve", "1", "C-8", "kind", "overturn"])
        .ok();
    let run = env.run(&["spot-check", "resolve", "1", "C-4", "kind", "keep"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("already resolved (overturn by tester at 20"),
        "{}",
        run.stderr
    );
    let run = env.run(&["spot-check", "resolve", "1", "C-1", "kind", "keep"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing to resolve"), "{}", run.stderr);

    // The overturn went through the change function, recorded as such.
    let history = json_lines(&env.run(&["history", "C-4", "--json"]).ok());
    let last = history.last().unwrap();
    assert_eq!(last["action"], "overturn");
    assert_eq!(last["reviewer"], "tester");
    assert_eq!(last["old"], "paid");
    assert_eq!(last["new"], "free_monetary");
    assert_eq!(last["batch"], "spot-check-1");
    assert_eq!(env.stats("kind=free_monetary")["total"], 1);
    assert_eq!(
        env.stats("kind=inquiry")["total"],
        3,
        "C-5, C-6 (kept) and C-8 (overturned)"
    );

    let show = env.run(&["spot-check", "show", "1"]).ok();
    assert!(
        show.contains(
            "labelled by the lead: 8 of 8 cases (9 labels compared); differences: 3; kept: 1; \
             overturned: 2; unresolved: 0"
        ),
        "{show}"
    );
    let list = env.run(&["spot-check", "list"]).ok();
    assert!(
        list.lines()
            .nth(1)
            .unwrap()
            .starts_with(" 1  10월 점검  tester  20"),
        "{list}"
    );

    // Agreement, by hand: kind over 8 cases, 5 agree (62.5 %). Kim's margins paid 4, inquiry
    // 2, protest 1, none 1; the lead's paid 3, free_monetary 1, inquiry 2, opinion 1, protest 1;
    // p_e = (4·3 + 2·2 + 1·1) / 64 = 17/64; κ = (0.625 − 0.265625) / 0.734375 = 0.4894.
    // Overturned 2 of 8: 25 %, Wilson 95 % [0.0715, 0.5907]. Scope: 1 compared, agrees, κ
    // undefined (one category).
    let report: Value =
        serde_json::from_str(&env.run(&["agreement", "--check", "1", "--json"]).ok()).unwrap();
    assert_eq!(report["check"], 1);
    let kim = &report["reviewers"][0];
    assert_eq!(kim["reviewer"], "kim");
    assert_eq!(
        (kim["cases"].as_u64(), kim["cases_overturned"].as_u64()),
        (Some(8), Some(2))
    );
    let kind = &kim["dimensions"]["kind"];
    assert_eq!(kind["compared"], 8);
    assert_eq!(kind["agreed"], 5);
    assert_eq!(kind["percent_agreement"], 62.5);
    assert_eq!(round4(&kind["kappa"]), 0.4894);
    assert_eq!(
        (kind["differences"].as_u64(), kind["kept"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        (kind["overturned"].as_u64(), kind["unresolved"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(kind["overturn_rate"], 0.25);
    assert_eq!(round4(&kind["overturn_interval"]["low"]), 0.0715);
    assert_eq!(round4(&kind["overturn_interval"]["high"]), 0.5907);
    assert_eq!(
        kind["confusion"]["categories"],
        serde_json::json!([
            "paid",
            "free_monetary",
            "inquiry",
            "opinion",
            "protest",
            "none"
        ])
    );
    assert_eq!(
        kind["confusion"]["matrix"],
        serde_json::json!([
            [3, 1, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 1, 1, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 0],
            [0, 0, 1, 0, 0, 0]
        ])
    );
    let scope = &kim["dimensions"]["scope"];
    assert_eq!(
        (
            scope["compared"].as_u64(),
            scope["percent_agreement"].as_f64()
        ),
        (Some(1), Some(100.0))
    );
    assert_eq!(scope["kappa"], Value::Null);
    assert_eq!(kim["dimensions"]["service"]["compared"], 0);
    // Eight labels by hand within a second: one session of about a minute.
    let pace = &kim["pace"];
    assert_eq!(
        (pace["cases"].as_u64(), pace["sessions"].as_u64()),
        (Some(8), Some(1))
    );
    let per_hour = pace["cases_per_hour"].as_f64().unwrap();
    assert!((300.0..=480.0).contains(&per_hour), "{per_hour}");
    assert_eq!(report["all"]["reviewer"], Value::Null);
    assert_eq!(report["all"]["cases"], 8);

    let text = env.run(&["agreement", "--of", "kim"]).ok();
    assert!(
        text.starts_with("agreement with the lead, all spot-checks\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nkind              8   62.5%  0.4894            3     1           2           0          25.0%  [7.1%, 59.1%]\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "kim: kind (rows: kim, columns: the lead)\n\
             kim ↓ lead →   paid  free_monetary  inquiry  opinion  protest  none\n\
             paid              3              1        0        0        0     0\n"
        ),
        "{text}"
    );

    let csv = env
        .run(&["spot-check", "export", "1", "--format", "csv"])
        .ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "check_id,case_id,field,reviewer,reviewer_value,lead,lead_value,agree,resolution,\
         resolved_by,resolved_at"
    );
    assert_eq!(lines.len(), 10, "a header and nine compared labels");
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("1,C-4,kind,kim,paid,tester,free_monetary,false,overturn,tester,20")),
        "{csv}"
    );
    assert!(
        lines.contains(&"1,C-1,kind,kim,paid,tester,paid,true,,,"),
        "{csv}"
    );
    let rows = json_lines(&env.run(&["spot-check", "export", "1"]).ok());
    assert_eq!(rows.len(), 9);
    let c8: Vec<&Value> = rows.iter().filter(|r| r["case_id"] == "C-8").collect();
    assert_eq!(c8[0]["field"], "scope");
    assert_eq!(c8[1]["reviewer_value"], Value::Null);
    assert_eq!(c8[1]["lead_value"], "inquiry");
}

#[test]
fn spot_check_csv_is_formula_safe() {
    let env = Env::new();
    let file = env.write("f.jsonl", "{\"id\":\"=SUM(A1)\",\"text\":\"수식\"}\n");
    env.run(&["import", file.to_str().unwrap()]).ok();
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    run_as(&env, "kim", &["label", "=SUM(A1)", "kind=paid"]).ok();
    env.run(&[
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
    env.run(&["spot-check", "label", "1", "=SUM(A1)", "kind=opinion"])
        .ok();
    let csv = env
        .run(&["spot-check", "export", "1", "--format", "csv"])
        .ok();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("1,'=SUM(A1),kind,kim,paid"),
        "{csv}"
    );
}

#[test]
fn audit_prints_every_event_as_json_lines() {
    let env = Env::with_cases(2);
    run_as(&env, "kim", &["label", "C-1", "kind=paid", "amount=50,000"]).ok();
    run_as(&env, "lee", &["label", "C-2", "note=전화 드림"]).ok();
    let events = json_lines(&env.run(&["audit", "--json"]).ok());
    assert_eq!(events.len(), 5, "two created, three fields");
    let keys: Vec<&str> = events[2]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["seq", "at", "reviewer", "case_id", "field", "old", "new", "action", "batch"]
    );
    assert_eq!(events[2]["reviewer"], "kim");
    assert_eq!(events[2]["field"], "kind");
    assert_eq!(events[3]["new"], "50000");
    assert_eq!(events[4]["new"], "전화 드림");
    assert_eq!(events[4]["batch"], Value::Null);

    let kim = json_lines(&env.run(&["audit", "--json", "--by", "kim"]).ok());
    assert_eq!(kim.len(), 2);
    assert!(env
        .run(&["audit", "--json", "--since", "2999-01-01"])
        .ok()
        .is_empty());
    let run = env.run(&["audit", "--since", "yesterday"]);
    assert_eq!(run.code, 2);
    let text = env.run(&["audit", "--by", "lee"]).ok();
    assert_eq!(text.lines().count(), 2);
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .contains("lee       C-2   label   note   ∅ → 전화 드림"),
        "{text}"
    );
}

#[test]
fn label_from_a_file_checks_everything_first_then_applies_line_by_line() {
    let env = Env::with_cases(3);
    let bad = env.write("bad.txt", "C-1 kind=paid\nC-2 kind=pai\nC-3\n");
    let run = env.run(&["label", "--from", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    let name = bad.display().to_string();
    assert_eq!(
        run.stderr_lines(),
        [
            format!("{name}:2: kind=pai: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"),
            format!("{name}:3: C-3: nothing to set; give FIELD=VALUE"),
            format!("casebench: {name}: 2 problems; nothing was changed"),
        ]
    );
    assert_eq!(env.stats("kind=paid")["total"], 0);

    let good = env.write(
        "good.txt",
        "# kind first\nC-1 kind=paid\nC-2@1 kind=inquiry note=\"called back, twice\"\nC-3@7 kind=paid\nC-9 kind=paid\nC-1 kind=paid\nC-1@1 note=late\n",
    );
    let run = env.run(&["label", "--from", good.to_str().unwrap()]);
    assert_eq!(run.code, 1, "three lines refused");
    assert_eq!(
        run.stdout,
        format!("{name}: 2 changes applied, 1 already had those values, 3 refused\n")
            .replace("bad.txt", "good.txt")
    );
    let gname = good.display().to_string();
    let lines = run.stderr_lines();
    assert_eq!(
        lines[0],
        format!("{gname}:4: case C-3 has never been at version 7 (it is at version 1)")
    );
    assert_eq!(lines[1], format!("{gname}:5: no case with id \"C-9\""));
    assert!(
        lines[2].starts_with(&format!("{gname}:7: case C-1 was changed by tester at ")),
        "{lines:?}"
    );
    let c2 = env.run(&["history", "C-2", "--json"]).ok();
    assert!(c2.contains("called back, twice"), "{c2}");
}

#[test]
fn a_name_no_one_has_is_refused_with_the_known_names_and_the_nearest() {
    let env = Env::with_cases(2);
    run_as(&env, "kim", &["label", "C-1", "kind=paid"]).ok();
    env.run(&["reviewers", "add", "lee"]).ok();
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let typo = "casebench: no reviewer is named \"kmi\" (known: kim, lee, tester; did you mean \
                \"kim\"?)\n";
    let stranger = "casebench: no reviewer is named \"nobody\" (known: kim, lee, tester)\n";
    let commands: [(&[&str], &str); 5] = [
        (&["agreement", "--of", "kmi"], typo),
        (&["audit", "--by", "kmi"], typo),
        (&["agreement", "--of", "nobody", "--json"], stranger),
        (&["audit", "--by", "nobody", "--json"], stranger),
        (
            &[
                "spot-check",
                "new",
                "--of",
                "kim,kmi",
                "--since",
                "2000-01-01",
            ],
            typo,
        ),
    ];
    for (args, message) in commands {
        let run = env.run(args);
        assert_eq!(
            (run.code, run.stderr.as_str(), run.stdout.as_str()),
            (2, message, ""),
            "{args:?}"
        );
    }
    assert!(env
        .run(&["spot-check", "list"])
        .ok()
        .starts_with("no spot-check yet"));

    // A known name with nothing to show is not an error.
    let audit = env.run(&["audit", "--by", "lee", "--json"]).ok();
    assert_eq!(audit, "");
    let agreement = env.run(&["agreement", "--of", "lee"]).ok();
    assert!(
        agreement.contains("no label has been compared yet"),
        "{agreement}"
    );
}

#[test]
fn a_period_that_ends_before_it_begins_is_refused() {
    let env = Env::with_cases(1);
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    let after = "casebench: --since \"2022-11-01\" is after --until \"2022-10-31\": no time falls \
                 in that period\n";
    let same = "casebench: --since and --until are the same time (2022-10-31T09:00:00Z): no time \
                falls in that period (--until is exclusive for a time; a date includes its whole \
                day)\n";
    let instant = "2022-10-31T09:00:00Z";
    let commands: [(&[&str], &str); 3] = [
        (
            &["audit", "--since", "2022-11-01", "--until", "2022-10-31"],
            after,
        ),
        (
            &[
                "spot-check",
                "new",
                "--of",
                "tester",
                "--since",
                "2022-11-01",
                "--until",
                "2022-10-31",
            ],
            after,
        ),
        (&["audit", "--since", instant, "--until", instant], same),
    ];
    for (args, message) in commands {
        let run = env.run(args);
        assert_eq!((run.code, run.stderr.as_str()), (2, message), "{args:?}");
    }
    assert!(env
        .run(&["spot-check", "list"])
        .ok()
        .starts_with("no spot-check yet"));
    env.run(&["audit", "--since", "2022-10-31", "--until", "2022-10-31"])
        .ok();
}

#[test]
fn a_dry_run_says_plainly_when_the_real_run_will_be_refused() {
    let env = Env::with_cases(150);
    let dry = [
        "label",
        "--where",
        "status=new",
        "status=escalated",
        "--dry-run",
    ];
    let preview = "150 of 150 matching cases would change\n\
                   \x20 status=new             150 →        0  (-150)\n\
                   \x20 status=escalated         0 →      150  (+150)\n\
                   dry run: nothing was changed\n";
    let refusal = "only a lead can change more than 100 cases in one bulk change (this one has \
                   150); tester is a reviewer";
    let run = env.run(&dry);
    assert_eq!(run.code, 0, "a preview succeeds: {}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("{preview}the real run will be refused: {refusal}\n")
    );
    let run = env.run(&dry[..4]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, format!("casebench: {refusal}\n").as_str()),
        "the dry run told the truth"
    );
    assert_eq!(env.stats("status=escalated")["total"], 0);

    let narrow = [
        "label",
        "--where",
        "id=C-1,C-2",
        "status=escalated",
        "--dry-run",
    ];
    let out = env.run(&narrow).ok();
    assert!(out.ends_with("dry run: nothing was changed\n"), "{out}");
    env.run(&["reviewers", "add", "tester", "--role", "lead"])
        .ok();
    assert_eq!(env.run(&dry).ok(), preview, "a lead may");
}
