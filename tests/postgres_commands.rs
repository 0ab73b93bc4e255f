//! The commands on PostgreSQL (`--db postgres://…`), with real login roles: the same commands
//! and answers as on SQLite, the reviewer who the database says, and the password never shown.

mod common;

use std::process::Command;

use common::pg::{self, Login, TestDb};
use common::{bare_cmd, run, Run};

/// `casebench --db URL ARGS…` with a clean environment (no PGPASSWORD, no CASEBENCH_*).
fn casebench(home: &std::path::Path, url: &str, args: &[&str]) -> Run {
    let mut cmd: Command = bare_cmd(home);
    cmd.env_remove("PGPASSWORD")
        .env_remove("PGUSER")
        .env_remove("PGHOST")
        .arg("--db")
        .arg(url)
        .args(args);
    run(cmd)
}

/// A database with 40 imported cases (`C-1`..`C-40`, imported by the owner), a lead and a
/// reviewer, each its own login role.
struct Team {
    db: TestDb,
    home: tempfile::TempDir,
    lead: Login,
    reviewer: Login,
}

impl Team {
    fn new() -> Option<Team> {
        let db = pg::database_or_skip()?;
        let home = tempfile::tempdir().unwrap();
        let lead = db.create_login(&format!("lee_{}", db.name), "lee-pw");
        let reviewer = db.create_login(&format!("kim_{}", db.name), "kim-pw");
        let team = Team {
            db,
            home,
            lead,
            reviewer,
        };
        let lines: String = (1..=40)
            .map(|i| {
                format!(
                    "{{\"id\":\"C-{i}\",\"text\":\"카카오톡 선물하기 {i}번 결제가 안 됐어요\"}}\n"
                )
            })
            .collect();
        let file = team.home.path().join("seed.jsonl");
        std::fs::write(&file, lines).unwrap();
        team.owner(&["import", file.to_str().unwrap()]).ok();
        team.owner(&["reviewers", "add", &team.lead.user, "--role", "lead"])
            .ok();
        team.owner(&[
            "reviewers",
            "add",
            &team.reviewer.user,
            "--role",
            "reviewer",
        ])
        .ok();
        Some(team)
    }

    fn owner(&self, args: &[&str]) -> Run {
        casebench(self.home.path(), &self.db.superuser_url(), args)
    }

    fn as_login(&self, login: &Login, args: &[&str]) -> Run {
        casebench(self.home.path(), &login.url, args)
    }
}

#[test]
fn a_reviewer_relabels_and_the_audit_says_who_with_the_servers_time() {
    let Some(team) = Team::new() else { return };
    let out = team
        .as_login(
            &team.reviewer,
            &["label", "C-7", "kind=paid", "service=gift"],
        )
        .ok();
    assert_eq!(out.trim(), "2", "label prints the case's new version");
    let stats: serde_json::Value =
        serde_json::from_str(&team.owner(&["stats", "--json"]).ok()).unwrap();
    assert_eq!(stats["total"], 40, "{stats}");
    let history = team.owner(&["history", "C-7"]).ok();
    assert!(history.contains(&team.reviewer.user), "{history}");
    let mut client = team.db.superuser();
    let row = client
        .query_one(
            "SELECT reviewer, at, abs(extract(epoch FROM (now() - \
             (replace(replace(at, 'T', ' '), 'Z', '')::timestamp AT TIME ZONE 'UTC')))) < 60 \
             FROM audit WHERE case_id = 'C-7' AND field = 'kind'",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), team.reviewer.user);
    assert!(
        row.get::<_, bool>(2),
        "the time is the server's: {}",
        row.get::<_, String>(1)
    );
}

#[test]
fn reviewer_may_only_name_the_role_that_logged_in() {
    let Some(team) = Team::new() else { return };
    let run = team.as_login(
        &team.reviewer,
        &["--reviewer", &team.lead.user, "label", "C-1", "kind=paid"],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr.trim(),
        format!(
            "casebench: you are logged in to the database as \"{}\", so you cannot act as \
             \"{}\" (on PostgreSQL the reviewer is the database role: drop --reviewer, or log in \
             as {})",
            team.reviewer.user, team.lead.user, team.lead.user
        )
    );
    // Nothing changed.
    let history = team.owner(&["history", "C-1"]).ok();
    assert!(!history.contains("paid"), "{history}");
    // Naming oneself is fine.
    team.as_login(
        &team.reviewer,
        &[
            "--reviewer",
            &team.reviewer.user,
            "label",
            "C-1",
            "kind=paid",
        ],
    )
    .ok();
}

