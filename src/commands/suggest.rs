//! `casebench suggest train | run | evaluate`: the same operations as the workbench's
//! background worker ([`crate::suggest::refresh`]), with figures printed.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::context::{shown, Context, Create};
use super::error::{BadInput, Reported};
use super::problems::print_first;
use super::progress::Progress;
use super::{filter_arg, phases};
use crate::cli::{SuggestCommand, WhereArg};
use crate::domain::filter::Derived;
use crate::domain::{format_amount, Case, Selector, CONFIDENT};
use crate::io::import::{self, Problem};
use crate::io::Format;
use crate::report::suggest as report;
use crate::suggest::evaluation::evaluate;
use crate::suggest::labels::Learning;
use crate::suggest::refresh::{latest, suggest_and_store, train_and_store};
use crate::suggest::training::Training;
use crate::suggest::Suggester;
use crate::text::count;

pub fn run(ctx: &Context, command: &SuggestCommand) -> anyhow::Result<()> {
    match command {
        SuggestCommand::Train { filter, seed } => train(ctx, filter, *seed),
        SuggestCommand::Run { filter } => run_model(ctx, filter),
        SuggestCommand::Evaluate { file, format, json } => evaluate_file(ctx, file, *format, *json),
    }
}

/// The cases matching `--where` (which may read the current suggestions).
fn matching<'a>(
    ctx: &Context,
    store: &crate::store::Store,
    arg: &WhereArg,
    cases: &'a [Case],
) -> anyhow::Result<Vec<&'a Case>> {
    let filter = filter_arg::parse_without_rules(arg)?;
    let suggestions = filter_arg::suggestions(ctx, store, &filter, cases, false)?;
    let suggestion = |i| filter_arg::suggestion_at(&suggestions, i);
    Ok(Selector::new(&filter)
        .with_derived(|i| Derived::NONE.with_suggestion(suggestion(i)))
        .select(cases.iter().enumerate())
        .map(|(_, case)| case)
        .collect())
}

fn train(ctx: &Context, arg: &WhereArg, seed: u64) -> anyhow::Result<()> {
    let reviewer = ctx.reviewer()?;
    let mut store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let progress = ctx.progress();
    let cases = phases::load_all(&store, &progress)?;
    let selected = matching(ctx, &store, arg, &cases)?;
    let filter = arg.expr.as_deref().unwrap_or("").trim();
    let stored = train_and_store(&mut store, &reviewer, &selected, filter, seed, &mut |at| {
        show_training(&progress, at)
    })
    .map_err(|e| BadInput(e.to_string()))?;
    progress.finish();
    write!(
        output,
        "{}",
        report::render_trained(
            stored.suggester.model_id,
            stored.cases_used,
            seed,
            &stored.figures,
            &stored.suggester.amount,
        )
    )?;
    writeln!(
        output,
        "stored in {}; casebench suggest run puts its suggestions beside the cases",
        store.location()
    )?;
    output.finish()
}

/// Training on the progress line: `features` (cases), `train` (steps through the examples),
/// `calibrate`, `amounts` (cases), `save`.
fn show_training(progress: &Progress, at: Training) {
    match at {
        Training::Labels(Learning::Features { done, cases }) => {
            progress.advance("features", done, cases)
        }
        Training::Labels(Learning::Steps { done, total }) => progress.advance("train", done, total),
        Training::Labels(Learning::Calibrating) => progress.waiting("calibrate"),
        Training::Amounts { done, cases } => progress.advance("amounts", done, cases),
        Training::Saving => progress.waiting("save"),
    }
}

/// The newest model, or the error that says how to get one.
fn newest(store: &crate::store::Store) -> anyhow::Result<Suggester> {
    match latest(store) {
        Ok(Some(model)) => Ok(model),
        Ok(None) => Err(BadInput(format!(
            "{}: no model yet; run casebench suggest train first",
            store.location()
        ))
        .into()),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", store.location())),
    }
}

fn run_model(ctx: &Context, arg: &WhereArg) -> anyhow::Result<()> {
    let reviewer = ctx.reviewer()?;
    let mut store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let suggester = newest(&store)?;
    let progress = ctx.progress();
    let cases = phases::load_all(&store, &progress)?;
    let selected = matching(ctx, &store, arg, &cases)?;
    progress.phase("suggest", selected.len());
    let suggested = suggest_and_store(&mut store, &reviewer, &suggester, &selected, &mut |n| {
        progress.set(n)
    })?;
    progress.finish();
    let agree = selected
        .iter()
        .zip(&suggested)
        .filter(|(case, (_, s))| s.agrees_with(case))
        .count();
    let disagree = selected
        .iter()
        .zip(&suggested)
        .filter(|(case, (_, s))| s.disagrees_confidently(case, CONFIDENT))
        .count();
    writeln!(
        output,
        "suggested for {} with model #{}: {} agree with every label; {} disagree with a \
         suggestion of confidence ≥ {CONFIDENT:.2}",
        count(suggested.len(), "case", "cases"),
        suggester.model_id,
        format_amount(agree as i64),
        format_amount(disagree as i64),
    )?;
    output.finish()
}

fn evaluate_file(
    ctx: &Context,
    file: &Path,
    format: Option<Format>,
    json: bool,
) -> anyhow::Result<()> {
    let name = shown(file);
    let Some(format) = format.or_else(|| Format::from_path(file)) else {
        return Err(BadInput(format!(
            "{name}: cannot tell the format from the name; pass --format csv or --format jsonl"
        ))
        .into());
    };
    let bytes = std::fs::read(file).with_context(|| format!("{name}: cannot read"))?;
    let parsed =
        import::parse(&bytes, format).map_err(|problems| problems_error(&name, &problems))?;
    let store = ctx.open_store(Create::No)?;
    let suggester = newest(&store)?;
    let mut output = ctx.output()?;
    let evaluation = evaluate(&suggester, &parsed.cases);
    if json {
        serde_json::to_writer_pretty(&mut output, &report::evaluation_json(&evaluation, &name))?;
        writeln!(output)?;
    } else {
        write!(output, "{}", report::render_evaluation(&evaluation, &name))?;
    }
    output.finish()
}

/// Prints the first problems of the file and returns the error that ends the command.
fn problems_error(file: &str, problems: &[Problem]) -> anyhow::Error {
    print_first(file, problems.iter().map(|p| p.in_file(file)));
    Reported(format!(
        "{file}: {}; nothing was evaluated",
        count(problems.len(), "problem", "problems")
    ))
    .into()
}
