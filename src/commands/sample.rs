//! `casebench sample`: generate the synthetic data set into the database.

use std::io::Write;

use super::context::{fill_with_sample, Context, Create};
use super::error::BadInput;
use crate::domain::format_amount;
use crate::io::sample::SampleConfig;

pub fn run(ctx: &Context, cases: usize, seed: u64, force: bool) -> anyhow::Result<()> {
    if cases == 0 {
        return Err(BadInput("--cases: must be at least 1".into()).into());
    }
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::Yes)?;
    let existing = store.case_count()?;
    if existing > 0 && !force {
        return Err(BadInput(format!(
            "{} already holds {}; pass --force to replace them (and their audit \
             history) with the sample",
            store.location(),
            crate::text::count(existing, "case", "cases")
        ))
        .into());
    }
    let show = ctx.show_progress(output.is_interactive());
    let inserted = fill_with_sample(
        &mut store,
        SampleConfig { cases, seed },
        &reviewer,
        existing > 0,
        show,
    )?;
    let replaced = if existing > 0 {
        format!(
            ", replacing {}",
            crate::text::count(existing, "case", "cases")
        )
    } else {
        String::new()
    };
    writeln!(
        output,
        "generated {} sample cases (seed {seed}) into {}{replaced}",
        format_amount(inserted as i64),
        store.location()
    )?;
    output.finish()
}
