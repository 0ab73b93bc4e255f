//! `casebench audit`: the audit log, oldest first, as a table or JSON Lines.

use std::io::Write;

use super::context::{Context, Create};
use super::spot_check::leads_error;
use crate::cli::AuditArgs;
use crate::leads::period::{since_bound, until_bound};
use crate::report::{audit, history};

pub fn run(ctx: &Context, args: &AuditArgs) -> anyhow::Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|s| since_bound("--since", s))
        .transpose()
        .map_err(leads_error)?;
    let until = args
        .until
        .as_deref()
        .map(|s| until_bound("--until", s))
        .transpose()
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
