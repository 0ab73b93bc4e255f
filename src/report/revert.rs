//! What `casebench revert` prints: the batch, one line per case restored (or that would be)
//! and per case skipped, and the revert's own batch.

use crate::domain::{format_amount, Field};
use crate::store::{CaseRevert, RevertOutcome, RevertSkip};
use crate::text::{one_line, truncate};

/// The widest a value is shown (notes can be long).
const VALUE_CELLS: usize = 40;

/// A value as stored, shown for people: amounts with thousands separators (`800,000`).
fn value(field: Field, v: Option<&str>) -> String {
    match v {
        None => "∅".to_string(),
        Some(text) => match (field, text.parse::<i64>()) {
            (Field::Amount, Ok(won)) => format_amount(won),
            _ => truncate(&one_line(text), VALUE_CELLS).into_owned(),
        },
    }
}

/// `C-1: kind paid → inquiry, note 일괄 → ∅`.
fn restore_line(case: &CaseRevert) -> String {
    let fields: Vec<String> = case
        .fields
        .iter()
        .map(|f| {
            format!(
                "{} {} → {}",
                f.field.name(),
                value(f.field, f.now.as_deref()),
                value(f.field, f.back.as_deref())
            )
        })
        .collect();
    format!("{}: {}", one_line(&case.case_id), fields.join(", "))
}

/// `C-3: kind changed since by lee at 2026-11-28T09:00:00.000Z (batch …)`.
fn skip_line(skip: &RevertSkip) -> String {
    let changes: Vec<String> = skip
        .changed
        .iter()
        .map(|c| {
            let batch = c
                .batch
                .as_deref()
                .map(|b| format!(" (batch {})", one_line(b)))
                .unwrap_or_default();
            format!(
                "{} changed since by {} at {}{batch}",
                one_line(&c.field),
                one_line(&c.by),
                one_line(&c.at)
            )
        })
        .collect();
    let why = if changes.is_empty() {
        "changed since".to_string()
    } else {
        changes.join("; ")
    };
    format!("{}: {why}", one_line(&skip.case_id))
}

/// The whole report; `dry_run` says "would be" and that nothing changed.
pub fn render(outcome: &RevertOutcome, dry_run: bool) -> String {
    let count = |n: usize| format_amount(n as i64);
    let (restored, verb) = if dry_run {
        ("would be restored", "restore")
    } else {
        ("restored", "restored")
    };
    let mut out = format!(
        "batch {} changed {} cases: {} {restored}, {} skipped (changed since)\n",
        one_line(&outcome.reverted),
        count(outcome.cases),
        count(outcome.restored.len()),
        count(outcome.skipped.len())
    );
    for case in &outcome.restored {
        out.push_str(&format!("{verb} {}\n", restore_line(case)));
    }
    let skip = if dry_run { "skip" } else { "skipped" };
    for case in &outcome.skipped {
        out.push_str(&format!("{skip} {}\n", skip_line(case)));
    }
    match (&outcome.batch, dry_run) {
        (_, true) => out.push_str("dry run: nothing was changed\n"),
        (Some(batch), false) => out.push_str(&format!("reverted as batch {batch}\n")),
        (None, false) => out.push_str("nothing was changed\n"),
    }
    out
}
