//! Tests of reviewers, roles, enrolment and the lead-only rules.

use super::tests::{request, with_cases};
use super::*;
use crate::domain::{Change, Dimension};

fn kind(code: u8) -> [Change; 1] {
    [Change::Label(Dimension::Kind, Some(code))]
}

#[test]
fn open_enrolment_takes_a_new_name_in_as_a_reviewer_on_its_first_change() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    assert!(store.open_enrolment().unwrap());
    assert_eq!(store.role_of("kim").unwrap(), None);
    assert_eq!(store.check_enrolled("kim").unwrap(), Role::Reviewer);
    assert_eq!(
        store.role_of("kim").unwrap(),
        None,
        "checking writes nothing"
    );
    store
        .apply_change(&request("C-1", None, "kim", &kind(0)))
        .unwrap();
    assert_eq!(store.role_of("kim").unwrap(), Some(Role::Reviewer));
}

#[test]
fn a_change_that_changes_nothing_enrols_no_one() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let same = [Change::Status(crate::domain::Status::New)];
    store
        .apply_change(&request("C-1", None, "kim", &same))
        .unwrap();
    assert_eq!(store.role_of("kim").unwrap(), None);
}

#[test]
fn closed_enrolment_refuses_unknown_names_everywhere_they_write() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    store.set_role("lee", Role::Lead, "lee").unwrap();
    assert!(store.set_open_enrolment(false, "lee").unwrap());
    let message = "reviewer \"kim\" is not enrolled in this database (ask a lead: casebench \
                   reviewers add kim --role reviewer)";
    let err = store.check_enrolled("kim").unwrap_err();
    assert_eq!(err.to_string(), message);
    assert!(err.is_bad_input());
    let err = store
        .apply_change(&request("C-1", None, "kim", &kind(0)))
        .unwrap_err();
    assert_eq!(err.to_string(), message);
    let item = BulkItem {
        case_id: "C-1".into(),
        expected_version: None,
        changes: kind(1).to_vec(),
    };
    let err = store
        .apply_bulk(&[item], "kim", AuditAction::Bulk, "b")
        .unwrap_err();
    assert_eq!(err.to_string(), message);
    let err = store
        .take_lease("C-1", "kim", DEFAULT_LEASE, now_millis(), None)
        .unwrap_err();
    assert_eq!(err.to_string(), message);
    let err = store
        .claim_next("kim", &["C-1"], DEFAULT_LEASE, now_millis(), None)
        .unwrap_err();
    assert_eq!(err.to_string(), message);
    assert_eq!(store.get("C-1").unwrap().unwrap().version, 1);

    store.set_role("kim", Role::Reviewer, "lee").unwrap();
    store
        .apply_change(&request("C-1", None, "kim", &kind(0)))
        .unwrap();
}

#[test]
fn lead_only_actions_name_the_action_and_the_reviewer() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    store
        .apply_change(&request("C-1", None, "kim", &kind(0)))
        .unwrap();
    let err = store.save_view("v", "kind=paid", None, "kim").unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can edit the team's saved views; kim is a reviewer"
    );
    assert!(err.is_bad_input());
    let err = store.delete_view_by("v", "kim").unwrap_err();
    assert!(err.to_string().starts_with("only a lead can edit"), "{err}");
    let protest = kind(2);
    let overturn = ChangeRequest {
        action: AuditAction::Overturn,
        ..request("C-1", None, "kim", &protest)
    };
    let err = store.apply_change(&overturn).unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can overturn a reviewer's label; kim is a reviewer"
    );
    assert_eq!(store.views().unwrap().len(), 0);
}

#[test]
fn a_bulk_change_over_100_cases_needs_a_lead() {
    let ids: Vec<String> = (1..=101).map(|i| format!("C-{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (_dir, mut store) = with_cases(&refs);
    let items: Vec<BulkItem> = ids
        .iter()
        .map(|id| BulkItem {
            case_id: id.clone(),
            expected_version: None,
            changes: kind(0).to_vec(),
        })
        .collect();
    let err = store
        .apply_bulk(&items, "kim", AuditAction::Bulk, "b1")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can change more than 100 cases in one bulk change (this one has 101); \
         kim is a reviewer"
    );
    let outcome = store
        .apply_bulk(&items[..100], "kim", AuditAction::Bulk, "b2")
        .unwrap();
    assert_eq!(outcome.applied.len(), 100);
    store.set_role("lee", Role::Lead, "lee").unwrap();
    let labels = [Change::Label(Dimension::Kind, Some(1))];
    let items: Vec<BulkItem> = items
        .into_iter()
        .map(|i| BulkItem {
            changes: labels.to_vec(),
            ..i
        })
        .collect();
    let outcome = store
        .apply_bulk(&items, "lee", AuditAction::Bulk, "b3")
        .unwrap();
    assert_eq!(outcome.applied.len(), 101);
}

#[test]
fn the_first_lead_is_free_then_only_leads_manage_the_roster() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    assert_eq!(
        store.set_role("lee", Role::Lead, "anyone").unwrap(),
        RoleChange::Added
    );
    let err = store.set_role("kim", Role::Lead, "kim").unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can add reviewers, change roles or the enrolment setting; kim is a reviewer"
    );
    assert!(store.set_open_enrolment(false, "kim").is_err());
    assert_eq!(
        store.set_role("kim", Role::Reviewer, "lee").unwrap(),
        RoleChange::Added
    );
    assert_eq!(
        store.set_role("kim", Role::Lead, "lee").unwrap(),
        RoleChange::Changed {
            from: Role::Reviewer
        }
    );
    assert_eq!(
        store.set_role("kim", Role::Lead, "lee").unwrap(),
        RoleChange::Unchanged
    );
    assert!(store.set_role(" ", Role::Lead, "lee").is_err());
    assert!(store.set_role("a\u{1b}b", Role::Lead, "lee").is_err());
}

#[test]
fn the_list_counts_changes_not_fields_or_created_cases() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    let two = [
        Change::Label(Dimension::Kind, Some(0)),
        Change::Label(Dimension::Scope, Some(0)),
    ];
    store
        .apply_change(&request("C-1", None, "kim", &two))
        .unwrap();
    store
        .apply_change(&request("C-2", None, "kim", &kind(1)))
        .unwrap();
    let list = store.reviewers().unwrap();
    let rows: Vec<(&str, Role, usize)> = list
        .iter()
        .map(|r| (r.name.as_str(), r.role, r.changes))
        .collect();
    assert_eq!(
        rows,
        [("kim", Role::Reviewer, 2), ("loader", Role::Reviewer, 0)]
    );
}
