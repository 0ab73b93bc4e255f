//! What flows into `App::update` (messages) and out of it (effects).

use std::time::Instant;

use super::undo::UndoEntry;
use crate::domain::{Case, Change};
use crate::store::{Action as StoreAction, Applied, AuditEvent, BulkItem, BulkOutcome, SavedView};
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
    /// Saving or deleting a view failed.
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
    RulesLoaded(Vec<(String, crate::rules::Loaded)>),
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
    /// Problems found at start-up (a bad user keymap): shown until dismissed.
    StartupErrors(Vec<String>),
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

/// What the app asks the event loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write a change through the store's change function, then report back with
    /// [`Msg::Saved`].
    Save(Save),
    /// Write many cases in one transaction under one batch id, then report back with
    /// [`Msg::BulkSaved`].
    Bulk(BulkSave),
    /// Save a view for the team (name, filter, search), then reload the views.
    SaveView {
        name: String,
        filter: String,
        search: Option<String>,
    },
    /// Delete a saved view, then reload the views.
    DeleteView(String),
    /// Ask the search worker for the matches of `query` among `candidates` (case positions),
    /// tagged with `generation`; the answer comes back as [`Msg::SearchResults`].
    Search {
        generation: u64,
        query: String,
        candidates: std::sync::Arc<Vec<usize>>,
    },
    /// Read the spot-checks for the list.
    ListSpotChecks,
    /// Open a spot-check.
    OpenSpot(i64),
    /// Start a spot-check from the form's text (`reviewers=kim since=2026-11-01 size=20`).
    NewSpot(String),
    /// Record the lead's blind label, then read the spot-check again.
    SpotLabel {
        check: i64,
        case_id: String,
        dim: crate::domain::Dimension,
        value: Option<u8>,
    },
    /// Read a spot-check's differences.
    LoadSpotDifferences(i64),
    /// Keep or overturn one difference, then read the differences again.
    SpotResolve {
        check: i64,
        case_id: String,
        dim: crate::domain::Dimension,
        resolution: crate::store::Resolution,
    },
    /// Compute the agreement report.
    LoadAgreement,
    /// Lease the case to this reviewer (it is where `n` landed), then report back with
    /// [`Msg::Claimed`].
    Claim(String),
    /// Read a case's audit trail, then report back with [`Msg::HistoryLoaded`].
    LoadHistory(String),
    /// Leave the workbench.
    Quit,
}

/// A bulk change to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkSave {
    pub items: Vec<BulkItem>,
    pub action: StoreAction,
    pub intent: Intent,
    /// How the change is described in messages (`kind = paid`).
    pub label: String,
}

/// A change to write, with the version the reviewer saw and what to do once it is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Save {
    pub case_id: String,
    pub expected_version: i64,
    pub changes: Vec<Change>,
    pub action: StoreAction,
    pub intent: Intent,
}

/// What a save is for, so its result can be followed up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// An edit: it can be undone.
    Edit,
    /// Mark reviewed, then go to the next unreviewed case.
    Confirm,
    /// Undo of this entry: on success it can be redone.
    Undo(UndoEntry),
    /// Redo of this entry: on success it can be undone again.
    Redo(UndoEntry),
}

/// Why a save did not happen; `fresh` is the case as the database now holds it (a conflict
/// reloads the case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveFailure {
    pub message: String,
    pub fresh: Option<Case>,
}

/// The clock as the event loop saw it when a message arrived (the app itself never reads it).
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub started: Instant,
    pub now: Instant,
}
