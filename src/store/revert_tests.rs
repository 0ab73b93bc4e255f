//! Tests of reverting a batch: the plan, the write, what a revert refuses, and the spot-check
//! population afterwards.

use super::tests::{request, with_cases};
use super::*;
use crate::domain::{Change, Dimension, Field};

const PAID: Change = Change::Label(Dimension::Kind, Some(0));
const INQUIRY: Change = Change::Label(Dimension::Kind, Some(2));

fn kind(store: &Store, id: &str) -> Option<String> {
    store
        .get(id)
        .unwrap()
        .unwrap()
        .label_code(Dimension::Kind)
        .map(str::to_string)
}

/// `who` sets `changes` on `ids` as one bulk change, batch `batch`.
fn bulk(store: &mut Store, who: &str, ids: &[&str], changes: &[Change], batch: &str) {
    let items: Vec<BulkItem> = ids
        .iter()
        .map(|id| BulkItem {
            case_id: id.to_string(),
            expected_version: None,
            changes: changes.to_vec(),
        })
        .collect();
    let outcome = store
        .apply_bulk(&items, who, AuditAction::Bulk, batch)
        .unwrap();
    assert_eq!(outcome.applied.len(), ids.len());
}

fn label(store: &mut Store, who: &str, id: &str, change: Change) {
    store
        .apply_change(&request(id, None, who, &[change]))
        .unwrap();
}

fn restores_of(store: &Store, batch: &str) -> Vec<(String, Option<i64>)> {
    store
        .connection()
        .unwrap()
        .prepare("SELECT case_id, restores FROM audit WHERE batch = ?1 ORDER BY seq")
        .unwrap()
        .query_map([batch], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn last_seq_of(store: &Store, id: &str) -> i64 {
    store.history(id).unwrap().last().unwrap().seq
}

#[test]
fn a_revert_restores_what_is_unchanged_and_names_what_changed_since() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2", "C-3", "C-4"]);
    label(&mut store, "lee", "C-1", INQUIRY);
    let lee_row = last_seq_of(&store, "C-1");
    bulk(
        &mut store,
        "kim",
        &["C-1", "C-2", "C-3"],
        &[PAID, Change::Note(Some("일괄".into()))],
        "bulk-1",
    );
    label(&mut store, "lee", "C-3", INQUIRY);

    let plan = store.revert_plan("bulk-1").unwrap();
    assert_eq!(plan.cases, 3);
    let ids: Vec<&str> = plan.restore.iter().map(|c| c.case_id.as_str()).collect();
    assert_eq!(ids, ["C-1", "C-2"]);
    let c1 = &plan.restore[0];
    assert_eq!(c1.version, 3);
    let fields: Vec<(Field, Option<&str>, Option<&str>)> = c1
        .fields
        .iter()
        .map(|f| (f.field, f.now.as_deref(), f.back.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::Label(Dimension::Kind), Some("paid"), Some("inquiry")),
            (Field::Note, Some("일괄"), None),
        ]
    );
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].case_id, "C-3");
    let later = &plan.skipped[0].changed;
    assert_eq!(later.len(), 1, "the note was not changed since: {later:?}");
    assert_eq!(
        (later[0].field.as_str(), later[0].by.as_str()),
        ("kind", "lee")
    );

    let outcome = store.apply_revert(&plan, "tester").unwrap();
    let batch = outcome.batch.clone().unwrap();
    assert!(batch.starts_with("revert-"), "{batch}");
    assert_eq!(outcome.restored.len(), 2);
    assert_eq!(outcome.applied.len(), 2);
    assert_eq!(kind(&store, "C-1").as_deref(), Some("inquiry"));
    assert_eq!(kind(&store, "C-2"), None);
    assert_eq!(store.get("C-2").unwrap().unwrap().note, None);
    assert_eq!(kind(&store, "C-3").as_deref(), Some("inquiry"), "lee's");
    assert_eq!(
        store.get("C-3").unwrap().unwrap().note.as_deref(),
        Some("일괄")
    );
    let history = store.history("C-1").unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.reviewer.as_str(),
            last.batch.as_deref()
        ),
        ("revert", "tester", Some(batch.as_str()))
    );
    assert_eq!(
        restores_of(&store, &batch),
        [
            ("C-1".to_string(), Some(lee_row)),
            ("C-1".to_string(), None),
            ("C-2".to_string(), None),
            ("C-2".to_string(), None),
        ],
        "each row names the row whose value it brought back (none for values never set)"
    );

    let again = store.revert_batch("bulk-1", "tester", false).unwrap();
    assert!(again.restored.is_empty() && again.batch.is_none());
    assert_eq!(again.skipped.len(), 3, "all changed since, by the revert");
    assert_eq!(
        again.skipped[0].changed[0].batch.as_deref(),
        Some(batch.as_str())
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    bulk(&mut store, "kim", &["C-1", "C-2"], &[PAID], "bulk-1");
    let before = store.audit_count().unwrap();
    let outcome = store.revert_batch("bulk-1", "tester", true).unwrap();
    assert_eq!(outcome.restored.len(), 2);
    assert!(outcome.batch.is_none() && outcome.applied.is_empty());
    assert_eq!(store.audit_count().unwrap(), before);
    assert_eq!(kind(&store, "C-1").as_deref(), Some("paid"));
}

