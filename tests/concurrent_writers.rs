//! 50 writers at once make 200 changes each to random cases of the same 1,000, on SQLite and on
//! PostgreSQL (over TCP, each writer logged in as one of 5 login roles), through real
//! `casebench label --from FILE` processes of 10 changes (`ID@VERSION note=… kind=…`: each
//! line its own change, version check and transaction). Each writer keeps the versions it has
//! seen, as a reviewer's screen does, and for half its changes looks at the case again first:
//! stale versions are refused as conflicts, and fresh ones race the other writers'. Afterwards
//! every change is accounted for: applied (with its audit rows, by its reviewer) or refused,
//! never both, never two applied on the same version of a case, and the case rows are exactly
//! what replaying the audit log on the imported cases gives.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Instant;

use casebench::rng::Rng;
use casebench::store::{Location, Store};
use common::{bare_cmd, run, Env, Run};
use serde_json::Value;

const CASES: usize = 1000;
const WRITERS: usize = 50;
const CHANGES_PER_WRITER: usize = 200;
/// Writers per reviewer: on PostgreSQL each reviewer is a login role.
const REVIEWERS: usize = 5;
/// Changes per `casebench label --from` process, each its own change with its own version
/// check and transaction. One process per change (`label ID … --if-version N`) took 279 s for
/// the 10,000 on PostgreSQL on the 2-core machine, against 91 s on SQLite: each process logs
/// in, starts a server backend, checks the schema and prepares its statements while the others
/// wait for the write lock.
const CHANGES_PER_PROCESS: usize = 10;
const SEED: u64 = 0x00c0_ffee;
const KINDS: [&str; 6] = [
    "paid",
    "free_monetary",
    "inquiry",
    "opinion",
    "protest",
    "encouragement",
];

/// How a command reaches the database as someone.
#[derive(Clone)]
struct Identity {
    /// The `--db` argument.
    db: String,
    /// The name audit rows carry.
    reviewer: String,
    /// On SQLite the reviewer is named with `--reviewer`; on PostgreSQL it is the login role.
    name_it: bool,
}

impl Identity {
    fn cmd(&self, home: &Path, args: &[&str]) -> Command {
        let mut cmd = bare_cmd(home);
        cmd.env_remove("PGPASSWORD")
            .env_remove("PGUSER")
            .env_remove("PGHOST")
            .arg("--db")
            .arg(&self.db);
        if self.name_it {
            cmd.args(["--reviewer", &self.reviewer]);
        }
        cmd.args(args);
        cmd
    }

    fn store(&self) -> Store {
        let location: Location = self.db.parse().expect("a database location");
        Store::open_at(&location).expect("open the database")
    }
}

/// One database with `C-1` … `C-1000` imported by `owner`, and the reviewers the writers act
/// as (writer `w` is `reviewers[w % REVIEWERS]`).
struct Scene {
    home: PathBuf,
    owner: Identity,
    reviewers: Vec<Identity>,
}

