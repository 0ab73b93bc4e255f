//! The headless commands end to end: export ↔ import, stats, label, history, --where, --out,
//! and the database checks.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{bare_cmd, run, Env};

#[test]
fn jsonl_export_imports_into_an_empty_database_as_the_same_cases() {
    let env = Env::new();
    env.run(&["sample", "--cases", "300", "--seed", "7"]).ok();
    env.run(&[
        "label",
        "R-000005",
        "kind=protest",
        "note==cmd|' /C calc'!A0",
        "status=escalated",
    ])
    .ok();
    let first = env.path("first.jsonl");
    env.run(&["export", "--out", first.to_str().unwrap()]).ok();

    let copy = Env::new();
    copy.run(&["import", first.to_str().unwrap()]).ok();
    let second = copy.path("second.jsonl");
    copy.run(&["export", "--out", second.to_str().unwrap()])
        .ok();
    let a = std::fs::read_to_string(&first).unwrap();
    let b = std::fs::read_to_string(&second).unwrap();
    assert_eq!(a.lines().count(), 300);
    assert_eq!(a, b, "same cases, field for field");
    assert!(
        a.contains("\"version\":2"),
        "the labelled case keeps its version"
    );
}

#[test]
fn csv_export_neutralizes_formulas() {
    let env = Env::with_cases(2);
    env.run(&["label", "C-1", "note=@SUM(1+1)"]).ok();
    env.run(&["label", "C-2", "note=+82 10 1234"]).ok();
    let out = env.run(&["export", "--format", "csv"]).ok();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("id,received_at,channel,text,scope,reporter,kind,service,substitute,amount_krw,status,note,version,updated_at,updated_by")
    );
    assert!(out.contains(",new,'@SUM(1+1),2,"), "{out}");
    assert!(out.contains(",new,'+82 10 1234,2,"), "{out}");
}

#[test]
fn export_where_selects_cases_and_out_picks_the_format() {
    let env = Env::new();
    env.run(&["sample", "--cases", "500"]).ok();
    let out = env.path("small.csv");
    env.run(&[
        "export",
        "--where",
        "kind=paid scope=kakao",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let expected = env.stats("kind=paid scope=kakao")["total"]
        .as_u64()
        .unwrap();
    assert!(expected > 0);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len() as u64, expected);
    assert!(records.iter().all(|r| &r[4] == "kakao" && &r[6] == "paid"));
}

#[test]
fn label_prints_the_new_version_and_history_shows_the_trail() {
    let env = Env::with_cases(1);
    assert_eq!(
        env.run(&["label", "C-1", "kind=free_monetary", "amount=50,000"])
            .ok(),
        "2\n"
    );
    assert_eq!(
        env.run(&[
            "label",
            "C-1",
            "substitute=unavailable",
            "--if-version",
            "2"
        ])
        .ok(),
        "3\n"
    );
    let run = env.run(&["label", "C-1", "substitute=unavailable"]);
    assert_eq!(run.stdout, "3\n");
    assert_eq!(
        run.stderr,
        "casebench: case C-1 already had those values; nothing changed\n"
    );

    let history = env.run(&["history", "C-1"]).ok();
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 5, "{history}");
    assert!(lines[0].starts_with("seq"));
    assert!(
        lines[1].contains("tester") && lines[1].contains("import") && lines[1].contains("case")
    );
    assert!(
        lines[2].contains("label") && lines[2].ends_with("kind        ∅ → free_monetary"),
        "{history}"
    );
    assert!(lines[3].ends_with("amount_krw  ∅ → 50000"), "{history}");
    assert!(
        lines[4].ends_with("substitute  ∅ → unavailable"),
        "{history}"
    );

    let json = env.run(&["history", "C-1", "--json"]).ok();
    let events: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 4);
    assert_eq!(events[1]["field"], "kind");
    assert_eq!(events[1]["new"], "free_monetary");
    assert_eq!(events[1]["reviewer"], "tester");
    assert_eq!(events[1]["action"], "label");
}

