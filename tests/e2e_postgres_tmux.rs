//! End to end over PostgreSQL in real terminals: two workbenches in tmux, a reviewer and a
//! lead, each logged in as their own database role, on one database of 2,000 sample cases.
//! One relabels and the other sees it; then the reviewer's terminal hangs up (SIGHUP, as a
//! dropped SSH connection does) right after a relabel key, and every label it saved is in
//! the database, nothing is half-written, and the lead sees it.
//!
//! Needs tmux and the PostgreSQL server binaries (`.ci/run` installs both and sets
//! `CASEBENCH_REQUIRE_POSTGRES=1`, which makes a missing server a failure, not a skip). Set
//! CASEBENCH_E2E_BIN to test another build of the binary (CI passes the release build).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use casebench::domain::Dimension;
use common::pg::{self, Login, TestDb};
use common::proxy::Proxy;
use common::tmux::Tmux;
use common::{run, Run};

/// How long one screen state may take to appear: a server, two workbenches training their
/// suggestions and the test itself share a loaded machine.
const PATIENCE: Duration = Duration::from_secs(120);

fn binary() -> PathBuf {
    std::env::var_os("CASEBENCH_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_casebench")))
}

/// The database (sample cases, made by the owner), a reviewer and a lead.
struct Team {
    db: TestDb,
    home: tempfile::TempDir,
    reviewer: Login,
    lead: Login,
}

impl Team {
    fn new(cases: usize) -> Option<Team> {
        let db = pg::database_or_skip()?;
        let home = tempfile::tempdir().unwrap();
        let reviewer = db.create_login(&format!("rev_{}", db.name), "rev-secret-pw");
        let lead = db.create_login(&format!("lead_{}", db.name), "lead-secret-pw");
        let team = Team {
            db,
            home,
            reviewer,
            lead,
        };
        team.owner(&["sample", "--cases", &cases.to_string()]).ok();
        for (login, role) in [(&team.reviewer, "reviewer"), (&team.lead, "lead")] {
            team.owner(&["reviewers", "add", &login.user, "--role", role])
                .ok();
        }
        Some(team)
    }

    /// `casebench --db OWNER ARGS…` (the superuser owns the tables in the tests).
    fn owner(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(binary());
        clean_env(&mut cmd, self.home.path());
        cmd.arg("--db").arg(self.db.superuser_url()).args(args);
        run(cmd)
    }

    /// The command that runs the workbench as `login` in a terminal.
    fn workbench(&self, login: &Login) -> String {
        self.workbench_at(&login.url)
    }

    /// The command that runs the workbench on the database at `url` in a terminal.
    fn workbench_at(&self, url: &str) -> String {
        let home = self.home.path().display();
        format!(
            "env -u PGPASSWORD -u PGUSER -u PGHOST -u PGPORT -u PGDATABASE -u CASEBENCH_DB \
             -u CASEBENCH_REVIEWER HOME={home} XDG_DATA_HOME={home}/data \
             XDG_CONFIG_HOME={home}/config TERM=xterm-256color {} --db '{url}' review",
            binary().display(),
        )
    }

    /// One case as the owner exports it.
    fn case(&self, id: &str) -> serde_json::Value {
        let out = self.owner(&["export", "--where", &format!("id={id}")]).ok();
        serde_json::from_str(out.trim()).expect("one case")
    }

    /// One number from the database, read as the superuser.
    fn count(&self, sql: &str) -> i64 {
        self.db.superuser().query_one(sql, &[]).unwrap().get(0)
    }

    /// One number about the reviewer (`$1` in `sql`).
    fn count_of_reviewer(&self, sql: &str) -> i64 {
        self.db
            .superuser()
            .query_one(sql, &[&self.reviewer.user])
            .unwrap()
            .get(0)
    }
}

