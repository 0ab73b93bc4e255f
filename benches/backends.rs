//! SQLite and PostgreSQL side by side: 50 writers at once, then the workbench's targets on the
//! full 105,116-case sample (import, start-up to the first frame, a durable relabel, `next`,
//! others' changes reaching a session). PostgreSQL runs on loopback TCP, in a throwaway cluster
//! started as the tests start theirs (`tests/common/pg.rs`, included here) but with fsync on,
//! so that a commit there is as durable as one in SQLite with `synchronous=FULL`. Without the
//! server binaries the PostgreSQL columns say SKIPPED. Prints a Markdown table for GUIDE.md's
//! performance table; `cargo bench --bench backends -- next` runs only the benchmarks whose
//! name holds `next`.

// Its one-column table is not used here: this one has a column per database.
#[allow(dead_code)]
mod support;

#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;

#[path = "support/pg_cluster.rs"]
mod pg_cluster;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use casebench::domain::{Case, Change, Status};
use casebench::io::sample::{self, SampleConfig};
use casebench::rng::Rng;
use casebench::store::{
    now_millis, AuditAction, ChangeRequest, CreateOptions, Location, OnExisting, Role, Store,
    StoreError, DEFAULT_LEASE,
};
use casebench::tui::runner::POLL_EVERY;
use pg_cluster::cluster;
use support::frame::first_frame;
use support::{measure, show, Figures, Selection};

const WRITERS: usize = 50;
const CHANGES_PER_WRITER: usize = 200;
/// Writers per reviewer; on PostgreSQL each reviewer is a login role.
const REVIEWERS: usize = 5;
const WRITERS_CASES: usize = 1000;

/// The two databases.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Sqlite,
    Postgres,
}

/// One fresh database, and who works on it.
struct Db {
    /// Who creates the cases: on PostgreSQL the owner of the tables.
    owner: (Location, String),
    /// Enrolled reviewers, each with the location that logs in as them (on PostgreSQL each is
    /// its own login role).
    reviewers: Vec<(Location, String)>,
}

impl Db {
    fn owner_store(&self) -> Store {
        Store::open_at(&self.owner.0).expect("open as the owner")
    }

    fn store_of(&self, reviewer: usize) -> Store {
        Store::open_at(&self.reviewers[reviewer].0).expect("open as a reviewer")
    }

    fn reviewer(&self, reviewer: usize) -> &str {
        &self.reviewers[reviewer].1
    }
}

/// Makes fresh databases on either side.
struct Databases {
    dir: tempfile::TempDir,
    cluster: Option<&'static pg::Cluster>,
    made: usize,
}

impl Databases {
    /// A fresh, empty database (schema created) with `reviewers` enrolled reviewers.
    fn fresh(&mut self, side: Side, reviewers: usize) -> Db {
        self.made += 1;
        let n = self.made;
        let db = match side {
            Side::Sqlite => {
                let location = Location::Sqlite(self.dir.path().join(format!("bench{n}.db")));
                Db {
                    owner: (location.clone(), "bench".to_string()),
                    reviewers: (0..reviewers)
                        .map(|r| (location.clone(), format!("rev{r}")))
                        .collect(),
                }
            }
            Side::Postgres => {
                let cluster = self.cluster.expect("a PostgreSQL cluster");
                let db = cluster.new_database();
                let url = |s: &str| s.parse::<Location>().expect("a postgres:// URL");
                Db {
                    owner: (url(&db.superuser_url()), pg::SUPERUSER.to_string()),
                    reviewers: (0..reviewers)
                        .map(|r| {
                            let name = format!("rev{r}_{}", db.name);
                            let login = db.create_login(&name, "bench-pw");
                            (url(&login.url), login.user)
                        })
                        .collect(),
                }
            }
        };
        let mut owner = db.owner_store();
        for (_, name) in &db.reviewers {
            owner
                .set_role(name, Role::Reviewer, &db.owner.1)
                .expect("enrol a reviewer");
        }
        db
    }
}

