//! Termination signals, turned into a flag the event loop checks.
//!
//! The handlers do nothing but atomic stores (async-signal-safe): they never touch the
//! terminal, take a lock or allocate, so a signal can arrive at any moment — while drawing,
//! while restoring the terminal, while another signal is being handled — without deadlocking.
//! The event loop polls for input with a timeout of at most 250 ms, checks
//! [`SignalWatch::termination_requested`] on every turn and returns normally, so the session's
//! `Drop` restores the terminal on the main thread.
//!
//! Signals watched:
//!
//! - `SIGHUP`: the SSH connection dropped (the terminal is gone; restoring it will fail quietly).
//! - `SIGTERM`: `kill`, a shutdown, systemd.
//! - `SIGINT`: raw mode turns ctrl-c into a key, so this only comes from `kill -INT`.
//! - `SIGQUIT`: likewise (ctrl-\ is a key in raw mode).
//!
//! Nothing is lost by ending on a signal: every label change is committed to the database (one
//! transaction, `synchronous=FULL`) before the event loop reads the next key, so when the loop
//! sees the flag every change the reviewer made is already durable, and a change whose
//! transaction had not committed was never shown as done.
//!
//! Two safety nets cover an event loop that does not react:
//!
//! - A watchdog ([`SignalWatch::with_watchdog`]; the terminal session uses it): if the watch is
//!   still live a grace period after the first signal, it runs a last action (the session
//!   restores the terminal) and ends the process with exit status 128 + signal. This is not
//!   hypothetical: on a hung-up terminal (the SSH connection dropped) crossterm 0.29's
//!   `event::poll` never returns, whatever its timeout — its read loop retries forever on EOF and
//!   EIO (crossterm issue #793, fix proposed in PR #1067) — so the event loop never gets to check
//!   the flag. The watchdog thread blocks on a pipe (signal-hook's iterator) and costs nothing
//!   until a signal arrives.
//! - The [`FORCE_EXIT_AFTER`]th termination signal ends the process at once, from the handler,
//!   with exit status 128 + signal and without restoring anything (for when even the watchdog
//!   is stuck). It is not the second: a dropped connection often brings two `SIGHUP`s (one from
//!   the kernel as the terminal hangs up, one forwarded by the shell), and those must still end
//!   in a clean exit.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Once};
use std::thread;
use std::time::Duration;

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};
use signal_hook::low_level;
use signal_hook::SigId;

/// The termination signal that arrives this many times ends the process at once.
pub const FORCE_EXIT_AFTER: usize = 3;

/// A signal that asks casebench to end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TerminationSignal {
    /// `SIGHUP`: the terminal hung up (a dropped SSH connection).
    Hangup,
    /// `SIGTERM`.
    Terminate,
    /// `SIGINT` (only from `kill`: in raw mode ctrl-c is a key).
    Interrupt,
    /// `SIGQUIT` (only from `kill`: in raw mode ctrl-\ is a key).
    Quit,
}

impl TerminationSignal {
    /// Every signal watched.
    pub const ALL: [Self; 4] = [Self::Hangup, Self::Terminate, Self::Interrupt, Self::Quit];

    /// The conventional name, `"SIGHUP"` and so on.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hangup => "SIGHUP",
            Self::Terminate => "SIGTERM",
            Self::Interrupt => "SIGINT",
            Self::Quit => "SIGQUIT",
        }
    }

    /// The signal number.
    pub fn number(self) -> i32 {
        match self {
            Self::Hangup => SIGHUP,
            Self::Terminate => SIGTERM,
            Self::Interrupt => SIGINT,
            Self::Quit => SIGQUIT,
        }
    }

    /// The exit status a shell expects of a program ended by this signal: 128 + its number.
    pub fn exit_status(self) -> i32 {
        128 + self.number()
    }

    fn from_number(number: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.number() == number)
    }
}

impl std::fmt::Display for TerminationSignal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the handlers record: the first signal and how many arrived.
#[derive(Debug, Default)]
struct Received {
    /// The number of the first signal, 0 before any.
    first: AtomicUsize,
    count: AtomicUsize,
}

/// Number of live [`SignalWatch`]es; when none is live, a signal gets its default action.
static LIVE_WATCHES: AtomicUsize = AtomicUsize::new(0);

/// Handlers registered with signal-hook stay installed even when their actions are removed, and
/// a signal with no action left would be ignored. So, once per process, a fallback action is
/// registered first for each signal: when no watch is live it performs the default action
/// (terminating the process), as if casebench had never handled the signal.
fn install_fallbacks() -> io::Result<()> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        for signal in TerminationSignal::ALL {
            let number = signal.number();
            // SAFETY: the action only reads an atomic and calls `emulate_default_handler`,
            // which signal-hook documents for use inside a handler (it is what
            // `flag::register_conditional_default` runs); both are async-signal-safe.
            let registered = unsafe {
                low_level::register(number, move || {
                    if LIVE_WATCHES.load(Ordering::SeqCst) == 0 {
                        let _ = low_level::emulate_default_handler(number);
                    }
                })
            };
            if let Err(error) = registered {
                result = Err(error);
                return;
            }
        }
    });
    result
}

