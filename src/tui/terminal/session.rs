//! [`TerminalSession`]: the terminal set up for the workbench, and put back on every way out.
//!
//! Starting a session enters raw mode and the alternate screen, hides the cursor, clears the
//! screen and watches the termination signals. The terminal is restored — style reset, cursor
//! shown, alternate screen left, raw mode off — on every exit path:
//!
//! - normal quit and errors: `Drop` of the session (the event loop returns, with `Ok` or `Err`);
//! - `SIGTERM`, `SIGHUP` (dropped SSH connection), `SIGINT`, `SIGQUIT`: the handlers only set a
//!   flag ([`TerminalSession::termination_requested`]); the event loop, which polls input with a
//!   timeout of at most 250 ms, sees it and returns normally, and `Drop` restores. Should the
//!   session still be live [`TERMINATION_GRACE`] after the signal — on a hung-up terminal
//!   crossterm's `event::poll` spins forever and never returns to the loop (see the `signals`
//!   module) — a watchdog thread restores the terminal and ends the process (exit status
//!   128 + signal);
//! - a panic, on any thread: a panic hook restores first, then runs the previous hook, so the
//!   message is printed on the normal screen. After that the session's writer discards what it
//!   is given and fails every flush (a draw returns an error), so a worker thread's panic cannot
//!   leave the main loop drawing over the shell.
//!
//! Restoring is idempotent (an atomic state, no lock: a restore that starts while another is
//! running returns at once instead of waiting for it) and never panics, never blocks for long:
//! errors are ignored (after a hang-up every write fails with EIO), and the bytes are written by
//! a helper thread that is given [`RESTORE_WRITE_TIMEOUT`], so a stalled SSH link cannot hang
//! the exit. Raw mode is turned off with `tcsetattr(TCSANOW)`, which does not wait for output.
//!
//! No label is ever lost by a disconnect, whichever way the session ends: the event loop
//! commits each change to the database (one transaction, `synchronous=FULL`) before it reads the
//! next key, so everything the reviewer saw as done is already durable before any signal can be
//! acted on, and the terminal work here only concerns the screen.

use std::fs::File;
use std::io::{self, IsTerminal, Stdout, Write};
use std::os::fd::AsFd;
use std::panic::{self, PanicHookInfo};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{mpsc, Once};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;

use super::backend::CompactBackend;
use super::sgr::ColorMode;
use super::signals::{SignalWatch, TerminationSignal};

/// What `casebench` says when the workbench is started without a terminal.
pub const NOT_A_TERMINAL: &str =
    "casebench review needs a terminal; use the commands (stats, export, label) in scripts";

/// How long after a termination signal the watchdog waits for the event loop to end the session
/// before it restores the terminal and ends the process itself.
pub const TERMINATION_GRACE: Duration = Duration::from_secs(2);

/// How long restoring waits for the terminal to accept its bytes.
pub const RESTORE_WRITE_TIMEOUT: Duration = Duration::from_millis(500);

/// Bytes that enter the workbench's screen: the alternate screen (xterm's 1049, which also
/// saves the cursor; the Linux console ignores it and the screen is simply cleared).
const ENTER: &[u8] = b"\x1b[?1049h";

/// Bytes that put the terminal back: default style, leave the alternate screen, show the cursor.
pub const RESTORE_SEQUENCE: &[u8] = b"\x1b[m\x1b[?1049l\x1b[?25h";

/// Whether standard input and standard output are both terminals (the workbench needs both: it
/// reads keys from one and draws on the other).
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Why a session could not start.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Standard input or output is not a terminal.
    #[error("{NOT_A_TERMINAL}")]
    NotATerminal,
    /// A session is already running in this process.
    #[error("a terminal session is already running")]
    AlreadyActive,
    /// Setting up the terminal failed (what was set up has been undone).
    #[error("cannot set up the terminal: {0}")]
    Io(#[from] io::Error),
}

/// The ratatui terminal of a session.
pub type SessionTerminal = Terminal<CompactBackend<SessionWriter>>;

/// The workbench's terminal; restores the terminal when dropped (see the module documentation).
pub struct TerminalSession {
    terminal: SessionTerminal,
    signals: SignalWatch,
}

impl std::fmt::Debug for TerminalSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TerminalSession")
            .field("signals", &self.signals)
            .finish_non_exhaustive()
    }
}

impl TerminalSession {
    /// Starts a session with the colours the environment asks for ([`ColorMode::detect`]).
    pub fn start() -> Result<Self, SessionError> {
        Self::start_with(ColorMode::detect())
    }

