//! The terminal layer of the workbench: a byte-frugal ratatui backend, and the session that sets
//! the terminal up and restores it on every way out.
//!
//! - [`CompactBackend`]: a ratatui [`Backend`](ratatui::backend::Backend) that tracks the real
//!   cursor (Hangul takes two columns) and sends a cursor move or a style change only when
//!   needed; about a third of what `CrosstermBackend` sends for a scrolled page of Korean text.
//!   [`ColorMode`] honours `NO_COLOR` and `COLORTERM`.
//! - [`TerminalSession`]: raw mode, alternate screen, hidden cursor; restored on drop, on panic,
//!   and — through the flag the event loop checks, [`TerminalSession::termination_requested`] —
//!   on `SIGTERM`, `SIGHUP`, `SIGINT` and `SIGQUIT`. [`is_terminal`] tells whether the workbench
//!   can start at all.
//! - [`CountingWriter`]: counts bytes, to measure a backend.
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
mod session;
mod sgr;
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