/// Watches the termination signals while it lives (see the module documentation).
#[derive(Debug)]
pub struct SignalWatch {
    received: Arc<Received>,
    ids: Vec<SigId>,
    watchdog: Option<Watchdog>,
}

impl SignalWatch {
    /// Starts watching `SIGHUP`, `SIGTERM`, `SIGINT` and `SIGQUIT`; the
    /// [`FORCE_EXIT_AFTER`]th one ends the process at once.
    pub fn register() -> io::Result<Self> {
        Self::register_with_force_exit(Some(FORCE_EXIT_AFTER))
    }

    /// As [`SignalWatch::register`], with the number of signals after which the process is
    /// ended at once (`None`: never).
    pub fn register_with_force_exit(force_exit_after: Option<usize>) -> io::Result<Self> {
        install_fallbacks()?;
        let received = Arc::new(Received::default());
        let mut watch = Self {
            received: Arc::clone(&received),
            ids: Vec::with_capacity(TerminationSignal::ALL.len()),
            watchdog: None,
        };
        LIVE_WATCHES.fetch_add(1, Ordering::SeqCst);
        for signal in TerminationSignal::ALL {
            let number = signal.number();
            let received = Arc::clone(&received);
            // SAFETY: the action only does atomic operations and, past the limit, calls
            // `low_level::exit` (a bare `_exit`); all async-signal-safe. Nothing is allocated
            // or freed in it (the Arc is moved in at registration and dropped at unregistration).
            let id = unsafe {
                low_level::register(number, move || {
                    let _ = received.first.compare_exchange(
                        0,
                        number as usize,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                    let count = received.count.fetch_add(1, Ordering::SeqCst) + 1;
                    if force_exit_after.is_some_and(|limit| count >= limit) {
                        low_level::exit(128 + number);
                    }
                })
            };
            // On an error, dropping `watch` unregisters what was registered.
            watch.ids.push(id?);
        }
        Ok(watch)
    }

    /// The first termination signal received since the watch started, if any.
    pub fn termination_requested(&self) -> Option<TerminationSignal> {
        let number = self.received.first.load(Ordering::SeqCst);
        i32::try_from(number)
            .ok()
            .and_then(TerminationSignal::from_number)
    }

    /// How many termination signals arrived since the watch started.
    pub fn signals_received(&self) -> usize {
        self.received.count.load(Ordering::SeqCst)
    }

    /// Adds a watchdog: if this watch is still live `grace` after the first termination signal,
    /// `on_expiry` runs on the watchdog's thread with that signal, then the process ends with
    /// exit status 128 + signal (`_exit`: no destructors, since the main thread is presumably
    /// stuck somewhere). Dropping the watch disarms it.
    pub fn with_watchdog(
        self,
        grace: Duration,
        on_expiry: impl FnOnce(TerminationSignal) + Send + 'static,
    ) -> io::Result<Self> {
        self.with_watchdog_then(grace, move |signal| {
            on_expiry(signal);
            low_level::exit(signal.exit_status())
        })
    }

    /// As [`SignalWatch::with_watchdog`], without ending the process (for tests).
    fn with_watchdog_then(
        mut self,
        grace: Duration,
        on_expiry: impl FnOnce(TerminationSignal) + Send + 'static,
    ) -> io::Result<Self> {
        self.watchdog = Some(Watchdog::start(grace, on_expiry)?);
        Ok(self)
    }
}

/// A thread that waits for a termination signal, then for the grace period, then acts unless
/// it was disarmed.
#[derive(Debug)]
struct Watchdog {
    signals: Handle,
    /// Dropping it disarms the watchdog (its thread sees the channel disconnect).
    _armed: mpsc::Sender<()>,
}

impl Watchdog {
    fn start(
        grace: Duration,
        on_expiry: impl FnOnce(TerminationSignal) + Send + 'static,
    ) -> io::Result<Self> {
        let mut signals = Signals::new(TerminationSignal::ALL.map(TerminationSignal::number))?;
        let handle = signals.handle();
        let (armed, disarmed) = mpsc::channel::<()>();
        let spawned = thread::Builder::new()
            .name("casebench-watchdog".into())
            .spawn(move || {
                // Blocks on signal-hook's pipe; ends when the handle is closed.
                let Some(number) = signals.forever().next() else {
                    return;
                };
                if let Err(mpsc::RecvTimeoutError::Timeout) = disarmed.recv_timeout(grace) {
                    if let Some(signal) = TerminationSignal::from_number(number) {
                        on_expiry(signal);
                    }
                }
            });
        if let Err(error) = spawned {
            handle.close();
            return Err(error);
        }
        Ok(Self {
            signals: handle,
            _armed: armed,
        })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        // Unregisters the iterator's handlers and wakes its thread, which returns. The thread is
        // not joined: should it be running its expiry action, that action ends the process.
        self.signals.close();
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.watchdog = None;
        for id in self.ids.drain(..) {
            low_level::unregister(id);
        }
        LIVE_WATCHES.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Signals are process-wide: tests that raise them or watch them take this lock, so one
    /// test's signal is not counted by another's watch.
    pub(crate) static SIGNAL_TESTS: Mutex<()> = Mutex::new(());

    fn lock() -> std::sync::MutexGuard<'static, ()> {
        SIGNAL_TESTS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(TerminationSignal::Hangup.name(), "SIGHUP");
        assert_eq!(TerminationSignal::Terminate.to_string(), "SIGTERM");
        assert_eq!(TerminationSignal::Hangup.exit_status(), 129);
        assert_eq!(TerminationSignal::Terminate.exit_status(), 143);
        for signal in TerminationSignal::ALL {
            assert_eq!(
                TerminationSignal::from_number(signal.number()),
                Some(signal)
            );
        }
        assert_eq!(TerminationSignal::from_number(0), None);
    }

