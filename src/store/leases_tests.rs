//! Tests of case leases: granted, renewed, refused, expired (at injected times), and free at
//! once when the holder's process is gone.

use std::time::Duration;

use super::tests::with_cases;
use super::*;

/// A fixed "now" (unix milliseconds); tests move it instead of sleeping.
const T0: i64 = 1_700_000_000_000;

#[test]
fn a_lease_is_granted_renewed_and_refused_to_others() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let ttl = Duration::from_secs(60);
    assert_eq!(
        store.take_lease("C-1", "kim", ttl, T0, None).unwrap(),
        LeaseOutcome::Granted {
            expires_at: T0 + 60_000
        }
    );
    assert_eq!(
        store
            .take_lease("C-1", "kim", ttl, T0 + 1_000, None)
            .unwrap(),
        LeaseOutcome::Renewed {
            expires_at: T0 + 61_000
        }
    );
    assert_eq!(
        store
            .take_lease("C-1", "lee", ttl, T0 + 2_000, None)
            .unwrap(),
        LeaseOutcome::HeldBy {
            reviewer: "kim".into(),
            until: T0 + 61_000
        }
    );
    let others = store.leases_held_by_others("lee", T0 + 2_000).unwrap();
    assert_eq!(others.get("C-1").map(String::as_str), Some("kim"));
    assert!(store
        .leases_held_by_others("kim", T0 + 2_000)
        .unwrap()
        .is_empty());
    assert!(store
        .leases_held_by_others("lee", T0 + 61_000)
        .unwrap()
        .is_empty());
    assert!(!store.release_lease("C-1", "lee").unwrap());
    assert!(store.release_lease("C-1", "kim").unwrap());
    assert!(matches!(
        store
            .take_lease("C-1", "lee", ttl, T0 + 3_000, None)
            .unwrap(),
        LeaseOutcome::Granted { .. }
    ));
    let err = store.take_lease("C-9", "lee", ttl, T0, None).unwrap_err();
    assert_eq!(err.to_string(), "no case with id \"C-9\"");
}

#[test]
fn the_default_lease_lapses_after_a_minute() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    assert_eq!(DEFAULT_LEASE, Duration::from_secs(60));
    let me = Holder::this_process();
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, T0, me.as_ref())
        .unwrap();
    let just_before = T0 + 59_999;
    assert_eq!(
        store
            .lease_of("C-1", just_before)
            .unwrap()
            .unwrap()
            .reviewer,
        "kim"
    );
    assert!(matches!(
        store
            .take_lease("C-1", "lee", DEFAULT_LEASE, just_before, None)
            .unwrap(),
        LeaseOutcome::HeldBy { .. }
    ));
    let lapsed = T0 + 60_000;
    assert_eq!(store.lease_of("C-1", lapsed).unwrap(), None);
    assert_eq!(
        store
            .take_lease("C-1", "lee", DEFAULT_LEASE, lapsed, None)
            .unwrap(),
        LeaseOutcome::Granted {
            expires_at: lapsed + 60_000
        }
    );
    store
        .take_lease("C-2", "kim", DEFAULT_LEASE, T0, me.as_ref())
        .unwrap();
    assert_eq!(
        store
            .claim_next("park", &["C-1", "C-2"], DEFAULT_LEASE, lapsed, None)
            .unwrap()
            .as_deref(),
        Some("C-2"),
        "C-1 is lee's, kim's C-2 lapsed"
    );
}

#[test]
fn claim_next_skips_cases_others_hold_and_keeps_ones_own() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2", "C-3"]);
    let ttl = DEFAULT_LEASE;
    let all = ["C-1", "C-2", "C-3"];
    let mut claim = |who: &str, ids: &[&str]| store.claim_next(who, ids, ttl, T0, None).unwrap();
    assert_eq!(claim("kim", &all), Some("C-1".into()));
    assert_eq!(claim("lee", &all), Some("C-2".into()));
    assert_eq!(
        claim("kim", &all),
        Some("C-1".into()),
        "kim's own lease is renewed"
    );
    assert_eq!(claim("park", &["C-1", "C-2"]), None);
    assert_eq!(store.release_all("kim").unwrap(), 1);
    assert_eq!(
        store
            .claim_next("park", &["C-1", "C-2"], ttl, T0, None)
            .unwrap(),
        Some("C-1".into())
    );
}

/// A process that has run and been reaped: its pid names no process any more.
#[cfg(target_os = "linux")]
fn dead_holder() -> Holder {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    Holder::of_pid(pid).unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_lease_whose_holder_is_gone_is_free_at_once() {
    let (_dir, mut store) = with_cases(&["C-1", "C-2"]);
    let dead = dead_holder();
    assert_eq!(dead.started, None, "no /proc entry to read");
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, T0, Some(&dead))
        .unwrap();
    assert_eq!(store.lease_of("C-1", T0 + 1).unwrap(), None);
    assert!(store
        .leases_held_by_others("lee", T0 + 1)
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .take_lease("C-1", "lee", DEFAULT_LEASE, T0 + 1, None)
            .unwrap(),
        LeaseOutcome::Granted {
            expires_at: T0 + 60_001
        },
        "long before kim's lease would expire"
    );
    store
        .take_lease("C-2", "kim", DEFAULT_LEASE, T0, Some(&dead))
        .unwrap();
    assert_eq!(
        store
            .claim_next("park", &["C-1", "C-2"], DEFAULT_LEASE, T0 + 1, None)
            .unwrap()
            .as_deref(),
        Some("C-2"),
        "next takes over a dead holder's case too"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_lease_whose_holder_lives_holds_until_the_holder_dies() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let mut child = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let alive = Holder::of_pid(child.id()).unwrap();
    assert!(alive.started.is_some(), "the start time is read from /proc");
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, T0, Some(&alive))
        .unwrap();
    assert!(matches!(
        store
            .take_lease("C-1", "lee", DEFAULT_LEASE, T0 + 1, None)
            .unwrap(),
        LeaseOutcome::HeldBy { .. }
    ));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(matches!(
        store
            .take_lease("C-1", "lee", DEFAULT_LEASE, T0 + 2, None)
            .unwrap(),
        LeaseOutcome::Granted { .. }
    ));
}

#[cfg(target_os = "linux")]
#[test]
fn a_dead_holder_on_another_host_blocks_until_expiry() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let elsewhere = Holder {
        host: "another-host.example".into(),
        ..dead_holder()
    };
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, T0, Some(&elsewhere))
        .unwrap();
    assert_eq!(
        store.lease_of("C-1", T0 + 59_999).unwrap().unwrap().holder,
        Some(elsewhere),
        "recorded, and not judged: that pid is another host's"
    );
    assert_eq!(store.lease_of("C-1", T0 + 60_000).unwrap(), None);
}

#[cfg(target_os = "linux")]
#[test]
fn a_reused_pid_does_not_keep_a_dead_holders_lease() {
    let (_dir, mut store) = with_cases(&["C-1"]);
    let me = Holder::this_process().unwrap();
    let earlier = Holder {
        started: me.started.map(|s| s.saturating_sub(1)),
        ..me
    };
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, T0, Some(&earlier))
        .unwrap();
    assert_eq!(
        store.lease_of("C-1", T0 + 1).unwrap(),
        None,
        "the pid is alive, but it is another process than the one that took the lease"
    );
}
