//! sample-data/eval/claims.jsonl, the hand-written evaluation set for suggestions: it imports,
//! covers every code of every dimension, and its README's count table matches the file.

mod common;

use common::Env;

const CLAIMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/eval/claims.jsonl");
const README: &str = include_str!("../sample-data/eval/README.md");

const DIMENSIONS: [&str; 5] = ["scope", "reporter", "kind", "service", "substitute"];

#[test]
fn the_evaluation_set_imports_with_every_code_at_least_three_times() {
    let env = Env::new();
    let out = env.run(&["import", CLAIMS]).ok();
    assert!(out.starts_with("imported 213 cases from "), "{out}");
    let stats = env.stats("");
    assert_eq!(stats["total"], 213);
    for dimension in DIMENSIONS {
        let counts = stats["by"][dimension].as_object().expect("counts per code");
        for (code, count) in counts {
            let count = count.as_u64().expect("a count");
            if code == "unlabelled" {
                if ["scope", "reporter", "kind"].contains(&dimension) {
                    assert_eq!(count, 0, "{dimension} is set on every claim");
                }
            } else {
                assert!(count >= 3, "{dimension} `{code}` has only {count} claims");
            }
        }
    }
}

#[test]
fn the_readme_table_counts_what_the_file_holds() {
    let env = Env::new();
    env.run(&["import", CLAIMS]).ok();
    let stats = env.stats("");
    for dimension in DIMENSIONS {
        for (code, count) in stats["by"][dimension].as_object().expect("counts per code") {
            if code == "unlabelled" && count == 0 {
                continue;
            }
            let cell = if code == "unlabelled" {
                "unset".to_string()
            } else {
                format!("`{code}`")
            };
            let row = format!("| {dimension} | {cell} | {count} |");
            assert!(README.contains(&row), "the README lacks the row {row}");
        }
    }
    let text = std::fs::read_to_string(CLAIMS).unwrap();
    let (mut set, mut unset) = (0, 0);
    for line in text.lines() {
        let claim: serde_json::Value = serde_json::from_str(line).unwrap();
        if claim["amount_krw"].is_null() {
            unset += 1;
        } else {
            set += 1;
        }
    }
    for row in [
        format!("| amount_krw | set | {set} |"),
        format!("| amount_krw | unset | {unset} |"),
    ] {
        assert!(README.contains(&row), "the README lacks the row {row}");
    }
}
