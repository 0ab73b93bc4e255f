//! `casebench search QUERY`: the workbench's search from the command line, same results in
//! the same order (both rank with `search::search`).

use std::io::Write;

use super::context::{Context, Create};
use super::error::BadInput;
use super::{filter_arg, rules};
use crate::cli::WhereArg;
use crate::domain::filter::Derived;
use crate::domain::{format_amount, Selector};
use crate::search::{excerpt, search, Query, SearchIndex};
use crate::text;

/// Display cells of the excerpt in the text output and in `--json`.
pub const EXCERPT_CELLS: usize = 60;

pub fn run(
    ctx: &Context,
    words: &[String],
    filter: &WhereArg,
    limit: usize,
    json: bool,
) -> anyhow::Result<()> {
    let query = Query::parse(&words.join(" "));
    if query.is_empty() {
        return Err(BadInput(
            "the search query is empty: give one or more words, e.g. `casebench search 카카오맵` \
             or `casebench search ㅋㅋㅇㅁ`"
                .into(),
        )
        .into());
    }
    let filter = filter_arg::parse(filter)?;
    rules::check_derived(&filter, 0)?;
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    // One read of the cases: search's copy of each id, text and note (all the output needs),
    // and for --where each case without its text.
    let mut index = SearchIndex::for_one_query();
    let mut cases = Vec::new();
    if filter.is_empty() {
        store.for_each_searchable(&mut |fields| {
            index.push_fields(fields);
            Ok(())
        })?;
    } else {
        store.for_each_case(&mut |case| {
            index.push(&case);
            cases.push(case.without_text());
            Ok(())
        })?;
    }
    let suggestions = filter_arg::suggestions(ctx, &store, &filter, &cases, false)?;
    let candidates: Option<Vec<usize>> = (!filter.is_empty()).then(|| {
        Selector::new(&filter)
            .with_derived(|i| {
                Derived::NONE.with_suggestion(filter_arg::suggestion_at(&suggestions, i))
            })
            .select(cases.iter().enumerate())
            .map(|(i, _)| i)
            .collect()
    });
    let hits = search(&index, &query, candidates.as_deref(), &|| false).unwrap_or_default();
    let shown = if limit == 0 {
        &hits[..]
    } else {
        &hits[..hits.len().min(limit)]
    };
    if json {
        for hit in shown {
            let [id, text, _] = index.fields(hit.index);
            let line = serde_json::json!({
                "id": id,
                "score": hit.score,
                "excerpt": excerpt(text, &query, EXCERPT_CELLS),
            });
            writeln!(output, "{line}")?;
        }
    } else {
        let ids: Vec<String> = shown
            .iter()
            .map(|h| text::sanitize(index.fields(h.index)[0]).into_owned())
            .collect();
        let id_cells = ids.iter().map(|id| text::width(id)).max().unwrap_or(0);
        let score_cells = shown
            .iter()
            .map(|h| h.score.to_string().len())
            .max()
            .unwrap_or(0);
        for (hit, id) in shown.iter().zip(&ids) {
            let [_, case_text, _] = index.fields(hit.index);
            writeln!(
                output,
                "{}  {}  {}",
                text::pad_right(id, id_cells),
                text::pad_left(&hit.score.to_string(), score_cells),
                excerpt(case_text, &query, EXCERPT_CELLS)
            )?;
        }
    }
    output.finish()?;
    if !ctx.global.quiet {
        eprintln!(
            "casebench: {} of {}",
            format_amount(shown.len() as i64),
            crate::text::count(hits.len(), "match", "matches")
        );
    }
    Ok(())
}
