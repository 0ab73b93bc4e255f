//! Tests of the store: schema and migrations, the change function, creation.

use tempfile::TempDir;

use super::schema::{self, CURRENT_VERSION};
use super::*;
use crate::domain::{Case, Change, Dimension, Status};

fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cases.db")).unwrap();
    (dir, store)
}

fn options(batch: &str) -> CreateOptions<'_> {
    CreateOptions {
        reviewer: "loader",
        action: "import",
        batch,
        on_existing: OnExisting::Fail,
        replace: false,
    }
}

pub(super) fn with_cases(ids: &[&str]) -> (TempDir, Store) {
    let (dir, mut store) = temp_store();
    let cases: Vec<Case> = ids
        .iter()
        .map(|id| Case::new(*id, format!("{id}: 카카오톡 먹통")))
        .collect();
    store
        .create_cases(&cases, options("b1"), &mut |_| {})
        .unwrap();
    (dir, store)
}

pub(super) fn request<'a>(
    id: &'a str,
    seen: Option<i64>,
    who: &'a str,
    changes: &'a [Change],
) -> ChangeRequest<'a> {
    ChangeRequest {
        case_id: id,
        expected_version: seen,
        reviewer: who,
        action: AuditAction::Label,
        batch: None,
        changes,
    }
}

#[test]
fn a_new_file_gets_the_current_schema_in_wal_mode() {
    let (_dir, store) = temp_store();
    let conn = store.connection().unwrap();
    assert_eq!(schema::user_version(conn).unwrap(), CURRENT_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn an_older_file_is_upgraded_and_keeps_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO cases (id, text, kind) VALUES ('OLD-1', '오래된 신고', 'paid')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit (at, reviewer, case_id, field, old, new, action) \
             VALUES ('2022-11-01T00:00:00.000Z', 'park', 'OLD-1', 'kind', NULL, 'paid', 'label')",
            [],
        )
        .unwrap();
        assert_eq!(schema::user_version(&conn).unwrap(), 1);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        schema::user_version(store.connection().unwrap()).unwrap(),
        CURRENT_VERSION
    );
    let case = store.get("OLD-1").unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Kind), Some("paid"));
    let reviewers: Vec<String> = store
        .connection()
        .unwrap()
        .prepare("SELECT name FROM reviewers")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        reviewers,
        ["park"],
        "reviewers are back-filled from the audit log"
    );
}

#[test]
fn a_newer_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "the database has schema version 99, newer than this casebench understands \
             ({CURRENT_VERSION}); use a newer casebench"
        )
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "this is not a database, just some notes\n".repeat(100),
    )
    .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(
        err.to_string()
            .ends_with("not a casebench database (not an SQLite file)"),
        "{err}"
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.starts_with("this is not a database"),
        "the file is left alone"
    );
}

#[test]
fn a_change_bumps_the_version_and_writes_one_audit_row_per_changed_field() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    let changes = [
        Change::Label(Dimension::Kind, Some(1)),
        Change::Label(Dimension::Reporter, Some(1)),
        Change::Amount(Some(120_000)),
        Change::Status(Status::New), // already new: no row
    ];
    let applied = store
        .apply_change(&request("C-1", Some(1), "kim", &changes))
        .unwrap();
    assert_eq!(applied.case.version, 2);
    assert_eq!(applied.case.updated_by.as_deref(), Some("kim"));
    let fields: Vec<&str> = applied.events.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["kind", "reporter", "amount_krw"]);

    let stored = store.get("C-1").unwrap().unwrap();
    assert_eq!(stored, applied.case);
    assert_eq!(stored.label_code(Dimension::Kind), Some("free_monetary"));
    assert_eq!(stored.amount_krw, Some(120_000));

    let history = store.history("C-1").unwrap();
    assert_eq!(history.len(), 4, "created + three fields");
    assert_eq!(history[0].field, CREATED_FIELD);
    assert_eq!(history[0].action, "import");
    assert_eq!(history[1].old, None);
    assert_eq!(history[1].new.as_deref(), Some("free_monetary"));
    assert_eq!(history[3].new.as_deref(), Some("120000"));
    assert!(history
        .iter()
        .skip(1)
        .all(|e| e.reviewer == "kim" && e.action == "label"));
    assert_eq!(
        store.get("C-2").unwrap().unwrap().version,
        1,
        "other cases untouched"
    );
}

