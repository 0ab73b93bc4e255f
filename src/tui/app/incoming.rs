//! What flows into `App::update`: messages, each with the time it arrived ([`Now`]).

use std::time::Instant;

use super::effect::{BulkSave, Save};
use crate::domain::Case;
use crate::store::{Applied, AuditEvent, BulkOutcome, SavedView};
use crate::tui::action::Action;

/// Everything that can happen to the workbench.
#[derive(Clone, Debug)]
pub enum Msg {
    /// A key, through the keymap.
    Action(Action),
    /// A character typed into a prompt or picker.
    Input(char),
    /// The terminal's size changed (columns, rows).
    Resize(u16, u16),
    /// A save the app asked for has finished (boxed: a case is large beside the other
    /// messages).
    Saved(Box<Saved>),
    /// A bulk change the app asked for has finished.
    BulkSaved(Box<BulkSaved>),
    /// Other sessions changed or created these cases (read from the audit log).
    External(Vec<ExternalChange>),
    /// The team's saved views, as the database now holds them.
    ViewsLoaded(Vec<SavedView>),
    /// The answer to [`Effect::SaveView`]: the name saved under, or why not.
    ///
    /// [`Effect::SaveView`]: super::Effect::SaveView
    ViewSaved(Result<String, String>),
    /// Deleting a view (or reading the views) failed.
    ViewFailed(String),
    /// The search worker answered.
    SearchResults {
        generation: u64,
        query: String,
        hits: std::sync::Arc<Vec<crate::search::Hit>>,
    },
    /// The spot-checks, newest first, with their progress.
    SpotChecks(Vec<(crate::store::SpotCheck, crate::store::Progress)>),
    /// A spot-check opened (or read again after a blind label).
    SpotLoaded(crate::store::SpotCheck),
    /// A spot-check's differences (after a resolution, with the case as it now is).
    SpotDifferences {
        differences: Vec<crate::store::Difference>,
        case: Option<Case>,
    },
    /// A spot-check action was refused (or failed).
    SpotFailed(String),
    /// The agreement report, as text.
    AgreementText(String),
    /// Rule files were read (at start, or because they changed on disk).
    RulesLoaded {
        /// Every rule file as read now, by name.
        sets: Vec<(String, crate::rules::Loaded)>,
        /// On a reload, the files that changed or appeared (a file not in `sets` is gone);
        /// `None` for the first reading.
        changed: Option<Vec<String>>,
    },
    /// The cases other reviewers have open now (case id → reviewer).
    Leases(std::collections::HashMap<String, String>),
    /// The answer to [`Effect::Claim`]: the case is ours, or someone else has it open.
    Claimed {
        case_id: String,
        held_by: Option<String>,
    },
    /// A case's audit trail, oldest first (or why it could not be read).
    HistoryLoaded {
        case_id: String,
        events: Result<Vec<AuditEvent>, String>,
    },
    /// What reverting a batch would do (or why it cannot be planned).
    RevertPlanned(Result<crate::store::RevertPlan, String>),
    /// A revert was written (or refused).
    Reverted(Box<Result<crate::store::RevertOutcome, String>>),
    /// Every case's suggestions, as the store holds them; `fresh` when they were just made
    /// (a model trained in the background), so the arrival is news.
    Suggestions {
        list: Vec<(String, crate::domain::CaseSuggestion)>,
        fresh: bool,
    },
    /// The background suggestions are being learnt from this many labelled cases.
    SuggestionsTraining(usize),
    /// The background suggestions could not be made (the workbench works on without them).
    SuggestionsFailed(String),
    /// Problems found at start-up (a bad user keymap): shown until dismissed.
    StartupErrors(Vec<String>),
    /// Looking for other sessions' changes failed (the connection to the database lost and
    /// not back): what to show until it is back.
    StoreFailed(String),
    /// The database answers again after [`Msg::StoreFailed`].
    StoreBack(String),
}

/// The result of a save, with the request it answers.
#[derive(Clone, Debug)]
pub struct Saved {
    pub save: Save,
    pub outcome: Result<Applied, SaveFailure>,
}

/// The result of a bulk change.
#[derive(Clone, Debug)]
pub struct BulkSaved {
    pub bulk: BulkSave,
    /// The batch id used, and what happened; or why nothing was written.
    pub outcome: Result<(String, BulkOutcome), String>,
}

/// A case as another session left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalChange {
    pub case: Case,
    pub reviewer: String,
    /// The fields they changed (`case` for a case they created).
    pub fields: Vec<String>,
}

/// Why a save did not happen; `fresh` is the case as the database now holds it (a conflict
/// reloads the case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveFailure {
    pub message: String,
    pub fresh: Option<Case>,
    /// Whether the same save may be tried again as it is (a prompt stays open with what was
    /// typed).
    pub retry: Retry,
}

/// Whether a save that failed may be tried again as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// It was refused (a conflict, a lead-only change): trying again cannot help.
    No,
    /// The database could not be reached, and nothing was written.
    NotSaved,
    /// The connection was lost as the change was committed and the database could not be
    /// asked whether it was: trying again is safe (a change that was written makes the next
    /// try a conflict, which shows the case as it is).
    Unsure,
}

/// The time a message arrived, as the event loop read it: `update` itself never reads a
/// clock, so it is a pure function of the state, the message and this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    /// For durations (the session's pace).
    pub instant: Instant,
    /// The local wall-clock time with its zone (today's date, times shown on screen).
    pub local: chrono::DateTime<chrono::FixedOffset>,
}

impl Now {
    pub fn today(&self) -> chrono::NaiveDate {
        self.local.date_naive()
    }
}

/// The session's clock: when it started and the time of the latest message.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub started: Instant,
    pub now: Instant,
}
