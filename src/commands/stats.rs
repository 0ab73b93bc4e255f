//! `casebench stats` (and `casebench` with no command, until the workbench lands), with
//! `--rules FILE` the count and cash of every outcome too.

use std::io::Write;
use std::path::Path;

use super::context::{Context, Create};
use super::{filter_arg, rules};
use crate::cli::WhereArg;
use crate::domain::Counts;
use crate::report::{rules as rules_report, stats};
use crate::rules::{evaluate, Totals};

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
    let cases = store.load_all()?;
    let (counts, outcomes) = match &rule_set {
        None => (Counts::of(cases.iter().filter(|c| filter.matches(c))), None),
        Some(set) => {
            let decisions = evaluate(set, &cases);
            let selected: Vec<usize> = (0..cases.len())
                .filter(|&i| filter.matches_with(&cases[i], &set.derived(decisions[i], None)))
                .collect();
            let counts = Counts::of(selected.iter().map(|&i| &cases[i]));
            let totals = Totals::of(set, selected.iter().map(|&i| decisions[i]));
            (counts, Some((set.name.as_str(), totals)))
        }
    };
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