fn clean_env(cmd: &mut Command, home: &Path) {
    for name in [
        "PGPASSWORD",
        "PGUSER",
        "PGHOST",
        "PGPORT",
        "PGDATABASE",
        "CASEBENCH_DB",
        "CASEBENCH_REVIEWER",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(std::process::Stdio::null());
}

/// The key that sets `dimension` of `case` to a value it does not have, and that value.
fn key_changing(case: &serde_json::Value, dimension: &str) -> (&'static str, &'static str) {
    let choices: &[(&str, &str)] = match dimension {
        "kind" => &[("1", "paid"), ("2", "free_monetary"), ("3", "inquiry")],
        "reporter" => &[
            ("i", "individual"),
            ("b", "small_business"),
            ("e", "enterprise"),
        ],
        _ => panic!("no keys for {dimension}"),
    };
    choices
        .iter()
        .copied()
        .find(|(_, value)| case[dimension] != *value)
        .expect("a value the case does not have")
}

/// The start of the status line of `login`'s workbench on case `position` of 2,000.
fn status_of(login: &Login, db: &TestDb, position: usize) -> String {
    format!(" {} │ {} │ {position}/2,000 │", login.user, db.name)
}

/// The same, of `total` cases.
fn status_of_n(login: &Login, db: &TestDb, position: usize, total: &str) -> String {
    format!(" {} │ {} │ {position}/{total} │", login.user, db.name)
}

/// How the workbench names `code` of `dimension`.
fn korean(dimension: Dimension, code: &str) -> &'static str {
    dimension.info(dimension.parse_code(code).unwrap()).korean
}

/// Whether process `pid` is still there.
/// Whether process `pid` still runs: it exists and is not a zombie (one that has exited but
/// that tmux has not reaped yet, which under load can take a while).
fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let exists = unsafe { libc::kill(pid, 0) == 0 };
    exists && !zombie(pid)
}

/// Whether `/proc` says process `pid` has exited and waits to be reaped (state `Z`).
fn zombie(pid: i32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses and may hold spaces.
    stat.rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
}

