//! Other sessions' changes on PostgreSQL: a session that does nothing but look learns of
//! another's commit (the workbench's poll), with nothing else going over its connection.

mod common;

use std::time::{Duration, Instant};

use casebench::domain::{Case, Change, Dimension};
use casebench::store::{AuditAction, ChangeRequest, CreateOptions, OnExisting, Store};
use common::pg;

#[test]
fn a_session_that_only_looks_learns_of_anothers_commit() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut owner = Store::open_at(&db.superuser_url().parse().unwrap()).unwrap();
    owner
        .create_cases(
            &[Case::new("C-1", "사례 1")],
            CreateOptions {
                reviewer: pg::SUPERUSER,
                action: "import",
                batch: "fixture",
                on_existing: OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .unwrap();
    let kim = db.create_login(&format!("kim_live_{}", db.name), "kim-pw");
    let lee = db.create_login(&format!("lee_live_{}", db.name), "lee-pw");
    for who in [&kim.user, &lee.user] {
        db.superuser()
            .execute("SELECT casebench_enrol($1, 'reviewer')", &[who])
            .unwrap();
    }
    let watcher = Store::open_at(&kim.url.parse().unwrap()).unwrap();
    let mut cursor = watcher.audit_cursor().unwrap();
    let before = watcher.data_version().unwrap();
    assert_eq!(watcher.data_version().unwrap(), before, "nothing happened");

    let mut other = Store::open_at(&lee.url.parse().unwrap()).unwrap();
    other
        .apply_change(&ChangeRequest {
            case_id: "C-1",
            expected_version: Some(1),
            reviewer: &lee.user,
            action: AuditAction::Label,
            batch: None,
            changes: &[Change::Label(Dimension::Kind, Some(0))],
        })
        .unwrap();

    let deadline = Instant::now() + Duration::from_secs(20);
    while watcher.data_version().unwrap() == before {
        assert!(
            Instant::now() < deadline,
            "the commit was never noticed by a session that only looks"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let events = watcher.events_after(&mut cursor).unwrap();
    assert_eq!(
        events
            .iter()
            .map(|e| (e.case_id.as_str(), e.reviewer.as_str(), e.field.as_str()))
            .collect::<Vec<_>>(),
        [("C-1", lee.user.as_str(), "kind")]
    );
}
