//! Suggestions made in the background: on a database without a model the workbench trains
//! one and suggests for every case after its first frame, on a thread with its own connection,
//! so it never waits; with a model, cases new since it ran get theirs. What it does arrives as
//! messages: that it is learning (when it trains), then the suggestions or why there are none.

use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::{Location, Store};
use crate::suggest::refresh::{bring_up_to_date, Refreshed};
use crate::tui::app::Msg;

pub struct SuggestWorker {
    answer: Receiver<Msg>,
    thread: JoinHandle<()>,
}

impl SuggestWorker {
    /// Starts the work on the database at `location`, as `reviewer`.
    pub fn start(location: Location, reviewer: String) -> SuggestWorker {
        let (send, answer) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            // The workbench may have quit meanwhile: then nobody listens.
            let learning = send.clone();
            let mut training = |cases| {
                let _ = learning.send(Msg::SuggestionsTraining(cases));
            };
            if let Some(msg) = work(&location, &reviewer, &mut training) {
                let _ = send.send(msg);
            }
        });
        SuggestWorker { answer, thread }
    }

    /// The next message, if one has come (never waits).
    pub fn try_answer(&self) -> Option<Msg> {
        self.answer.try_recv().ok()
    }

    /// Whether the work is over: every message it had is sent (some may not be taken yet).
    pub fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// Waits up to `timeout` for the next message (tests and benchmarks).
    pub fn wait(&self, timeout: Duration) -> Option<Msg> {
        self.answer.recv_timeout(timeout).ok()
    }
}

/// The message for the workbench: every case's suggestions when some were made, an error
/// when they could not be, nothing when there was nothing to do.
fn work(location: &Location, reviewer: &str, training: &mut dyn FnMut(usize)) -> Option<Msg> {
    let failed = |e: &dyn std::fmt::Display| Some(Msg::SuggestionsFailed(e.to_string()));
    let mut store = match Store::open_at(location) {
        Ok(store) => store,
        Err(e) => return failed(&e),
    };
    match bring_up_to_date(&mut store, reviewer, training) {
        Ok(Refreshed::Nothing) => None,
        Ok(Refreshed::Trained { .. } | Refreshed::Suggested { .. }) => {
            match store.load_suggestions() {
                Ok(list) => Some(Msg::Suggestions { list, fresh: true }),
                Err(e) => failed(&e),
            }
        }
        Err(e) => failed(&e),
    }
}
