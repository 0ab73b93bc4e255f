//! `casebench revert BATCH [--dry-run]`: undo a batch through the store's one revert function
//! (the workbench calls the same one).

use std::io::Write;

use super::context::{Context, Create};
use crate::report::revert;

pub fn run(ctx: &Context, batch: &str, dry_run: bool) -> anyhow::Result<()> {
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let outcome = store.revert_batch(batch, &reviewer, dry_run)?;
    output.write_all(revert::render(&outcome, dry_run).as_bytes())?;
    output.finish()
}
