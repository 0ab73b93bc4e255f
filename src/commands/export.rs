//! `casebench export`: every field of the cases that match `--where`; with `--rules FILE`
//! also each case's outcome, deciding rule and cash.

use std::path::Path;

use super::context::{Context, Create};
use super::{filter_arg, progress, rules};
use crate::cli::WhereArg;
use crate::domain::Selector;
use crate::io::export::{self, RuleColumns};
use crate::io::Format;
use crate::rules::evaluate;

pub fn run(
    ctx: &Context,
    format: Option<Format>,
    filter: &WhereArg,
    rules_file: Option<&Path>,
) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let rule_set = rules_file.map(|f| rules::load(ctx, f)).transpose()?;
    rules::check_derived(&filter, usize::from(rule_set.is_some()))?;
    let format = format
        .or_else(|| ctx.global.out.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Jsonl);
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let cases = store.load_all()?;
    let show_progress = ctx.show_progress(output.is_interactive());
    let bar_for = |n: usize| progress::bar(n, "export", show_progress);
    match &rule_set {
        None => {
            let selected: Vec<_> = Selector::new(&filter)
                .select(cases.iter().enumerate())
                .map(|(_, case)| case)
                .collect();
            let bar = bar_for(selected.len());
            let mut tick = |done: usize| bar.set_position(done as u64);
            match format {
                Format::Jsonl => export::write_jsonl(&mut output, selected, &mut tick)?,
                Format::Csv => export::write_csv(&mut output, selected, &mut tick)?,
            };
            bar.finish_and_clear();
        }
        Some(set) => {
            let decisions = evaluate(set, &cases);
            let selected: Vec<_> = Selector::new(&filter)
                .with_derived(|i| set.derived(decisions[i], None))
                .select(cases.iter().enumerate())
                .map(|(i, case)| {
                    let d = decisions[i];
                    let columns = RuleColumns {
                        outcome: set.outcome_code(d),
                        rule: &set.rule_of(d).id,
                        cash_krw: d.cash,
                    };
                    (case, columns)
                })
                .collect();
            let bar = bar_for(selected.len());
            let mut tick = |done: usize| bar.set_position(done as u64);
            match format {
                Format::Jsonl => export::write_jsonl_with_rules(&mut output, selected, &mut tick)?,
                Format::Csv => export::write_csv_with_rules(&mut output, selected, &mut tick)?,
            };
            bar.finish_and_clear();
        }
    }
    output.finish()
}
