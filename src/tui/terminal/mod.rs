//! The terminal layer of the workbench: a byte-frugal ratatui backend, and the session that sets
//! the terminal up and restores it on every way out.
//!
//! - [`CompactBackend`]: a ratatui [`Backend`](ratatui::backend::Backend) that tracks the real
//!   cursor (Hangul takes two columns), keeps a shadow of the screen, and sends a cursor move or
//!   a style change only when needed, prints short unchanged gaps again rather than moving over
//!   them and erases runs of blanks with one sequence; under half of what ratatui's
//!   `CrosstermBackend` sends per `j` (see below).
//!   [`ColorMode`] honours `NO_COLOR` and `COLORTERM`.
//! - [`TerminalSession`]: raw mode, alternate screen, hidden cursor; restored on drop, on panic,
//!   and — through the flag the event loop checks, [`TerminalSession::termination_requested`] —
//!   on `SIGTERM`, `SIGHUP`, `SIGINT` and `SIGQUIT`. [`is_terminal`] tells whether the workbench
//!   can start at all.
//! - [`CountingWriter`]: counts bytes, to measure a backend.
//!
//! # Why a backend of our own
//!
//! It is kept only while it sends at most two thirds of what ratatui's own `CrosstermBackend`
//! sends for the same frames (wins by 1.5× or more) on the figure reviewers feel over SSH:
//! bytes per `j` at 120×40 over Korean case texts. `cargo bench --bench workbench -- bytes`
//! measures it: the workbench on the default 105,116-case sample, 260 presses of `j` from the
//! top, every frame drawn by both backends (`CrosstermBackend` on a fixed 120×40 viewport; ours
//! after a `clear`, as [`TerminalSession::start`] does), bytes counted at the writer. With
//! ratatui 0.30.2, the detail pane full width:
//!
//! | bytes per `j` (120×40, Korean) | ours, median | `CrosstermBackend`, median | theirs ÷ ours, total |
//! |---|---|---|---|
//! | within the page (12 presses) | 1.44 KB | 2.92 KB | 2.35× |
//! | when the list scrolls (248 presses) | 2.15 KB | 6.10 KB | 2.72× |
//!
//! On a full page of 38 Korean rows scrolled by one (the emulator tests) it is 6,497 bytes
//! against 19,130 (2.94×). Both margins are above 1.5×, so the backend stays. Measure again on
//! every ratatui upgrade: should `CrosstermBackend` learn to track the cursor past wide
//! characters and come within 1.5×, drop this backend for it.
//!
//! ```no_run
//! use casebench::tui::terminal::{is_terminal, TerminalSession, NOT_A_TERMINAL};
//! use ratatui::widgets::Paragraph;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! if !is_terminal() {
//!     eprintln!("{NOT_A_TERMINAL}");
//!     std::process::exit(2);
//! }
//! let mut session = TerminalSession::start()?;
//! while session.termination_requested().is_none() {
//!     session
//!         .terminal()
//!         .draw(|frame| frame.render_widget(Paragraph::new("사건 목록"), frame.area()))?;
//!     // poll keys with a timeout of at most 250 ms, commit each change before the next key …
//!     # break;
//! }
//! // dropping the session restores the terminal
//! # Ok(())
//! # }
//! ```

mod backend;
mod counting;
mod gaps;
mod moves;
mod session;
mod sgr;
mod shadow;
mod signals;

pub use backend::CompactBackend;
pub use counting::CountingWriter;
pub use session::{
    install_panic_hook, is_terminal, restore_terminal, SessionError, SessionTerminal,
    SessionWriter, TerminalSession, NOT_A_TERMINAL, RESTORE_SEQUENCE, RESTORE_WRITE_TIMEOUT,
    TERMINATION_GRACE,
};
pub use sgr::{rgb_to_palette, ColorMode};
pub use signals::{SignalWatch, TerminationSignal, FORCE_EXIT_AFTER};

#[cfg(test)]
mod emulator_tests;
