//! `casebench label ID FIELD=VALUE...`: a change through the store's change function.

use std::io::Write;

use super::context::{Context, Create};
use super::error::BadInput;
use crate::domain::Change;
use crate::store::{Action, ChangeRequest};

pub fn run(
    ctx: &Context,
    id: &str,
    assignments: &[String],
    if_version: Option<i64>,
) -> anyhow::Result<()> {
    let mut changes = Vec::with_capacity(assignments.len());
    for text in assignments {
        let change =
            Change::parse_assignment(text).map_err(|e| BadInput(format!("{text}: {e}")))?;
        if changes.iter().any(|c: &Change| c.field() == change.field()) {
            return Err(BadInput(format!("{}: set twice", change.field())).into());
        }
        changes.push(change);
    }
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let applied = store.apply_change(&ChangeRequest {
        case_id: id,
        expected_version: if_version,
        reviewer: &reviewer,
        action: Action::Label,
        batch: None,
        changes: &changes,
    })?;
    if !applied.changed() && !ctx.global.quiet {
        eprintln!("casebench: case {id} already had those values; nothing changed");
    }
    writeln!(output, "{}", applied.case.version)?;
    output.finish()
}