#[test]
fn a_stale_version_is_refused_naming_who_changed_the_case() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let first = [Change::Label(Dimension::Kind, Some(0))];
    store
        .apply_change(&request("C-1", Some(1), "kim", &first))
        .unwrap();
    let second = [Change::Label(Dimension::Kind, Some(2))];
    let err = store
        .apply_change(&request("C-1", Some(1), "lee", &second))
        .unwrap_err();
    let at = store.get("C-1").unwrap().unwrap().updated_at.unwrap();
    assert_eq!(
        err.to_string(),
        format!("case C-1 was changed by kim at {at} (it is at version 2; you saw version 1)")
    );
    let case = store.get("C-1").unwrap().unwrap();
    assert_eq!(
        case.label_code(Dimension::Kind),
        Some("paid"),
        "nothing written"
    );
    assert_eq!(store.history("C-1").unwrap().len(), 2);
}

#[test]
fn a_version_the_case_never_had_is_refused_as_such_not_as_a_conflict() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let paid = [Change::Label(Dimension::Kind, Some(0))];
    for seen in [99, 2, 0] {
        let err = store
            .apply_change(&request("C-1", Some(seen), "kim", &paid))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("case C-1 has never been at version {seen} (it is at version 1)")
        );
        assert!(err.is_bad_input(), "a number no one saw is bad input");
    }
    let items = [BulkItem {
        case_id: "C-1".into(),
        expected_version: Some(7),
        changes: paid.to_vec(),
    }];
    let outcome = store
        .apply_bulk(&items, "kim", AuditAction::Bulk, "bulk-1")
        .unwrap();
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(
        outcome.skipped[0].reason,
        "never at version 7 (it is at version 1)"
    );
    assert_eq!(store.get("C-1").unwrap().unwrap().version, 1);
    assert_eq!(store.audit_count().unwrap(), 1, "nothing written");
}

#[test]
fn setting_a_value_already_there_writes_nothing() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let changes = [Change::Status(Status::New), Change::Note(None)];
    let applied = store
        .apply_change(&request("C-1", Some(1), "kim", &changes))
        .unwrap();
    assert!(!applied.changed());
    assert_eq!(store.get("C-1").unwrap().unwrap().version, 1);
    assert_eq!(store.audit_count().unwrap(), 1);
}

#[test]
fn an_unknown_case_and_an_empty_reviewer_are_refused() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let changes = [Change::Status(Status::Reviewed)];
    let err = store
        .apply_change(&request("C-9", None, "kim", &changes))
        .unwrap_err();
    assert_eq!(err.to_string(), "no case with id \"C-9\"");
    let err = store
        .apply_change(&request("C-1", None, " ", &changes))
        .unwrap_err();
    assert_eq!(err.to_string(), "reviewer name must not be empty");
}

