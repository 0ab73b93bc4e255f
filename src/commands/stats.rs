//! `casebench stats`, with `--rules FILE` the count and cash of every outcome too; and
//! `casebench [--rules DIR|FILE]` without a terminal, which prints the stats instead of
//! opening the workbench.

use std::io::Write;
use std::path::Path;

use super::context::{Context, Create};
use super::error::BadInput;
use super::{filter_arg, review, rules};
use crate::cli::WhereArg;
use crate::domain::filter::Derived;
use crate::domain::{Counts, Selector};
use crate::report::{rules as rules_report, stats};
use crate::rules::{load_dir, RuleSet, Totals};

pub fn run(
    ctx: &Context,
    filter: &WhereArg,
    json: bool,
    rules_file: Option<&Path>,
) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let rule_set = rules_file.map(|f| rules::load(ctx, f)).transpose()?;
    rules::check_derived(&filter, usize::from(rule_set.is_some()))?;
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let suggestions = filter_arg::suggestions_by_id(ctx, &store, &filter)?;
    let mut counts = Counts::default();
    let mut totals = rule_set.as_ref().map(Totals::new);
    let mut position = 0;
    // One case at a time, without its text: counting, the filter and the rules read none.
    store.for_each_case_without_text(&mut |case| {
        let decision = rule_set.as_ref().map(|set| set.decide(&case));
        let derived = match (&rule_set, decision) {
            (Some(set), Some(d)) => set.derived(d, None),
            _ => Derived::NONE,
        };
        let suggestion = suggestions.as_ref().map(|s| s.of(&case.id));
        let selected = Selector::new(&filter)
            .with_derived(|_| derived.with_suggestion(suggestion))
            .admits(position, &case);
        position += 1;
        if selected {
            counts.add(&case);
            if let (Some(totals), Some(d)) = (totals.as_mut(), decision) {
                totals.add(d);
            }
        }
        Ok(())
    })?;
    let outcomes = rule_set
        .as_ref()
        .zip(totals)
        .map(|(set, t)| (set.name.as_str(), t));
    if json {
        let mut value = stats::to_json(&counts);
        if let (Some((name, totals)), Some(object)) = (&outcomes, value.as_object_mut()) {
            object.insert(
                "outcomes".to_string(),
                rules_report::outcomes_json(name, totals),
            );
        }
        serde_json::to_writer_pretty(&mut output, &value)?;
        writeln!(output)?;
    } else {
        output.write_all(stats::render_text(&counts).as_bytes())?;
        if let Some((name, totals)) = &outcomes {
            output.write_all(b"\n")?;
            output.write_all(rules_report::render_outcomes(name, totals).as_bytes())?;
        }
    }
    output.finish()
}

/// `casebench` where the workbench cannot run (no terminal): the stats of every case, and with
/// `--rules` the outcomes of every rule set the workbench would judge with (the file, or each
/// `*.toml` of the folder, in name order), each as `stats --rules FILE` prints it.
pub fn run_instead_of_workbench(ctx: &Context, rules: Option<&Path>) -> anyhow::Result<()> {
    let rule_sets = match rules {
        None => Vec::new(),
        Some(path) => workbench_rule_sets(ctx, path)?,
    };
    if !ctx.global.quiet {
        eprintln!("casebench: not a terminal, so printing the stats (the workbench needs one)");
    }
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let mut counts = Counts::default();
    let mut totals: Vec<Totals> = rule_sets.iter().map(Totals::new).collect();
    store.for_each_case_without_text(&mut |case| {
        counts.add(&case);
        for (set, totals) in rule_sets.iter().zip(&mut totals) {
            totals.add(set.decide(&case));
        }
        Ok(())
    })?;
    output.write_all(stats::render_text(&counts).as_bytes())?;
    for (set, totals) in rule_sets.iter().zip(&totals) {
        output.write_all(b"\n")?;
        output.write_all(rules_report::render_outcomes(&set.name, totals).as_bytes())?;
    }
    output.finish()
}

/// The rule sets of the workbench's `--rules DIR|FILE`; any file with errors stops the
/// command (exit code 2), as `stats --rules` does.
fn workbench_rule_sets(ctx: &Context, path: &Path) -> anyhow::Result<Vec<RuleSet>> {
    review::check_rules_path(path)?;
    if !path.is_dir() {
        return Ok(vec![rules::load(ctx, path)?]);
    }
    let loaded = load_dir(path);
    if loaded.is_empty() {
        return Err(BadInput(format!(
            "--rules {}: no *.toml rule file in this folder",
            crate::text::sanitize(&path.display().to_string())
        ))
        .into());
    }
    loaded
        .into_iter()
        .map(|(file, loaded)| rules::accept(ctx, &file, loaded))
        .collect()
}
