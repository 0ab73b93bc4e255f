//! Keys per claim, the figure reviewers feel: the hand-written evaluation set
//! (sample-data/eval/claims.jsonl, which no training reads) replayed through the workbench's
//! driver by `casebench::tui::replay`, after a model learnt from the 105,116-case sample.
//! Prints the mean keys per claim with suggestions, and without them (every label typed).

use casebench::io::import;
use casebench::io::sample::{self, SampleConfig, DEFAULT_SEED};
use casebench::io::Format;
use casebench::tui::replay::{keys_without_suggestions, replay, workbench_for};

const EVAL_SET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/eval/claims.jsonl");

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bytes = std::fs::read(EVAL_SET).expect("the evaluation set is in the repository");
    let truths = match import::parse(&bytes, Format::Jsonl) {
        Ok(parsed) => parsed.cases,
        Err(problems) => panic!("{EVAL_SET}: {} problems", problems.len()),
    };
    let training = sample::generate(SampleConfig::default());
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut driver = workbench_for(
        &dir.path().join("replay.db"),
        "bench",
        &training,
        &truths,
        DEFAULT_SEED,
    )
    .expect("the replay's workbench opens");
    driver.handle(casebench::tui::app::Msg::Resize(120, 40));
    let done = replay(&mut driver, &truths).expect("the replay runs");
    let without = keys_without_suggestions(&truths);
    println!(
        "| keys per claim ({} hand-written claims) | target | figure |",
        done.claims
    );
    println!("|---|---|---|");
    println!(
        "| with suggestions (y where all are right, else fixes + y) | ≤ 1.3 | {:.2} ({} keys; {} of {} claims with y alone) |",
        done.keys_per_claim(),
        done.keys,
        done.accepted_whole,
        done.claims
    );
    println!(
        "| without suggestions (every label typed, then enter) | about 15 | {:.2} ({without} keys) |",
        without as f64 / truths.len().max(1) as f64
    );
    assert_eq!(done.claims, truths.len(), "every claim was replayed");
    assert_eq!(
        done.left_different, 0,
        "after the replay every claim holds its labels"
    );
}
