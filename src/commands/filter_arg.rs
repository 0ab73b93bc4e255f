//! Parsing `--where EXPR` into a filter, with the error pointing at the column, and loading
//! the suggestions it reads.

use super::context::Context;
use super::error::BadInput;
use crate::cli::WhereArg;
use crate::domain::{Case, CaseSuggestion, Filter, Suggestions, SuggestionsById};
use crate::store::Store;

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

/// The suggestions of `cases`, by position, when the filter reads them or `shown` (the output
/// shows them); `None` otherwise, which costs nothing. A filter that reads suggestions where
/// no case has any gets a note on stderr: every suggestion field is `none` then.
pub fn suggestions(
    ctx: &Context,
    store: &Store,
    filter: &Filter,
    cases: &[Case],
    shown: bool,
) -> anyhow::Result<Option<Suggestions>> {
    if !filter.uses_suggestions() && !shown {
        return Ok(None);
    }
    let suggestions = Suggestions::by_position(cases, store.load_suggestions()?);
    note_when_none_made(ctx, filter, suggestions.made());
    Ok(Some(suggestions))
}

/// Like [`suggestions`] for a command that reads the cases one at a time: the suggestions by
/// case id when the filter reads them, `None` otherwise.
pub fn suggestions_by_id(
    ctx: &Context,
    store: &Store,
    filter: &Filter,
) -> anyhow::Result<Option<SuggestionsById>> {
    if !filter.uses_suggestions() {
        return Ok(None);
    }
    let suggestions = SuggestionsById::new(store.load_suggestions()?);
    note_when_none_made(ctx, filter, suggestions.made());
    Ok(Some(suggestions))
}

fn note_when_none_made(ctx: &Context, filter: &Filter, made: usize) {
    if made == 0 && filter.uses_suggestions() && !ctx.global.quiet {
        eprintln!(
            "casebench: no case has suggestions yet, so every suggestion field in --where is none \
             (casebench suggest train, then suggest run)"
        );
    }
}

/// The suggestions of the case at `index` for the filter: `None` (not known) when they were
/// not loaded.
pub fn suggestion_at(suggestions: &Option<Suggestions>, index: usize) -> Option<&CaseSuggestion> {
    suggestions.as_ref().map(|s| s.of(index))
}
