//! Parsing `--where EXPR` into a filter, with the error pointing at the column.

use super::error::BadInput;
use crate::cli::WhereArg;
use crate::domain::Filter;

/// The filter of `--where`, or the filter that matches everything.
pub fn parse(arg: &WhereArg) -> anyhow::Result<Filter> {
    let expr = arg.expr.as_deref().unwrap_or("");
    Filter::parse(expr).map_err(|e| BadInput(format!("--where \"{expr}\": {e}")).into())
}
