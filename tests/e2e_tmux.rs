//! End to end in a real terminal: the binary runs inside tmux, keys are typed with
//! `send-keys`, the screen is read with `capture-pane`, and the database is checked through
//! the CLI afterwards. Needs tmux (`.ci/run` installs it). Set CASEBENCH_E2E_BIN to test
//! another build of the binary (CI passes the release build).

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use common::Env;

fn binary() -> PathBuf {
    std::env::var_os("CASEBENCH_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_casebench")))
}

fn case(env: &Env, id: &str) -> serde_json::Value {
    let out = env.run(&["export", "--where", &format!("id={id}")]).ok();
    serde_json::from_str(out.trim()).expect("one case")
}

fn workbench_command(env: &Env, term: &str, extra_env: &str) -> String {
    format!(
        "env TERM={term} {extra_env} {} --db {} --reviewer e2e review",
        binary().display(),
        env.db.display()
    )
}

#[test]
fn relabel_with_keys_quit_and_the_database_agrees_on_every_terminal_type() {
    let env = Env::new();
    env.run(&["sample", "--cases", "60"]).ok();
    let terms = [
        "xterm",
        "xterm-256color",
        "screen-256color",
        "tmux-256color",
        "linux",
    ];
    for (i, term) in terms.iter().enumerate() {
        let tmux = Tmux::new(&format!("relabel{i}"));
        let extra = if *term == "linux" { "NO_COLOR=1" } else { "" };
        tmux.start(&workbench_command(&env, term, extra), 100, 30);
        tmux.wait_for("cases 1/60");
        // Move to the (i+2)th case and set its kind to protest, reporter to enterprise.
        let mut keys = vec!["j"; i + 1];
        keys.extend(["5", "e"]);
        tmux.keys(&keys);
        let id = format!("R-{:06}", i + 2);
        let screen = tmux.wait_for(&format!("saved {id}: reporter → enterprise"));
        assert!(screen.contains(&format!("{id} · new 신규 · v")), "{screen}");
        tmux.keys(&["q"]);
        tmux.wait_exit();
        let saved = case(&env, &id);
        assert_eq!(saved["kind"], "protest", "{term}");
        assert_eq!(saved["reporter"], "enterprise", "{term}");
        assert_eq!(saved["updated_by"], "e2e");
    }
}

#[test]
fn a_dropped_connection_loses_nothing_saved() {
    let env = Env::new();
    env.run(&["sample", "--cases", "40"]).ok();
    let tmux = Tmux::new("hangup");
    tmux.start(&workbench_command(&env, "xterm-256color", ""), 100, 30);
    tmux.wait_for("cases 1/40");
    tmux.keys(&["3", "j", "enter"]);
    tmux.wait_for("saved R-000002: status → reviewed");
    tmux.keys(&["1"]);
    tmux.wait_for(": kind → paid");
    let position = tmux.screen();
    // Close the terminal under the program, as a dropped SSH connection does (SIGHUP).
    tmux.cmd(&["kill-session", "-t", "wb"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while Command::new("pgrep")
        .args(["-f", &format!("--db {}", env.db.display())])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
    {
        assert!(
            Instant::now() < deadline,
            "the workbench outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(case(&env, "R-000001")["kind"], "inquiry");
    assert_eq!(case(&env, "R-000002")["status"], "reviewed");
    let third: Vec<serde_json::Value> = env
        .run(&["export", "--where", "kind=paid updated_by=e2e"])
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        third.len(),
        1,
        "the case after R-000002 was set to paid: {position}"
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_reviewers_day_at_80x24_on_the_linux_console() {
    let env = Env::new();
    env.run(&["sample", "--cases", "60"]).ok();
    // Keys that change R-000001 whatever the sample gave it.
    let first = case(&env, "R-000001");
    let kinds = [
        "paid",
        "free_monetary",
        "inquiry",
        "opinion",
        "protest",
        "encouragement",
    ];
    let kind_key = (1..=6).find(|k| first["kind"] != kinds[k - 1]).unwrap();
    let kind = kinds[kind_key - 1];
    let (reporter_key, reporter) = [("i", "individual"), ("b", "small_business")]
        .into_iter()
        .find(|(_, r)| first["reporter"] != *r)
        .unwrap();
    let tmux = Tmux::new("day");
    // Bare `casebench` is the workbench (no `review`), on the Linux console without colour.
    let command = format!(
        "env TERM=linux NO_COLOR=1 {} --db {} --reviewer e2e",
        binary().display(),
        env.db.display()
    );
    tmux.start(&command, 80, 24);
    tmux.wait_for("cases 1/60");

    // Triage: two labels and confirm; the workbench moves to the next unreviewed case.
    tmux.keys(&[&kind_key.to_string(), reporter_key, "Enter"]);
    tmux.wait_for("saved R-000001: status → reviewed");

    // A refused prompt stays open with the refusal inside, and takes the typing as text.
    tmux.keys(&["S"]);
    tmux.wait_for("only a lead can edit the team's saved views; e2e is a reviewer");
    tmux.keys(&["kind paid", "Enter"]);
    // Both at once: the typed name stays in the prompt and the store's refusal is shown in it
    // (the name alone shows before the enter is taken).
    tmux.wait_for_all(&["› kind paid", "only a lead can edit the team's saved views"]);
    tmux.keys(&["Escape"]);
    // As a person does: the next key comes once the prompt is gone. (Sent at once, `esc j`
    // reaches a busy program as one alt-j, which the terminal cannot tell apart.)
    tmux.wait_gone("save this view for the team as");

    // Undo of a case off screen: the first u brings it into view and says what it undoes.
    tmux.keys(&["j", "j", "j", "j", "j", "j", "j", "j", "j", "j"]);
    tmux.wait_for("12/60");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("u again undoes R-000001: status → new");
    assert!(screen.contains(" 1/60"), "R-000001 is selected: {screen}");
    tmux.keys(&["u"]);
    tmux.wait_for("undone R-000001: status → new");

    // A bulk change of two cases, then its revert from the history.
    tmux.keys(&["Space", "Space", "B", "status esc", "Enter"]);
    tmux.wait_for("would change");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved 2 cases (batch");
    tmux.keys(&["k", "h", "G", "R"]);
    tmux.wait_for("would be restored");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("reverted batch bulk-");
    assert!(screen.contains("2 cases restored"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let first = case(&env, "R-000001");
    assert_eq!(
        (first["kind"].as_str(), first["reporter"].as_str()),
        (Some(kind), Some(reporter))
    );
    assert_eq!(first["status"], "new", "confirmed, then undone");
    assert_eq!(
        case(&env, "R-000002")["status"],
        "new",
        "escalated, then reverted"
    );
    // Every change e2e made, and nothing else: the typed "kind paid" changed nothing.
    let audit = env.run(&["audit", "--by", "e2e", "--json"]).ok();
    let actions: Vec<String> = audit
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {} {}",
                row["case_id"].as_str().unwrap(),
                row["action"].as_str().unwrap(),
                row["field"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            "R-000001 label kind",
            "R-000001 label reporter",
            "R-000001 label status",
            "R-000001 undo status",
            "R-000001 bulk status",
            "R-000002 bulk status",
            "R-000001 revert status",
            "R-000002 revert status",
        ]
    );
}