    #[test]
    fn a_raised_sighup_sets_the_flag_and_the_process_lives() {
        let _guard = lock();
        let watch = SignalWatch::register().unwrap();
        assert_eq!(watch.termination_requested(), None);
        low_level::raise(SIGHUP).unwrap();
        // raise() returns after the handler ran on this thread.
        assert_eq!(
            watch.termination_requested(),
            Some(TerminationSignal::Hangup)
        );
        // A second signal (the shell forwarding the hangup, or a SIGTERM) keeps the first one
        // and does not end the process.
        low_level::raise(SIGTERM).unwrap();
        assert_eq!(
            watch.termination_requested(),
            Some(TerminationSignal::Hangup)
        );
        assert_eq!(watch.signals_received(), 2);
    }

    #[test]
    fn the_watchdog_acts_when_the_watch_outlives_the_grace_period() {
        let _guard = lock();
        let (fired, expired) = mpsc::channel();
        let watch = SignalWatch::register_with_force_exit(None)
            .unwrap()
            .with_watchdog_then(Duration::from_millis(50), move |signal| {
                let _ = fired.send(signal);
            })
            .unwrap();
        low_level::raise(SIGTERM).unwrap();
        assert_eq!(
            expired.recv_timeout(Duration::from_secs(10)),
            Ok(TerminationSignal::Terminate)
        );
        assert_eq!(
            watch.termination_requested(),
            Some(TerminationSignal::Terminate)
        );
    }

    #[test]
    fn the_watchdog_is_disarmed_when_the_watch_ends_in_time() {
        let _guard = lock();
        let (fired, expired) = mpsc::channel();
        let watch = SignalWatch::register_with_force_exit(None)
            .unwrap()
            .with_watchdog_then(Duration::from_millis(300), move |signal| {
                let _ = fired.send(signal);
            })
            .unwrap();
        low_level::raise(SIGHUP).unwrap();
        // The event loop saw the flag and ended the session in time.
        assert!(watch.termination_requested().is_some());
        drop(watch);
        assert_eq!(
            expired.recv_timeout(Duration::from_millis(800)),
            Err(mpsc::RecvTimeoutError::Disconnected)
        );
    }

    #[test]
    fn a_watchdog_without_a_signal_never_fires() {
        let _guard = lock();
        let (fired, expired) = mpsc::channel();
        let watch = SignalWatch::register_with_force_exit(None)
            .unwrap()
            .with_watchdog_then(Duration::from_millis(10), move |signal| {
                let _ = fired.send(signal);
            })
            .unwrap();
        assert_eq!(
            expired.recv_timeout(Duration::from_millis(100)),
            Err(mpsc::RecvTimeoutError::Timeout)
        );
        drop(watch);
        assert_eq!(
            expired.recv_timeout(Duration::from_secs(5)),
            Err(mpsc::RecvTimeoutError::Disconnected),
            "the thread ends when the watch is dropped"
        );
    }

    #[test]
    fn watches_are_independent_and_unregister() {
        let _guard = lock();
        let first = SignalWatch::register_with_force_exit(None).unwrap();
        low_level::raise(SIGTERM).unwrap();
        let second = SignalWatch::register_with_force_exit(None).unwrap();
        assert_eq!(second.termination_requested(), None);
        low_level::raise(SIGQUIT).unwrap();
        low_level::raise(SIGINT).unwrap();
        assert_eq!(
            first.termination_requested(),
            Some(TerminationSignal::Terminate)
        );
        assert_eq!(
            second.termination_requested(),
            Some(TerminationSignal::Quit)
        );
        assert_eq!(first.signals_received(), 3);
        assert_eq!(second.signals_received(), 2);
        drop(first);
        // With `second` still live, the signal is only counted (the fallback stays quiet).
        low_level::raise(SIGHUP).unwrap();
        assert_eq!(second.signals_received(), 3);
    }
}
