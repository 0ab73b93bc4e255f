//! The command line as clap reads it: where the workbench's options go.

use std::path::Path;

use super::{Cli, Command};

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_checked(std::iter::once("casebench").chain(args.iter().copied()))
}

#[test]
fn the_workbench_takes_its_options_without_the_word_review() {
    let cli = parse(&["--rules", "sample-data/rules"]).unwrap();
    assert!(cli.command.is_none());
    assert_eq!(
        cli.workbench.rules.as_deref(),
        Some(Path::new("sample-data/rules"))
    );
    let cli = parse(&["--db", "x.db", "--rules", "r.toml", "--reviewer", "kim"]).unwrap();
    assert_eq!(cli.workbench.rules.as_deref(), Some(Path::new("r.toml")));
    assert_eq!(
        cli.global.db.as_ref().and_then(|db| db.path()),
        Some(Path::new("x.db"))
    );
    assert_eq!(cli.global.reviewer.as_deref(), Some("kim"));
}

#[test]
fn review_keeps_its_rules_option() {
    let cli = parse(&["review", "--rules", "sample-data/rules"]).unwrap();
    match cli.command {
        Some(Command::Review(args)) => {
            assert_eq!(args.rules.as_deref(), Some(Path::new("sample-data/rules")))
        }
        other => panic!("not review: {other:?}"),
    }
    assert!(cli.workbench.rules.is_none());
}

#[test]
fn the_workbench_rules_do_not_slip_onto_another_command() {
    let err = parse(&["--rules", "final.toml", "stats"]).unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    assert!(
        err.to_string().starts_with(
            "error: --rules before `stats` is the workbench's option; give it after the \
             command: casebench stats --rules ...\n"
        ),
        "{err}"
    );
    let err = parse(&["--rules", "sample-data/rules", "history", "C-1"]).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "error: --rules is the workbench's option (casebench --rules DIR); `history` does \
             not take it\n"
        ),
        "{err}"
    );
    let cli = parse(&["stats", "--rules", "final.toml"]).unwrap();
    match cli.command {
        Some(Command::Stats { rules, .. }) => {
            assert_eq!(rules.as_deref(), Some(Path::new("final.toml")))
        }
        other => panic!("not stats: {other:?}"),
    }
    assert!(cli.workbench.rules.is_none());
    let cli = parse(&["--db", "x.db", "stats"]).unwrap();
    assert!(
        matches!(cli.command, Some(Command::Stats { .. })),
        "global options still go before a command"
    );
}
