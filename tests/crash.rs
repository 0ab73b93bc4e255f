//! A process killed in the middle of a large import leaves the database exactly as before.

mod common;

use std::time::{Duration, Instant};

use common::Env;

#[test]
fn sigkill_during_import_changes_nothing() {
    let source = Env::new();
    source
        .run(&["sample", "--cases", "60000", "--seed", "3"])
        .ok();
    let big = source.path("big.jsonl");
    source.run(&["export", "--out", big.to_str().unwrap()]).ok();

    let env = Env::with_cases(5);
    env.run(&["label", "C-3", "kind=paid"]).ok();
    let before = env.run(&["export"]).ok();

    let wal = env.db.with_file_name("cases.db-wal");
    let start_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let mut child = env
        .cmd(&["import", big.to_str().unwrap(), "--quiet"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the import is writing (its pages spill into the WAL), before it can commit.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if len > start_len + 2_000_000 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "import finished before it could be killed"
        );
        assert!(Instant::now() < deadline, "import never started writing");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let after = env.run(&["export"]).ok();
    assert_eq!(
        after, before,
        "the database is exactly as before the import"
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let audit: i64 = conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audit, 6, "5 created + 1 label");
}