#[test]
fn a_case_changed_between_plan_and_apply_is_skipped_by_the_version_check() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    bulk(&mut store, "kim", &["C-1", "C-2"], &[PAID], "bulk-1");
    let plan = store.revert_plan("bulk-1").unwrap();
    assert_eq!(plan.restore.len(), 2);
    store
        .apply_change(&request(
            "C-2",
            None,
            "lee",
            &[Change::Note(Some("확인".into()))],
        ))
        .unwrap();
    let outcome = store.apply_revert(&plan, "tester").unwrap();
    let restored: Vec<&str> = outcome
        .restored
        .iter()
        .map(|c| c.case_id.as_str())
        .collect();
    assert_eq!(restored, ["C-1"]);
    assert_eq!(outcome.skipped.len(), 1);
    let later = &outcome.skipped[0].changed;
    assert_eq!(
        (later[0].field.as_str(), later[0].by.as_str()),
        ("note", "lee")
    );
    assert_eq!(kind(&store, "C-2").as_deref(), Some("paid"));
}

#[test]
fn unknown_created_and_overturn_batches_are_refused() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    bulk(
        &mut store,
        "kim",
        &["C-1"],
        &[PAID],
        "bulk-20260101T000000-abcdef",
    );
    let err = store
        .revert_plan("bulk-20260101T000000-abcdeg")
        .unwrap_err();
    assert!(err.is_bad_input());
    assert_eq!(
        err.to_string(),
        "no batch \"bulk-20260101T000000-abcdeg\" in the audit log (nearest: \
         bulk-20260101T000000-abcdef; casebench audit shows every change with its batch)",
        "the import's batch b1 is not offered"
    );
    let err = store.revert_plan("b1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "batch b1 cannot be reverted: it created cases; a revert changes fields back, it does \
         not remove cases"
    );
    store.set_role("tester", Role::Lead, "tester").unwrap();
    let overturn = BulkItem {
        case_id: "C-1".into(),
        expected_version: None,
        changes: vec![INQUIRY],
    };
    store
        .apply_bulk(&[overturn], "tester", AuditAction::Overturn, "spot-check-1")
        .unwrap();
    let err = store.revert_plan("spot-check-1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "batch spot-check-1 cannot be reverted: it holds spot-check overturns, which are the \
         spot-check's resolutions; label the case by hand instead"
    );
    let err = store
        .apply_change(&ChangeRequest {
            action: AuditAction::Revert,
            ..request("C-1", None, "kim", &[INQUIRY])
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::RevertOutsideRevert), "{err}");
}

#[test]
fn reverting_a_revert_brings_the_batch_back() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    label(&mut store, "lee", "C-1", INQUIRY);
    let lee_row = last_seq_of(&store, "C-1");
    bulk(&mut store, "kim", &["C-1"], &[PAID], "bulk-1");
    let kim_row = last_seq_of(&store, "C-1");
    let first = store.revert_batch("bulk-1", "tester", false).unwrap();
    let first = first.batch.unwrap();
    assert_eq!(kind(&store, "C-1").as_deref(), Some("inquiry"));
    assert_eq!(
        restores_of(&store, &first),
        [("C-1".to_string(), Some(lee_row))]
    );
    let second = store.revert_batch(&first, "tester", false).unwrap();
    let second = second.batch.unwrap();
    assert_eq!(kind(&store, "C-1").as_deref(), Some("paid"));
    assert_eq!(
        restores_of(&store, &second),
        [("C-1".to_string(), Some(kim_row))],
        "kim's row, not the revert's"
    );
    let third = store.revert_batch(&second, "tester", false).unwrap();
    let third = third.batch.unwrap();
    assert_eq!(kind(&store, "C-1").as_deref(), Some("inquiry"));
    assert_eq!(
        restores_of(&store, &third),
        [("C-1".to_string(), Some(lee_row))],
        "followed through the first revert to lee's row"
    );
}

fn population(store: &Store, who: &str) -> Vec<(String, String)> {
    store
        .spot_check_population(&[who.to_string()], "2000-01-01", None)
        .unwrap()
        .into_iter()
        .map(|c| (c.case_id, c.labelled_at))
        .collect()
}

#[test]
fn a_reverted_batch_counts_as_if_it_never_happened_for_spot_checks() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    label(&mut store, "lee", "C-1", INQUIRY);
    let lee_at = store.history("C-1").unwrap().last().unwrap().at.clone();
    bulk(&mut store, "kim", &["C-1", "C-2"], &[PAID], "bulk-1");
    assert_eq!(population(&store, "kim").len(), 2);
    let first = store.revert_batch("bulk-1", "tester", false).unwrap();
    let first = first.batch.unwrap();
    assert!(population(&store, "kim").is_empty(), "kim's batch is gone");
    assert!(
        population(&store, "tester").is_empty(),
        "nothing is the lead's"
    );
    assert_eq!(
        population(&store, "lee"),
        [("C-1".to_string(), lee_at.clone())],
        "lee's again, as labelled then"
    );
    let second = store.revert_batch(&first, "tester", false).unwrap();
    let second = second.batch.unwrap();
    let kims: Vec<String> = population(&store, "kim").into_iter().map(|c| c.0).collect();
    assert_eq!(
        kims,
        ["C-1", "C-2"],
        "the revert of the revert brings kim's batch back"
    );
    assert!(population(&store, "lee").is_empty());
    store.revert_batch(&second, "tester", false).unwrap();
    assert!(population(&store, "kim").is_empty());
    assert_eq!(population(&store, "lee"), [("C-1".to_string(), lee_at)]);
    assert!(population(&store, "tester").is_empty());
}
