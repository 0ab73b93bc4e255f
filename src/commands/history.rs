//! `casebench history ID`: the case's audit trail, oldest first.

use std::io::Write;

use super::context::{Context, Create};
use crate::report::history;
use crate::store::StoreError;

pub fn run(ctx: &Context, id: &str, json: bool) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    if store.get(id)?.is_none() {
        return Err(StoreError::NoSuchCase(id.to_string()).into());
    }
    let events = store.history(id)?;
    let text = if json {
        history::render_jsonl(&events)?
    } else {
        history::render_text(&events)
    };
    output.write_all(text.as_bytes())?;
    output.finish()
}
