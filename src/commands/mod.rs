//! The headless commands: each parses nothing itself (see `cli`), opens what it needs through
//! `Context`, and goes through the same store and validation as the workbench.

mod agreement;
mod audit;
mod context;
mod copy;
mod error;
mod export;
mod filter_arg;
mod history;
mod import;
mod keys;
mod label;
mod label_from;
mod next;
mod output;
mod phases;
mod problems;
mod progress;
mod revert;
mod review;
mod reviewers;
mod rules;
mod sample;
mod search;
mod spot_check;
mod spot_check_review;
mod stats;
mod suggest;

pub use context::default_db_path;
pub use error::{exit_code, is_broken_pipe, BadInput, Reported};

use crate::cli::{Cli, Command};
use context::Context;

/// Runs the command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context { global: cli.global };
    match cli.command {
        None if review::has_terminal() => review::run(&ctx, cli.workbench.rules.as_deref()),
        None => stats::run_instead_of_workbench(&ctx, cli.workbench.rules.as_deref()),
        Some(Command::Review(args)) => review::run(&ctx, args.rules.as_deref()),
        Some(Command::Keys { check }) => {
            let mut out = ctx.output()?;
            keys::run(&mut out, ctx.global.keymap.as_deref(), check.as_deref())?;
            out.finish()
        }
        Some(Command::Sample { cases, seed, force }) => sample::run(&ctx, cases, seed, force),
        Some(Command::Import {
            file,
            format,
            skip_existing,
        }) => import::run(&ctx, &file, format, skip_existing),
        Some(Command::Copy { from, to, dry_run }) => copy::run(&ctx, &from, &to, dry_run),
        Some(Command::Export {
            format,
            filter,
            rules,
            suggestions,
        }) => export::run(&ctx, format, &filter, rules.as_deref(), suggestions),
        Some(Command::Stats {
            filter,
            json,
            rules,
        }) => stats::run(&ctx, &filter, json, rules.as_deref()),
        Some(Command::Rules { command }) => rules::run(&ctx, &command),
        Some(Command::Label {
            args,
            if_version,
            filter,
            dry_run,
            from,
        }) => match (from, filter.expr.as_ref()) {
            (Some(file), _) => label_from::run(&ctx, &file),
            (None, Some(_)) => label::run_bulk(&ctx, &args, &filter, dry_run),
            (None, None) => label::run(&ctx, &args, if_version),
        },
        Some(Command::Revert { batch, dry_run }) => revert::run(&ctx, &batch, dry_run),
        Some(Command::Reviewers { command }) => reviewers::run(&ctx, &command),
        Some(Command::Next(args)) => next::run(&ctx, &args),
        Some(Command::SpotCheck { command }) => spot_check::run(&ctx, &command),
        Some(Command::Agreement(args)) => agreement::run(&ctx, &args),
        Some(Command::Audit(args)) => audit::run(&ctx, &args),
        Some(Command::Suggest { command }) => suggest::run(&ctx, &command),
        Some(Command::History { id, json }) => history::run(&ctx, &id, json),
        Some(Command::Search {
            query,
            filter,
            limit,
            json,
        }) => search::run(&ctx, &query, &filter, limit, json),
    }
}
