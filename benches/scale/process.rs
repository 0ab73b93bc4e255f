//! A whole `casebench` process: its wall time and its peak resident set, exact, from the
//! kernel's account of the reaped child (`wait4`'s `ru_maxrss`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Figures;

/// What one or more runs of a command took.
pub struct Run {
    pub wall: Figures,
    /// The largest peak resident set of the runs, in kB.
    pub peak_kb: u64,
}

impl Run {
    /// `once` `runs` times.
    pub fn repeat(runs: usize, mut once: impl FnMut() -> Run) -> Run {
        let all: Vec<Run> = (0..runs).map(|_| once()).collect();
        Run {
            wall: Figures::of(all.iter().map(|r| r.wall.median).collect()),
            peak_kb: all.iter().map(|r| r.peak_kb).max().unwrap_or(0),
        }
    }
}

/// Runs `bin args` to its end (its output to /dev/null, as into a pipe nobody reads slowly);
/// panics when it fails.
pub fn whole_process(bin: &Path, args: &[String]) -> Run {
    let start = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("casebench starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with pointers to live locals. `child` is never waited
    // on through std afterwards (dropping it does not wait), so the pid is reaped once.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "casebench {} failed (wait status {status})",
        args.join(" ")
    );
    drop(child);
    Run {
        wall: Figures::of(vec![wall]),
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    }
}

impl Run {
    /// The wall time of one run (of a [`Run::repeat`], the median).
    pub fn median(&self) -> Duration {
        self.wall.median
    }
}
