//! Copies between SQLite files (PostgreSQL both ways is in `tests/copy.rs`): what is copied,
//! what is refused, and a verification that notices a destination that keeps something else.

use tempfile::TempDir;

use super::tables::{NOT_COPIED, TABLES};
use super::*;
use crate::domain::{Change, Dimension};
use crate::store::tests::{request, with_cases};
use crate::store::{Location, NewModel};

fn new_store(dir: &TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(name)).unwrap()
}

/// Three cases, one relabelled by kim and one noted by lee, a saved view, a model and a lease.
fn source() -> (TempDir, Store) {
    let (dir, mut store) = with_cases(&["A-1", "A-2", "A-3"]);
    let kind = [Change::Label(Dimension::Kind, Some(0))];
    store
        .apply_change(&request("A-2", None, "kim", &kind))
        .unwrap();
    // SQLite text may hold a NUL character (PostgreSQL's may not: see tests/copy.rs).
    let note = [Change::Note(Some("확인\u{0} 필요".into()))];
    store
        .apply_change(&request("A-3", None, "lee", &note))
        .unwrap();
    store
        .set_role("lee", crate::store::Role::Lead, "lee")
        .unwrap();
    store
        .save_view("큰 금액", "amount_krw>500000", None, "lee")
        .unwrap();
    store
        .save_model(&NewModel {
            created_by: "kim",
            seed: 7,
            filter: "",
            cases_used: 3,
            figures: "[]",
            labels: &[0, 159, 255],
            amount: "{}",
        })
        .unwrap();
    store
        .take_lease(
            "A-1",
            "kim",
            std::time::Duration::from_secs(60),
            1_000,
            None,
        )
        .unwrap();
    (dir, store)
}

fn rows_of(store: &Store, table: &Table) -> Vec<Vec<Value<'static>>> {
    store
        .reader()
        .unwrap()
        .query(&table.select(store.dialect()), args![])
        .unwrap()
        .into_iter()
        .map(|row| row.values().to_vec())
        .collect()
}

#[test]
fn every_table_and_column_of_the_schema_is_copied_but_leases() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(&dir, "new.db");
    let conn = store.connection().unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.sort();
    let mut covered: Vec<String> = TABLES
        .iter()
        .map(|t| t.name.to_string())
        .chain(NOT_COPIED.iter().map(|t| t.to_string()))
        .collect();
    covered.sort();
    assert_eq!(tables, covered);
    for table in TABLES {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.name
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let copied: Vec<String> = table
            .columns
            .iter()
            .filter(|c| **c != tables::CREATION_ORDER)
            .map(|c| c.to_string())
            .collect();
        assert_eq!(columns, copied, "{}", table.name);
    }
}

