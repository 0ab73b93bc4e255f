//! A small timing harness: runs an operation repeatedly and prints median, p99 and best as a
//! row of the README's performance table. Wall-clock times on the machine at hand; run with
//! `cargo bench`.

use std::path::Path;
use std::time::{Duration, Instant};

// Only the benches that draw the workbench use it.
#[allow(dead_code)]
pub mod frame;
// Only the benches that time searching use it.
#[allow(dead_code)]
pub mod typing;

/// Which benchmarks `cargo bench --bench NAME [-- TEXT]` asked for (only the benches that
/// choose by name ask which): those whose name holds
/// TEXT, or all of them.
#[allow(dead_code)]
pub struct Selection(Option<String>);

impl Selection {
    /// What the command line asks for; `None` without `--bench`, as `cargo test --benches`
    /// runs bench targets (they stay quick there).
    pub fn from_args() -> Option<Selection> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if !args.iter().any(|a| a == "--bench") {
            return None;
        }
        Some(Selection(args.into_iter().find(|a| !a.starts_with('-'))))
    }

    #[allow(dead_code)]
    pub fn wants(&self, name: &str) -> bool {
        self.0.as_deref().is_none_or(|f| name.contains(f))
    }
}

/// A bare read of every case row of the SQLite file at `path` with rusqlite (the text read as
/// a `String`): the floor that loading is compared with. Only the benches that load use it.
#[allow(dead_code)]
pub fn bare_read(path: &Path, runs: usize) -> Figures {
    let bare = rusqlite::Connection::open(path).expect("open");
    measure(
        runs,
        true,
        || (),
        |()| {
            let mut stmt = bare.prepare("SELECT * FROM cases").expect("prepare");
            let mut rows = stmt.query([]).expect("query");
            let mut n = 0usize;
            while let Some(row) = rows.next().expect("row") {
                let text: String = row.get(3).expect("text");
                n += text.len();
            }
            n
        },
    )
}

pub struct Figures {
    pub median: Duration,
    pub p99: Duration,
    pub best: Duration,
    pub runs: usize,
}

/// Times `op` `runs` times (after one warm-up run when `warm_up`), with `setup` run untimed
/// before each.
pub fn measure<S, T>(
    runs: usize,
    warm_up: bool,
    mut setup: impl FnMut() -> S,
    mut op: impl FnMut(S) -> T,
) -> Figures {
    if warm_up {
        std::hint::black_box(op(setup()));
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let input = setup();
        let start = Instant::now();
        let out = op(input);
        times.push(start.elapsed());
        std::hint::black_box(out);
    }
    Figures::of(times)
}

impl Figures {
    /// Median, p99 and best of `times` (at least one), however they were taken.
    pub fn of(mut times: Vec<Duration>) -> Figures {
        times.sort();
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        Figures {
            median: at(0.5),
            p99: at(0.99),
            best: times[0],
            runs: times.len(),
        }
    }
}

pub fn header() {
    println!("| benchmark | target | median | p99 | best | runs |");
    println!("|---|---|---|---|---|---|");
}

pub fn row(name: &str, target: &str, f: &Figures) {
    println!(
        "| {name} | {target} | {} | {} | {} | {} |",
        show(f.median),
        show(f.p99),
        show(f.best),
        f.runs
    );
}

/// A duration as the table writes it (`12.3 µs`, `4.56 ms`, `1.23 s`).
pub fn show(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros >= 1e6 {
        format!("{:.2} s", micros / 1e6)
    } else if micros >= 1e3 {
        format!("{:.2} ms", micros / 1e3)
    } else {
        format!("{micros:.1} µs")
    }
}
