//! A tmux server of the test's own, to run the workbench in a real terminal: keys are typed
//! with `send-keys`, the screen is read with `capture-pane`. Wait for a screen state between
//! keys as a person does: on a loaded machine keys sent together arrive together (`esc j`
//! becomes one alt-j).
#![allow(dead_code)]

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed when dropped.
pub struct Tmux {
    socket: String,
    /// How long a wait for the screen may take.
    patience: Duration,
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("casebench-e2e-{}-{name}", std::process::id()),
            patience: Duration::from_secs(20),
        }
    }

    /// The same, waiting up to `patience` for each screen state (a slow server, a busy
    /// machine).
    pub fn patient(name: &str, patience: Duration) -> Tmux {
        Tmux {
            socket: format!("casebench-e2e-{}-{name}", std::process::id()),
            patience,
        }
    }

    /// The pid of the program in the pane (the workbench: `env` execs it).
    pub fn pane_pid(&self) -> i32 {
        let out = self.cmd(&["display-message", "-p", "-t", "wb", "#{pane_pid}"]);
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("no pane pid: {text:?}"))
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)")
    }

    /// Starts `command` in a detached session of `cols`×`rows`.
    pub fn start(&self, command: &str, cols: u16, rows: u16) {
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

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "wb"]).stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd(&["send-keys", "-t", "wb", key]);
        }
    }

    /// Waits until the screen shows `text`.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + self.patience;
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

    /// Waits until the screen shows every one of `texts` at once.
    #[track_caller]
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + self.patience;
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed all of {texts:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + self.patience;
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "still shows {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the program in the pane has exited.
    #[track_caller]
    pub fn wait_exit(&self) {
        let deadline = Instant::now() + self.patience;
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
