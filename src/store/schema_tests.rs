//! Tests of the version 4 → 5 migration: in place, keeping everything, all or nothing.

use rusqlite::Connection;

use super::schema::{self, CURRENT_VERSION};
use super::*;
use crate::domain::Dimension;

/// A version 4 file as the previous release wrote it: one case, its audit rows and a lease.
fn version_4_file(path: &std::path::Path) {
    let mut conn = Connection::open(path).unwrap();
    schema::migrate_to(&mut conn, 4).unwrap();
    conn.execute_batch(
        "INSERT INTO cases (id, text, kind, version) VALUES ('OLD-1', '오래된 신고', 'paid', 2);
         INSERT INTO audit (at, reviewer, case_id, field, old, new, action, batch) VALUES
             ('2022-11-01T00:00:00.000Z', 'park', 'OLD-1', 'case', NULL, 'created', 'import',
              'import-1'),
             ('2022-11-02T00:00:00.000Z', 'park', 'OLD-1', 'kind', NULL, 'paid', 'bulk',
              'bulk-1');
         INSERT INTO reviewers (name, role, added_at) VALUES ('park', 'reviewer',
             '2022-11-01T00:00:00.000Z');
         INSERT INTO leases (case_id, reviewer, taken_at, expires_at)
             VALUES ('OLD-1', 'park', 0, 9000000000000);",
    )
    .unwrap();
    assert_eq!(schema::user_version(&conn).unwrap(), 4);
}

fn has_column(conn: &Connection, table: &str, column: &str) -> bool {
    conn.prepare(&format!("SELECT {column} FROM {table}"))
        .is_ok()
}

#[test]
fn a_version_4_file_is_upgraded_in_place_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    version_4_file(&path);
    let store = Store::open(&path).unwrap();
    let conn = store.connection().unwrap();
    assert_eq!(CURRENT_VERSION, 6);
    assert_eq!(schema::user_version(conn).unwrap(), 6);
    assert!(
        has_column(conn, "suggestions", "kind_conf"),
        "v6 added suggestions"
    );
    let case = store.get("OLD-1").unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Kind), Some("paid"));
    assert_eq!(case.version, 2);
    let history = store.history("OLD-1").unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].batch.as_deref(), Some("bulk-1"));
    let restores: Vec<Option<i64>> = conn
        .prepare("SELECT restores FROM audit ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(restores, [None, None], "old rows restore nothing");
    let lease = store.lease_of("OLD-1", 1_000).unwrap().unwrap();
    assert_eq!(lease.reviewer, "park", "an old lease still holds, by time");
    let holder: (Option<String>, Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT holder_host, holder_pid, holder_started FROM leases",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(holder, (None, None, None));
    let index: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'audit_by_batch'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, "CREATE INDEX audit_by_batch ON audit (batch)");
    // The append-only triggers survive the new column.
    let err = conn
        .execute("UPDATE audit SET restores = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn a_migration_that_fails_half_way_leaves_the_file_at_version_4() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    version_4_file(&path);
    {
        // Something in the way of the second statement of the migration: the first (the new
        // audit column) has run by the time it fails.
        let conn = Connection::open(&path).unwrap();
        conn.execute("CREATE INDEX audit_by_batch ON cases (id)", [])
            .unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert!(
        err.to_string().contains("audit_by_batch already exists"),
        "{err}"
    );
    let conn = Connection::open(&path).unwrap();
    assert_eq!(schema::user_version(&conn).unwrap(), 4);
    assert!(!has_column(&conn, "audit", "restores"), "rolled back");
    assert!(!has_column(&conn, "leases", "holder_pid"));
    let cases: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cases, 1);
}
