//! The lead's side of a spot-check from the command line: blind labels, the differences side
//! by side, their resolution, and the results as a file.

use std::io::Write;

use super::context::{Context, Create};
use super::error::BadInput;
use crate::cli::ResolutionArg;
use crate::domain::{Change, Dimension};
use crate::io::Format;
use crate::report::spot_check;
use crate::store::Resolution;

/// `spot-check label ID CASE FIELD=VALUE...`: each label recorded as it comes.
pub fn label(ctx: &Context, id: i64, case: &str, assignments: &[String]) -> anyhow::Result<()> {
    let mut labels: Vec<(Dimension, Option<u8>)> = Vec::new();
    for text in assignments {
        let change =
            Change::parse_assignment(text).map_err(|e| BadInput(format!("{text}: {e}")))?;
        let Change::Label(dim, value) = change else {
            return Err(BadInput(format!(
                "{text}: only labels are spot-checked (scope, reporter, kind, service, \
                 substitute)"
            ))
            .into());
        };
        if labels.iter().any(|(d, _)| *d == dim) {
            return Err(BadInput(format!("{dim}: set twice")).into());
        }
        labels.push((dim, value));
    }
    let lead = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    for (dim, value) in &labels {
        store.record_lead_label(id, case, *dim, *value, &lead)?;
    }
    let check = store.spot_check(id)?;
    let done = check
        .cases
        .iter()
        .find(|c| c.case_id == case)
        .map_or(0, |c| c.lead_labels.iter().filter(|l| l.is_some()).count());
    writeln!(
        output,
        "spot-check {id}, case {case}: recorded {} ({done} of 5 labels by the lead)",
        labels
            .iter()
            .map(|(d, v)| format!("{d}={}", spot_check::code_text(*d, *v)))
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    output.finish()
}

/// `spot-check differences ID [--json]`.
pub fn differences(ctx: &Context, id: i64, json: bool) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let diffs = store.differences(id)?;
    if json {
        for d in &diffs {
            let row = spot_check::ResultRow::of(d);
            let value = serde_json::json!({
                "check_id": row.check_id,
                "case_id": row.case_id,
                "field": row.field,
                "reviewer": row.reviewer,
                "reviewer_value": row.reviewer_value,
                "lead_value": row.lead_value,
                "resolution": row.resolution,
            });
            serde_json::to_writer(&mut output, &value)?;
            writeln!(output)?;
        }
    } else if diffs.is_empty() {
        writeln!(
            output,
            "no differences in spot-check {id} so far (the lead agrees, or has not labelled yet)"
        )?;
    } else {
        output.write_all(spot_check::render_differences(&diffs).as_bytes())?;
    }
    output.finish()
}

/// `spot-check resolve ID CASE FIELD keep|overturn`.
pub fn resolve(
    ctx: &Context,
    id: i64,
    case: &str,
    field: &str,
    resolution: ResolutionArg,
) -> anyhow::Result<()> {
    let dim = Dimension::from_name(field).ok_or_else(|| {
        BadInput(format!(
            "unknown field \"{field}\" (spot-checked: scope, reporter, kind, service, substitute)"
        ))
    })?;
    let resolution = match resolution {
        ResolutionArg::Keep => Resolution::Keep,
        ResolutionArg::Overturn => Resolution::Overturn,
    };
    let lead = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let outcome = store.resolve(id, case, dim, resolution, &lead)?;
    let line = match (resolution, &outcome.applied) {
        (Resolution::Keep, _) => format!("case {case}: kept the reviewer's {dim}"),
        (Resolution::Overturn, Some(applied)) => format!(
            "case {case}: overturned {dim} to {} (version {})",
            spot_check::code_text(dim, applied.case.label(dim)),
            applied.case.version
        ),
        (Resolution::Overturn, None) => {
            format!("case {case}: overturned {dim} (the case already held the lead's value)")
        }
    };
    writeln!(output, "{line}")?;
    output.finish()
}

/// `spot-check export ID [--format csv|jsonl]`: every compared label.
pub fn export(ctx: &Context, id: i64, format: Option<Format>) -> anyhow::Result<()> {
    let format = format
        .or_else(|| ctx.global.out.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Jsonl);
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    store.spot_check(id)?;
    let pairs = store.compared_pairs(Some(id))?;
    match format {
        Format::Jsonl => spot_check::write_jsonl(&mut output, &pairs)?,
        Format::Csv => spot_check::write_csv(&mut output, &pairs)?,
    }
    output.finish()
}