fn create(store: &mut Store, who: &str, cases: &[Case]) {
    let options = CreateOptions {
        reviewer: who,
        action: "sample",
        batch: "bench",
        on_existing: OnExisting::Fail,
        replace: false,
    };
    store
        .create_cases(cases, options, &mut |_| {})
        .expect("create the cases");
}

/// One table cell pair: median and p99 (or a figure and nothing), or why there is none.
enum Cells {
    Measured(String, String),
    Skipped,
}

impl Cells {
    fn of(f: &Figures) -> Cells {
        Cells::Measured(show(f.median), show(f.p99))
    }
}

fn header() {
    println!(
        "| benchmark | target | SQLite median | SQLite p99 | PostgreSQL median | \
         PostgreSQL p99 | runs |"
    );
    println!("|---|---|---|---|---|---|---|");
}

fn row(name: &str, target: &str, sqlite: Cells, postgres: Cells, runs: usize) {
    let cells = |c: Cells| match c {
        Cells::Measured(a, b) => format!("{a} | {b}"),
        Cells::Skipped => "SKIPPED | ".to_string(),
    };
    println!(
        "| {name} | {target} | {} | {} | {runs} |",
        cells(sqlite),
        cells(postgres)
    );
}

/// What [`writers`] measured.
struct Writers {
    wall: Duration,
    latencies: Vec<Duration>,
    applied: usize,
    conflicts: usize,
}

/// 50 writers (threads, each with its own store) × 200 changes on random cases of 1,000: each
/// looks at the case, then changes it with the version it saw, as the workbench does.
fn writers(db: &Db, cases: &[Case]) -> Writers {
    let ids: Arc<Vec<String>> = Arc::new(cases.iter().map(|c| c.id.clone()).collect());
    create(&mut db.owner_store(), &db.owner.1, cases);
    let start = Arc::new(Barrier::new(WRITERS + 1));
    let threads: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (location, reviewer) = db.reviewers[w % REVIEWERS].clone();
            let ids = Arc::clone(&ids);
            let start = Arc::clone(&start);
            thread::spawn(move || {
                let mut store = Store::open_at(&location).expect("open");
                let mut rng = Rng::derive(7, 1, w as u64);
                let mut latencies = Vec::with_capacity(CHANGES_PER_WRITER);
                let mut conflicts = 0;
                start.wait();
                for i in 0..CHANGES_PER_WRITER {
                    let id = &ids[rng.below(ids.len())];
                    let seen = store.get(id).expect("look").expect("the case").version;
                    let note = Change::Note(Some(format!("w{w}c{i}")));
                    let began = Instant::now();
                    let result = store.apply_change(&ChangeRequest {
                        case_id: id,
                        expected_version: Some(seen),
                        reviewer: &reviewer,
                        action: AuditAction::Label,
                        batch: None,
                        changes: &[note],
                    });
                    latencies.push(began.elapsed());
                    match result {
                        Ok(_) => {}
                        Err(StoreError::Conflict { .. }) => conflicts += 1,
                        Err(e) => panic!("writer {w}: {e}"),
                    }
                }
                (latencies, conflicts)
            })
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let mut out = Writers {
        wall: Duration::ZERO,
        latencies: Vec::new(),
        applied: 0,
        conflicts: 0,
    };
    for t in threads {
        let (latencies, conflicts) = t.join().expect("a writer");
        out.applied += latencies.len() - conflicts;
        out.conflicts += conflicts;
        out.latencies.extend(latencies);
    }
    out.wall = began.elapsed();
    out
}

/// The 105,116-case sample in a fresh database, with two reviewers enrolled.
fn full_sample(dbs: &mut Databases, side: Side, cases: &[Case]) -> Db {
    let db = dbs.fresh(side, 2);
    create(&mut db.owner_store(), &db.owner.1, cases);
    db
}