#[test]
fn two_reviewers_on_postgres_see_each_others_labels_and_a_hangup_loses_nothing_saved() {
    let Some(team) = Team::new(2000) else {
        return;
    };
    let a = Tmux::patient("pg-reviewer", PATIENCE);
    let b = Tmux::patient("pg-lead", PATIENCE);
    // Both start on R-000001; the status line names the database, never the password. The
    // first, on a database without a model, learns suggestions in the background as the
    // reviewer's role, as on SQLite; the second finds them made.
    a.start(&team.workbench(&team.reviewer), 120, 32);
    let screen = a.wait_for_all(&[&status_of(&team.reviewer, &team.db, 1), "suggestions ready"]);
    assert!(!screen.contains("secret-pw"), "{screen}");
    b.start(&team.workbench(&team.lead), 120, 32);
    let screen = b.wait_for(&status_of(&team.lead, &team.db, 1));
    assert!(!screen.contains("secret-pw"), "{screen}");
    assert_eq!(
        team.count("SELECT count(*) FROM suggestions"),
        2000,
        "every case has its suggestions"
    );

    // The reviewer relabels the case the lead has open: the lead is told within seconds.
    let first = team.case("R-000001");
    let (kind_key, kind) = key_changing(&first, "kind");
    a.keys(&[kind_key]);
    a.wait_for(&format!("saved R-000001: kind → {kind}"));
    b.wait_for(&format!(
        "R-000001 was just changed by {} (kind)",
        team.reviewer.user
    ));

    // The next case: another label, saved.
    a.keys(&["j"]);
    a.wait_for(&status_of(&team.reviewer, &team.db, 2));
    let second = team.case("R-000002");
    let (reporter_key, reporter) = key_changing(&second, "reporter");
    a.keys(&[reporter_key]);
    a.wait_for(&format!("saved R-000002: reporter → {reporter}"));

    // Back to the lead's case, a relabel key, and the terminal hangs up at once.
    a.keys(&["k"]);
    a.wait_for(&status_of(&team.reviewer, &team.db, 1));
    let (reporter_key_1, reporter_1) = key_changing(&first, "reporter");
    let pid = a.pane_pid();
    a.keys(&[reporter_key_1]);
    // SAFETY: signals the workbench this test started (the pane's process).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    let deadline = Instant::now() + PATIENCE;
    while alive(pid) {
        assert!(
            Instant::now() < deadline,
            "the workbench outlived its hangup"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Every label the reviewer saw saved is in the database.
    let first_now = team.case("R-000001");
    let second_now = team.case("R-000002");
    assert_eq!(first_now["kind"], kind);
    assert_eq!(second_now["reporter"], reporter);
    assert_eq!(second_now["updated_by"], team.reviewer.user.as_str());
    // The last key was either saved whole or not at all.
    let last_saved = first_now["reporter"] == reporter_1;
    if !last_saved {
        assert_eq!(first_now["reporter"], first["reporter"]);
    }
    let changes = team.count_of_reviewer("SELECT count(*) FROM audit WHERE reviewer = $1");
    assert_eq!(changes, if last_saved { 3 } else { 2 });
    assert_eq!(
        first_now["version"].as_i64(),
        first["version"]
            .as_i64()
            .map(|v| v + if last_saved { 2 } else { 1 })
    );
    // Nothing half-written anywhere: each case's version counts the changes in its audit
    // trail, and each case's labels are the last values its audit rows set.
    assert_eq!(
        team.count(
            "SELECT count(*) FROM cases c WHERE c.version <> 1 + (SELECT count(DISTINCT xact) \
             FROM audit a WHERE a.case_id = c.id AND a.field <> 'case')"
        ),
        0,
        "a version that does not match the audit trail"
    );
    assert_eq!(
        team.count(
            "SELECT count(*) FROM cases c WHERE c.kind IS DISTINCT FROM coalesce((SELECT a.new \
             FROM audit a WHERE a.case_id = c.id AND a.field = 'kind' ORDER BY a.seq DESC \
             LIMIT 1), c.kind) OR c.reporter IS DISTINCT FROM coalesce((SELECT a.new FROM \
             audit a WHERE a.case_id = c.id AND a.field = 'reporter' ORDER BY a.seq DESC \
             LIMIT 1), c.reporter)"
        ),
        0,
        "a label that is not the last its audit trail set"
    );
    // The hangup let go of the reviewer's lease.
    assert_eq!(
        team.count_of_reviewer("SELECT count(*) FROM leases WHERE reviewer = $1"),
        0
    );

    // The lead sees every label the reviewer saved: R-000002 as the database holds it.
    if last_saved {
        b.wait_for(&format!(
            "R-000001 was just changed by {} (reporter)",
            team.reviewer.user
        ));
    }
    b.keys(&["j"]);
    b.wait_for_all(&[
        &status_of(&team.lead, &team.db, 2),
        "R-000002 · ",
        &format!("reporter   {}", korean(Dimension::Reporter, reporter)),
    ]);
    b.keys(&["q"]);
    b.wait_exit();
}

/// The database goes out of reach under a working session (the network between them breaks,
/// and new connections fail): the message line says so, with the database and never the
/// password; the workbench carries on; a label key says the change was not saved; once the
/// database can be reached the message line says so and the same key saves.
#[test]
fn a_database_out_of_reach_is_said_on_the_message_line_and_the_workbench_carries_on() {
    let Some(team) = Team::new(50) else { return };
    let proxy = Proxy::start(team.db.port());
    let url = proxy.url_for(&team.reviewer.url, team.db.port());
    let shown = format!(
        "lost the connection to postgres://{}@127.0.0.1:{}/{}",
        team.reviewer.user,
        proxy.port(),
        team.db.name
    );
    let tmux = Tmux::patient("pg-away", PATIENCE);
    // Wide, so that the messages fit on one line of the screen.
    tmux.start(&team.workbench_at(&url), 220, 30);
    tmux.wait_for_all(&[
        &status_of_n(&team.reviewer, &team.db, 1, "50"),
        "suggestions ready",
    ]);
    let pid = tmux.pane_pid();

    proxy.refuse(true);
    proxy.cut_all();
    let screen = tmux.wait_for(&format!("{shown} and could not reconnect: "));
    assert!(screen.contains("nothing saved is lost"), "{screen}");
    assert!(!screen.contains("secret-pw"), "{screen}");
    let first = team.case("R-000001");
    let (key, kind) = key_changing(&first, "kind");
    tmux.keys(&[key]);
    tmux.wait_for("your change was not saved: do it again to try again");
    assert!(alive(pid), "the workbench carries on");

    proxy.refuse(false);
    tmux.wait_for(&format!(
        "connected to postgres://{}@127.0.0.1:{}/{} again",
        team.reviewer.user,
        proxy.port(),
        team.db.name
    ));
    tmux.keys(&[key]);
    tmux.wait_for(&format!("saved R-000001: kind → {kind}"));
    tmux.keys(&["q"]);
    tmux.wait_exit();
    assert_eq!(team.case("R-000001")["kind"], kind);
    assert_eq!(
        team.count_of_reviewer("SELECT count(*) FROM audit WHERE reviewer = $1"),
        1,
        "saved once"
    );
}
