//! Issue 12's table at 105,116 and at 1,000,000 cases: the workbench's resident memory with
//! everything loaded, start-up to the first frame and to everything loaded, a search per
//! keystroke, a relabelling keystroke, and the whole-process `stats`, `search` and `sample`,
//! each beside its target, and the floors that move with the machine (a bare rusqlite read of
//! every case row, the plain substring scan, the bytes of the case texts) with each figure as a
//! ratio to its floor. PostgreSQL columns (a durable throwaway cluster, as in
//! `benches/backends.rs`) where the figure applies; SKIPPED without the server binaries.
//!
//! `CASEBENCH_SCALE_SIZES=105116,1000000 cargo bench --bench scale` (the default sizes; pick
//! one with e.g. `CASEBENCH_SCALE_SIZES=1000000`). Each size's database is made once by the
//! release binary's `casebench sample --cases N` (the sample row), which this bench builds
//! with `cargo build --release --bin casebench` first. The workbench figures come from child
//! processes (this bench run again in child mode), so that the memory is that of a process
//! that did only that: open, first frame, everything loaded.

// Its one-column table is not used here: this one has a column per database.
#[allow(dead_code)]
mod support;

#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;

#[path = "support/pg_cluster.rs"]
mod pg_cluster;

#[path = "scale/child.rs"]
mod child;
#[path = "scale/process.rs"]
mod process;
#[path = "scale/table.rs"]
mod table;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casebench::search::{Query, SearchIndex, SearchSession};
use casebench::store::{Location, Store};
use pg_cluster::cluster;
use support::frame::{first_frame, relabel_keystrokes};
use support::typing::{substring, typing};
use support::{bare_read, show, Figures, Selection};

use child::Workbench;
use process::{whole_process, Run};
use table::Table;

/// The sizes measured when `CASEBENCH_SCALE_SIZES` does not say.
const SIZES: [usize; 2] = [105_116, 1_000_000];
/// The query of the whole-process `casebench search`.
const SEARCH_QUERY: &str = "ㅋㅋㅇ";

/// How many times each figure is taken at a size: fewer at a million, to keep the whole run
/// under ten minutes on two cores.
struct Runs {
    workbench: usize,
    commands: usize,
    bare_read: usize,
    typing_rounds: usize,
    relabel: usize,
}

impl Runs {
    fn at(cases: usize) -> Runs {
        if cases > 300_000 {
            Runs {
                workbench: 3,
                commands: 3,
                bare_read: 3,
                typing_rounds: 2,
                relabel: 100,
            }
        } else {
            Runs {
                workbench: 5,
                commands: 5,
                bare_read: 10,
                typing_rounds: 5,
                relabel: 300,
            }
        }
    }
}

/// The targets at a size (the 105,116 column up to 300,000 cases, else the million's).
struct Targets {
    memory_mb: f64,
    first_frame: Duration,
    loaded: Duration,
    keystroke_p99: Duration,
    relabel_median: Duration,
    command: Duration,
    sample: Duration,
}

impl Targets {
    fn at(cases: usize) -> Targets {
        let ms = Duration::from_millis;
        if cases > 300_000 {
            Targets {
                memory_mb: 700.0,
                first_frame: ms(300),
                loaded: ms(2000),
                keystroke_p99: ms(60),
                relabel_median: ms(2),
                command: ms(1200),
                sample: ms(15_000),
            }
        } else {
            Targets {
                memory_mb: 100.0,
                first_frame: ms(100),
                loaded: ms(300),
                keystroke_p99: ms(16),
                relabel_median: ms(1),
                command: ms(150),
                sample: ms(1500),
            }
        }
    }
}

fn sizes() -> Vec<usize> {
    let Ok(text) = std::env::var("CASEBENCH_SCALE_SIZES") else {
        return SIZES.to_vec();
    };
    text.split(',')
        .map(|s| {
            s.trim().replace('_', "").parse().unwrap_or_else(|_| {
                panic!("CASEBENCH_SCALE_SIZES={text}: `{s}` is not a number of cases")
            })
        })
        .collect()
}

/// The release binary next to this bench's own executable (`target/release/deps/scale-…`),
/// built now if it is missing or older than the sources.
fn release_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["build", "--release", "--bin", "casebench"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo build --release --bin casebench runs");
    assert!(
        status.success(),
        "`cargo build --release --bin casebench` failed: build the release binary first"
    );
    let exe = std::env::current_exe().expect("this bench's path");
    let dir = exe.parent().and_then(Path::parent).expect("target/release");
    let bin = dir.join("casebench");
    assert!(
        bin.exists(),
        "{}: no release binary; run `cargo build --release` first",
        bin.display()
    );
    bin
}

/// One database of a size, and who opens the workbench on it.
struct Db {
    /// For `--db` and the children.
    location: String,
    reviewer: String,
}

/// What the workbench children and the whole-process commands measured on one database.
struct Measured {
    first_frame: Figures,
    loaded: Figures,
    rss_first_frame_kb: u64,
    peak_kb: u64,
    stats: Run,
    search: Run,
    relabel: Figures,
}

