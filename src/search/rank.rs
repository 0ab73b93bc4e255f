//! Searching the index: prefilter, exact check, scoring, ranking.
//!
//! 1. **Prefilter**: the cases holding every key of every term (a few bitset intersections,
//!    well under a millisecond), intersected with the caller's candidates if any (a filter,
//!    or the results of the query this one extends).
//! 2. **Exact check and score** for each survivor: every term must match one of the case's
//!    fields (see `matcher`); a term's score is its best field's, the case's the sum.
//!    Work is shared between threads (up to four, in blocks of 1,024 cases), and the caller's
//!    `cancel` is asked before every block, so an outdated search stops within about a
//!    millisecond.
//! 3. **Rank**: best score first, ties in case order. Nothing is cut: every match is returned
//!    with its exact score, so the list, its count and the command line agree.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

use super::index::SearchIndex;
use super::keys::members;
use super::matcher::{term_score, Scratch};
use super::query::Query;
use super::score::{Score, Scorer};

/// One matching case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The case's position in the slice the index was built from.
    pub index: usize,
    /// Higher is better; the sum of each term's fuzzy-matcher score in its best field.
    pub score: Score,
}

/// Cases per block between two looks at `cancel`.
const BLOCK: usize = 1024;
/// Below this many candidates one thread does all the work.
const PARALLEL_FROM: usize = 4 * BLOCK;

/// How many threads score a large search: the machine's cores, at most four.
fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4)
    })
}

/// Every case matching `query`, best first (ties in case order), among `candidates` (case
/// positions, any order) or all cases. `None` when `cancel` said stop. An empty query matches
/// nothing.
pub fn search(
    index: &SearchIndex,
    query: &Query,
    candidates: Option<&[usize]>,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    search_with(index, query, candidates, cancel, threads())
}

/// [`search`] on at most `threads` threads.
pub fn search_with(
    index: &SearchIndex,
    query: &Query,
    candidates: Option<&[usize]>,
    cancel: &(dyn Fn() -> bool + Sync),
    threads: usize,
) -> Option<Vec<Hit>> {
    if query.is_empty() {
        return Some(Vec::new());
    }
    let mut mask = index.may_hold_all_of(query.terms().iter().flat_map(|t| t.keys()));
    if let Some(list) = candidates {
        // As a bitset too, so survivors come out in case order (the texts are then read in
        // case order) without sorting the list.
        let mut allowed = vec![0u64; mask.len()];
        for &i in list {
            if let Some(word) = allowed.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        for (m, a) in mask.iter_mut().zip(&allowed) {
            *m &= a;
        }
    }
    let survivors = members(&mask);
    let mut hits = score_all(index, query, &survivors, cancel, threads)?;
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    Some(hits)
}

/// Scores every survivor, on several threads when there are many.
fn score_all(
    index: &SearchIndex,
    query: &Query,
    survivors: &[u32],
    cancel: &(dyn Fn() -> bool + Sync),
    threads: usize,
) -> Option<Vec<Hit>> {
    if cancel() {
        return None;
    }
    let scorer = Scorer::default();
    let next_block = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let work = || {
        let mut hits = Vec::new();
        let mut scratch = Scratch::default();
        loop {
            let block = next_block.fetch_add(1, Ordering::Relaxed);
            let start = block * BLOCK;
            if start >= survivors.len() || stopped.load(Ordering::Relaxed) {
                break;
            }
            if cancel() {
                stopped.store(true, Ordering::Relaxed);
                break;
            }
            let end = (start + BLOCK).min(survivors.len());
            for &i in &survivors[start..end] {
                let i = i as usize;
                if let Some(score) = case_score(index, query, i, &scorer, &mut scratch) {
                    hits.push(Hit { index: i, score });
                }
            }
        }
        hits
    };
    let threads = if survivors.len() < PARALLEL_FROM {
        1
    } else {
        threads.max(1)
    };
    let hits = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut hits = work();
            for helper in helpers {
                match helper.join() {
                    Ok(more) => hits.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            hits
        })
    };
    if stopped.load(Ordering::Relaxed) {
        return None;
    }
    Some(hits)
}

/// Case `i`'s score for `query`, or `None` when some term matches none of its fields.
pub(crate) fn case_score(
    index: &SearchIndex,
    query: &Query,
    i: usize,
    scorer: &Scorer,
    scratch: &mut Scratch,
) -> Option<Score> {
    let fields = index.fields(i);
    let mut total = 0;
    for term in query.terms() {
        let best = fields
            .iter()
            .filter(|f| !f.is_empty())
            .filter_map(|f| term_score(term, f, scorer, scratch))
            .max()?;
        total += best;
    }
    Some(total)
}
