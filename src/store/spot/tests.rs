//! Tests of spot-check storage, blind labels and resolutions.

use crate::domain::{Change, Dimension};
use crate::store::tests::{request, with_cases};
use crate::store::*;

const KIND: Dimension = Dimension::Kind;
const PAID: u8 = 0;
const INQUIRY: u8 = 2;

/// C-1..C-3 labelled by kim (kind paid, paid, inquiry), C-4 by park; lee is a lead; a
/// spot-check of kim over everything, the whole population drawn in order.
fn checked() -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store) = with_cases(&["C-1", "C-2", "C-3", "C-4"]);
    for (id, who, code) in [
        ("C-1", "kim", PAID),
        ("C-2", "kim", PAID),
        ("C-3", "kim", INQUIRY),
        ("C-4", "park", PAID),
    ] {
        store
            .apply_change(&request(id, None, who, &[Change::Label(KIND, Some(code))]))
            .unwrap();
    }
    store.set_role("lee", Role::Lead, "lee").unwrap();
    let id = open(&mut store, "lee").unwrap();
    (dir, store, id)
}

fn open(store: &mut Store, lead: &str) -> Result<i64, StoreError> {
    let reviewers = ["kim".to_string()];
    store.open_spot_check(
        &SpotCheckRequest {
            name: Some("첫 점검"),
            lead,
            reviewers: &reviewers,
            since: "2000-01-01T00:00:00.000Z",
            until: None,
            confidence: None,
            margin: None,
            proportion: None,
            seed: 7,
        },
        |population| {
            Ok::<_, StoreError>(Drawn {
                chosen: (0..population.len()).collect(),
                strata: vec![StratumCount {
                    stratum: "paid".into(),
                    population: population.len(),
                    sample: population.len(),
                }],
            })
        },
    )
}

#[test]
fn the_population_is_the_cases_the_reviewers_had_the_last_word_on() {
    let (_dir, mut store, _) = checked();
    store
        .apply_change(&request(
            "C-2",
            None,
            "park",
            &[Change::Status(crate::domain::Status::Reviewed)],
        ))
        .unwrap();
    let kim = ["kim".to_string()];
    let ids: Vec<String> = store
        .spot_check_population(&kim, "2000-01-01", None)
        .unwrap()
        .into_iter()
        .map(|c| c.case_id)
        .collect();
    assert_eq!(ids, ["C-1", "C-3"], "park marked C-2 reviewed after kim");
    assert!(store
        .spot_check_population(&kim, "2999-01-01", None)
        .unwrap()
        .is_empty());
}

#[test]
fn a_spot_check_is_stored_blind_and_read_back() {
    let (_dir, store, id) = checked();
    let check = store.spot_check(id).unwrap();
    assert_eq!(check.name.as_deref(), Some("첫 점검"));
    assert_eq!(check.reviewers, ["kim"]);
    assert_eq!((check.population, check.seed), (3, 7));
    let cases: Vec<&str> = check.cases.iter().map(|c| c.case_id.as_str()).collect();
    assert_eq!(cases, ["C-1", "C-2", "C-3"]);
    assert!(check.cases.iter().all(|c| !c.labelled_by_lead()));
    assert_eq!(store.spot_checks().unwrap().len(), 1);
    let err = store.spot_check(99).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no spot-check with id 99 (casebench spot-check list shows them)"
    );
}

#[test]
fn only_a_lead_opens_and_labels() {
    let (_dir, mut store, id) = checked();
    let err = open(&mut store, "kim").unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can run spot-checks; kim is a reviewer"
    );
    let err = store
        .record_lead_label(id, "C-1", KIND, Some(PAID), "kim")
        .unwrap_err();
    assert!(err.to_string().starts_with("only a lead can run"), "{err}");
    let err = store
        .record_lead_label(id, "C-4", KIND, Some(PAID), "lee")
        .unwrap_err();
    assert_eq!(err.to_string(), "case C-4 is not in spot-check 1");
}

