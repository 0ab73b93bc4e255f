//! `casebench export`: every field of the cases that match `--where`.

use super::context::{Context, Create};
use super::{filter_arg, progress};
use crate::cli::WhereArg;
use crate::io::{export, Format};

pub fn run(ctx: &Context, format: Option<Format>, filter: &WhereArg) -> anyhow::Result<()> {
    let filter = filter_arg::parse(filter)?;
    let format = format
        .or_else(|| ctx.global.out.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Jsonl);
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let cases = store.load_all()?;
    let selected: Vec<_> = cases.iter().filter(|c| filter.matches(c)).collect();
    let bar = progress::bar(
        selected.len(),
        "export",
        ctx.show_progress(output.is_interactive()),
    );
    let mut tick = |done: usize| bar.set_position(done as u64);
    match format {
        Format::Jsonl => export::write_jsonl(&mut output, selected, &mut tick)?,
        Format::Csv => export::write_csv(&mut output, selected, &mut tick)?,
    };
    bar.finish_and_clear();
    output.finish()
}