/// Stores `cases` into a fresh database, `runs` times (the database made untimed).
fn import(dbs: &mut Databases, side: Side, cases: &[Case], runs: usize) -> Figures {
    measure(
        runs,
        false,
        || {
            let db = dbs.fresh(side, 0);
            (db.owner_store(), db.owner.1)
        },
        |(mut store, who)| create(&mut store, &who, cases),
    )
}

/// One durable change through the change function (a new amount each time), as reviewer 0.
fn relabel(db: &Db, runs: usize) -> Figures {
    let mut store = db.store_of(0);
    let ids: Vec<String> = store
        .load_all()
        .expect("load")
        .iter()
        .map(|c| c.id.clone())
        .step_by(97)
        .collect();
    let who = db.reviewer(0).to_string();
    let mut i = 0;
    measure(
        runs,
        true,
        || {
            i += 1;
            (ids[i % ids.len()].clone(), i as i64)
        },
        |(id, won)| {
            let applied = store
                .apply_change(&ChangeRequest {
                    case_id: &id,
                    expected_version: None,
                    reviewer: &who,
                    action: AuditAction::Label,
                    batch: None,
                    changes: &[Change::Amount(Some(won * 1000))],
                })
                .expect("change");
            assert!(applied.changed());
        },
    )
}

/// `next`: reviewer 0 leases the first unreviewed case no one else holds, the candidates being
/// every unreviewed case, with 50 of the first held by reviewer 1; each run starts one case
/// further on, as after labelling the last.
fn next(db: &Db, runs: usize) -> Figures {
    let mut store = db.store_of(0);
    let unreviewed: Vec<String> = store
        .load_all()
        .expect("load")
        .into_iter()
        .filter(|c| c.status == Status::New)
        .map(|c| c.id)
        .collect();
    let ids: Vec<&str> = unreviewed.iter().map(String::as_str).collect();
    let mut other = db.store_of(1);
    for i in 0..50 {
        let got = other
            .claim_next(
                db.reviewer(1),
                &ids[i * 2..],
                DEFAULT_LEASE,
                now_millis(),
                None,
            )
            .expect("claim");
        assert!(got.is_some());
    }
    let who = db.reviewer(0).to_string();
    let mut i = 0;
    measure(
        runs,
        true,
        || {
            i += 1;
            &ids[i..]
        },
        |candidates| {
            store
                .claim_next(&who, candidates, DEFAULT_LEASE, now_millis(), None)
                .expect("claim")
                .expect("a free case")
        },
    )
}

/// How long the other session may take to see a change before the row says it did not.
const SEEN_WITHIN: Duration = Duration::from_secs(10);

/// How the session that should see another's change looks for it.
#[derive(Clone, Copy)]
enum Watch {
    /// `data_version()` every 0.2 ms, then `events_after` when it moved: the machinery alone.
    Store,
    /// A workbench (driver) polling as its event loop does when idle: every [`POLL_EVERY`].
    Workbench,
}

