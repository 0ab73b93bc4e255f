//! `casebench copy` through the real binary and a real PostgreSQL: a team's database (sample
//! cases, two reviewers' relabels, a reverted batch, a saved view, a resolved spot-check, a
//! trained model and its suggestions) goes from SQLite to PostgreSQL and back unchanged, row
//! for row, and PostgreSQL carries on numbering after it; a destination that holds anything,
//! a role that does not own the tables, and a destination that keeps something else than it
//! was given are refused with nothing written; a dry run writes nothing; and no password ever
//! shows.

mod common;

use std::path::Path;
use std::process::Command;

use common::pg::{self, Login, TestDb};
use common::{bare_cmd, run, Env, Run};

/// `casebench ARGS…` with a clean environment (no PG*, no CASEBENCH_*).
fn casebench(home: &Path, args: &[&str]) -> Run {
    let mut cmd: Command = bare_cmd(home);
    cmd.env_remove("PGPASSWORD")
        .env_remove("PGUSER")
        .env_remove("PGHOST")
        .args(args);
    run(cmd)
}

fn copy(home: &Path, from: &str, to: &str, more: &[&str]) -> Run {
    let mut args = vec!["copy", "--from", from, "--to", to];
    args.extend(more);
    casebench(home, &args)
}

/// `--db DB ARGS…`, as `who` where the database is a file (on PostgreSQL the login decides).
fn on(home: &Path, db: &str, who: &str, args: &[&str]) -> Run {
    let mut all = vec!["--db", db, "--reviewer", who];
    if db.starts_with("postgres://") {
        all.truncate(2);
    }
    all.extend(args);
    casebench(home, &all)
}

/// The PostgreSQL location as casebench shows it: without the password.
fn shown(db: &TestDb, user: &str) -> String {
    format!("postgres://{user}@127.0.0.1:{}/{}", db.port(), db.name)
}

#[track_caller]
fn assert_no_password(run: &Run, password: &str) {
    assert!(
        !run.stdout.contains(password) && !run.stderr.contains(password),
        "the password shows: {run:?}"
    );
}

