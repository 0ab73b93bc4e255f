//! sample-data/claims-small.jsonl is the generator's output and imports cleanly.

mod common;

use casebench::io::export::write_jsonl;
use casebench::io::sample::{generate, SampleConfig, DEFAULT_SEED};
use common::Env;

const SMALL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/claims-small.jsonl"
);

#[test]
fn the_small_file_is_the_generators_output_byte_for_byte() {
    let cases = generate(SampleConfig {
        cases: 200,
        seed: DEFAULT_SEED,
    });
    let mut expected = Vec::new();
    write_jsonl(&mut expected, &cases, &mut |_| {}).unwrap();
    let shipped = std::fs::read(SMALL).unwrap();
    assert!(
        shipped == expected,
        "sample-data/claims-small.jsonl differs from the generator; rebuild it (see sample-data/README.md)"
    );
}

#[test]
fn the_small_file_imports_and_carries_one_hostile_text() {
    let env = Env::new();
    let out = env.run(&["import", SMALL]).ok();
    assert!(out.starts_with("imported 200 cases from "), "{out}");
    let stats = env.stats("");
    assert_eq!(stats["total"], 200);
    assert_eq!(stats["by"]["status"]["new"], 200);
    let text = std::fs::read_to_string(SMALL).unwrap();
    let hostile = text.lines().filter(|l| l.contains("\\u001b")).count();
    assert_eq!(hostile, 1);
}