/// From the start of a change by reviewer 0 (a new note on a case; the change commits inside
/// the call) to reviewer 1's session having it, `runs` times; changes come at a random moment
/// of the poll interval.
fn others_visible(db: &Db, runs: usize, watch: Watch) -> Cells {
    let give_up = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&give_up);
    let (want_tx, want_rx) = mpsc::channel::<(String, String)>();
    // The watcher says when it is ready (one `Instant`), then when it saw each change.
    let (seen_tx, seen_rx) = mpsc::channel::<Instant>();
    let (location, reviewer) = db.reviewers[1].clone();
    let watcher = thread::spawn(move || match watch {
        Watch::Store => {
            let store = Store::open_at(&location).expect("open");
            let mut cursor = store.audit_cursor().expect("cursor");
            let mut version = store.data_version().expect("data_version");
            let _ = seen_tx.send(Instant::now());
            while let Ok((_, tag)) = want_rx.recv() {
                while !stop.load(Ordering::Relaxed) {
                    let now = store.data_version().expect("data_version");
                    if now != version {
                        version = now;
                        let events = store.events_after(&mut cursor).expect("events");
                        if events
                            .iter()
                            .any(|e| e.new.as_deref() == Some(tag.as_str()))
                        {
                            break;
                        }
                    }
                    thread::sleep(Duration::from_micros(200));
                }
                let _ = seen_tx.send(Instant::now());
            }
        }
        Watch::Workbench => {
            // On its own clock, as the event loop: the changes fall anywhere in its interval.
            let (mut driver, _screen) = first_frame(&location, &reviewer);
            let _ = seen_tx.send(Instant::now());
            let mut awaited: Option<(String, String)> = None;
            while !stop.load(Ordering::Relaxed) {
                thread::sleep(POLL_EVERY);
                driver.poll_others();
                if awaited.is_none() {
                    match want_rx.try_recv() {
                        Ok(want) => awaited = Some(want),
                        Err(mpsc::TryRecvError::Empty) => continue,
                        Err(mpsc::TryRecvError::Disconnected) => break,
                    }
                }
                if let Some((id, tag)) = &awaited {
                    let note = driver.app.cases.by_id(id).and_then(|c| c.note.as_deref());
                    if note == Some(tag.as_str()) {
                        let _ = seen_tx.send(Instant::now());
                        awaited = None;
                    }
                }
            }
        }
    });
    let mut store = db.store_of(0);
    let who = db.reviewer(0).to_string();
    let ids: Vec<String> = store
        .load_all()
        .expect("load")
        .iter()
        .map(|c| c.id.clone())
        .step_by(101)
        .collect();
    let mut rng = Rng::new(11);
    let mut times = Vec::with_capacity(runs);
    seen_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the watcher is ready");
    for i in 0..runs {
        thread::sleep(POLL_EVERY.mul_f64(rng.below(1000) as f64 / 1000.0));
        let id = ids[i % ids.len()].clone();
        let tag = format!("seen {i}");
        want_tx.send((id.clone(), tag.clone())).expect("watcher");
        let began = Instant::now();
        store
            .apply_change(&ChangeRequest {
                case_id: &id,
                expected_version: None,
                reviewer: &who,
                action: AuditAction::Label,
                batch: None,
                changes: &[Change::Note(Some(tag))],
            })
            .expect("change");
        match seen_rx.recv_timeout(SEEN_WITHIN) {
            Ok(seen) => times.push(seen.saturating_duration_since(began)),
            Err(_) => {
                give_up.store(true, Ordering::Relaxed);
                drop(want_tx);
                watcher.join().expect("watcher");
                let never = format!("change {} not seen in {} s", i + 1, SEEN_WITHIN.as_secs());
                return Cells::Measured(never, String::new());
            }
        }
    }
    drop(want_tx);
    watcher.join().expect("watcher");
    Cells::of(&Figures::of(times))
}

/// Both columns of a row, each measured on a fresh database of its own, or SKIPPED for
/// PostgreSQL without a server.
fn both(dbs: &mut Databases, f: &mut dyn FnMut(&mut Databases, Side) -> Cells) -> (Cells, Cells) {
    let sqlite = f(dbs, Side::Sqlite);
    let postgres = match dbs.cluster {
        Some(_) => f(dbs, Side::Postgres),
        None => Cells::Skipped,
    };
    (sqlite, postgres)
}