#[test]
fn a_copy_holds_every_row_with_its_numbers_and_carries_on_after_them() {
    let (dir, src) = source();
    let mut dst = new_store(&dir, "copy.db");
    let mut seen = Vec::new();
    let copied = src
        .copy_to(&mut dst, CopyMode::Commit, &mut |at| seen.push(at))
        .unwrap();
    assert!(copied.committed);
    assert_eq!(copied.rows("cases"), 3);
    assert_eq!(copied.rows("audit"), 5, "3 created, 1 label, 1 note");
    assert_eq!(copied.rows("reviewers"), 3, "loader, kim, lee");
    assert_eq!(copied.rows("views"), 1);
    assert_eq!(copied.rows("suggest_models"), 1);
    assert_eq!(copied.last_seq, Some(5));
    assert_eq!(copied.leases_not_copied, 1);
    let at = |step: Copying| seen.iter().rposition(|s| *s == step);
    let written = at(Copying::Writing { done: 14, rows: 14 }).expect("every row written");
    let verified = at(Copying::Verifying { done: 14, rows: 14 }).expect("every row read back");
    assert!(
        written < verified && verified == seen.len() - 2,
        "3 cases, 5 audit rows, 3 reviewers, 1 setting, 1 view, 1 model: 14 rows copied, then \
         read back: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&Copying::Committing));
    for table in TABLES {
        assert_eq!(rows_of(&src, table), rows_of(&dst, table), "{}", table.name);
    }
    assert_eq!(
        dst.lease_of("A-1", 1_000).unwrap(),
        None,
        "leases are not copied"
    );
    // The copy goes on numbering after what it was given.
    let status = [Change::Status(crate::domain::Status::Reviewed)];
    dst.apply_change(&request("A-1", Some(1), "kim", &status))
        .unwrap();
    let last = dst.history("A-1").unwrap().pop().unwrap();
    assert_eq!(last.seq, 6);
    let rowid: i64 = dst
        .connection()
        .unwrap()
        .query_row("SELECT max(rowid) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rowid, 3);
}

#[test]
fn a_dry_run_verifies_and_leaves_the_destination_empty() {
    let (dir, src) = source();
    let mut dst = new_store(&dir, "copy.db");
    let copied = src
        .copy_to(&mut dst, CopyMode::DryRun, &mut |_| {})
        .unwrap();
    assert!(!copied.committed);
    assert_eq!(copied.rows("cases"), 3);
    assert_eq!(dst.case_count().unwrap(), 0);
    assert_eq!(dst.history("A-1").unwrap(), vec![]);
}

#[test]
fn a_destination_with_anything_in_it_is_refused_and_left_alone() {
    let (dir, src) = source();
    let (_other, mut dst) = with_cases(&["B-1", "B-2"]);
    let err = src
        .copy_to(&mut dst, CopyMode::Commit, &mut |_| {})
        .unwrap_err();
    let shown = dst.location().to_string();
    assert_eq!(
        err.to_string(),
        format!(
            "{shown}: not empty (2 cases, 2 audit rows, 1 reviewer); copy only into a new database"
        )
    );
    assert!(err.is_bad_input());
    assert_eq!(dst.case_count().unwrap(), 2);
    // Into itself: refused before anything is read.
    let again = Store::open(&dir.path().join("cases.db")).unwrap();
    let mut same = Store::open(&dir.path().join(".").join("cases.db")).unwrap();
    let err = again
        .copy_to(&mut same, CopyMode::Commit, &mut |_| {})
        .unwrap_err();
    assert!(matches!(err, CopyError::SameDatabase { .. }), "{err}");
}

#[test]
fn a_source_at_an_older_schema_version_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&old).unwrap();
        schema::migrate_to(&mut conn, 5).unwrap();
    }
    let src = Store::open_as_is(&Location::Sqlite(old.clone())).unwrap();
    let mut dst = new_store(&dir, "copy.db");
    let err = src
        .copy_to(&mut dst, CopyMode::Commit, &mut |_| {})
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: schema version 5, but this casebench copies version 6 (both databases must be \
             at it); open it once with this casebench to bring it forward (e.g. casebench stats \
             --db …), then copy",
            old.display()
        )
    );
    assert!(err.is_bad_input());
    assert_eq!(
        src.schema_version().unwrap(),
        5,
        "the source is not migrated"
    );
    // A file that is no casebench database at all.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let src = Store::open_as_is(&Location::Sqlite(empty)).unwrap();
    let err = src
        .copy_to(&mut dst, CopyMode::Commit, &mut |_| {})
        .unwrap_err();
    assert!(matches!(err, CopyError::NotCasebench { .. }), "{err}");
    // Opening as it is creates nothing.
    let missing = dir.path().join("missing.db");
    assert!(Store::open_as_is(&Location::Sqlite(missing.clone())).is_err());
    assert!(!missing.exists());
}

#[test]
fn a_destination_that_keeps_something_else_than_it_was_given_fails_verification() {
    let (dir, src) = source();
    let mut dst = new_store(&dir, "copy.db");
    // Something in the destination rewrites what it is given: a trigger, as a tampered or
    // misbehaving database would.
    dst.connection()
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER tamper AFTER INSERT ON cases WHEN NEW.id = 'A-2' \
             BEGIN UPDATE cases SET note = 'changed' WHERE id = NEW.id; END;",
        )
        .unwrap();
    let err = src
        .copy_to(&mut dst, CopyMode::Commit, &mut |_| {})
        .unwrap_err();
    let CopyError::Mismatch { differences, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert!(
        differences[0].starts_with("cases: 3 rows (digest ")
            && differences[0].contains(", 3 rows (digest "),
        "{differences:?}"
    );
    assert!(!err.is_bad_input(), "a runtime failure: exit code 1");
    assert!(
        err.to_string()
            .contains("so nothing was copied (rolled back)"),
        "{err}"
    );
    assert_eq!(dst.case_count().unwrap(), 0, "rolled back");
}