/// What a writer believes one of its changes did.
#[derive(Clone, Debug)]
struct Outcome {
    writer: usize,
    case_id: String,
    /// The note the change sets: unique to it, so its audit row can be found.
    tag: String,
    expected: i64,
    result: Believed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Believed {
    /// Applied: the case went from the expected version to the next.
    Applied,
    /// Refused as a conflict; the message said the case is at this version.
    Refused { current: i64 },
}

fn import_cases(home: &Path, owner: &Identity) {
    let lines: String = (1..=CASES)
        .map(|i| format!("{{\"id\":\"C-{i}\",\"text\":\"카카오톡 채널 예약이 {i}건 끊겼어요\"}}\n"))
        .collect();
    let file = home.join("seed.jsonl");
    std::fs::write(&file, lines).unwrap();
    run(owner.cmd(home, &["import", file.to_str().unwrap()])).ok();
}

/// The 200 changes of writer `w`, in files of [`CHANGES_PER_PROCESS`] lines, each run by a
/// `casebench label --from FILE` process.
fn write(scene: &Scene, w: usize) -> (Vec<Outcome>, Vec<String>) {
    let me = &scene.reviewers[w % REVIEWERS];
    let looks = me.store();
    let mut rng = Rng::derive(SEED, 1, w as u64);
    let mut seen: HashMap<String, i64> = HashMap::new();
    let (mut outcomes, mut surprises) = (Vec::new(), Vec::new());
    for run_no in 0..CHANGES_PER_WRITER / CHANGES_PER_PROCESS {
        let mut planned = Vec::with_capacity(CHANGES_PER_PROCESS);
        let mut lines = String::new();
        for j in 0..CHANGES_PER_PROCESS {
            let case_id = format!("C-{}", rng.below(CASES) + 1);
            let kind = KINDS[rng.below(KINDS.len())];
            let expected = if rng.chance(0.5) {
                looks
                    .get(&case_id)
                    .expect("read the case")
                    .expect("the case exists")
                    .version
            } else {
                *seen.get(&case_id).unwrap_or(&1)
            };
            let tag = format!("w{w:02}c{:03}", run_no * CHANGES_PER_PROCESS + j);
            lines.push_str(&format!("{case_id}@{expected} note={tag} kind={kind}\n"));
            planned.push(Outcome {
                writer: w,
                case_id,
                tag,
                expected,
                result: Believed::Applied,
            });
        }
        let file = scene.home.join(format!("w{w:02}-{run_no:02}.txt"));
        std::fs::write(&file, lines).unwrap();
        let name = file.to_str().unwrap();
        let done = run(me.cmd(&scene.home, &["label", "--from", name]));
        match read_refusals(name, &done, &mut planned) {
            Ok(()) => {}
            Err(surprise) => {
                surprises.push(format!("{name}: {surprise}: {done:?}"));
                continue;
            }
        }
        for o in &planned {
            let now = match o.result {
                Believed::Applied => o.expected + 1,
                Believed::Refused { current } => current,
            };
            seen.insert(o.case_id.clone(), now);
        }
        outcomes.extend(planned);
    }
    (outcomes, surprises)
}

/// Marks the lines `label --from` refused as conflicts (`FILE:LINE: case … was changed by …`);
/// anything else it says, or an exit code or summary that does not match, is an error.
fn read_refusals(name: &str, done: &Run, planned: &mut [Outcome]) -> Result<(), String> {
    let mut refused = 0;
    let lines = planned.len();
    let last = format!("casebench: {name}: ");
    for line in done.stderr.lines() {
        if let Some(rest) = line.strip_prefix(&format!("{name}:")) {
            let (number, message) = rest.split_once(": ").ok_or("no line number")?;
            let number: usize = number.parse().map_err(|_| "no line number")?;
            let o = planned
                .get_mut(number.wrapping_sub(1))
                .ok_or("no such line")?;
            let conflict = format!("case {} was changed by ", o.case_id);
            let saw = format!("; you saw version {})", o.expected);
            if !message.starts_with(&conflict) || !message.ends_with(&saw) {
                return Err(format!("line {number} refused, not as a conflict"));
            }
            let current = current_version(message).ok_or("no current version")?;
            o.result = Believed::Refused { current };
            refused += 1;
        } else if line != format!("{last}{refused} of {lines} lines refused (listed above)") {
            return Err(format!("unexpected {line:?}"));
        }
    }
    let applied = lines - refused;
    let changes = if applied == 1 { "change" } else { "changes" };
    let summary = format!("{name}: {applied} {changes} applied");
    let tail = format!(", 0 already had those values, {refused} refused\n");
    if !done.stdout.starts_with(&summary) || !done.stdout.ends_with(&tail) {
        return Err("the summary does not count the lines".into());
    }
    if done.code != i32::from(refused > 0) {
        return Err("the exit code does not say whether a line was refused".into());
    }
    Ok(())
}

/// `N` of "… (it is at version N; you saw version M)".
fn current_version(message: &str) -> Option<i64> {
    let rest = message.split("(it is at version ").nth(1)?;
    rest.split(';').next()?.parse().ok()
}

/// The JSON lines a command prints.
fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn text(value: &Value, key: &str) -> Option<String> {
    value[key].as_str().map(str::to_string)
}

/// A case's fields the writers change, as the replay and the export see them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Fields {
    kind: Option<String>,
    note: Option<String>,
    version: i64,
    updated_at: Option<String>,
    updated_by: Option<String>,
}