    /// Starts a session drawing with `color_mode`.
    pub fn start_with(color_mode: ColorMode) -> Result<Self, SessionError> {
        if !is_terminal() {
            return Err(SessionError::NotATerminal);
        }
        install_panic_hook();
        // Watch signals before touching the terminal, so one that arrives during set-up is seen
        // by the first turn of the event loop.
        let signals = SignalWatch::register()?.with_watchdog(TERMINATION_GRACE, |_| {
            if !restore_terminal() {
                // The main thread may be restoring right now: let it finish before the process
                // ends (restoring is bounded by RESTORE_WRITE_TIMEOUT).
                SESSION.wait_while_restoring(RESTORE_WRITE_TIMEOUT * 2);
            }
        })?;
        if !SESSION.activate() {
            return Err(SessionError::AlreadyActive);
        }
        // From here on the terminal is marked as ours, so any failure (or a panic) undoes
        // whatever part of the set-up was done.
        match set_up(color_mode) {
            Ok(terminal) => Ok(Self { terminal, signals }),
            Err(error) => {
                restore_terminal();
                Err(error.into())
            }
        }
    }

    /// The ratatui terminal to draw on.
    pub fn terminal(&mut self) -> &mut SessionTerminal {
        &mut self.terminal
    }

    /// The first termination signal received since the session started, if any: the event loop
    /// checks it on every turn and returns when it is set.
    pub fn termination_requested(&self) -> Option<TerminationSignal> {
        self.signals.termination_requested()
    }

    /// Restores the terminal now (dropping the session does it too). Returns whether this call
    /// restored it, `false` if it already was.
    pub fn restore(&mut self) -> bool {
        restore_terminal()
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        // Pending frame bytes are discarded, not flushed (`SessionWriter` never flushes on
        // drop): they are useless once the alternate screen is left, and flushing them to a
        // stalled link could block.
        restore_terminal();
    }
}

fn set_up(color_mode: ColorMode) -> io::Result<SessionTerminal> {
    enable_raw_mode()?;
    let mut writer = SessionWriter::new();
    writer.write_all(ENTER)?;
    writer.flush()?;
    let mut terminal = Terminal::new(CompactBackend::new(writer, color_mode))?;
    terminal.hide_cursor()?;
    terminal.clear()?;
    terminal.backend_mut().flush()?;
    Ok(terminal)
}

/// Restores the terminal if a session set it up and it was not restored yet; returns whether
/// this call restored it. Safe to call from anywhere, any number of times, on any thread.
pub fn restore_terminal() -> bool {
    SESSION.restore_with(&RealTerminal)
}

/// Installs, once per process, the panic hook that restores the terminal and then calls the
/// hook that was installed before (the default one prints the message).
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        chain_panic_hook(|| {
            restore_terminal();
        });
    });
}

/// Sets a panic hook that runs `before`, then the hook that was installed until now.
fn chain_panic_hook(before: impl Fn() + Send + Sync + 'static) {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        before();
        previous(info);
    }));
}

/// The output of a session: frame bytes are collected and sent to standard output in one write
/// per flush (one draw), which suits slow links. It writes only while the session's terminal is
/// set up: once restored (say by the panic hook after a worker thread panicked) it discards what
/// it is given and every flush fails, so the next draw returns an error instead of drawing over
/// the shell (ratatui's own clean-up on drop only writes, so it stays quiet). Dropping it
/// discards unflushed bytes.
#[derive(Debug)]
pub struct SessionWriter {
    buffer: Vec<u8>,
    out: Stdout,
}

impl SessionWriter {
    fn new() -> Self {
        Self {
            buffer: Vec::with_capacity(64 * 1024),
            out: io::stdout(),
        }
    }
}

impl Write for SessionWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if SESSION.is_active() {
            self.buffer.extend_from_slice(buf);
        } else {
            self.buffer.clear();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !SESSION.is_active() {
            self.buffer.clear();
            return Err(io::Error::other(
                "the terminal was restored; the session has ended",
            ));
        }
        if self.buffer.is_empty() {
            return Ok(());
        }
        let mut out = self.out.lock();
        let result = out.write_all(&self.buffer).and_then(|()| out.flush());
        self.buffer.clear();
        result
    }
}

/// The one terminal session of the process.
static SESSION: RestoreLatch = RestoreLatch::new();

/// Whether the terminal is set up, and the one-time restore.
struct RestoreLatch {
    state: AtomicU8,
}

const INACTIVE: u8 = 0;
const ACTIVE: u8 = 1;
const RESTORING: u8 = 2;

impl RestoreLatch {
    const fn new() -> Self {
        Self {
            state: AtomicU8::new(INACTIVE),
        }
    }

