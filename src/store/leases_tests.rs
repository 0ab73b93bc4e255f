//! Tests of case leases.

use std::time::Duration;

use super::tests::with_cases;
use super::*;

#[test]
fn a_lease_is_granted_renewed_and_refused_to_others() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let ttl = Duration::from_secs(60);
    assert!(matches!(
        store.take_lease("C-1", "kim", ttl).unwrap(),
        LeaseOutcome::Granted { .. }
    ));
    assert!(matches!(
        store.take_lease("C-1", "kim", ttl).unwrap(),
        LeaseOutcome::Renewed { .. }
    ));
    match store.take_lease("C-1", "lee", ttl).unwrap() {
        LeaseOutcome::HeldBy { reviewer, until } => {
            assert_eq!(reviewer, "kim");
            assert!(until > now_millis());
        }
        other => panic!("{other:?}"),
    }
    let others = store.leases_held_by_others("lee", now_millis()).unwrap();
    assert_eq!(others.get("C-1").map(String::as_str), Some("kim"));
    assert!(store
        .leases_held_by_others("kim", now_millis())
        .unwrap()
        .is_empty());
    let later = now_millis() + 61_000;
    assert!(store
        .leases_held_by_others("lee", later)
        .unwrap()
        .is_empty());
    assert!(!store.release_lease("C-1", "lee").unwrap());
    assert!(store.release_lease("C-1", "kim").unwrap());
    assert!(matches!(
        store.take_lease("C-1", "lee", ttl).unwrap(),
        LeaseOutcome::Granted { .. }
    ));
    let err = store.take_lease("C-9", "lee", ttl).unwrap_err();
    assert_eq!(err.to_string(), "no case with id \"C-9\"");
}

#[test]
fn an_expired_lease_is_taken_over() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    store
        .take_lease("C-1", "kim", Duration::from_millis(0))
        .unwrap();
    assert!(matches!(
        store.take_lease("C-1", "lee", DEFAULT_LEASE).unwrap(),
        LeaseOutcome::Granted { .. }
    ));
    store
        .take_lease("C-2", "kim", Duration::from_millis(0))
        .unwrap();
    let claimed = store
        .claim_next("park", &["C-1", "C-2"], DEFAULT_LEASE)
        .unwrap();
    assert_eq!(claimed.as_deref(), Some("C-2"), "C-1 is lee's, C-2 expired");
    assert_eq!(
        store
            .lease_of("C-2", now_millis())
            .unwrap()
            .unwrap()
            .reviewer,
        "park"
    );
}

#[test]
fn claim_next_skips_cases_others_hold_and_keeps_ones_own() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2", "C-3"]);
    let ttl = DEFAULT_LEASE;
    assert_eq!(
        store
            .claim_next("kim", &["C-1", "C-2", "C-3"], ttl)
            .unwrap(),
        Some("C-1".into())
    );
    assert_eq!(
        store
            .claim_next("lee", &["C-1", "C-2", "C-3"], ttl)
            .unwrap(),
        Some("C-2".into())
    );
    assert_eq!(
        store
            .claim_next("kim", &["C-1", "C-2", "C-3"], ttl)
            .unwrap(),
        Some("C-1".into()),
        "kim's own lease is renewed"
    );
    assert_eq!(
        store.claim_next("park", &["C-1", "C-2"], ttl).unwrap(),
        None
    );
    assert_eq!(store.release_all("kim").unwrap(), 1);
    assert_eq!(
        store.claim_next("park", &["C-1", "C-2"], ttl).unwrap(),
        Some("C-1".into())
    );
}
