//! The workbench in a process of its own: this bench run again with `CHILD` naming the
//! database, which opens the workbench as `casebench review` does (first frame at 120×40,
//! then the search index and the suggestions on their threads), waits until everything is
//! loaded, and prints its figures on one line for the parent.

use std::process::Command;
use std::time::{Duration, Instant};

use casebench::store::Location;

use crate::support::frame::first_frame;

/// The database the child opens; set only in a child.
const CHILD: &str = "CASEBENCH_SCALE_CHILD";
/// Who the child opens it as.
const REVIEWER: &str = "CASEBENCH_SCALE_REVIEWER";
/// How long a child may take to load everything before the bench gives up.
const LOADED_WITHIN: Duration = Duration::from_secs(600);

/// What one workbench process measured.
pub struct Workbench {
    /// From the start of the process's `main` to the first frame drawn.
    pub first_frame: Duration,
    /// From the start of `main` to everything loaded (search index built, suggestions in).
    pub loaded: Duration,
    /// Resident set right after the first frame (`VmRSS`), in kB.
    pub rss_first_frame_kb: u64,
    /// Peak resident set once everything is loaded (`VmHWM`), in kB.
    pub peak_kb: u64,
}

impl Workbench {
    /// Runs one child on `location` as `reviewer`.
    pub fn run(location: &str, reviewer: &str) -> Workbench {
        let exe = std::env::current_exe().expect("this bench's path");
        let out = Command::new(exe)
            .env(CHILD, location)
            .env(REVIEWER, reviewer)
            .output()
            .expect("the child runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "the workbench child failed ({}): {}{}",
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
        let numbers: Vec<u64> = stdout
            .split_whitespace()
            .map(|n| n.parse().expect("the child prints numbers"))
            .collect();
        let [first_us, loaded_us, rss, peak] = numbers[..] else {
            panic!("the child printed `{stdout}`, not four numbers");
        };
        Workbench {
            first_frame: Duration::from_micros(first_us),
            loaded: Duration::from_micros(loaded_us),
            rss_first_frame_kb: rss,
            peak_kb: peak,
        }
    }
}

pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// The child: `first_frame_µs loaded_µs rss_kB peak_kB` on stdout.
pub fn main() {
    let start = Instant::now();
    let location: Location = std::env::var(CHILD)
        .expect("the database")
        .parse()
        .expect("a database location");
    let reviewer = std::env::var(REVIEWER).expect("the reviewer");
    let (mut driver, _screen) = first_frame(&location, &reviewer);
    let first = start.elapsed();
    let rss = status_kb("VmRSS");
    // As the event loop does after its first frame.
    driver.start_search();
    driver.start_suggestions();
    while !driver.is_fully_loaded() {
        assert!(
            start.elapsed() < LOADED_WITHIN,
            "not loaded after 10 minutes"
        );
        driver.poll_search();
        driver.poll_suggestions();
        std::thread::sleep(Duration::from_millis(1));
    }
    let loaded = start.elapsed();
    let peak = status_kb("VmHWM");
    println!("{} {} {rss} {peak}", first.as_micros(), loaded.as_micros());
}

/// A `kB` line of /proc/self/status (`VmRSS`, `VmHWM`).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}
