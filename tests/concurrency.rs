//! Several processes writing the same database at once: optimistic concurrency holds, nothing
//! is lost, and nobody sees "database is locked".

mod common;

use std::thread;

use common::{run, Env};

#[test]
fn two_processes_with_the_same_version_exactly_one_wins() {
    let env = Env::with_cases(1);
    let children: Vec<_> = ["kind=paid", "kind=opinion"]
        .into_iter()
        .enumerate()
        .map(|(i, assignment)| {
            let mut cmd = env.cmd(&["label", "C-1", assignment, "--if-version", "1"]);
            cmd.args(["--reviewer", &format!("rev{i}")]);
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let outcomes: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let winners: Vec<_> = outcomes.iter().filter(|o| o.status.success()).collect();
    let losers: Vec<_> = outcomes.iter().filter(|o| !o.status.success()).collect();
    assert_eq!((winners.len(), losers.len()), (1, 1));
    assert_eq!(String::from_utf8_lossy(&winners[0].stdout), "2\n");
    let message = String::from_utf8_lossy(&losers[0].stderr);
    assert!(
        message.starts_with("casebench: case C-1 was changed by rev"),
        "{message}"
    );
    assert!(message.contains("you saw version 1"), "{message}");
    let history = env.run(&["history", "C-1", "--json"]).ok();
    assert_eq!(history.lines().count(), 2, "created + exactly one change");
}

#[test]
fn four_processes_labelling_250_cases_each_lose_nothing() {
    let env = Env::with_cases(1000);
    let db = env.db.clone();
    let home = env.dir.path().to_path_buf();
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            let home = home.clone();
            thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..250 {
                    let id = format!("C-{}", w * 250 + i + 1);
                    let mut cmd = common::bare_cmd(&home);
                    cmd.arg("--db").arg(&db);
                    cmd.args(["--reviewer", &format!("worker{w}"), "label", &id]);
                    cmd.args(["kind=free_monetary", "amount=12,000", "--if-version", "1"]);
                    let result = run(cmd);
                    if result.code != 0 {
                        failures.push(result.stderr);
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "failures: {failures:?}");

    let stats = env.stats("");
    assert_eq!(stats["by"]["kind"]["free_monetary"], 1000);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let label_rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'label'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(label_rows, 2000, "two fields per change");
    let per_worker: i64 = conn
        .query_row(
            "SELECT count(DISTINCT case_id) FROM audit WHERE reviewer = 'worker3'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(per_worker, 250);
    let versions: i64 = conn
        .query_row("SELECT count(*) FROM cases WHERE version = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(versions, 1000);
}
