//! Suggestions from a real model in the workbench: trained and suggested in the background on
//! a database without a model, and the hand-written claims replayed as a reviewer would label
//! them (keys per claim).

mod common;

use std::time::Duration;

use casebench::store::Store;
use casebench::tui::keymap::Keymap;
use common::{query_count as count, Env};

#[test]
fn the_workbench_trains_and_suggests_in_the_background_on_a_new_database() {
    let env = Env::new();
    env.run(&["sample", "--cases", "3000"]).ok();
    let mut driver = casebench::tui::driver::Driver::new(
        Store::open(&env.db).unwrap(),
        "tester".into(),
        Keymap::builtin(),
        Vec::new(),
    )
    .unwrap();
    assert!(driver.app.suggestions.iter().all(Option::is_none));
    driver.start_suggestions();
    assert!(
        driver.wait_suggestions(Duration::from_secs(120)),
        "the suggestions arrive"
    );
    assert_eq!(
        driver
            .app
            .suggestions
            .iter()
            .filter(|s| s.is_some())
            .count(),
        3000
    );
    let message = driver.app.message.as_ref().map(|m| m.text.clone());
    assert_eq!(
        message.as_deref(),
        Some("suggestions ready: 3,000 cases (model #1)")
    );
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggest_models"), 1);
    // A second session finds everything suggested: nothing to do, nothing trained again.
    let mut again = casebench::tui::driver::Driver::new(
        Store::open(&env.db).unwrap(),
        "tester".into(),
        Keymap::builtin(),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(
        again.app.suggestions.iter().filter(|s| s.is_some()).count(),
        3000,
        "loaded at start"
    );
    again.start_suggestions();
    assert!(!again.wait_suggestions(Duration::from_secs(3)));
    assert_eq!(count(&env.db, "SELECT count(*) FROM suggest_models"), 1);
}

#[test]
fn replaying_the_evaluation_set_leaves_every_claim_with_its_labels_in_fewer_keys() {
    use casebench::io::sample::{self, SampleConfig, DEFAULT_SEED};
    use casebench::tui::replay::{keys_without_suggestions, replay, workbench_for};
    let bytes = std::fs::read(format!(
        "{}/sample-data/eval/claims.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let truths = casebench::io::import::parse(&bytes, casebench::io::Format::Jsonl)
        .unwrap()
        .cases;
    let training = sample::generate(SampleConfig {
        cases: 3000,
        seed: DEFAULT_SEED,
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replay.db");
    let mut driver = workbench_for(&db, "tester", &training, &truths, DEFAULT_SEED).unwrap();
    driver.handle(casebench::tui::app::Msg::Resize(120, 40));
    let done = replay(&mut driver, &truths).unwrap();
    assert_eq!(done.claims, truths.len());
    assert_eq!(done.left_different, 0, "{done:?}");
    assert!(
        done.keys < keys_without_suggestions(&truths),
        "{done:?} vs {}",
        keys_without_suggestions(&truths)
    );
    // Every claim was confirmed by accepting its suggestions; only those not done with y
    // alone have labels typed by the reviewer.
    let accepted = count(
        &db,
        "SELECT count(DISTINCT case_id) FROM audit WHERE action = 'suggestion'",
    );
    assert_eq!(accepted as usize, done.claims);
    let typed = count(
        &db,
        "SELECT count(DISTINCT case_id) FROM audit WHERE action = 'label'",
    );
    assert!(typed as usize <= done.claims - done.accepted_whole);
    assert!(typed > 0, "some claims needed a fix");
}
