//! The one function that changes a case.

use super::audit::{append, AuditEvent, NewEvent};
use super::error::StoreError;
use super::roles::{admit, admit_lead, LeadOnly};
use super::row::{case_from_row, CASE_COLUMNS};
use super::sql::{args, Sql};
use super::Store;
use crate::domain::{Case, Change, Field};

/// Why a change was made; recorded in every audit row it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    /// A reviewer set a field.
    Label,
    /// A reviewer undid one of their changes.
    Undo,
    /// A reviewer redid an undone change.
    Redo,
    /// One case of a bulk change.
    Bulk,
    /// A lead overturned a reviewer's label in a spot-check.
    Overturn,
    /// One case of a revert of a batch. Written only by [`Store::apply_revert`], which records
    /// what each row brings back; [`Store::apply_change`] and [`Store::apply_bulk`] refuse it.
    Revert,
    /// A reviewer accepted a case's suggestions (so spot-checks, agreement and `audit` can
    /// tell accepted suggestions from typed labels).
    Suggestion,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Label => "label",
            AuditAction::Undo => "undo",
            AuditAction::Redo => "redo",
            AuditAction::Bulk => "bulk",
            AuditAction::Overturn => "overturn",
            AuditAction::Revert => "revert",
            AuditAction::Suggestion => "suggestion",
        }
    }
}

/// A change to one case, as a reviewer asked for it.
#[derive(Clone, Debug)]
pub struct ChangeRequest<'a> {
    pub case_id: &'a str,
    /// The version the reviewer saw; `None` applies to whatever version is current.
    pub expected_version: Option<i64>,
    pub reviewer: &'a str,
    pub action: AuditAction,
    pub batch: Option<&'a str>,
    pub changes: &'a [Change],
}

/// What a change did.
#[derive(Clone, Debug)]
pub struct Applied {
    /// The case as it now is in the database.
    pub case: Case,
    /// One audit row per field that really changed; empty when every value was already set.
    pub events: Vec<AuditEvent>,
}

impl Applied {
    pub fn changed(&self) -> bool {
        !self.events.is_empty()
    }
}

impl Store {
    /// Applies `request` in one immediate transaction: checks the version the caller saw
    /// (a stale one is refused with who changed the case and when, one the case never had as
    /// such), updates the row, bumps the
    /// version and appends one audit row per changed field. Setting a field to the value it
    /// already has writes nothing.
    ///
    /// The reviewer must be enrolled (or is enrolled now, with open enrolment); an
    /// [`AuditAction::Overturn`] must come from a lead.
    pub fn apply_change(&mut self, request: &ChangeRequest<'_>) -> Result<Applied, StoreError> {
        self.write_retrying(|store| store.apply_change_once(request))
    }

    fn apply_change_once(&mut self, request: &ChangeRequest<'_>) -> Result<Applied, StoreError> {
        if request.action == AuditAction::Revert {
            return Err(StoreError::RevertOutsideRevert);
        }
        let (mut tx, at) = self.begin(request.reviewer)?;
        if request.action == AuditAction::Overturn {
            admit_lead(&mut *tx, request.reviewer, &at, LeadOnly::Overturn)?;
        } else {
            admit(&mut *tx, request.reviewer, &at)?;
        }
        let applied = apply_in(&mut *tx, request, &at)?;
        if applied.changed() {
            tx.commit()?;
        }
        Ok(applied)
    }
}

/// The change function's work inside the caller's transaction: read the case, check the
/// version, update the row and append the audit rows. Shared by single and bulk changes.
pub(super) fn apply_in<S: Sql + ?Sized>(
    tx: &mut S,
    request: &ChangeRequest<'_>,
    at: &str,
) -> Result<Applied, StoreError> {
    apply_restoring(tx, request, at, &[])
}

/// [`apply_in`], where the audit row of each field named in `restores` records the audit row
/// whose value it brings back (`audit.restores`, written by reverts; see `revert.rs`).
pub(super) fn apply_restoring<S: Sql + ?Sized>(
    tx: &mut S,
    request: &ChangeRequest<'_>,
    at: &str,
    restores: &[(Field, Option<i64>)],
) -> Result<Applied, StoreError> {
    let mut case = match tx.query_opt(
        &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"),
        args![request.case_id],
    )? {
        Some(row) => case_from_row(row)?,
        None => return Err(StoreError::NoSuchCase(request.case_id.to_string())),
    };
    if let Some(expected) = request.expected_version {
        // Versions start at 1 and only grow, so a version outside 1..=current was never seen
        // by anyone: a mistyped number, not someone else's change.
        if !(1..=case.version).contains(&expected) {
            return Err(StoreError::NeverAtVersion {
                case_id: case.id,
                expected,
                current: case.version,
            });
        }
        if expected != case.version {
            return Err(StoreError::Conflict {
                case_id: case.id,
                by: case.updated_by.unwrap_or_else(|| "someone".into()),
                at: case.updated_at.unwrap_or_else(|| "an unknown time".into()),
                current: case.version,
                expected,
            });
        }
    }
    let mut diffs = Vec::new();
    for change in request.changes {
        let old = change.current_text(&case);
        if change.apply_to(&mut case) {
            diffs.push((change.field(), old, change.value_text()));
        }
    }
    if diffs.is_empty() {
        return Ok(Applied {
            case,
            events: Vec::new(),
        });
    }
    case.version += 1;
    case.updated_at = Some(at.to_string());
    case.updated_by = Some(request.reviewer.to_string());
    {
        let code = |i: usize| case.labels[i].map(|c| crate::domain::Dimension::ALL[i].code(c));
        let updated = tx.execute(
            "UPDATE cases SET scope = ?2, reporter = ?3, kind = ?4, service = ?5, \
             substitute = ?6, amount_krw = ?7, status = ?8, note = ?9, version = ?10, \
             updated_at = ?11, updated_by = ?12 WHERE id = ?1 AND version = ?10 - 1",
            args![
                case.id.as_str(),
                code(0),
                code(1),
                code(2),
                code(3),
                code(4),
                case.amount_krw,
                case.status.code(),
                &case.note,
                case.version,
                &case.updated_at,
                &case.updated_by,
            ],
        )?;
        if updated != 1 {
            return Err(StoreError::NoSuchCase(case.id));
        }
    }
    let action = request.action.as_str();
    let mut events = Vec::with_capacity(diffs.len());
    for (field, old, new) in diffs {
        let restored = restores
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, seq)| *seq);
        let seq = append(
            tx,
            &NewEvent {
                at,
                reviewer: request.reviewer,
                case_id: &case.id,
                field: field.name(),
                old: old.as_deref(),
                new: new.as_deref(),
                action,
                batch: request.batch,
                restores: restored,
            },
        )?;
        events.push(AuditEvent {
            seq,
            at: at.to_string(),
            reviewer: request.reviewer.to_string(),
            case_id: case.id.clone(),
            field: field.name().to_string(),
            old,
            new,
            action: action.to_string(),
            batch: request.batch.map(str::to_string),
        });
    }
    Ok(Applied { case, events })
}
