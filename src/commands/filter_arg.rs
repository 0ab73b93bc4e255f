//! Parsing `--where EXPR` into a filter, with the error pointing at the column.

use super::error::BadInput;
use crate::cli::WhereArg;
use crate::domain::Filter;

/// The filter of `--where`, or the filter that matches everything.
pub fn parse(arg: &WhereArg) -> anyhow::Result<Filter> {
    let expr = arg.expr.as_deref().unwrap_or("");
    Filter::parse(expr).map_err(|e| BadInput(format!("--where \"{expr}\": {e}")).into())
}

/// Like [`parse`], for commands that judge no rule set: `outcome`, `rule` and `changed` would
/// match nothing there, so they are refused with what they need.
pub fn parse_without_rules(arg: &WhereArg) -> anyhow::Result<Filter> {
    let filter = parse(arg)?;
    super::rules::check_derived(&filter, 0)?;
    Ok(filter)
}
