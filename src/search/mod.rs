//! Fuzzy search over every case's id, text and note, with Hangul initial consonants.
//!
//! - **Matching** uses fuzzy-matcher's `SkimMatcherV2` (ASCII case ignored). A query is
//!   blank-separated terms that must all match, each in any field ([`Query`]); a bare initial
//!   consonant matches any syllable that starts with it (`ㅋㅋㅇㅁ` finds 카카오맵), full
//!   syllables match as typed ([`hangul`], `matcher`).
//! - **Quality floor** (`floor`): a query word with any character other than Hangul (a Latin
//!   letter, a digit, a sign) must be found within a stretch of the field at most two
//!   characters longer than itself, leaving out no digit between two of its digits: `upbt`
//!   finds Upbit, `kakaotalk` finds `Kakao Talk`, `200` finds R-000200 and 2,000원, but
//!   `pwned` does not find `…proper backups… wanted…` and `200` does not find 250,000원. Its
//!   score and highlight are those of its best alignment within the floor. Words of Hangul
//!   alone keep plain subsequence matching (`ㅋㅋㅇㅁ` and `카맵` find 카카오맵).
//! - **Ranking**: the sum of the terms' best field scores, best first, ties in case order
//!   ([`search`]). Every match is returned, with its exact score.
//! - **Speed**: a key prefilter built once ([`SearchIndex`]), an exact subsequence check
//!   before fuzzy-matcher sees a text, scoring only a window of it, a closed form for
//!   one-character terms, narrowing from the previous results as the query grows and a few
//!   kept results for backspace ([`SearchSession`]), several threads for large candidate
//!   sets, and highlights only for what is shown ([`highlights`], [`excerpt`]).
//! - **Typing is never blocked**: [`SearchWorker`] searches on its own thread and drops
//!   outdated generations.
//!
//! ```
//! use casebench::domain::Case;
//! use casebench::search::{search, Query, SearchIndex};
//!
//! let cases = [Case::new("R-1", "카카오맵 배달이 안 됐어요"), Case::new("R-2", "업비트 출금")];
//! let index = SearchIndex::build(&cases);
//! let hits = search(&index, &Query::parse("ㅇㅂㅌ"), None, &|| false).unwrap_or_default();
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].index, 1);
//! ```

mod floor;
pub mod hangul;
mod highlight;
mod index;
mod keys;
mod matcher;
mod names;
mod query;
mod rank;
mod score;
mod session;
mod worker;

#[cfg(test)]
mod tests;

pub use highlight::{excerpt, highlight_ranges, highlights};
pub use index::{SearchFields, SearchIndex};
pub use names::name_matches;
pub use query::{Query, Term};
pub use rank::{search, search_with, Hit};
pub use score::Score;
pub use session::SearchSession;
pub use worker::{SearchResult, SearchWorker};

/// Whether `case` matches `query`, exactly as [`search`] over an index holding it would say
/// (the workbench asks this of a case that arrives while a search view is shown).
pub fn case_matches(query: &Query, case: &crate::domain::Case) -> bool {
    let index = SearchIndex::build(std::slice::from_ref(case));
    search_with(&index, query, None, &|| false, 1).is_some_and(|hits| !hits.is_empty())
}