/// Every row of every table of an SQLite file but `leases`, each as text, sorted within its
/// table (cases with their creation order, the rowid).
fn every_row(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> 'leases' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn
                .prepare(&format!("SELECT rowid, * FROM {table}"))
                .unwrap();
            let width = stmt.column_count();
            let with_rowid = table == "cases" || table == "audit";
            let mut rows: Vec<String> = stmt
                .query_map([], |row| {
                    let from = if with_rowid { 0 } else { 1 };
                    Ok((from..width)
                        .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join(" | "))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}

/// The first `n` case ids of a database, from its export.
fn first_ids(env: &Env, n: usize) -> Vec<String> {
    env.run(&["export"])
        .ok()
        .lines()
        .take(n)
        .map(|line| {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            case["id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// The batch id in `changed N cases (batch ID); …`.
fn batch_of(out: &str) -> String {
    let after = out.split_once("(batch ").expect("a batch id").1;
    after.split(')').next().unwrap().to_string()
}

/// What the commands say about a database, to compare two of them.
fn answers(home: &Path, db: &str, id: &str) -> Vec<(String, String)> {
    [
        vec!["export"],
        vec!["export", "--suggestions", "--format", "csv"],
        vec!["audit"],
        vec!["audit", "--json"],
        vec!["history", id],
        vec!["reviewers", "list"],
        vec!["reviewers", "enrolment"],
        vec!["spot-check", "list"],
        vec!["spot-check", "differences", "1"],
        vec!["stats", "--json"],
    ]
    .into_iter()
    .map(|args| {
        let run = on(home, db, "nobody-in-particular", &args);
        assert_eq!(run.code, 0, "{db} {args:?}: {}", run.stderr);
        (args.join(" "), run.stdout)
    })
    .collect()
}

/// The last audit row on PostgreSQL: seq, reviewer, case.
fn last_event(db: &TestDb) -> (i64, String, String) {
    let row = db
        .superuser()
        .query_one(
            "SELECT seq, reviewer, case_id FROM audit ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

/// 2,000 sample cases worked on by a lead and a reviewer whose names are `team`'s login roles.
fn team_database(env: &Env, lead: &str, kim: &str) -> String {
    let as_ = |who: &str, args: &[&str]| {
        let mut cmd = env.cmd(args);
        cmd.args(["--reviewer", who]);
        run(cmd).ok()
    };
    env.run(&["sample", "--cases", "2000"]).ok();
    env.run(&["reviewers", "add", lead, "--role", "lead"]).ok();
    as_(lead, &["reviewers", "add", kim, "--role", "reviewer"]);
    let ids = first_ids(env, 4);
    as_(kim, &["label", &ids[0], "kind=paid", "note=영수증 확인"]);
    as_(kim, &["label", &ids[1], "service=gift", "amount=5만원"]);
    as_(lead, &["label", &ids[2], "status=escalated"]);
    // A lead's bulk change over kim's label, reverted: the revert restores kim's row.
    let bulk = as_(
        lead,
        &[
            "label",
            "--where",
            &format!("id={},{},{}", ids[0], ids[1], ids[3]),
            "kind=protest",
        ],
    );
    as_(lead, &["revert", &batch_of(&bulk)]);
    {
        let mut store = casebench::store::Store::open(&env.db).unwrap();
        store
            .save_view("큰 금액", "amount_krw>500000", Some("환불"), lead)
            .unwrap();
    }
    let check = as_(
        lead,
        &[
            "spot-check",
            "new",
            "--of",
            kim,
            "--since",
            "2000-01-01",
            "--size",
            "2",
            "--seed",
            "5",
        ],
    );
    assert!(check.starts_with("spot-check 1: 2 of 2 cases"), "{check}");
    as_(lead, &["spot-check", "label", "1", &ids[0], "kind=inquiry"]);
    as_(lead, &["spot-check", "label", "1", &ids[1], "service=gift"]);
    as_(
        lead,
        &["spot-check", "resolve", "1", &ids[0], "kind", "overturn"],
    );
    as_(lead, &["suggest", "train"]);
    as_(lead, &["suggest", "run"]);
    // A lease, which is live coordination and stays behind.
    as_(kim, &["next"]);
    ids[0].clone()
}

#[test]
fn a_team_database_goes_to_postgresql_and_back_unchanged_and_carries_on_there() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let lead = db.create_login(&format!("lee_{}", db.name), "lee-pw-4417");
    let kim = db.create_login(&format!("kim_{}", db.name), "kim-pw-5521");
    let env = Env::new();
    let home = env.dir.path();
    let id = team_database(&env, &lead.user, &kim.user);
    let original = env.db.to_str().unwrap().to_string();
    let before = answers(home, &original, &id);
    let audit_rows = common::query_count(&env.db, "SELECT count(*) FROM audit");
    assert!(audit_rows > 2_000, "{audit_rows}");
    let restores = common::query_count(
        &env.db,
        "SELECT count(*) FROM audit WHERE restores IS NOT NULL",
    );
    assert_eq!(restores, 1, "the revert brought kim's kind back");
    let suggestions = common::query_count(&env.db, "SELECT count(*) FROM suggestions");
    assert!(suggestions > 1_000, "{suggestions}");

    // SQLite → PostgreSQL, as the owner.
    let url = db.superuser_url();
    let password = db.cluster().superuser_password().to_string();
    let to_pg = copy(home, &original, &url, &[]);
    assert_no_password(&to_pg, &password);
    let out = to_pg.ok();
    let counts = format!(
        "2,000 cases, {} audit rows (last seq {}), 3 reviewers, 1 view, 1 spot-check, 1 model, \
         {} suggestions",
        fmt(audit_rows),
        fmt(audit_rows),
        fmt(suggestions)
    );
    let (summary, note) = out.split_once('\n').unwrap();
    assert!(
        summary.starts_with(&format!(
            "copied {counts} from {original} to {} in ",
            shown(&db, pg::SUPERUSER)
        )) && summary.ends_with(" s; verified"),
        "{out}"
    );
    assert_eq!(
        note,
        "not copied: 1 lease (live coordination: reviewers take their cases again in the new \
         database)\n"
    );
    let on_postgres = answers(home, &url, &id);
    assert_eq!(on_postgres.len(), 10);
    assert_eq!(on_postgres, before, "PostgreSQL answers as SQLite did");

    // PostgreSQL → a new SQLite file.
    let back = env.path("back.db");
    let back_str = back.to_str().unwrap();
    let to_file = copy(home, &url, back_str, &[]);
    assert_no_password(&to_file, &password);
    let out = to_file.ok();
    assert!(
        out.starts_with(&format!(
            "copied {counts} from {} to {back_str} in ",
            shown(&db, pg::SUPERUSER)
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "PostgreSQL held no lease: {out}");
    assert_eq!(answers(home, back_str, &id), before);
    let export = |db: &str| on(home, db, "x", &["export"]).ok();
    assert_eq!(export(back_str).as_bytes(), export(&original).as_bytes());
    // Row for row, table by table, the cases in their creation order and the audit rows with
    // their sequence numbers and what each revert restored.
    assert_eq!(every_row(&back), every_row(&env.db));

    // The copy on PostgreSQL works for a reviewer's own login, numbered after the copied rows.
    on(
        home,
        &url,
        "x",
        &["reviewers", "add", &kim.user, "--role", "reviewer"],
    )
    .ok();
    let version = as_login(home, &kim, &["label", "R-001999", "kind=opinion"]).ok();
    assert_eq!(version.trim(), "2");
    assert_eq!(
        last_event(&db),
        (audit_rows + 1, kim.user.clone(), "R-001999".to_string())
    );
}

fn as_login(home: &Path, login: &Login, args: &[&str]) -> Run {
    on(home, &login.url, "x", args)
}

fn fmt(n: i64) -> String {
    casebench::domain::format_amount(n)
}

#[test]
fn a_destination_that_holds_anything_is_refused_and_left_as_it_was() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::with_cases(3);
    let home = env.dir.path();
    let url = db.superuser_url();
    let seed = env.write(
        "other.jsonl",
        "{\"id\":\"X-1\",\"text\":\"다른 데이터베이스\"}\n{\"id\":\"X-2\",\"text\":\"두 번째\"}\n",
    );
    on(home, &url, "x", &["import", seed.to_str().unwrap()]).ok();
    let run = copy(home, env.db.to_str().unwrap(), &url, &[]);
    assert_eq!(
        (run.code, run.stderr.as_str(), run.stdout.as_str()),
        (
            2,
            format!(
                "casebench: {}: not empty (2 cases, 2 audit rows); copy only into a new \
                 database\n",
                shown(&db, pg::SUPERUSER)
            )
            .as_str(),
            ""
        )
    );
    assert_no_password(&run, db.cluster().superuser_password());
    let stats: serde_json::Value =
        serde_json::from_str(&on(home, &url, "x", &["stats", "--json"]).ok()).unwrap();
    assert_eq!(stats["total"], 2, "nothing changed: {stats}");
    assert_eq!(last_event(&db).0, 2);

    // An SQLite file that holds cases, likewise.
    let other = Env::with_cases(1);
    let run = copy(
        home,
        env.db.to_str().unwrap(),
        other.db.to_str().unwrap(),
        &[],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "casebench: {}: not empty (1 case, 1 audit row, 1 reviewer); copy only into a new \
             database\n",
            other.db.display()
        )
    );
    // And a database into itself.
    let run = copy(
        home,
        env.db.to_str().unwrap(),
        env.db.to_str().unwrap(),
        &[],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("are the same database"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dry_run_verifies_and_writes_nothing() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::with_cases(3);
    let home = env.dir.path();
    let url = db.superuser_url();
    let out = copy(home, env.db.to_str().unwrap(), &url, &["--dry-run"]).ok();
    assert!(
        out.starts_with(&format!(
            "dry run: would copy 3 cases, 3 audit rows (last seq 3), 1 reviewer, 0 views, \
             0 spot-checks, 0 models, 0 suggestions from {} to {}; copied and verified in ",
            env.db.display(),
            shown(&db, pg::SUPERUSER)
        )) && out.ends_with(" s, then rolled back: nothing was written\n"),
        "{out}"
    );
    let stats: serde_json::Value =
        serde_json::from_str(&on(home, &url, "x", &["stats", "--json"]).ok()).unwrap();
    assert_eq!(stats["total"], 0, "{stats}");
    // The real copy afterwards finds the destination empty.
    copy(home, env.db.to_str().unwrap(), &url, &[]).ok();
    // Into a new file: not even the file is left.
    let new = env.path("new.db");
    let out = copy(home, &url, new.to_str().unwrap(), &["--dry-run"]).ok();
    assert!(out.starts_with("dry run: would copy 3 cases,"), "{out}");
    assert!(!new.exists());
    assert!(!env.path("new.db-wal").exists());
}

#[test]
fn a_role_that_does_not_own_the_tables_is_refused_before_anything_is_written() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::with_cases(3);
    let home = env.dir.path();
    let url = db.superuser_url();
    // The owner creates the tables; kim, enrolled as a reviewer, logs in.
    let kim = db.create_login(&format!("kim_{}", db.name), "kim-secret-8890");
    on(
        home,
        &url,
        "x",
        &["reviewers", "add", &kim.user, "--role", "lead"],
    )
    .ok();
    let run = copy(home, env.db.to_str().unwrap(), &kim.url, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "casebench: {}: {} does not own the casebench tables (postgres does); copy as \
             postgres or a member of it: only the owner may write audit rows in other \
             reviewers' names with their original times\n",
            shown(&db, &kim.user),
            kim.user
        )
    );
    assert_no_password(&run, &kim.password);
    let stats: serde_json::Value =
        serde_json::from_str(&on(home, &url, "x", &["stats", "--json"]).ok()).unwrap();
    assert_eq!(stats["total"], 0);
}

#[test]
fn a_destination_that_keeps_something_else_rolls_back_and_says_what_differs() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::with_cases(3);
    let home = env.dir.path();
    let url = db.superuser_url();
    on(home, &url, "x", &["stats"]).ok();
    // The server drops one audit row on its way in: the copy must notice.
    db.superuser()
        .batch_execute(
            "CREATE FUNCTION lose_seq_2() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.seq = 2 THEN RETURN NULL; END IF; RETURN NEW; END $$; \
             CREATE TRIGGER zz_lose_seq_2 BEFORE INSERT ON audit \
             FOR EACH ROW EXECUTE FUNCTION lose_seq_2();",
        )
        .unwrap();
    let run = copy(home, env.db.to_str().unwrap(), &url, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    let prefix = format!(
        "casebench: {}: the copy does not match {}, so nothing was copied (rolled back): audit: \
         3 rows (digest ",
        shown(&db, pg::SUPERUSER),
        env.db.display()
    );
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(") read from the source, 2 rows (digest ")
            && run.stderr.ends_with(") read back\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let mut client = db.superuser();
    let cases: i64 = client
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(cases, 0, "rolled back");
}

#[test]
fn passwords_in_urls_never_show_in_errors() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::with_cases(1);
    let home = env.dir.path();
    let run = copy(
        home,
        env.db.to_str().unwrap(),
        "postgres://lee:hunter2-77@db.example:notaport/claims",
        &[],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("casebench: --to postgres://lee:***@db.example:notaport/claims: "),
        "{}",
        run.stderr
    );
    assert_no_password(&run, "hunter2-77");
    let wrong = db.url(pg::SUPERUSER, "not-the-password-31");
    let run = copy(home, &wrong, env.path("x.db").to_str().unwrap(), &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.starts_with(&format!(
            "casebench: {}: cannot connect: ",
            shown(&db, pg::SUPERUSER)
        )),
        "{}",
        run.stderr
    );
    assert_no_password(&run, "not-the-password-31");
    assert!(
        !env.path("x.db").exists(),
        "nothing created for a source that failed"
    );
    let run = copy(home, env.path("missing.db").to_str().unwrap(), &wrong, &[]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            format!(
                "casebench: --from {}: no such database\n",
                env.path("missing.db").display()
            )
            .as_str()
        )
    );
}

#[test]
fn text_postgresql_cannot_hold_is_named_and_nothing_is_copied() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let env = Env::new();
    let home = env.dir.path();
    let file = env.write(
        "nul.jsonl",
        "{\"id\":\"N-1\",\"text\":\"카카오톡\\u0000먹통\"}\n\
         {\"id\":\"N-2\",\"text\":\"괜찮은 신고\"}\n\
         {\"id\":\"N-3\",\"text\":\"또\\u0000 하나\",\"note\":\"메모\\u0000\"}\n",
    );
    env.run(&["import", file.to_str().unwrap()]).ok();
    let url = db.superuser_url();
    let run = copy(home, env.db.to_str().unwrap(), &url, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "casebench: {}: PostgreSQL text cannot hold the NUL character (U+0000), and {} has 2 \
             rows with it: cases N-1 (text), cases N-3 (text, note); nothing was copied (remove \
             the character from those rows in {} first)\n",
            shown(&db, pg::SUPERUSER),
            env.db.display(),
            env.db.display()
        )
    );
    let stats: serde_json::Value =
        serde_json::from_str(&on(home, &url, "x", &["stats", "--json"]).ok()).unwrap();
    assert_eq!(stats["total"], 0);
}
