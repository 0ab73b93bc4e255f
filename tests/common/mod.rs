//! Running the real `casebench` binary on a temporary database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub mod pg;
pub mod pg_store;
pub mod proxy;
pub mod tmux;
pub mod workbench;

/// A temporary directory with a database path in it (not created until a command does).
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// What a finished command did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns standard output.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "command failed: {}", self.stderr);
        self.stdout
    }

    #[track_caller]
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("cases.db");
        Env { dir, db }
    }

    /// A command on this environment's database, as reviewer `tester`, with no stray
    /// CASEBENCH_* from the caller and data/config directories inside the temp dir.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = bare_cmd(self.dir.path());
        cmd.arg("--db").arg(&self.db).args(["--reviewer", "tester"]);
        cmd.args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(self.cmd(args))
    }

    /// Writes a file into the temp dir and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `stats --json` parsed.
    pub fn stats(&self, filter: &str) -> serde_json::Value {
        let mut args = vec!["stats", "--json"];
        if !filter.is_empty() {
            args.extend(["--where", filter]);
        }
        let out = self.run(&args).ok();
        serde_json::from_str(&out).expect("stats --json prints JSON")
    }

    /// Imports a small JSONL file of `n` cases with ids `C-1`..`C-n`.
    pub fn with_cases(n: usize) -> Env {
        let env = Env::new();
        let lines: String = (1..=n)
            .map(|i| {
                format!("{{\"id\":\"C-{i}\",\"text\":\"카카오톡 채널 예약이 {i}건 끊겼어요\"}}\n")
            })
            .collect();
        let file = env.write("seed.jsonl", lines);
        env.run(&["import", file.to_str().unwrap()]).ok();
        env
    }
}

/// The binary with a clean environment rooted at `home`.
pub fn bare_cmd(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebench"));
    cmd.env_remove("CASEBENCH_DB")
        .env_remove("CASEBENCH_REVIEWER")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::null());
    cmd
}

pub fn run(mut cmd: Command) -> Run {
    let out = cmd.output().expect("run casebench");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One number an SQL query of the database gives (`SELECT count(*) …`), read as the tests
/// look inside a file.
pub fn query_count(db: &Path, sql: &str) -> i64 {
    let store = casebench::store::Store::open(db).expect("open the database");
    store
        .connection()
        .unwrap()
        .query_row(sql, [], |row| row.get(0))
        .expect("the query gives one number")
}

/// Stores a model row with no usable weights, standing in for `casebench suggest train` when a
/// test writes the suggestions itself; returns its id.
pub fn placeholder_model(store: &mut casebench::store::Store, who: &str, cases_used: usize) -> i64 {
    store
        .save_model(&casebench::store::NewModel {
            created_by: who,
            seed: 1,
            filter: "",
            cases_used,
            figures: "[]",
            labels: &[],
            amount: "{}",
        })
        .expect("store a model")
}
