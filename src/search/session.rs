//! Searching as someone types: narrowing from earlier results, and remembering a few.
//!
//! When a query extends one searched before (see [`Query::extends`]) with the same candidate
//! filter, its matches are among that query's matches, so only those are checked and
//! scored: typing `카카오` after `카카` re-scores the 33,810 `카카` matches instead of
//! looking at 105,116 cases, and each further character usually shrinks the set again. The
//! result is the same as a fresh search (a property test checks it), because scores do not
//! depend on what else is searched. The last few results are kept, so deleting a character
//! (backspace) finds its results at once, and the next characters narrow from the closest
//! earlier query. Any change to the index makes them stale: call [`SearchSession::clear`].

use std::collections::VecDeque;
use std::sync::Arc;

use super::index::SearchIndex;
use super::query::Query;
use super::rank::{search, Hit};

/// Results kept for narrowing and backspace.
const KEPT: usize = 8;

struct Kept {
    query: Query,
    candidates: Option<Arc<Vec<usize>>>,
    hits: Arc<Vec<Hit>>,
}

/// Remembers recent results of one stream of queries (one search line).
#[derive(Default)]
pub struct SearchSession {
    kept: VecDeque<Kept>,
}

fn same_candidates(a: &Option<Arc<Vec<usize>>>, b: Option<&Arc<Vec<usize>>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
        _ => false,
    }
}

impl SearchSession {
    pub fn new() -> SearchSession {
        SearchSession::default()
    }

    /// Like [`search`], narrowing from a kept result when it can. `None` when cancelled.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        candidates: Option<&Arc<Vec<usize>>>,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Arc<Vec<Hit>>> {
        let mut base: Option<&Kept> = None;
        for kept in &self.kept {
            if !same_candidates(&kept.candidates, candidates) {
                continue;
            }
            if kept.query == *query {
                return Some(Arc::clone(&kept.hits));
            }
            if query.extends(&kept.query) && base.is_none_or(|b| kept.hits.len() < b.hits.len()) {
                base = Some(kept);
            }
        }
        let hits = match base {
            Some(base) => {
                let narrowed: Vec<usize> = base.hits.iter().map(|h| h.index).collect();
                search(index, query, Some(&narrowed), cancel)?
            }
            None => search(index, query, candidates.map(|c| c.as_slice()), cancel)?,
        };
        let hits = Arc::new(hits);
        if self.kept.len() == KEPT {
            self.kept.pop_front();
        }
        self.kept.push_back(Kept {
            query: query.clone(),
            candidates: candidates.cloned(),
            hits: Arc::clone(&hits),
        });
        Some(hits)
    }

    /// Forgets every kept result (the index changed).
    pub fn clear(&mut self) {
        self.kept.clear();
    }
}