/// Runs the 50 writers on `scene` and checks that nothing was lost.
fn writers_lose_nothing(scene: Scene) {
    import_cases(&scene.home, &scene.owner);
    let started = Instant::now();
    let scene = &scene;
    let results: Vec<(Vec<Outcome>, Vec<String>)> = thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| s.spawn(move || write(scene, w)))
            .collect();
        writers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let writing = started.elapsed();
    let surprises: Vec<&String> = results.iter().flat_map(|(_, s)| s).collect();
    assert!(
        surprises.is_empty(),
        "{} runs did more than apply changes and refuse conflicts: {surprises:?}",
        surprises.len()
    );
    let outcomes: Vec<&Outcome> = results.iter().flat_map(|(o, _)| o).collect();
    let applied: Vec<&Outcome> = outcomes
        .iter()
        .copied()
        .filter(|o| o.result == Believed::Applied)
        .collect();
    let conflicts = outcomes.len() - applied.len();
    eprintln!(
        "{WRITERS} writers × {CHANGES_PER_WRITER} changes in {writing:.1?}: {} applied, \
         {conflicts} refused as conflicts",
        applied.len()
    );
    assert_eq!(applied.len() + conflicts, WRITERS * CHANGES_PER_WRITER);
    assert!(
        !applied.is_empty() && conflicts > 0,
        "the scenario makes both"
    );
    // Every refusal names a later version than the one the writer saw.
    for o in &outcomes {
        if let Believed::Refused { current } = o.result {
            assert!(current > o.expected, "{o:?}");
        }
    }

    let events = json_lines(&run(scene.owner.cmd(&scene.home, &["audit", "--json"])).ok());
    let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    let distinct: HashSet<i64> = seqs.iter().copied().collect();
    assert_eq!(distinct.len(), seqs.len(), "no audit seq twice");
    assert!(seqs.windows(2).all(|p| p[0] < p[1]), "audit prints by seq");
    let created = events.iter().filter(|e| e["field"] == "case").count();
    assert_eq!(created, CASES, "one creation row per imported case");
    let labels: Vec<&Value> = events.iter().filter(|e| e["action"] == "label").collect();
    assert_eq!(
        created + labels.len(),
        events.len(),
        "nothing but imports and labels"
    );

    // Each applied change has its one note row, by its writer's reviewer, on its case; no
    // refused change has one.
    let notes: Vec<&Value> = labels
        .iter()
        .copied()
        .filter(|e| e["field"] == "note")
        .collect();
    assert_eq!(
        notes.len(),
        applied.len(),
        "one note row per applied change"
    );
    let note_rows: HashMap<String, &Value> = notes
        .iter()
        .map(|e| (text(e, "new").unwrap(), *e))
        .collect();
    assert_eq!(note_rows.len(), notes.len(), "no change's note twice");
    for o in &outcomes {
        let row = note_rows.get(&o.tag);
        match o.result {
            Believed::Applied => {
                let row = row.unwrap_or_else(|| panic!("no audit row of applied {o:?}"));
                assert_eq!(row["case_id"], o.case_id.as_str(), "{o:?}");
                let reviewer = &scene.reviewers[o.writer % REVIEWERS].reviewer;
                assert_eq!(row["reviewer"], reviewer.as_str(), "{o:?}");
            }
            Believed::Refused { .. } => assert!(row.is_none(), "refused {o:?} left {row:?}"),
        }
    }

    // No change silently overwrote another: per case, the applied changes expected versions
    // 1, 2, 3 … each exactly once, and the audit log holds them in that order.
    let by_tag: HashMap<&str, &Outcome> = applied.iter().map(|o| (o.tag.as_str(), *o)).collect();
    let mut chains: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for e in &notes {
        let o = by_tag[e["new"].as_str().unwrap()];
        chains
            .entry(o.case_id.as_str())
            .or_default()
            .push(o.expected);
    }
    for (case_id, chain) in &chains {
        let want: Vec<i64> = (1..=chain.len() as i64).collect();
        assert_eq!(
            chain, &want,
            "{case_id}: the expected versions of its applied changes"
        );
    }

    // The case rows are the imported cases with the audit log replayed on them.
    let mut replay: BTreeMap<String, Fields> = (1..=CASES)
        .map(|i| {
            let fields = Fields {
                version: 1,
                ..Fields::default()
            };
            (format!("C-{i}"), fields)
        })
        .collect();
    for e in &labels {
        let case = replay.get_mut(e["case_id"].as_str().unwrap()).unwrap();
        let slot = match e["field"].as_str() {
            Some("kind") => &mut case.kind,
            Some("note") => {
                case.version += 1;
                &mut case.note
            }
            other => panic!("a label row on {other:?}: {e}"),
        };
        assert_eq!(*slot, text(e, "old"), "the old value of {e}");
        *slot = text(e, "new");
        case.updated_at = text(e, "at");
        case.updated_by = text(e, "reviewer");
    }
    let export = run(scene
        .owner
        .cmd(&scene.home, &["export", "--format", "jsonl"]))
    .ok();
    let stored: BTreeMap<String, Fields> = json_lines(&export)
        .iter()
        .map(|c| {
            let fields = Fields {
                kind: text(c, "kind"),
                note: text(c, "note"),
                version: c["version"].as_i64().unwrap(),
                updated_at: text(c, "updated_at"),
                updated_by: text(c, "updated_by"),
            };
            (text(c, "id").unwrap(), fields)
        })
        .collect();
    assert_eq!(stored.len(), CASES);
    for (id, want) in &replay {
        assert_eq!(stored.get(id), Some(want), "{id}: stored against replayed");
    }
    let versions: i64 = stored.values().map(|f| f.version - 1).sum();
    assert_eq!(
        versions as usize,
        applied.len(),
        "one version per applied change"
    );
}