/// The workbench `runs` times in child processes (after one more whose figures are not kept:
/// it warms the page cache, and on a new database it trains and suggests, which a reviewer's
/// every later session does not), then `stats` and `search` as whole processes, then the
/// relabelling keystroke in a workbench in this process.
fn measure_db(bin: &Path, db: &Db, runs: &Runs, notes: &mut Vec<String>, side: &str) -> Measured {
    let first = Workbench::run(&db.location, &db.reviewer);
    notes.push(format!(
        "{side}: the first workbench session on the new database (it trains and suggests): \
         first frame {}, everything loaded {}, peak resident {}",
        show(first.first_frame),
        show(first.loaded),
        table::mb(first.peak_kb)
    ));
    let sessions: Vec<Workbench> = (0..runs.workbench)
        .map(|_| Workbench::run(&db.location, &db.reviewer))
        .collect();
    let median_kb = |of: &dyn Fn(&Workbench) -> u64| {
        let mut kb: Vec<u64> = sessions.iter().map(of).collect();
        kb.sort_unstable();
        kb[kb.len() / 2]
    };
    let args = |rest: &[&str]| -> Vec<String> {
        ["--db", &db.location, "--reviewer", &db.reviewer]
            .iter()
            .chain(rest)
            .map(|s| s.to_string())
            .collect()
    };
    let stats = Run::repeat(runs.commands, || whole_process(bin, &args(&["stats"])));
    let search = Run::repeat(runs.commands, || {
        whole_process(bin, &args(&["search", SEARCH_QUERY]))
    });
    let location: Location = db.location.parse().expect("a database location");
    let (mut driver, mut screen) = first_frame(&location, &db.reviewer);
    let relabel = relabel_keystrokes(&mut driver, &mut screen, runs.relabel);
    Measured {
        relabel,
        first_frame: Figures::of(sessions.iter().map(|s| s.first_frame).collect()),
        loaded: Figures::of(sessions.iter().map(|s| s.loaded).collect()),
        rss_first_frame_kb: median_kb(&|s| s.rss_first_frame_kb),
        peak_kb: median_kb(&|s| s.peak_kb),
        stats,
        search,
    }
}

/// What the bench measures in its own process on the SQLite database.
struct InProcess {
    bare_read: Figures,
    text_bytes: u64,
    keystroke: Figures,
    substring: Figures,
}

fn in_process(path: &Path, runs: &Runs) -> InProcess {
    let bare_read = bare_read(path, runs.bare_read);
    let cases = Store::open(path).expect("open").load_all().expect("load");
    let text_bytes = cases.iter().map(|c| c.text.len() as u64).sum();
    let index = SearchIndex::build(&cases);
    let (ours, _) = typing(runs.typing_rounds, SearchSession::new, |session, typed| {
        session
            .search(&index, &Query::parse(typed), None, &|| false)
            .map_or(0, |h| h.len())
    });
    drop(index);
    let (plain, _) = typing(
        runs.typing_rounds,
        || (),
        |(), typed| substring(&cases, typed),
    );
    InProcess {
        bare_read,
        text_bytes,
        keystroke: Figures::of(ours),
        substring: Figures::of(plain),
    }
}

fn one_size(
    bin: &Path,
    cases: usize,
    cluster: Option<&'static pg::Cluster>,
    notes: &mut Vec<String>,
) -> Table {
    let runs = Runs::at(cases);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("scale-{cases}.db"));
    let sqlite = Db {
        location: path.display().to_string(),
        reviewer: "bench".into(),
    };
    let sample = whole_process(
        bin,
        &[
            "--db".into(),
            sqlite.location.clone(),
            "--reviewer".into(),
            sqlite.reviewer.clone(),
            "sample".into(),
            "--cases".into(),
            cases.to_string(),
        ],
    );
    let on_sqlite = measure_db(bin, &sqlite, &runs, notes, "SQLite");
    let on_postgres = cluster.map(|cluster| {
        let db = cluster.new_database();
        let url = db.superuser_url();
        let began = Instant::now();
        whole_process(
            bin,
            &[
                "copy".into(),
                "--from".into(),
                sqlite.location.clone(),
                "--to".into(),
                url.clone(),
            ],
        );
        notes.push(format!(
            "PostgreSQL: `casebench copy` of the SQLite database into it took {}",
            show(began.elapsed())
        ));
        let db = Db {
            location: url,
            reviewer: pg::SUPERUSER.into(),
        };
        measure_db(bin, &db, &runs, notes, "PostgreSQL")
    });
    let local = in_process(&path, &runs);
    table::build(
        cases,
        &Targets::at(cases),
        &runs,
        &sample,
        &on_sqlite,
        on_postgres.as_ref(),
        &local,
    )
}

fn main() {
    if child::is_child() {
        child::main();
        return;
    }
    if Selection::from_args().is_none() {
        return;
    }
    let began = Instant::now();
    let sizes = sizes();
    let bin = release_binary();
    println!("{}", table::machine());
    let cluster = cluster();
    for cases in sizes {
        let mut notes = Vec::new();
        let table = one_size(&bin, cases, cluster, &mut notes);
        table.print();
        for note in notes {
            println!("- {note}");
        }
        println!("- {}", table::machine());
        println!();
    }
    println!("whole bench: {}", show(began.elapsed()));
}
