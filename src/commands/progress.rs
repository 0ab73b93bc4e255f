//! Progress for long work, on standard error, shown only to a person watching: one line
//! that names the phase under way (`generate`, `store`, `commit`, …) and, as a bar, counts
//! what it has done of its total, or, for a phase that counts nothing, spins.

use std::cell::{Cell, RefCell};
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a visible line redraws on its own, so that a phase that reports nothing for a
/// while (a commit, a training pass) still shows movement and its elapsed time.
const TICK: Duration = Duration::from_millis(120);

const BAR: &str = "{msg:>11} [{bar:30}] {human_pos}/{human_len} {elapsed}";
const SPIN: &str = "{msg:>11} {spinner} {elapsed}";

/// The progress line of one command. Hidden with `--quiet`, when standard error is not a
/// terminal, or when the command's output is piped: then it draws nothing at all.
pub struct Progress {
    bar: ProgressBar,
    /// The phase under way.
    current: Cell<Option<&'static str>>,
    /// The phases begun, in order, when built by [`Progress::recording`].
    log: Option<RefCell<Vec<&'static str>>>,
}

impl Progress {
    /// A line that is drawn only if `visible` and standard error is a terminal.
    pub fn new(visible: bool) -> Progress {
        let bar = if visible && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.enable_steady_tick(TICK);
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            current: Cell::new(None),
            log: None,
        }
    }

    /// A hidden line that remembers the phases begun (see [`Progress::phases`]).
    #[cfg(test)]
    pub fn recording() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            current: Cell::new(None),
            log: Some(RefCell::new(Vec::new())),
        }
    }

    /// Begins phase `message` of `len` steps, shown as a bar from 0. Beginning the phase
    /// under way again changes nothing (a callback may begin its phase every time it hears).
    pub fn phase(&self, message: &'static str, len: usize) {
        self.begin(message, BAR, Some(len));
    }

    /// Begins phase `message` that counts nothing (one statement, a commit): a spinner and
    /// the time it has taken.
    pub fn waiting(&self, message: &'static str) {
        self.begin(message, SPIN, None);
    }

    /// `done` of `len` steps of phase `message`, begun if it is not under way: for a callback
    /// that hears where its work is.
    pub fn advance(&self, message: &'static str, done: usize, len: usize) {
        self.phase(message, len);
        self.set(done);
    }

    /// How many steps of the current phase are done.
    pub fn set(&self, done: usize) {
        self.bar.set_position(done as u64);
    }

    /// Clears the line: the work is over (or failed).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// The phases begun so far, in order (empty unless built by [`Progress::recording`]).
    #[cfg(test)]
    pub fn phases(&self) -> Vec<&'static str> {
        self.log.as_ref().map_or(Vec::new(), |l| l.borrow().clone())
    }

    fn begin(&self, message: &'static str, template: &str, len: Option<usize>) {
        if self.current.replace(Some(message)) == Some(message) {
            return;
        }
        if let Some(log) = &self.log {
            log.borrow_mut().push(message);
        }
        if self.bar.is_hidden() {
            return;
        }
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        self.bar.set_style(style);
        match len {
            Some(len) => self.bar.set_length(len as u64),
            None => self.bar.unset_length(),
        }
        self.bar.set_position(0);
        self.bar.reset_elapsed();
        self.bar.set_message(message);
    }
}

impl Drop for Progress {
    /// A command that fails part way leaves no half-drawn line behind its error.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_recorded_in_order_and_a_phase_begun_again_goes_on() {
        let progress = Progress::recording();
        progress.phase("generate", 10);
        progress.set(5);
        progress.phase("store", 10);
        progress.phase("store", 10);
        progress.waiting("commit");
        progress.phase("store", 3);
        assert_eq!(progress.phases(), ["generate", "store", "commit", "store"]);
    }

    #[test]
    fn a_line_not_asked_for_is_hidden_and_records_nothing() {
        let progress = Progress::new(false);
        progress.phase("export", 4);
        progress.set(4);
        assert!(progress.bar.is_hidden());
        assert!(progress.phases().is_empty());
    }

    /// Every template parses (a typo would silently fall back to indicatif's default).
    #[test]
    fn every_template_is_valid() {
        for template in [BAR, SPIN] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }
}
