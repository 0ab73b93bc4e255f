//! The table one size prints: every row of issue 12's target table, its target at that size
//! and a verdict, the floors measured in the same run, and each figure as a ratio to its floor.

use std::time::Duration;

use crate::process::Run;
use crate::support::{show, Figures};
use crate::{InProcess, Measured, Runs, Targets};

/// One figure on one database, and whether it meets its target (`None`: it has none).
pub struct Cell {
    text: String,
    meets: Option<bool>,
}

impl Cell {
    fn new(text: String, meets: Option<bool>) -> Cell {
        Cell { text, meets }
    }

    /// Not measured on this database (the figure does not apply, or no server).
    fn none(text: &str) -> Cell {
        Cell::new(text.to_string(), None)
    }

    fn verdict(&self) -> &'static str {
        match self.meets {
            Some(true) => "meets",
            Some(false) => "**misses**",
            None => "",
        }
    }
}

struct Row {
    figure: String,
    target: String,
    sqlite: Cell,
    postgres: Cell,
    runs: String,
}

pub struct Table {
    cases: usize,
    rows: Vec<Row>,
}

/// `kb` kilobytes (KiB, as /proc and `ru_maxrss` count) in MB (10⁶ bytes).
pub fn mb(kb: u64) -> String {
    let mb = kb as f64 * 1024.0 / 1e6;
    if mb < 100.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

fn mb_of(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

/// The machine the figures are from: its cores and load average now.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "machine: {cores} cores, load average {} (1, 5, 15 min)",
        load.join(" ")
    )
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn ratio_cell(value: f64, at_most: f64) -> Cell {
    Cell::new(format!("{value:.2}×"), Some(value <= at_most))
}

fn median_p99(f: &Figures) -> String {
    format!("{} (p99 {})", show(f.median), show(f.p99))
}

fn command(run: &Run, target: Duration) -> Cell {
    Cell::new(
        format!("{}, {}", show(run.median()), mb(run.peak_kb)),
        Some(run.median() <= target),
    )
}

fn thousands(n: usize) -> String {
    casebench::domain::format_amount(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Builds the table of a size from what was measured.
pub fn build(
    cases: usize,
    t: &Targets,
    runs: &Runs,
    sample: &Run,
    sqlite: &Measured,
    postgres: Option<&Measured>,
    local: &InProcess,
) -> Table {
    let mut rows = Vec::new();
    let mut add = |figure: &str, target: String, sqlite: Cell, postgres: Cell, runs: String| {
        rows.push(Row {
            figure: figure.to_string(),
            target,
            sqlite,
            postgres,
            runs,
        })
    };
    let on_pg = |f: &dyn Fn(&Measured) -> Cell| postgres.map_or(Cell::none("SKIPPED"), f);
    let sessions = format!("{} sessions", runs.workbench);
    let memory = |m: &Measured| Cell::new(mb(m.peak_kb), Some(mb_of(m.peak_kb) <= t.memory_mb));
    add(
        "workbench resident memory, search index and suggestions loaded (peak: VmHWM, median of the sessions)",
        format!("≤ {:.0} MB", t.memory_mb),
        memory(sqlite),
        on_pg(&memory),
        sessions.clone(),
    );
    let after_start = |m: &Measured| Cell::new(mb(m.rss_first_frame_kb), None);
    add(
        "workbench resident memory right after the first frame (VmRSS)",
        String::new(),
        after_start(sqlite),
        on_pg(&after_start),
        sessions.clone(),
    );
    let first = |m: &Measured| {
        Cell::new(
            median_p99(&m.first_frame),
            Some(m.first_frame.median <= t.first_frame),
        )
    };
    add(
        "start to first frame (process start → first frame drawn), median",
        format!("≤ {}", show(t.first_frame)),
        first(sqlite),
        on_pg(&first),
        sessions.clone(),
    );
    let loaded = |m: &Measured| Cell::new(median_p99(&m.loaded), Some(m.loaded.median <= t.loaded));
    add(
        "everything loaded (counts, outcomes, search index built, suggestions in), median",
        format!("≤ {}", show(t.loaded)),
        loaded(sqlite),
        on_pg(&loaded),
        sessions,
    );
    let keystrokes = format!("{} × the 5 queries typed", runs.typing_rounds);
    let in_memory = || Cell::none("—");
    add(
        "search per keystroke, the five benchmark queries, p99",
        format!("≤ {}", show(t.keystroke_p99)),
        Cell::new(
            show(local.keystroke.p99),
            Some(local.keystroke.p99 <= t.keystroke_p99),
        ),
        in_memory(),
        keystrokes.clone(),
    );
    add(
        "search per keystroke, the five benchmark queries, median",
        String::new(),
        Cell::new(show(local.keystroke.median), None),
        in_memory(),
        keystrokes.clone(),
    );
    let relabel = |m: &Measured| {
        Cell::new(
            median_p99(&m.relabel),
            Some(m.relabel.median <= t.relabel_median),
        )
    };
    add(
        "relabel keystroke (durable save, recount, re-judge, redraw), median",
        format!("≤ {} median", show(t.relabel_median)),
        relabel(sqlite),
        on_pg(&relabel),
        format!("{} keystrokes", runs.relabel),
    );
    let commands = format!("{} runs each, median wall; peak RSS", runs.commands);
    add(
        "`casebench stats` whole process: wall, peak RSS",
        format!("≤ {}", show(t.command)),
        command(&sqlite.stats, t.command),
        on_pg(&|m| command(&m.stats, t.command)),
        commands.clone(),
    );
    add(
        &format!(
            "`casebench search {}` whole process: wall, peak RSS",
            crate::SEARCH_QUERY
        ),
        format!("≤ {}", show(t.command)),
        command(&sqlite.search, t.command),
        on_pg(&|m| command(&m.search, t.command)),
        commands,
    );
    add(
        &format!("`casebench sample --cases {cases}` whole process: wall, peak RSS"),
        format!("≤ {}", show(t.sample)),
        command(sample, t.sample),
        Cell::none("—"),
        "1 run (it makes the database)".into(),
    );
    add(
        "(floor) bare rusqlite read of every case row, median",
        String::new(),
        Cell::new(median_p99(&local.bare_read), None),
        Cell::none("—"),
        format!("{} reads", runs.bare_read),
    );
    add(
        "(floor) plain substring scan per keystroke, median",
        String::new(),
        Cell::new(median_p99(&local.substring), None),
        Cell::none("—"),
        keystrokes.clone(),
    );
    let text_kb = local.text_bytes / 1024;
    add(
        "(floor) UTF-8 bytes of the case texts",
        String::new(),
        Cell::new(mb(text_kb), None),
        Cell::none("—"),
        String::new(),
    );
    add(
        "first frame ÷ bare rusqlite read (medians)",
        "≤ 0.5×".into(),
        ratio_cell(
            ratio(sqlite.first_frame.median, local.bare_read.median),
            0.5,
        ),
        on_pg(&|m| ratio_cell(ratio(m.first_frame.median, local.bare_read.median), 0.5)),
        String::new(),
    );
    add(
        "search per keystroke p99 ÷ substring scan p99",
        "≤ 1.0×".into(),
        ratio_cell(ratio(local.keystroke.p99, local.substring.p99), 1.0),
        in_memory(),
        String::new(),
    );
    add(
        "search per keystroke median ÷ substring scan median",
        "≤ 0.3×".into(),
        ratio_cell(ratio(local.keystroke.median, local.substring.median), 0.3),
        in_memory(),
        String::new(),
    );
    let per_text = |m: &Measured| ratio_cell(m.peak_kb as f64 / text_kb.max(1) as f64, 3.0);
    add(
        "workbench resident memory ÷ bytes of the case texts",
        "≤ 3×".into(),
        per_text(sqlite),
        on_pg(&per_text),
        String::new(),
    );
    Table { cases, rows }
}

impl Table {
    pub fn print(&self) {
        println!("### {} cases", thousands(self.cases));
        println!();
        println!("| figure | target | SQLite | verdict | PostgreSQL | verdict | runs |");
        println!("|---|---|---|---|---|---|---|");
        for r in &self.rows {
            println!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.figure,
                r.target,
                r.sqlite.text,
                r.sqlite.verdict(),
                r.postgres.text,
                r.postgres.verdict(),
                r.runs
            );
        }
        println!();
    }
}
