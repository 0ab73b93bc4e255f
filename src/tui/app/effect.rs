//! What `App::update` asks the event loop to do. Effects carry decided values (a parsed
//! amount, a validated spot-check request), never raw text for the runner to interpret.

use super::undo::UndoEntry;
use crate::domain::Change;
use crate::store::{AuditAction, BulkItem};

/// What the app asks the event loop to do.
#[derive(Clone, Debug, PartialEq)]
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
    /// Start a spot-check as the form (read and checked by `update`) asks, then open it.
    NewSpot(crate::leads::OpenSpotCheck),
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
    /// Read what reverting this batch would do, then report back with
    /// [`super::Msg::RevertPlanned`].
    PlanRevert(String),
    /// Revert a batch as planned, then report back with [`super::Msg::Reverted`].
    Revert(crate::store::RevertPlan),
    /// Leave the workbench.
    Quit,
}

/// A bulk change to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkSave {
    pub items: Vec<BulkItem>,
    pub action: AuditAction,
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
    pub action: AuditAction,
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
