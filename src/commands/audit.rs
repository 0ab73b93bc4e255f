//! `casebench audit`: the audit log, oldest first, as a table or JSON Lines.

use std::io::Write;

use super::context::{Context, Create};
use super::spot_check::leads_error;
use crate::cli::AuditArgs;
use crate::leads::period::bounds;
use crate::report::{audit, history};

pub fn run(ctx: &Context, args: &AuditArgs) -> anyhow::Result<()> {
    let (since, until) = bounds(
        args.since.as_deref(),
        args.until.as_deref(),
        ("--since", "--until"),
    )
    .map_err(leads_error)?;
    let store = ctx.open_store(Create::No)?;
    if let Some(name) = &args.by {
        store.require_known_reviewer(name)?;
    }
    let mut output = ctx.output()?;
    let events = store.audit_events(args.by.as_deref(), since.as_deref(), until.as_deref())?;
    let text = if args.json {
        history::render_jsonl(&events)?
    } else {
        audit::render_text(&events)
    };
    output.write_all(text.as_bytes())?;
    output.finish()
}
