//! Who holds a lease: the host and process of a workbench, so a lease whose process is gone is
//! free at once instead of at its expiry.
//!
//! Liveness is read from `/proc/PID/stat` (Linux): no such entry, a zombie, or a process that
//! started at another time than the one recorded (the pid was reused) is gone. Where `/proc`
//! is not there (other systems, a container without it), or for a lease taken on another
//! host, nothing is known: the lease expires by time only.

use std::sync::OnceLock;

/// The process that holds a lease.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    /// When the process started, in clock ticks after boot (`/proc/PID/stat`, field 22);
    /// `None` where that cannot be read.
    pub started: Option<u64>,
}

impl Holder {
    /// This process, or `None` when the host name cannot be read (then leases are held by
    /// time only).
    pub fn this_process() -> Option<Holder> {
        Holder::of_pid(std::process::id())
    }

    /// Process `pid` on this host, with its start time where `/proc` tells it.
    pub fn of_pid(pid: u32) -> Option<Holder> {
        Some(Holder {
            host: this_host()?.to_string(),
            pid,
            started: match process_state(pid) {
                State::Running { started } => Some(started),
                State::Gone | State::Unknown => None,
            },
        })
    }

    /// Whether this holder is known to be gone: it ran on this host, and its process is no
    /// longer there (or is a zombie, or is another process that got the same pid). A holder
    /// on another host is never known gone.
    pub fn known_gone(&self) -> bool {
        if Some(self.host.as_str()) != this_host() {
            return false;
        }
        match process_state(self.pid) {
            State::Gone => true,
            State::Running { started } => self.started.is_some_and(|s| s != started),
            State::Unknown => false,
        }
    }
}

/// The name of the host this process runs on, read once.
pub fn this_host() -> Option<&'static str> {
    static HOST: OnceLock<Option<String>> = OnceLock::new();
    HOST.get_or_init(|| whoami::hostname().ok().filter(|h| !h.is_empty()))
        .as_deref()
}

enum State {
    /// No such process (or only its zombie).
    Gone,
    Running {
        started: u64,
    },
    /// This system does not say.
    Unknown,
}

#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> State {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => match parse_stat(&stat) {
            Some(('Z' | 'X', _)) => State::Gone,
            Some((_, started)) => State::Running { started },
            None => State::Unknown,
        },
        // No entry for the pid while /proc itself is there: the process is gone.
        Err(_) if std::path::Path::new("/proc/self/stat").exists() => State::Gone,
        Err(_) => State::Unknown,
    }
}

#[cfg(not(target_os = "linux"))]
fn process_state(_pid: u32) -> State {
    State::Unknown
}

/// The state letter and the start time of a `/proc/PID/stat` line. The command name (field 2)
/// is in parentheses and may itself hold spaces and parentheses, so fields are counted after
/// the last `)`: the state is field 3, the start time field 22.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_stat(stat: &str) -> Option<(char, u64)> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let started = fields.nth(18)?.parse().ok()?;
    Some((state, started))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stat_line_gives_state_and_start_time_even_with_odd_command_names() {
        let line = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 3 1 0 0 20 0 1 0 \
                    987654 10000000 200 18446744073709551615";
        assert_eq!(parse_stat(line), Some(('S', 987_654)));
        assert_eq!(parse_stat("4242 (sh) Z 1"), None, "too short to tell");
        assert_eq!(parse_stat("garbage"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_a_reused_pid_is_not_its_old_process() {
        let me = Holder::this_process().expect("a host name");
        let started = me.started.expect("a start time in /proc");
        assert!(!me.known_gone());
        let unknown_start = Holder {
            started: None,
            ..me.clone()
        };
        assert!(!unknown_start.known_gone());
        let reused = Holder {
            started: Some(started + 1),
            ..me.clone()
        };
        assert!(
            reused.known_gone(),
            "same pid, another start: not the holder"
        );
        let elsewhere = Holder {
            host: "another-host.example".into(),
            ..reused
        };
        assert!(
            !elsewhere.known_gone(),
            "other hosts' processes are not ours to judge"
        );
    }
}
