//! End to end in a real terminal: the binary runs inside tmux, keys are typed with
//! `send-keys`, the screen is read with `capture-pane`, and the database is checked through
//! the CLI afterwards. Needs tmux (`.ci/run` installs it). Set CASEBENCH_E2E_BIN to test
//! another build of the binary (CI passes the release build).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::Env;

fn binary() -> PathBuf {
    std::env::var_os("CASEBENCH_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_casebench")))
}

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("casebench-e2e-{}-{name}", std::process::id()),
        }
    }

    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)")
    }

    /// Starts `command` in a detached session of `cols`×`rows`.
    fn start(&self, command: &str, cols: u16, rows: u16) {
        let out = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            "wb",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Keep the pane after the program exits, so its end can be observed.
        self.cmd(&["set-option", "-t", "wb", "remain-on-exit", "on"]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "wb"]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd(&["send-keys", "-t", "wb", key]);
        }
    }

    /// Waits until the screen shows `text`.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the program in the pane has exited.
    #[track_caller]
    fn wait_exit(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let dead = self.cmd(&["display-message", "-p", "-t", "wb", "#{pane_dead}"]);
            if String::from_utf8_lossy(&dead.stdout).trim() == "1" {
                return;
            }
            assert!(Instant::now() < deadline, "the workbench did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn case(env: &Env, id: &str) -> serde_json::Value {
    let out = env.run(&["export", "--where", &format!("id={id}")]).ok();
    serde_json::from_str(out.trim()).expect("one case")
}

fn workbench_command(env: &Env, term: &str, extra_env: &str) -> String {
    format!(
        "env TERM={term} {extra_env} {} --db {} --reviewer e2e review",
        binary().display(),
        env.db.display()
    )
}

#[test]
fn relabel_with_keys_quit_and_the_database_agrees_on_every_terminal_type() {
    let env = Env::new();
    env.run(&["sample", "--cases", "60"]).ok();
    let terms = [
        "xterm",
        "xterm-256color",
        "screen-256color",
        "tmux-256color",
        "linux",
    ];
    for (i, term) in terms.iter().enumerate() {
        let tmux = Tmux::new(&format!("relabel{i}"));
        let extra = if *term == "linux" { "NO_COLOR=1" } else { "" };
        tmux.start(&workbench_command(&env, term, extra), 100, 30);
        tmux.wait_for("cases 1/60");
        // Move to the (i+2)th case and set its kind to protest, reporter to enterprise.
        let mut keys = vec!["j"; i + 1];
        keys.extend(["5", "e"]);
        tmux.keys(&keys);
        let id = format!("R-{:06}", i + 2);
        let screen = tmux.wait_for(&format!("saved {id}: reporter → enterprise"));
        assert!(screen.contains(&format!("{id} · new 신규 · v")), "{screen}");
        tmux.keys(&["q"]);
        tmux.wait_exit();
        let saved = case(&env, &id);
        assert_eq!(saved["kind"], "protest", "{term}");
        assert_eq!(saved["reporter"], "enterprise", "{term}");
        assert_eq!(saved["updated_by"], "e2e");
    }
}

#[test]
fn a_dropped_connection_loses_nothing_saved() {
    let env = Env::new();
    env.run(&["sample", "--cases", "40"]).ok();
    let tmux = Tmux::new("hangup");
    tmux.start(&workbench_command(&env, "xterm-256color", ""), 100, 30);
    tmux.wait_for("cases 1/40");
    tmux.keys(&["3", "j", "enter"]);
    tmux.wait_for("saved R-000002: status → reviewed");
    tmux.keys(&["1"]);
    tmux.wait_for(": kind → paid");
    let position = tmux.screen();
    // Close the terminal under the program, as a dropped SSH connection does (SIGHUP).
    tmux.cmd(&["kill-session", "-t", "wb"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while Command::new("pgrep")
        .args(["-f", &format!("--db {}", env.db.display())])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
    {
        assert!(
            Instant::now() < deadline,
            "the workbench outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(case(&env, "R-000001")["kind"], "inquiry");
    assert_eq!(case(&env, "R-000002")["status"], "reviewed");
    let third: Vec<serde_json::Value> = env
        .run(&["export", "--where", "kind=paid updated_by=e2e"])
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        third.len(),
        1,
        "the case after R-000002 was set to paid: {position}"
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
