//! Suggestions from a real model in the workbench: trained and suggested in the background on
//! a database without a model.

mod common;

use std::time::Duration;

use casebench::store::Store;
use casebench::tui::keymap::Keymap;
use common::Env;

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let store = Store::open(db).unwrap();
    store
        .connection()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

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