#[test]
fn fifty_writer_processes_on_sqlite_lose_nothing() {
    let env = Env::new();
    let db = env.db.to_str().unwrap().to_string();
    let identity = |name: &str| Identity {
        db: db.clone(),
        reviewer: name.to_string(),
        name_it: true,
    };
    let scene = Scene {
        home: env.dir.path().to_path_buf(),
        owner: identity("importer"),
        reviewers: (0..REVIEWERS)
            .map(|r| identity(&format!("rev{r}")))
            .collect(),
    };
    writers_lose_nothing(scene);
}

#[test]
fn fifty_writer_processes_on_postgres_as_five_roles_lose_nothing() {
    let Some(db) = common::pg::database_or_skip() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let owner = Identity {
        db: db.superuser_url(),
        reviewer: common::pg::SUPERUSER.to_string(),
        name_it: false,
    };
    let reviewers: Vec<Identity> = (0..REVIEWERS)
        .map(|r| {
            let login = db.create_login(&format!("writer{r}_{}", db.name), &format!("pw-{r}"));
            let add = ["reviewers", "add", &login.user, "--role", "reviewer"];
            run(owner.cmd(home.path(), &add)).ok();
            Identity {
                db: login.url,
                reviewer: login.user,
                name_it: false,
            }
        })
        .collect();
    writers_lose_nothing(Scene {
        home: home.path().to_path_buf(),
        owner,
        reviewers,
    });
}
