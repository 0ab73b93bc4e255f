//! `casebench spot-check new|list|show`; the lead's review (label, differences, resolve,
//! export) is in `spot_check_review.rs`.

use std::io::Write;

use super::context::{Context, Create};
use super::error::BadInput;
use super::spot_check_review;
use crate::cli::{SpotCheckCommand, SpotCheckNew};
use crate::leads::period::bounds;
use crate::leads::{open_spot_check, LeadsError, OpenSpotCheck, SampleSize};
use crate::report::spot_check;

/// A leads error as the commands report it: bad input exits with 2.
pub fn leads_error(err: LeadsError) -> anyhow::Error {
    match err {
        LeadsError::Store(e) => e.into(),
        e if e.is_bad_input() => BadInput(e.to_string()).into(),
        e => e.into(),
    }
}

pub fn run(ctx: &Context, command: &SpotCheckCommand) -> anyhow::Result<()> {
    match command {
        SpotCheckCommand::New(args) => new(ctx, args),
        SpotCheckCommand::List => list(ctx),
        SpotCheckCommand::Show { id } => show(ctx, *id),
        SpotCheckCommand::Label {
            id,
            case,
            assignments,
        } => spot_check_review::label(ctx, *id, case, assignments),
        SpotCheckCommand::Differences { id, json } => {
            spot_check_review::differences(ctx, *id, *json)
        }
        SpotCheckCommand::Resolve {
            id,
            case,
            field,
            resolution,
        } => spot_check_review::resolve(ctx, *id, case, field, *resolution),
        SpotCheckCommand::Export { id, format } => spot_check_review::export(ctx, *id, *format),
    }
}

/// A seed from the clock, for a draw the lead did not seed (it is printed and stored).
fn clock_seed() -> u64 {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64;
    nanos ^ (u64::from(std::process::id()) << 32)
}

fn new(ctx: &Context, args: &SpotCheckNew) -> anyhow::Result<()> {
    let lead = ctx.reviewer()?;
    let (since, until) = bounds(
        Some(&args.since),
        args.until.as_deref(),
        ("--since", "--until"),
    )
    .map_err(leads_error)?;
    let since =
        since.ok_or_else(|| BadInput("give the start of the period: --since DATE".into()))?;
    let reviewers: Vec<String> = args
        .of
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let size = match args.size {
        Some(n) => SampleSize::Fixed(n),
        None => SampleSize::Estimate {
            confidence: args.confidence,
            margin: args.margin,
            proportion: args.proportion,
        },
    };
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let opened = open_spot_check(
        &mut store,
        &OpenSpotCheck {
            name: args.name.as_deref(),
            lead: &lead,
            reviewers: &reviewers,
            since: &since,
            until: until.as_deref(),
            size,
            seed: args.seed.unwrap_or_else(clock_seed),
        },
    )
    .map_err(leads_error)?;
    let check = store.spot_check(opened.id)?;
    output.write_all(spot_check::render_opened(&check).as_bytes())?;
    output.finish()
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let mut rows = Vec::new();
    for check in store.spot_checks()? {
        let progress = store.spot_check_progress(check.id)?;
        rows.push((check, progress));
    }
    if rows.is_empty() {
        writeln!(
            output,
            "no spot-check yet (a lead opens one with casebench spot-check new)"
        )?;
    } else {
        output.write_all(spot_check::render_list(&rows).as_bytes())?;
    }
    output.finish()
}

fn show(ctx: &Context, id: i64) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let check = store.spot_check(id)?;
    let progress = store.spot_check_progress(id)?;
    let differences = store.differences(id)?;
    output.write_all(spot_check::render_show(&check, &progress, &differences).as_bytes())?;
    output.finish()
}
