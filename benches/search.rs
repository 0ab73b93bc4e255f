//! Search speed on the full 105,116-case sample: building the index, and a search per
//! keystroke while typing five representative queries character by character (a Korean
//! syllable is one keystroke), narrowing as the workbench does, beside a plain substring scan
//! of the same texts and `fzf --filter` on the same lines. Prints Markdown rows for the
//! GUIDE.md's performance table, then the ratios.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use casebench::io::sample::{self, SampleConfig};
use casebench::search::{search, search_with, Query, SearchIndex, SearchSession};
use support::typing::{substring, typing, QUERIES};
use support::{header, measure, row, Figures, Selection};

/// How many times each query is typed.
const ROUNDS: usize = 5;

fn fzf_available() -> bool {
    Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `fzf --filter typed` over `lines` (a file of one case per line); returns the match count.
fn fzf(lines: &std::path::Path, typed: &str) -> usize {
    let input = std::fs::File::open(lines).expect("lines file");
    let out = Command::new("fzf")
        .args(["--filter", typed])
        .stdin(input)
        .stderr(Stdio::null())
        .output()
        .expect("fzf runs");
    out.stdout.iter().filter(|&&b| b == b'\n').count()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    if Selection::from_args().is_none() {
        return;
    }
    let cases = sample::generate(SampleConfig::default());
    header();

    let f = measure(5, true, || (), |()| SearchIndex::build(&cases));
    row("search: build the index of 105,116 cases", "< 1 s", &f);
    let index = SearchIndex::build(&cases);

    let (ours, per_query) = typing(ROUNDS, SearchSession::new, |session, typed| {
        let query = Query::parse(typed);
        session
            .search(&index, &query, None, &|| false)
            .map_or(0, |h| h.len())
    });
    let ours_f = Figures::of(ours.clone());
    row(
        "search per keystroke, 5 queries typed (narrowing, as the workbench)",
        "< 30 ms median",
        &ours_f,
    );
    let firsts: Vec<Duration> = per_query
        .iter()
        .flat_map(|times| {
            let per_round = times.len() / ROUNDS;
            times.iter().step_by(per_round).copied()
        })
        .collect();
    row(
        "search: the first keystroke of each query",
        "",
        &Figures::of(firsts),
    );
    for (query, times) in QUERIES.iter().zip(&per_query) {
        row(
            &format!("search per keystroke typing `{query}`"),
            "",
            &Figures::of(times.clone()),
        );
    }

    let (fresh, _) = typing(
        2,
        || (),
        |(), typed| search(&index, &Query::parse(typed), None, &|| false).map_or(0, |h| h.len()),
    );
    row(
        "(ablation) search per keystroke without narrowing",
        "",
        &Figures::of(fresh),
    );
    let (single, _) = typing(2, SearchSession::new, |session, typed| {
        let query = Query::parse(typed);
        let _ = session;
        search_with(&index, &query, None, &|| false, 1).map_or(0, |h| h.len())
    });
    row(
        "(ablation) search per keystroke, one thread, no narrowing",
        "",
        &Figures::of(single),
    );

    let (plain, _) = typing(ROUNDS, || (), |(), typed| substring(&cases, typed));
    let plain_f = Figures::of(plain);
    row(
        "(reference) plain substring scan per keystroke",
        "",
        &plain_f,
    );

    let fzf_f = if fzf_available() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("lines.txt");
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("lines"));
        for c in &cases {
            let line: String = c
                .text
                .chars()
                .map(|ch| if ch == '\n' || ch == '\r' { ' ' } else { ch })
                .collect();
            writeln!(
                file,
                "{} {} {}",
                c.id,
                line,
                c.note.as_deref().unwrap_or("")
            )
            .expect("write");
        }
        file.flush().expect("flush");
        drop(file);
        let (times, _) = typing(1, || (), |(), typed| fzf(&path, typed));
        let f = Figures::of(times);
        row("(reference) `fzf --filter` per keystroke", "", &f);
        Some(f)
    } else {
        println!(
            "| (reference) `fzf --filter` per keystroke | | skipped: fzf is not installed | | | |"
        );
        None
    };

    println!();
    println!(
        "ratios of medians: search / substring scan = {:.2}; search p99 / substring p99 = {:.2}",
        ms(ours_f.median) / ms(plain_f.median),
        ms(ours_f.p99) / ms(plain_f.p99),
    );
    if let Some(f) = fzf_f {
        println!(
            "ratios of medians: fzf --filter / search = {:.1}; fzf p99 / search p99 = {:.1}",
            ms(f.median) / ms(ours_f.median),
            ms(f.p99) / ms(ours_f.p99),
        );
    }
}