#[test]
fn lead_only_commands_are_refused_to_a_reviewer_and_work_for_the_lead() {
    let Some(team) = Team::new() else { return };
    let run = team.as_login(
        &team.reviewer,
        &["reviewers", "add", &team.reviewer.user, "--role", "lead"],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "only a lead can add reviewers, change roles or the enrolment setting; {} is a \
             reviewer",
            team.reviewer.user
        )),
        "{}",
        run.stderr
    );
    let list = team.as_login(&team.lead, &["reviewers", "list"]).ok();
    assert!(
        list.contains(&team.lead.user) && list.contains("lead"),
        "{list}"
    );
    let kim_line = list
        .lines()
        .find(|l| l.contains(&team.reviewer.user))
        .unwrap_or_default();
    assert!(kim_line.contains("reviewer"), "{list}");
}

#[test]
fn a_wrong_password_is_a_clear_error_that_never_shows_the_password() {
    let Some(team) = Team::new() else { return };
    let url = team.db.url(&team.reviewer.user, "not-my-password-123");
    let run = casebench(team.home.path(), &url, &["stats"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        !run.stderr.contains("not-my-password-123"),
        "{}",
        run.stderr
    );
    let shown = format!(
        "postgres://{}@127.0.0.1:{}/{}",
        team.reviewer.user,
        team.db.port(),
        team.db.name
    );
    assert!(
        run.stderr
            .starts_with(&format!("casebench: {shown}: cannot connect: ")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("password authentication failed"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_password_can_come_from_pgpassword_or_the_password_file() {
    let Some(team) = Team::new() else { return };
    let url = format!(
        "postgres://{}@127.0.0.1:{}/{}",
        team.reviewer.user,
        team.db.port(),
        team.db.name
    );
    let mut cmd = bare_cmd(team.home.path());
    cmd.env("PGPASSWORD", &team.reviewer.password)
        .args(["--db", &url, "stats"]);
    let out = run(cmd).ok();
    assert!(out.contains("40"), "{out}");
    let pgpass = team.home.path().join("pgpass");
    std::fs::write(
        &pgpass,
        format!(
            "127.0.0.1:*:{}:{}:{}\n",
            team.db.name, team.reviewer.user, team.reviewer.password
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = bare_cmd(team.home.path());
    cmd.env_remove("PGPASSWORD")
        .env("PGPASSFILE", &pgpass)
        .args(["--db", &url, "stats"]);
    let out = run(cmd).ok();
    assert!(out.contains("40"), "{out}");
}

#[test]
fn a_refusal_by_the_server_reads_as_its_message_and_counts_as_bad_input() {
    let Some(team) = Team::new() else { return };
    let mut kim = postgres::Client::connect(&team.reviewer.url, postgres::NoTls).unwrap();
    let refused = kim
        .batch_execute("UPDATE audit SET reviewer = 'someone' WHERE seq = 1")
        .unwrap_err();
    let error = casebench::store::StoreError::Postgres(refused);
    assert_eq!(error.to_string(), "permission denied for table audit");
    assert!(error.is_refused_by_the_server() && error.is_bad_input());
    let error = kim
        .batch_execute(&format!(
            "UPDATE reviewers SET role = 'reviewer' WHERE name = '{}'",
            team.lead.user
        ))
        .map_err(casebench::store::StoreError::Postgres)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "only a lead can add reviewers, change roles or the enrolment setting; {} is a \
             reviewer",
            team.reviewer.user
        )
    );
    assert!(error.is_bad_input());
}

/// Each of these binds a parameter that may be NULL (no --by, no --until, no --check), which
/// PostgreSQL cannot type from `IS NULL` alone: they failed with "could not determine data type
/// of parameter $1".
#[test]
fn audit_spot_check_and_agreement_take_their_optional_filters() {
    let Some(team) = Team::new() else { return };
    for id in ["C-1", "C-2", "C-3"] {
        team.as_login(&team.reviewer, &["label", id, "kind=paid"])
            .ok();
    }
    let kim = team.reviewer.user.as_str();
    let by_kim = team.owner(&["audit", "--by", kim, "--json"]).ok();
    let cases: Vec<serde_json::Value> = by_kim
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let ids: Vec<&str> = cases
        .iter()
        .map(|e| e["case_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["C-1", "C-2", "C-3"], "{by_kim}");
    assert!(cases.iter().all(|e| e["reviewer"] == kim), "{by_kim}");
    let all = team
        .owner(&["audit", "--since", "2020-01-01", "--json"])
        .ok();
    assert_eq!(all.lines().count(), 43, "40 imports and 3 labels: {all}");
    let later = team
        .owner(&["audit", "--since", "2999-01-01", "--json"])
        .ok();
    assert_eq!(later, "");

    let drawn = team
        .as_login(
            &team.lead,
            &[
                "spot-check",
                "new",
                "--of",
                kim,
                "--since",
                "2020-01-01",
                "--size",
                "2",
                "--seed",
                "1",
            ],
        )
        .ok();
    assert!(
        drawn.starts_with(&format!(
            "spot-check 1: 2 of 3 cases last labelled by {kim} since 2020-01-01T00:00:00.000Z"
        )),
        "{drawn}"
    );
    let agreement = team.as_login(&team.lead, &["agreement", "--of", kim]).ok();
    assert!(
        agreement.contains("no label has been compared yet"),
        "{agreement}"
    );
}

/// Twenty `next` processes at once, as twenty reviewers on two hosts: ten over TCP, ten over the
/// server's unix socket, each group in its own time zone. Each gets its own case, in case
/// order, and every lease runs five minutes from when the server took it. (The two groups
/// share this machine's clock, so this does not show that a host's clock is ignored; the
/// store takes lease times from `casebench_clock()`, see `store/backend.rs`.)
#[test]
fn next_from_twenty_processes_on_two_hosts_gives_twenty_different_cases() {
    let Some(team) = Team::new() else { return };
    team.owner(&["label", "C-1", "status=reviewed"]).ok();
    let logins: Vec<Login> = (0..20)
        .map(|i| {
            let login = team
                .db
                .create_login(&format!("r{i}_{}", team.db.name), &format!("pw-{i}"));
            team.owner(&["reviewers", "add", &login.user, "--role", "reviewer"])
                .ok();
            login
        })
        .collect();
    let children: Vec<_> = logins
        .iter()
        .enumerate()
        .map(|(i, login)| {
            let (url, zone) = if i % 2 == 0 {
                (login.url.clone(), "Asia/Seoul")
            } else {
                (team.db.socket_url(&login.user), "America/New_York")
            };
            let mut cmd = bare_cmd(team.home.path());
            cmd.env("TZ", zone)
                .env_remove("PGPASSWORD")
                .args(["--db", &url, "next"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            (
                login.user.clone(),
                cmd.spawn().expect("spawn casebench next"),
            )
        })
        .collect();
    let mut given = std::collections::BTreeMap::new();
    for (user, child) in children {
        let out = child.wait_with_output().expect("wait for casebench next");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{user}: {stderr}");
        given.insert(
            user,
            String::from_utf8_lossy(&out.stdout).trim().to_string(),
        );
    }
    let mut ids: Vec<i64> = given
        .values()
        .map(|id| id.trim_start_matches("C-").parse().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, (2..=21).collect::<Vec<_>>(), "{given:?}");

    // The leases say who holds each case, and all run out five minutes after the server's now.
    let rows = team
        .db
        .superuser()
        .query(
            "SELECT case_id, reviewer, expires_at - taken_at AS lasts, \
                    abs(taken_at - (extract(epoch FROM clock_timestamp()) * 1000)::bigint) AS age \
             FROM leases ORDER BY case_id",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), 20);
    for row in rows {
        let (case, reviewer): (String, String) = (row.get(0), row.get(1));
        assert_eq!(given.get(&reviewer), Some(&case), "{reviewer} holds {case}");
        assert_eq!(
            row.get::<_, i64>(2),
            300_000,
            "{case}: a lease of 5 minutes"
        );
        assert!(row.get::<_, i64>(3) < 60_000, "{case}: taken just now");
    }
}