fn main() {
    let Some(selection) = Selection::from_args() else {
        return;
    };
    let wanted = |name: &str| selection.wants(name);
    let mut dbs = Databases {
        dir: tempfile::tempdir().expect("temp dir"),
        cluster: cluster(),
        made: 0,
    };
    let sides: Vec<Side> = match dbs.cluster {
        Some(_) => vec![Side::Sqlite, Side::Postgres],
        None => vec![Side::Sqlite],
    };
    header();

    let name = "50 writers at once × 200 changes, each after a look at the case (1,000 cases)";
    if wanted(name) {
        let cases = sample::generate(SampleConfig {
            cases: WRITERS_CASES,
            ..SampleConfig::default()
        });
        let mut notes = Vec::new();
        let mut latency = Vec::new();
        let (sqlite, postgres) = both(&mut dbs, &mut |dbs, side| {
            let db = dbs.fresh(side, REVIEWERS);
            let w = writers(&db, &cases);
            let total = w.applied + w.conflicts;
            notes.push(format!(
                "{}: {} applied, {} refused as conflicts, in {:.2} s",
                if side == Side::Sqlite {
                    "SQLite"
                } else {
                    "PostgreSQL"
                },
                w.applied,
                w.conflicts,
                w.wall.as_secs_f64()
            ));
            latency.push(Figures::of(w.latencies));
            let rate = total as f64 / w.wall.as_secs_f64();
            Cells::Measured(format!("{rate:.0} changes/s"), String::new())
        });
        let runs = WRITERS * CHANGES_PER_WRITER;
        row(&format!("{name}: throughput"), "", sqlite, postgres, runs);
        let mut latency = latency.iter().map(Cells::of);
        let sqlite = latency.next().unwrap_or(Cells::Skipped);
        let postgres = latency.next().unwrap_or(Cells::Skipped);
        row(
            &format!("{name}: latency per change"),
            "",
            sqlite,
            postgres,
            runs,
        );
        for note in notes {
            eprintln!("  {note}");
        }
    }

    let cases = sample::generate(SampleConfig::default());
    let name = "import: store 105,116 cases in one transaction (`create_cases`)";
    if wanted(name) {
        let (sqlite, postgres) = both(&mut dbs, &mut |dbs, side| {
            Cells::of(&import(dbs, side, &cases, 3))
        });
        row(name, "PG ≤ 5 s", sqlite, postgres, 3);
    }

    let main: Vec<(Side, Db)> = sides
        .iter()
        .map(|&side| (side, full_sample(&mut dbs, side, &cases)))
        .collect();
    drop(cases);
    let on = |side: Side| main.iter().find(|(s, _)| *s == side).map(|(_, db)| db);
    let pair = |f: &dyn Fn(&Db) -> Cells| -> (Cells, Cells) {
        let sqlite = on(Side::Sqlite).map_or(Cells::Skipped, f);
        let postgres = on(Side::Postgres).map_or(Cells::Skipped, f);
        (sqlite, postgres)
    };

    let name = "start-up to the first drawn frame (open, load 105,116, judge by the rules, draw)";
    if wanted(name) {
        let (sqlite, postgres) = pair(&|db| {
            let (location, who) = &db.reviewers[0];
            Cells::of(&measure(5, true, || (), |()| first_frame(location, who).1))
        });
        row(name, "PG ≤ 500 ms", sqlite, postgres, 5);
    }

    let name = "relabel: one durable change (change function)";
    if wanted(name) {
        let (sqlite, postgres) = pair(&|db| Cells::of(&relabel(db, 300)));
        row(name, "PG ≤ 3 ms median", sqlite, postgres, 300);
    }

    let name = "`next`: lease the next free case of 105,116 (`claim_next`)";
    if wanted(name) {
        let (sqlite, postgres) = pair(&|db| Cells::of(&next(db, 200)));
        row(name, "PG ≤ 5 ms median", sqlite, postgres, 200);
    }

    let name = "others' changes visible: commit → `data_version` moves → `events_after` has it";
    if wanted(name) {
        let (sqlite, postgres) = pair(&|db| others_visible(db, 40, Watch::Store));
        row(name, "", sqlite, postgres, 40);
    }

    let name = "others' changes visible in a workbench polling every 250 ms";
    if wanted(name) {
        let (sqlite, postgres) = pair(&|db| others_visible(db, 20, Watch::Workbench));
        row(name, "PG ≤ 1 s", sqlite, postgres, 20);
    }
}
