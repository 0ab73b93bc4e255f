//! When the workbench has everything in after its first frame (the search index built, the
//! background suggestions over and taken): what the scale benchmark waits for.

mod common;

use std::time::{Duration, Instant};

use casebench::store::Store;
use casebench::tui::driver::Driver;
use casebench::tui::keymap::Keymap;
use common::Env;

fn driver(env: &Env) -> Driver {
    Driver::new(
        Store::open(&env.db).unwrap(),
        "tester".into(),
        Keymap::builtin(),
        Vec::new(),
    )
    .unwrap()
}

/// Polls as the event loop does until everything is loaded; false after `timeout`.
fn wait_loaded(driver: &mut Driver, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        driver.poll_search();
        driver.poll_suggestions();
        if driver.is_fully_loaded() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

fn suggested(driver: &Driver) -> usize {
    driver
        .app
        .suggestions
        .iter()
        .filter(|s| s.is_some())
        .count()
}

#[test]
fn the_workbench_is_fully_loaded_only_once_search_and_suggestions_are_in() {
    let env = Env::new();
    env.run(&["sample", "--cases", "3000"]).ok();
    let mut first = driver(&env);
    assert!(!first.is_fully_loaded(), "nothing started yet");
    first.start_search();
    // The index of 3,000 cases is built within a second; alone it is not everything: the
    // suggestions have not even started.
    std::thread::sleep(Duration::from_secs(1));
    first.poll_search();
    first.poll_suggestions();
    assert!(!first.is_fully_loaded(), "suggestions not started");
    first.start_suggestions();
    assert!(wait_loaded(&mut first, Duration::from_secs(120)));
    // Loaded means the suggestions (trained on this new database) are on screen.
    assert_eq!(suggested(&first), 3000);

    // A second session has nothing to suggest: its worker says nothing, and that counts as
    // over.
    let mut again = driver(&env);
    again.start_search();
    again.start_suggestions();
    assert!(wait_loaded(&mut again, Duration::from_secs(60)));
    assert_eq!(suggested(&again), 3000);
}
