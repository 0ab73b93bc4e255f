//! `casebench label`: changes through the store's change function, for one case or, with
//! `--where`, for every matching case in one batch.

use std::io::Write;

use super::context::{Context, Create};
use super::error::BadInput;
use super::filter_arg;
use crate::cli::WhereArg;
use crate::domain::filter::Derived;
use crate::domain::preview::preview;
use crate::domain::{format_amount, Change, Selector};
use crate::report::bulk;
use crate::store::{new_batch_id, AuditAction, BulkItem, ChangeRequest};

/// Parses FIELD=VALUE arguments; a field given twice is refused.
fn parse_changes(assignments: &[String]) -> anyhow::Result<Vec<Change>> {
    let mut changes = Vec::with_capacity(assignments.len());
    for text in assignments {
        let change =
            Change::parse_assignment(text).map_err(|e| BadInput(format!("{text}: {e}")))?;
        if changes.iter().any(|c: &Change| c.field() == change.field()) {
            return Err(BadInput(format!("{}: set twice", change.field())).into());
        }
        changes.push(change);
    }
    Ok(changes)
}

/// `label ID FIELD=VALUE...`: prints the new version.
pub fn run(ctx: &Context, args: &[String], if_version: Option<i64>) -> anyhow::Result<()> {
    let Some((id, assignments)) = args.split_first() else {
        return Err(BadInput("give a case id and FIELD=VALUE".into()).into());
    };
    if assignments.is_empty() {
        return Err(BadInput(format!("{id}: nothing to set; give FIELD=VALUE")).into());
    }
    let changes = parse_changes(assignments)?;
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let applied = store.apply_change(&ChangeRequest {
        case_id: id,
        expected_version: if_version,
        reviewer: &reviewer,
        action: AuditAction::Label,
        batch: None,
        changes: &changes,
    })?;
    if !applied.changed() && !ctx.global.quiet {
        eprintln!("casebench: case {id} already had those values; nothing changed");
    }
    writeln!(output, "{}", applied.case.version)?;
    output.finish()
}

/// `label --where EXPR FIELD=VALUE... [--dry-run]`: a preview, then one batch.
pub fn run_bulk(
    ctx: &Context,
    assignments: &[String],
    filter: &WhereArg,
    dry_run: bool,
) -> anyhow::Result<()> {
    let changes = parse_changes(assignments)?;
    let filter = filter_arg::parse_without_rules(filter)?;
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let cases = store.load_all()?;
    let suggestions = filter_arg::suggestions(ctx, &store, &filter, &cases, false)?;
    let selected: Vec<_> = Selector::new(&filter)
        .with_derived(|i| Derived::NONE.with_suggestion(filter_arg::suggestion_at(&suggestions, i)))
        .select(cases.iter().enumerate())
        .map(|(_, case)| case)
        .collect();
    let preview = preview(selected.iter().copied(), &changes);
    output.write_all(bulk::render_preview(&preview).as_bytes())?;
    if dry_run {
        writeln!(output, "dry run: nothing was changed")?;
        // Still a successful preview (exit code 0), but it must not look as if the real run
        // will go through: say what will refuse it.
        match store.check_bulk(&reviewer, selected.len(), AuditAction::Bulk) {
            Err(refusal) if refusal.is_bad_input() => {
                writeln!(output, "the real run will be refused: {refusal}")?;
            }
            other => other?,
        }
        return output.finish();
    }
    let items: Vec<BulkItem> = selected
        .iter()
        .map(|case| BulkItem {
            case_id: case.id.clone(),
            expected_version: Some(case.version),
            changes: changes.clone(),
        })
        .collect();
    let batch = new_batch_id("bulk");
    let outcome = store.apply_bulk(&items, &reviewer, AuditAction::Bulk, &batch)?;
    writeln!(
        output,
        "changed {} (batch {batch}); {} already had those values",
        crate::text::count(outcome.applied.len(), "case", "cases"),
        format_amount(outcome.unchanged as i64)
    )?;
    for skipped in &outcome.skipped {
        writeln!(output, "skipped {}: {}", skipped.case_id, skipped.reason)?;
    }
    output.finish()
}
