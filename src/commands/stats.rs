//! `casebench stats` (and `casebench` with no command, until the workbench lands).

use std::io::Write;

use super::context::{Context, Create};
use super::filter_arg;
use crate::cli::WhereArg;
use crate::domain::Counts;
use crate::report::stats;

pub fn run(ctx: &Context, filter: &WhereArg, json: bool) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let cases = store.load_all()?;
    let counts = Counts::of(cases.iter().filter(|c| filter.matches(c)));
    if json {
        serde_json::to_writer_pretty(&mut output, &stats::to_json(&counts))?;
        writeln!(output)?;
    } else {
        output.write_all(stats::render_text(&counts).as_bytes())?;
    }
    output.finish()
}