#[test]
fn label_refuses_a_stale_version_naming_who_changed_the_case() {
    let env = Env::with_cases(1);
    let mut cmd = env.cmd(&["label", "C-1", "kind=paid"]);
    cmd.args(["--reviewer", "kim"]);
    run(cmd).ok();
    let run = env.run(&["label", "C-1", "kind=opinion", "--if-version", "1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("casebench: case C-1 was changed by kim at 20"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .ends_with("(it is at version 2; you saw version 1)\n"));
    assert_eq!(env.stats("")["by"]["kind"]["paid"], 1);
}

#[test]
fn label_refuses_a_version_the_case_never_had_as_bad_input() {
    let env = Env::with_cases(1);
    let run = env.run(&["label", "C-1", "kind=paid", "--if-version", "99"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "casebench: case C-1 has never been at version 99 (it is at version 1)\n"
        )
    );
    assert_eq!(env.stats("")["by"]["kind"]["unlabelled"], 1);
}

#[test]
fn label_errors_are_bad_input() {
    let env = Env::with_cases(1);
    let cases = [
        (vec!["label", "C-1", "kind=pai"], "casebench: kind=pai: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)\n"),
        (vec!["label", "C-1", "colour=red"], "casebench: colour=red: unknown field \"colour\" (valid: scope, reporter, kind, service, substitute, amount_krw, status, note)\n"),
        (vec!["label", "C-1", "amount=-1"], "casebench: amount=-1: amount_krw: \"-1\" is negative: amounts are whole won, 0 or more\n"),
        (vec!["label", "C-9", "kind=paid"], "casebench: no case with id \"C-9\"\n"),
        (vec!["label", "C-1", "kind=paid", "kind=inquiry"], "casebench: kind: set twice\n"),
    ];
    for (args, message) in cases {
        let run = env.run(&args);
        assert_eq!((run.code, run.stderr.as_str()), (2, message), "{args:?}");
    }
    assert_eq!(env.stats("")["by"]["kind"]["unlabelled"], 1);
}

#[test]
fn label_reads_amounts_as_claims_write_them() {
    let env = Env::with_cases(2);
    assert_eq!(env.run(&["label", "C-1", "amount=12만5천원"]).ok(), "2\n");
    assert_eq!(env.stats("amount_krw=125000")["total"], 1);
    let history = env.run(&["history", "C-1"]).ok();
    assert!(history.ends_with("amount_krw  ∅ → 125000\n"), "{history}");

    let run = env.run(&["label", "C-1", "amount=15일"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "casebench: amount=15일: amount_krw: \"15일\" is a date, not an amount\n"
        )
    );
    assert_eq!(
        env.stats("amount_krw=125000")["total"],
        1,
        "nothing changed"
    );
    assert_eq!(env.run(&["history", "C-1"]).ok(), history);

    // A --from file is read the same way; a quoted value may hold spaces.
    let file = env.write("amounts.txt", "C-2 amount=\"약 30만 원\"\n");
    env.run(&["label", "--from", file.to_str().unwrap()]).ok();
    assert_eq!(env.stats("amount_krw=300000")["total"], 1);
}

#[test]
fn a_where_error_points_at_the_column() {
    let env = Env::with_cases(1);
    let run = env.run(&["stats", "--where", "kind=pai"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: --where \"kind=pai\": column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)\n"
    );
}

#[test]
fn stats_text_is_an_aligned_table_with_korean_names() {
    let env = Env::with_cases(4);
    env.run(&["label", "C-1", "kind=paid"]).ok();
    let out = env.run(&["stats"]).ok();
    assert!(out.starts_with("4 cases\n"), "{out}");
    assert!(out.contains("kind · 피해 유형"));
    let paid = out
        .lines()
        .find(|l| l.trim_start().starts_with("paid "))
        .unwrap();
    assert!(
        paid.contains("유료서비스 피해") && paid.ends_with("1   25.0%"),
        "{paid:?}"
    );
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    let width = casebench::text::width(rows[0]);
    assert!(
        rows.iter().all(|r| casebench::text::width(r) == width),
        "{out}"
    );
}

#[test]
fn sample_refuses_a_database_with_cases_unless_forced() {
    let env = Env::with_cases(2);
    let run = env.run(&["sample", "--cases", "10"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.ends_with(
        "already holds 2 cases; pass --force to replace them (and their audit history) with the sample\n"
    ));
    let out = env.run(&["sample", "--cases", "10", "--force"]).ok();
    assert!(out.starts_with("generated 10 sample cases (seed 20221015) into "));
    assert!(out.trim_end().ends_with(", replacing 2 cases"));
    assert_eq!(env.stats("")["total"], 10);
}

/// `stats` reads the cases without their text and note (issue 12). On the sample with two
/// reviews, its counts and outcomes are the ones it printed when it read whole cases, filtered
/// on the string fields the cases keep (`channel`, `received_at`).
#[test]
fn stats_on_the_sample_prints_the_figures_of_whole_cases() {
    let env = Env::new();
    env.run(&["sample", "--cases", "3000"]).ok();
    env.run(&[
        "label",
        "R-000013",
        "kind=paid",
        "service=kakaomap",
        "amount=500000",
        "status=reviewed",
        "note=메모",
    ])
    .ok();
    env.run(&[
        "label",
        "R-000053",
        "status=escalated",
        "substitute=unavailable",
    ])
    .ok();
    let rules = format!(
        "{}/sample-data/rules/final-2022-12-29.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = env
        .run(&[
            "stats",
            "--rules",
            &rules,
            "--where",
            "channel=phone,email received_at<2022-10-25",
        ])
        .ok();
    assert_eq!(out, SAMPLE_STATS, "{out}");
}

/// Printed by `stats` before it read the cases without their text: 3,000 sample cases, R-000013
/// and R-000053 reviewed as in the test above.
const SAMPLE_STATS: &str = "\
367 cases

scope · 범위                          cases   share
  kakao           카카오                315   85.8%
  affiliate       계열사                 52   14.2%

reporter · 신고인                     cases   share
  individual      일반 이용자           336   91.6%
  small_business  소상공인               31    8.4%
  enterprise      중대형 기업             0    0.0%

kind · 피해 유형                      cases   share
  paid            유료서비스 피해        65   17.7%
  free_monetary   무료서비스 금전 피해   54   14.7%
  inquiry         문의                  127   34.6%
  opinion         의견                   41   11.2%
  protest         항의                   71   19.3%
  encouragement   격려                    9    2.5%

service · 서비스                      cases   share
  kakaotalk       카카오톡              121   33.0%
  kakao_login     카카오 로그인          33    9.0%
  talk_channel    카카오톡 채널          17    4.6%
  kakaomap        카카오맵               15    4.1%
  gift            선물하기               10    2.7%
  emoticon        이모티콘 플러스        35    9.5%
  talk_drawer     톡서랍 플러스          28    7.6%
  daum            다음 메일·카페         21    5.7%
  kakao_t         카카오 T               23    6.3%
  kakaopay        카카오페이             14    3.8%
  melon           멜론                   10    2.7%
  kakao_page      카카오페이지            5    1.4%
  other           기타                   16    4.4%
  unlabelled      미분류                 19    5.2%

substitute · 대체 수단                cases   share
  available       대체 수단 있음         20    5.4%
  unavailable     대체 수단 없음         27    7.4%
  unknown         확인 불가              21    5.7%
  unlabelled      미분류                299   81.5%

status · 상태                         cases   share
  new             신규                  365   99.5%
  reviewed        검토 완료               1    0.3%
  escalated       상향 검토               1    0.3%

outcomes · final-2022-12-29
  outcome            cases   share  cash (won)
  refer_affiliate       52   14.2%           0
  per_terms             52   14.2%           0
  reply_only           221   60.2%           0
  individual_review      1    0.3%           0
  needs_evidence         1    0.3%           0
  support_cash           8    2.2%     280,000
  goodwill_package      32    8.7%           0
  needs_review           0    0.0%           0
  total                367  100.0%     280,000
";

/// Every string field a filter reads holds what the whole case holds: `stats --where` on each
/// counts what the library counts over [`Store::load_all`].
#[test]
fn stats_filters_on_every_kept_field_count_what_whole_cases_give() {
    use casebench::domain::{Counts, Filter};
    use casebench::report::stats::render_text;
    use casebench::store::Store;

    let env = Env::new();
    env.run(&["sample", "--cases", "2000", "--seed", "9"]).ok();
    env.run(&["label", "R-000004", "kind=protest", "note=다시 확인"])
        .ok();
    env.run(&["label", "R-000009", "status=reviewed"]).ok();
    let cases = Store::open(&env.db).unwrap().load_all().unwrap();
    for expr in [
        "id=R-000004,R-000009,R-001999",
        "updated_by=tester",
        "updated_by=none status=new",
        "channel=talk_channel",
        "received_at>=2022-10-21 received_at<2022-10-23",
        "kind=paid amount>=10,000",
    ] {
        let filter = Filter::parse(expr).unwrap();
        let expected = render_text(&Counts::of(cases.iter().filter(|c| filter.matches(c))));
        assert!(!expected.starts_with("0 cases"), "{expr} selects some case");
        assert_eq!(
            env.run(&["stats", "--where", expr]).ok(),
            expected,
            "{expr}"
        );
    }
}

#[test]
fn sample_is_deterministic() {
    let a = Env::new();
    let b = Env::new();
    for env in [&a, &b] {
        env.run(&["sample", "--cases", "1000", "--seed", "42"]).ok();
    }
    let export = |env: &Env| env.run(&["export", "--format", "csv"]).ok();
    assert_eq!(export(&a), export(&b));
}

#[test]
fn commands_on_a_missing_database_say_so_and_create_nothing() {
    let env = Env::new();
    let run = env.run(&["stats"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such database"), "{}", run.stderr);
    assert!(!env.db.exists());
}

#[test]
fn a_newer_database_is_refused() {
    let env = Env::with_cases(1);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
    }
    let run = env.run(&["stats"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "casebench: the database has schema version 42, newer than this casebench understands ({}); use a newer casebench\n",
            casebench::store::schema::CURRENT_VERSION
        )
    );
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let env = Env::with_cases(1);
    let mut cmd = bare_cmd(env.dir.path());
    cmd.args(["stats", "--json", "--db"]).arg(&env.db);
    let out = run(cmd).ok();
    assert!(out.contains("\"total\": 1"));
    let mut cmd = bare_cmd(env.dir.path());
    cmd.env("CASEBENCH_DB", &env.db)
        .env("CASEBENCH_REVIEWER", "envy");
    cmd.args(["label", "C-1", "kind=paid"]);
    run(cmd).ok();
    let history = env.run(&["history", "C-1", "--json"]).ok();
    assert!(history.contains("\"reviewer\":\"envy\""));
}

#[test]
fn out_replaces_the_file_only_on_success() {
    let env = Env::with_cases(1);
    let out = env.write("report.txt", "previous report\n");
    let run = env.run(&[
        "stats",
        "--where",
        "kind=nope",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report\n");
    env.run(&["stats", "--out", out.to_str().unwrap()]).ok();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("1 case\n"));
    let leftovers = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn help_documents_every_command() {
    let env = Env::new();
    let help = env.run(&["--help"]).ok();
    for command in [
        "sample", "import", "export", "stats", "label", "history", "revert",
    ] {
        assert!(help.contains(command), "{command} missing from --help");
        let sub = env.run(&[command, "--help"]).ok();
        assert!(sub.contains("--db"), "{command} --help lacks --db");
    }
}

#[test]
fn label_where_changes_every_match_in_one_batch_and_dry_run_changes_nothing() {
    let env = Env::with_cases(5);
    env.run(&["label", "C-1", "kind=paid"]).ok();
    env.run(&["label", "C-2", "kind=paid"]).ok();
    let preview = env
        .run(&[
            "label",
            "--where",
            "kind=paid",
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
    assert_eq!(env.stats("")["by"]["status"]["escalated"], 0);
    let out = env
        .run(&["label", "--where", "kind=paid", "status=escalated"])
        .ok();
    assert!(out.contains("changed 2 cases (batch bulk-"), "{out}");
    assert_eq!(env.stats("")["by"]["status"]["escalated"], 2);
    let history = env.run(&["history", "C-2", "--json"]).ok();
    let last: serde_json::Value = serde_json::from_str(history.lines().last().unwrap()).unwrap();
    assert_eq!(last["action"], "bulk");
    assert!(last["batch"].as_str().unwrap().starts_with("bulk-"));
    let run = env.run(&["label", "--where", "kind=paid", "--dry-run"]);
    assert_eq!(run.code, 2, "no assignments: {}", run.stderr);
}

#[test]
fn derived_fields_without_rules_are_refused_not_silently_empty() {
    let env = Env::with_cases(2);
    let run = env.run(&["label", "--where", "outcome=support_cash", "note=x"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "casebench: --where \"outcome=support_cash\": outcome and rule need --rules FILE (the rule set that decides them)\n"
    );
    assert_eq!(env.stats("")["total"], 2);
}

/// Runs `args` with standard output a pipe whose reader goes away after the first line, as
/// `casebench ... | head -1` does. Returns the exit code, that line and standard error.
fn run_into_a_pipe_closed_after_one_line(env: &Env, args: &[&str]) -> (i32, String, String) {
    let mut cmd = env.cmd(args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run casebench");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("a pipe");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    // The reader is dropped: the pipe's read end is closed while casebench still writes.
    let out = child.wait_with_output().expect("wait for casebench");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), line, stderr)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_success() {
    let env = Env::new();
    env.run(&["sample", "--cases", "15000"]).ok();
    // Every case changes outcome, so the --list is long.
    let a = env.write("a.toml", "name = \"a\"\n[default]\noutcome = \"kept\"\n");
    let b = env.write("b.toml", "name = \"b\"\n[default]\noutcome = \"moved\"\n");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let commands: [&[&str]; 5] = [
        &["export"],
        &["export", "--format", "csv"],
        &["rules", "diff", a, b, "--json", "--list"],
        &["rules", "diff", a, b, "--list"],
        &["audit", "--json"],
    ];
    for args in commands {
        let full = env.run(args).ok();
        assert!(
            full.len() > 300_000,
            "{args:?}: {} bytes is too little to outlast the pipe's buffer",
            full.len()
        );
        let (code, line, stderr) = run_into_a_pipe_closed_after_one_line(&env, args);
        assert_eq!(line, full.lines().next().unwrap().to_string() + "\n");
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn a_bad_postgresql_address_is_refused_without_showing_its_password() {
    let env = Env::new();
    let bad = "postgres://kim:s3cret-pw@host:notaport/claims";
    let mut cmd = bare_cmd(env.dir.path());
    cmd.args(["--db", bad, "stats"]);
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: --db postgres://kim:***@host:notaport/claims: not a PostgreSQL address \
         (invalid connection string)\n"
    );
    // The same from the environment.
    let mut cmd = bare_cmd(env.dir.path());
    cmd.env("CASEBENCH_DB", bad).arg("stats");
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.contains("s3cret-pw"), "{}", out.stderr);
    assert!(
        out.stderr.contains("postgres://kim:***@host"),
        "{}",
        out.stderr
    );
}