#[test]
fn the_audit_log_refuses_updates_and_deletes() {
    let (_dir, store) = with_cases(&["C-1"]);
    let conn = store.connection().unwrap();
    let err = conn.execute("DELETE FROM audit", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn
        .execute("UPDATE audit SET reviewer = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn creating_an_existing_id_fails_whole_or_skips() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let batch = vec![Case::new("C-2", "새 신고"), Case::new("C-1", "중복")];
    let err = store
        .create_cases(&batch, options("b2"), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.to_string(), "case C-1 already exists in the database");
    assert_eq!(store.case_count().unwrap(), 1, "C-2 was rolled back too");

    let skip = CreateOptions {
        on_existing: OnExisting::Skip,
        ..options("b3")
    };
    let created = store.create_cases(&batch, skip, &mut |_| {}).unwrap();
    assert_eq!(created.inserted, 1);
    assert_eq!(created.skipped, ["C-1"]);
    assert_eq!(
        &*store.get("C-1").unwrap().unwrap().text,
        "C-1: 카카오톡 먹통"
    );
}

#[test]
fn replacing_erases_cases_and_their_history_in_the_same_transaction() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    let replace = CreateOptions {
        replace: true,
        action: "sample",
        ..options("b2")
    };
    let created = store
        .create_cases(&[Case::new("S-1", "샘플")], replace, &mut |_| {})
        .unwrap();
    assert_eq!(created.erased, 2);
    assert_eq!(store.case_count().unwrap(), 1);
    assert_eq!(store.audit_count().unwrap(), 1);
    let err = store
        .connection()
        .unwrap()
        .execute("DELETE FROM audit", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "trigger is back");
}

#[test]
fn load_all_returns_cases_in_creation_order() {
    let (_dir, store) = with_cases(&["B", "A", "C"]);
    let ids: Vec<String> = store
        .load_all()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, ["B", "A", "C"]);
    let existing = store.existing_ids(["A", "Z"]).unwrap();
    assert!(existing.contains("A") && !existing.contains("Z"));
}

#[test]
fn batch_ids_differ_between_calls() {
    let a = new_batch_id("import");
    assert!(a.starts_with("import-"));
    std::thread::sleep(std::time::Duration::from_millis(2));
    assert_ne!(a, new_batch_id("import"));
}

#[test]
fn a_bulk_change_is_one_batch_and_skips_cases_changed_since() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2", "C-3", "C-4"]);
    store
        .apply_change(&request(
            "C-2",
            Some(1),
            "lee",
            &[Change::Label(Dimension::Kind, Some(3))],
        ))
        .unwrap();
    let paid = vec![Change::Label(Dimension::Kind, Some(0))];
    let items: Vec<BulkItem> = ["C-1", "C-2", "C-3", "C-9"]
        .iter()
        .map(|id| BulkItem {
            case_id: id.to_string(),
            expected_version: Some(1),
            changes: paid.clone(),
        })
        .collect();
    let outcome = store
        .apply_bulk(&items, "kim", AuditAction::Bulk, "bulk-1")
        .unwrap();
    let applied: Vec<&str> = outcome.applied.iter().map(|a| a.case.id.as_str()).collect();
    assert_eq!(applied, ["C-1", "C-3"]);
    let skipped: Vec<(&str, bool)> = outcome
        .skipped
        .iter()
        .map(|s| {
            (
                s.case_id.as_str(),
                s.reason.starts_with("changed by lee at "),
            )
        })
        .collect();
    assert_eq!(skipped, [("C-2", true), ("C-9", false)]);
    assert_eq!(
        store
            .get("C-2")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Kind),
        Some("opinion")
    );
    let batch: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE batch = 'bulk-1' AND action = 'bulk'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(batch, 2);
    let again = store
        .apply_bulk(&items[..1], "kim", AuditAction::Bulk, "bulk-2")
        .unwrap();
    assert_eq!(
        (again.applied.len(), again.skipped.len()),
        (0, 1),
        "C-1 is at version 2 now"
    );
}

#[test]
fn saved_views_are_shared_through_the_database() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    store.set_role("kim", Role::Lead, "kim").unwrap();
    store.set_role("lee", Role::Lead, "kim").unwrap();
    assert!(!store
        .save_view("큰 금액", "amount_krw>500000", None, "kim")
        .unwrap());
    assert!(store
        .save_view("큰 금액", "amount_krw>1000000", Some("예약"), "lee")
        .unwrap());
    let views = store.views().unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].filter, "amount_krw>1000000");
    assert_eq!(views[0].search.as_deref(), Some("예약"));
    assert_eq!(views[0].updated_by, "lee");
    assert!(store.delete_view_by("큰 금액", "lee").unwrap());
    assert!(!store.delete_view_by("큰 금액", "lee").unwrap());
}