#[test]
fn differences_then_keep_and_overturn() {
    let (_dir, mut store, id) = checked();
    store
        .record_lead_label(id, "C-1", KIND, Some(PAID), "lee")
        .unwrap();
    store
        .record_lead_label(id, "C-2", KIND, Some(INQUIRY), "lee")
        .unwrap();
    store
        .record_lead_label(id, "C-3", KIND, None, "lee")
        .unwrap();
    let diffs = store.differences(id).unwrap();
    let shown: Vec<(&str, Option<u8>, Option<u8>)> = diffs
        .iter()
        .map(|d| (d.case_id.as_str(), d.reviewer_value, d.lead_value))
        .collect();
    assert_eq!(
        shown,
        [
            ("C-2", Some(PAID), Some(INQUIRY)),
            ("C-3", Some(INQUIRY), None)
        ]
    );
    let err = store
        .resolve(id, "C-1", KIND, Resolution::Keep, "lee")
        .unwrap_err();
    assert!(err.to_string().contains("nothing to resolve"), "{err}");

    let kept = store
        .resolve(id, "C-3", KIND, Resolution::Keep, "lee")
        .unwrap();
    assert!(kept.applied.is_none());
    let over = store
        .resolve(id, "C-2", KIND, Resolution::Overturn, "lee")
        .unwrap();
    let applied = over.applied.unwrap();
    assert_eq!(applied.case.label_code(KIND), Some("inquiry"));
    let last = store.history("C-2").unwrap().pop().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.reviewer.as_str(),
            last.batch.as_deref()
        ),
        ("overturn", "lee", Some("spot-check-1"))
    );
    let err = store
        .resolve(id, "C-2", KIND, Resolution::Keep, "lee")
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already resolved (overturn by lee"),
        "{err}"
    );
    let err = store
        .record_lead_label(id, "C-2", KIND, Some(PAID), "lee")
        .unwrap_err();
    assert!(err.to_string().contains("already resolved"), "{err}");

    let progress = store.spot_check_progress(id).unwrap();
    assert_eq!(
        progress,
        Progress {
            cases: 3,
            labelled: 3,
            compared: 3,
            differences: 2,
            kept: 1,
            overturned: 1
        }
    );
    assert_eq!(progress.unresolved(), 0);
}

#[test]
fn an_overturn_is_refused_when_the_case_moved_on_since_sampling() {
    let (_dir, mut store, id) = checked();
    store
        .record_lead_label(id, "C-1", KIND, Some(INQUIRY), "lee")
        .unwrap();
    store
        .apply_change(&request(
            "C-1",
            None,
            "kim",
            &[Change::Label(KIND, Some(4))],
        ))
        .unwrap();
    let err = store
        .resolve(id, "C-1", KIND, Resolution::Overturn, "lee")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "case C-1: kind was changed since the spot-check sampled it (it was paid, it is \
         protest, set by kim); look at the case again before overturning"
    );
    assert!(store.differences(id).unwrap()[0].resolution.is_none());
}

#[test]
fn a_reviewer_cannot_resolve_and_sample_force_erases_spot_checks() {
    let (_dir, mut store, id) = checked();
    store
        .record_lead_label(id, "C-1", KIND, Some(INQUIRY), "lee")
        .unwrap();
    let err = store
        .resolve(id, "C-1", KIND, Resolution::Overturn, "kim")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "only a lead can overturn a reviewer's label; kim is a reviewer"
    );
    store
        .take_lease("C-1", "kim", DEFAULT_LEASE, now_millis(), None)
        .unwrap();
    let replace = CreateOptions {
        reviewer: "loader",
        action: "sample",
        batch: "b9",
        on_existing: OnExisting::Fail,
        replace: true,
    };
    store
        .create_cases(
            &[crate::domain::Case::new("S-1", "샘플")],
            replace,
            &mut |_| {},
        )
        .unwrap();
    assert!(store.spot_checks().unwrap().is_empty());
}
