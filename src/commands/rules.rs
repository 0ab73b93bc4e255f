//! `casebench rules check FILE` and `casebench rules diff A B`, and loading `--rules FILE`
//! for the other commands.

use std::io::Write;
use std::path::Path;

use super::context::{Context, Create};
use super::error::{BadInput, Reported};
use super::filter_arg;
use super::problems::print_first;
use crate::cli::{RulesCommand, WhereArg};
use crate::domain::{Filter, Selector};
use crate::report::rules::{diff_json, render_diff, render_list, Changed};
use crate::rules::{diff, evaluate, Compare, Loaded, RuleProblem, RuleSet};

pub fn run(ctx: &Context, command: &RulesCommand) -> anyhow::Result<()> {
    match command {
        RulesCommand::Check { file } => check(ctx, file),
        RulesCommand::Diff {
            a,
            b,
            filter,
            json,
            list,
        } => run_diff(ctx, a, b, filter, *json, *list),
    }
}

/// Prints every problem of FILE to standard error; `FILE: ok (N rules, default OUTCOME)` on
/// standard output when it has no error; exit code 2 when it has.
fn check(ctx: &Context, file: &Path) -> anyhow::Result<()> {
    let mut output = ctx.output()?;
    let shown = crate::text::sanitize(&file.display().to_string()).into_owned();
    match RuleSet::load(file) {
        Ok((set, warnings)) => {
            print_problems(&shown, &warnings);
            let rules = match set.rules.len() {
                1 => "1 rule".to_string(),
                n => format!("{n} rules"),
            };
            writeln!(
                output,
                "{shown}: ok ({rules}, default {})",
                set.default.outcome
            )?;
            output.finish()
        }
        Err(problems) => {
            print_problems(&shown, &problems);
            Err(Reported(format!("{shown}: {}", count(problems.len(), "error"))).into())
        }
    }
}

/// Loads `--rules FILE` for a command: warnings go to standard error (unless --quiet); a
/// file with errors prints them and stops the command with exit code 2.
pub fn load(ctx: &Context, file: &Path) -> anyhow::Result<RuleSet> {
    accept(ctx, file, RuleSet::load(file))
}

/// [`load`] for a file already read (`load_dir` reads a folder's).
pub fn accept(ctx: &Context, file: &Path, loaded: Loaded) -> anyhow::Result<RuleSet> {
    let shown = crate::text::sanitize(&file.display().to_string()).into_owned();
    match loaded {
        Ok((set, warnings)) => {
            if !ctx.global.quiet {
                print_problems(&shown, &warnings);
            }
            Ok(set)
        }
        Err(problems) => {
            print_problems(&shown, &problems);
            Err(Reported(format!(
                "{shown}: {}; nothing done",
                count(problems.len(), "error")
            ))
            .into())
        }
    }
}

/// Refuses a filter on derived fields the command cannot compute: `outcome` and `rule` need
/// a rule set, `changed` two.
pub fn check_derived(filter: &Filter, rule_sets: usize) -> anyhow::Result<()> {
    let (outcome_or_rule, changed) = filter.uses_derived();
    let expr = filter.source();
    if outcome_or_rule && rule_sets == 0 {
        return Err(BadInput(format!(
            "--where \"{expr}\": outcome and rule need --rules FILE (the rule set that decides \
             them)"
        ))
        .into());
    }
    if changed && rule_sets < 2 {
        return Err(BadInput(format!(
            "--where \"{expr}\": changed needs two rule sets: casebench rules diff A B --where ..."
        ))
        .into());
    }
    Ok(())
}

/// The first problems of a rule file (`shown`, as the messages name it), then how many more.
fn print_problems(shown: &str, problems: &[RuleProblem]) {
    print_first(shown, problems.iter());
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `rules diff A B`: both sets decide every case; `--where` selects the cases compared, with
/// `outcome` and `rule` as decided by A and `changed` between A and B.
fn run_diff(
    ctx: &Context,
    a: &Path,
    b: &Path,
    filter: &WhereArg,
    json: bool,
    list: bool,
) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let set_a = load(ctx, a)?;
    let set_b = load(ctx, b)?;
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let cases = store.load_all()?;
    let da = evaluate(&set_a, &cases);
    let db = evaluate(&set_b, &cases);
    let compare = Compare::new(&set_a, &set_b);
    let suggestions = filter_arg::suggestions(ctx, &store, &filter, &cases, false)?;
    let mut selected = vec![false; cases.len()];
    Selector::new(&filter)
        .with_derived(|i| {
            set_a
                .derived(da[i], Some(compare.changed(da[i], db[i])))
                .with_suggestion(filter_arg::suggestion_at(&suggestions, i))
        })
        .select(cases.iter().enumerate())
        .for_each(|(i, _)| selected[i] = true);
    let result = diff(&set_a, &da, &set_b, &db, |i| selected[i]);
    let changed: Vec<Changed<'_>> = if list {
        (0..cases.len())
            .filter(|&i| selected[i] && compare.changed(da[i], db[i]))
            .map(|i| Changed {
                id: &cases[i].id,
                from: set_a.outcome_code(da[i]),
                to: set_b.outcome_code(db[i]),
            })
            .collect()
    } else {
        Vec::new()
    };
    if json {
        let value = diff_json(&result, list.then_some(changed.as_slice()));
        serde_json::to_writer_pretty(&mut output, &value)?;
        writeln!(output)?;
    } else if list {
        output.write_all(render_list(&changed).as_bytes())?;
    } else {
        let a = (set_a.name.as_str(), set_a.file.as_str());
        let b = (set_b.name.as_str(), set_b.file.as_str());
        output.write_all(render_diff(a, b, &result).as_bytes())?;
    }
    output.finish()
}
