//! A search per keystroke while typing the five benchmark queries character by character (a
//! Korean syllable is one keystroke), and the plain substring scan it is compared with.

use std::time::{Duration, Instant};

use casebench::domain::Case;

pub const QUERIES: [&str; 5] = ["카카오맵 배달", "로그인", "ㅋㅋㅇ", "upbit", "예약 손해"];

/// Every prefix of `query` by characters: what the search line holds after each keystroke.
pub fn keystrokes(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

/// Times every keystroke of every query, `rounds` times, with `step` run per keystroke; a
/// new `state` for each typed query (as the workbench starts each search line afresh).
/// Returns every time, and the times of each query.
pub fn typing<S>(
    rounds: usize,
    mut state: impl FnMut() -> S,
    mut step: impl FnMut(&mut S, &str) -> usize,
) -> (Vec<Duration>, Vec<Vec<Duration>>) {
    let mut all = Vec::new();
    let mut per_query = vec![Vec::new(); QUERIES.len()];
    for _ in 0..rounds {
        for (q, query) in QUERIES.iter().enumerate() {
            let mut s = state();
            for typed in keystrokes(query) {
                let start = Instant::now();
                std::hint::black_box(step(&mut s, &typed));
                let took = start.elapsed();
                all.push(took);
                per_query[q].push(took);
            }
        }
    }
    (all, per_query)
}

/// The plain substring scan: every blank-separated word of `typed` in the id, text or note.
pub fn substring(cases: &[Case], typed: &str) -> usize {
    let words: Vec<&str> = typed.split_whitespace().collect();
    cases
        .iter()
        .filter(|c| {
            words.iter().all(|w| {
                c.text.contains(w)
                    || c.id.contains(w)
                    || c.note.as_deref().is_some_and(|n| n.contains(w))
            })
        })
        .count()
}
