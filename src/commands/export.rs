//! `casebench export`: every field of the cases that match `--where`; with `--rules FILE`
//! also each case's outcome, deciding rule and cash; with `--suggestions` what a model
//! suggests for it.

use std::path::Path;

use super::context::{Context, Create};
use super::{filter_arg, phases, rules};
use crate::cli::WhereArg;
use crate::domain::filter::Derived;
use crate::domain::Selector;
use crate::io::export::{self, ExtraColumns, Extras, RuleColumns};
use crate::io::Format;
use crate::rules::evaluate;

pub fn run(
    ctx: &Context,
    format: Option<Format>,
    filter: &WhereArg,
    rules_file: Option<&Path>,
    with_suggestions: bool,
) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let rule_set = rules_file.map(|f| rules::load(ctx, f)).transpose()?;
    rules::check_derived(&filter, usize::from(rule_set.is_some()))?;
    let format = format
        .or_else(|| ctx.global.out.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Jsonl);
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let progress = ctx.progress();
    let cases = phases::load_all(&store, &progress)?;
    if with_suggestions || filter.uses_suggestions() {
        progress.waiting("suggestions");
    }
    let suggestions = filter_arg::suggestions(ctx, &store, &filter, &cases, with_suggestions)?;
    let suggestion = |i| filter_arg::suggestion_at(&suggestions, i);
    if rule_set.is_some() {
        progress.waiting("rules");
    }
    let decisions = rule_set.as_ref().map(|set| evaluate(set, &cases));
    let derived = |i: usize| match (&rule_set, &decisions) {
        (Some(set), Some(decisions)) => set.derived(decisions[i], None),
        _ => Derived::NONE,
    };
    let selected: Vec<_> = Selector::new(&filter)
        .with_derived(|i| derived(i).with_suggestion(suggestion(i)))
        .select(cases.iter().enumerate())
        .collect();
    progress.phase("export", selected.len());
    let mut tick = |done: usize| progress.set(done);
    let columns = ExtraColumns {
        rules: rule_set.is_some(),
        suggestions: with_suggestions,
    };
    if columns == ExtraColumns::default() {
        let cases = selected.into_iter().map(|(_, case)| case);
        match format {
            Format::Jsonl => export::write_jsonl(&mut output, cases, &mut tick)?,
            Format::Csv => export::write_csv(&mut output, cases, &mut tick)?,
        };
    } else {
        let rows = selected.into_iter().map(|(i, case)| {
            let rules = rule_set.as_ref().zip(decisions.as_ref()).map(|(set, d)| {
                let d = d[i];
                RuleColumns {
                    outcome: set.outcome_code(d),
                    rule: &set.rule_of(d).id,
                    cash_krw: d.cash,
                }
            });
            let suggestion = suggestion(i);
            (case, Extras { rules, suggestion })
        });
        match format {
            Format::Jsonl => export::write_jsonl_with(&mut output, columns, rows, &mut tick)?,
            Format::Csv => export::write_csv_with(&mut output, columns, rows, &mut tick)?,
        };
    }
    progress.finish();
    output.finish()
}
