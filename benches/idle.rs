//! Idle means idle: the release binary runs in a real terminal (tmux) on the full sample (once
//! its background suggestions have arrived), and
//! for ten seconds without a key we measure the CPU time it uses (from /proc) and the bytes it
//! sends to the terminal (tmux pipe-pane). Both should be near zero: no redraw without a change.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const IDLE: Duration = Duration::from_secs(10);

fn tmux(socket: &str, args: &[&str]) -> Option<String> {
    let out = Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// User + system CPU time of a process, in clock ticks (1/100 s on Linux).
fn cpu_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_casebench");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("idle.db");
    let status = Command::new(bin)
        .args(["--quiet", "--reviewer", "bench", "--db"])
        .arg(&db)
        .arg("sample")
        .status()
        .expect("run casebench sample");
    assert!(status.success());
    if tmux("casebench-idle-probe", &["-V"]).is_none() {
        println!("| idle (10 s) | | skipped: tmux is not installed | | | |");
        return;
    }
    let socket = format!("casebench-idle-{}", std::process::id());
    let command = format!("exec {bin} --reviewer bench --db {} review", db.display());
    tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            "idle",
            "-x",
            "120",
            "-y",
            "40",
            &command,
        ],
    )
    .expect("tmux session");
    let ready = Instant::now() + Duration::from_secs(30);
    while !tmux(&socket, &["capture-pane", "-p", "-t", "idle"])
        .unwrap_or_default()
        .contains("cases 1/105,116")
    {
        assert!(Instant::now() < ready, "the workbench did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    // A new database trains and suggests in the background after the first frame: idle
    // begins once that is done and shown.
    let trained = Instant::now() + Duration::from_secs(180);
    while !tmux(&socket, &["capture-pane", "-p", "-t", "idle"])
        .unwrap_or_default()
        .contains("suggestions ready")
    {
        assert!(
            Instant::now() < trained,
            "the background suggestions did not arrive"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    let pid = tmux(
        &socket,
        &["display-message", "-p", "-t", "idle", "#{pane_pid}"],
    )
    .unwrap_or_default()
    .trim()
    .to_string();
    let captured = dir.path().join("pane.bytes");
    let pipe = format!("cat >> {}", captured.display());
    tmux(&socket, &["pipe-pane", "-o", "-t", "idle", &pipe]).expect("pipe-pane");
    let before = cpu_ticks(&pid).expect("cpu time of the workbench");
    std::thread::sleep(IDLE);
    let after = cpu_ticks(&pid).expect("cpu time of the workbench");
    let _ = tmux(&socket, &["kill-server"]);
    let bytes = std::fs::metadata(Path::new(&captured))
        .map(|m| m.len())
        .unwrap_or(0);
    let cpu_ms = (after - before) * 10;
    println!(
        "| idle for 10 s at 120×40 (real terminal): CPU time used | near 0 | {cpu_ms} ms ({:.2}% of a core) | | | 1 |",
        cpu_ms as f64 / IDLE.as_millis() as f64 * 100.0
    );
    println!("| idle for 10 s: bytes sent to the terminal (redraws) | 0 | {bytes} B | | | 1 |");
}