    /// Marks the terminal as set up; `false` if it already was.
    fn activate(&self) -> bool {
        self.state
            .compare_exchange(INACTIVE, ACTIVE, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    fn is_active(&self) -> bool {
        self.state.load(Ordering::SeqCst) == ACTIVE
    }

    /// Waits (at most `limit`) for a restore running on another thread to finish.
    fn wait_while_restoring(&self, limit: Duration) {
        let deadline = std::time::Instant::now() + limit;
        while self.state.load(Ordering::SeqCst) == RESTORING && std::time::Instant::now() < deadline
        {
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Restores through `ops` if the terminal is set up. Only the first caller restores;
    /// anyone else (a second call, a panic on another thread, a restore started from within the
    /// restore) returns `false` at once, without waiting.
    fn restore_with(&self, ops: &dyn TerminalOps) -> bool {
        if self
            .state
            .compare_exchange(ACTIVE, RESTORING, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return false;
        }
        // Raw mode first: it cannot block, and it matters most (a shell in raw mode is unusable).
        ops.disable_raw_mode();
        ops.write(RESTORE_SEQUENCE);
        self.state.store(INACTIVE, Ordering::SeqCst);
        true
    }
}

/// The two things restoring does, each ignoring errors.
trait TerminalOps {
    fn disable_raw_mode(&self);
    fn write(&self, bytes: &'static [u8]);
}

struct RealTerminal;

impl TerminalOps for RealTerminal {
    fn disable_raw_mode(&self) {
        // After a hang-up this fails with EIO: nothing left to restore.
        let _ = disable_raw_mode();
    }

    fn write(&self, bytes: &'static [u8]) {
        // A duplicate of the standard output descriptor: no lock shared with `Stdout`, which a
        // panicking thread might hold.
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            write_with_timeout(File::from(fd), bytes, RESTORE_WRITE_TIMEOUT);
        }
    }
}

/// How a write with a deadline ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WriteOutcome {
    Written,
    Failed,
    TimedOut,
}

/// Writes `bytes` to `out` on a helper thread and waits at most `timeout`. A write stuck on a
/// stalled terminal is abandoned (the thread ends with the process).
fn write_with_timeout<W: Write + Send + 'static>(
    mut out: W,
    bytes: &'static [u8],
    timeout: Duration,
) -> WriteOutcome {
    let (done, finished) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name("casebench-restore".into())
        .spawn(move || {
            let ok = out.write_all(bytes).and_then(|()| out.flush()).is_ok();
            let _ = done.send(ok);
        });
    if spawned.is_err() {
        return WriteOutcome::Failed;
    }
    match finished.recv_timeout(timeout) {
        Ok(true) => WriteOutcome::Written,
        Ok(false) | Err(mpsc::RecvTimeoutError::Disconnected) => WriteOutcome::Failed,
        Err(mpsc::RecvTimeoutError::Timeout) => WriteOutcome::TimedOut,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    use super::*;

    #[derive(Default)]
    struct FakeTerminal {
        calls: Mutex<Vec<String>>,
    }

    impl TerminalOps for FakeTerminal {
        fn disable_raw_mode(&self) {
            self.calls.lock().unwrap().push("raw off".into());
        }
        fn write(&self, bytes: &'static [u8]) {
            self.calls
                .lock()
                .unwrap()
                .push(String::from_utf8_lossy(bytes).into_owned());
        }
    }

    #[test]
    fn restore_happens_once() {
        let latch = RestoreLatch::new();
        let terminal = FakeTerminal::default();
        assert!(!latch.restore_with(&terminal), "nothing to restore yet");
        assert!(latch.activate());
        assert!(!latch.activate(), "one session at a time");
        assert!(latch.is_active());
        assert!(latch.restore_with(&terminal));
        assert!(!latch.restore_with(&terminal));
        assert!(!latch.restore_with(&terminal));
        assert!(!latch.is_active());
        assert_eq!(
            *terminal.calls.lock().unwrap(),
            vec![
                "raw off".to_string(),
                "\x1b[m\x1b[?1049l\x1b[?25h".to_string()
            ]
        );
        // A new session can start and be restored again.
        assert!(latch.activate());
        assert!(latch.restore_with(&terminal));
        assert_eq!(terminal.calls.lock().unwrap().len(), 4);
    }

    /// A restore that starts during a restore (a panic in the middle of it, a second signal
    /// acted on) returns at once instead of waiting for the first: no deadlock.
    #[test]
    fn a_restore_within_a_restore_returns_at_once() {
        static LATCH: RestoreLatch = RestoreLatch::new();
        struct Reentrant {
            inner_result: Mutex<Option<bool>>,
        }
        impl TerminalOps for Reentrant {
            fn disable_raw_mode(&self) {
                let inner = LATCH.restore_with(&FakeTerminal::default());
                *self.inner_result.lock().unwrap() = Some(inner);
            }
            fn write(&self, _: &'static [u8]) {}
        }
        let ops = Reentrant {
            inner_result: Mutex::new(None),
        };
        assert!(LATCH.activate());
        assert!(LATCH.restore_with(&ops));
        assert_eq!(*ops.inner_result.lock().unwrap(), Some(false));
    }

    #[test]
    fn waiting_for_a_restore_on_another_thread() {
        static LATCH: RestoreLatch = RestoreLatch::new();
        struct Slow;
        impl TerminalOps for Slow {
            fn disable_raw_mode(&self) {}
            fn write(&self, _: &'static [u8]) {
                thread::sleep(Duration::from_millis(100));
            }
        }
        assert!(LATCH.activate());
        let restorer = thread::spawn(|| LATCH.restore_with(&Slow));
        while LATCH.state.load(Ordering::SeqCst) != RESTORING {
            thread::yield_now();
        }
        assert!(!LATCH.restore_with(&FakeTerminal::default()));
        LATCH.wait_while_restoring(Duration::from_secs(10));
        assert_eq!(LATCH.state.load(Ordering::SeqCst), INACTIVE);
        assert!(restorer.join().unwrap());
        // Nothing to wait for: returns at once.
        let started = Instant::now();
        LATCH.wait_while_restoring(Duration::from_secs(10));
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn restoring_a_dead_terminal_is_quiet() {
        struct Dead;
        impl Write for Dead {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from_raw_os_error(5)) // EIO, as after a hang-up
            }
            fn flush(&mut self) -> io::Result<()> {
                Err(io::Error::from_raw_os_error(5))
            }
        }
        let outcome = write_with_timeout(Dead, RESTORE_SEQUENCE, Duration::from_secs(5));
        assert_eq!(outcome, WriteOutcome::Failed);
    }

    #[test]
    fn restoring_a_stalled_terminal_does_not_hang() {
        /// Blocks until the test ends, like a write to a stalled SSH link.
        struct Stalled(mpsc::Receiver<()>);
        impl Write for Stalled {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                let _ = self.0.recv();
                Err(io::Error::from_raw_os_error(5))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (release, stalled) = mpsc::channel();
        let started = Instant::now();
        let outcome = write_with_timeout(
            Stalled(stalled),
            RESTORE_SEQUENCE,
            Duration::from_millis(100),
        );
        assert_eq!(outcome, WriteOutcome::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
        let _ = release.send(());
    }

    #[test]
    fn a_working_terminal_receives_the_restore_sequence() {
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let out = Shared::default();
        let outcome = write_with_timeout(out.clone(), RESTORE_SEQUENCE, Duration::from_secs(5));
        assert_eq!(outcome, WriteOutcome::Written);
        let written = out.0.lock().unwrap().clone();
        let mut parser = vt100::Parser::new(5, 20, 0);
        parser.process(b"\x1b[?1049h\x1b[?25l\x1b[7mx");
        assert!(parser.screen().alternate_screen());
        parser.process(&written);
        assert!(!parser.screen().alternate_screen());
        assert!(!parser.screen().hide_cursor());
        assert!(!parser.screen().inverse());
    }

    #[test]
    fn the_panic_hook_restores_then_calls_the_previous_hook() {
        const MESSAGE: &str = "casebench panic-hook chaining test";
        static ORDER: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
        static OURS: AtomicBool = AtomicBool::new(false);

        let original = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            // Other tests may panic meanwhile: only our panic is recorded.
            if info.payload().downcast_ref::<&str>() == Some(&MESSAGE) {
                ORDER.lock().unwrap().push("previous hook");
            }
        }));
        chain_panic_hook(|| {
            if OURS.load(Ordering::SeqCst) {
                ORDER.lock().unwrap().push("restore");
            }
        });
        OURS.store(true, Ordering::SeqCst);
        let result = panic::catch_unwind(|| panic::panic_any(MESSAGE));
        OURS.store(false, Ordering::SeqCst);
        let _ = panic::take_hook();
        panic::set_hook(original);

        assert!(result.is_err());
        assert_eq!(*ORDER.lock().unwrap(), vec!["restore", "previous hook"]);
    }

    #[test]
    fn without_a_session_restoring_does_nothing() {
        assert!(!restore_terminal());
        assert!(!restore_terminal());
    }

    #[test]
    fn the_session_writer_refuses_without_a_session() {
        let mut writer = SessionWriter::new();
        assert_eq!(writer.write(b"frame").unwrap(), 5);
        assert!(writer.buffer.is_empty(), "discarded");
        assert!(
            writer.flush().is_err(),
            "a draw learns the session has ended"
        );
    }

    #[test]
    fn no_session_without_a_terminal() {
        // `cargo test` may run in a terminal; only check the refusal when it does not.
        if !is_terminal() {
            let error = TerminalSession::start_with(ColorMode::NoColor).unwrap_err();
            assert!(matches!(error, SessionError::NotATerminal));
            assert_eq!(error.to_string(), NOT_A_TERMINAL);
        }
    }
}
