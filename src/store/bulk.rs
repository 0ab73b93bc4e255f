//! Bulk changes: many cases in one transaction under one batch id. A case changed by someone
//! else since the caller saw it is skipped and reported, never overwritten.

use super::change::{apply_restoring, Applied, AuditAction, ChangeRequest};
use super::error::StoreError;
use super::roles::{admit, LeadOnly, Role, MAX_REVIEWER_BULK};
use super::Store;
use crate::domain::{Change, Field};

/// One case of a bulk change: the version the caller saw and the changes for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkItem {
    pub case_id: String,
    pub expected_version: Option<i64>,
    pub changes: Vec<Change>,
}

/// A case a bulk change left alone because it was changed since it was seen (or is gone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub case_id: String,
    /// Why, as a sentence: `changed by kim at …` or `no such case`.
    pub reason: String,
}

/// What a bulk change did.
#[derive(Clone, Debug, Default)]
pub struct BulkOutcome {
    /// Every case that really changed, as the database now holds it.
    pub applied: Vec<Applied>,
    /// Cases where every value was already set.
    pub unchanged: usize,
    pub skipped: Vec<Skipped>,
}

impl Store {
    /// Whether [`Store::apply_bulk`] would take `items` cases from `reviewer` (the same
    /// rules, read only): for a preview that must not promise what the real run refuses.
    pub fn check_bulk(
        &self,
        reviewer: &str,
        items: usize,
        action: AuditAction,
    ) -> Result<(), StoreError> {
        let role = self.check_enrolled(reviewer)?;
        refusal(role, reviewer, items, action).map_or(Ok(()), Err)
    }

    /// Applies every item in one immediate transaction, all audit rows under `batch`. More
    /// than [`MAX_REVIEWER_BULK`] items, or overturns, need a lead. [`AuditAction::Revert`] is
    /// refused: reverts go through [`Store::apply_revert`].
    pub fn apply_bulk(
        &mut self,
        items: &[BulkItem],
        reviewer: &str,
        action: AuditAction,
        batch: &str,
    ) -> Result<BulkOutcome, StoreError> {
        if action == AuditAction::Revert {
            return Err(StoreError::RevertOutsideRevert);
        }
        self.write_retrying(|store| store.apply_bulk_restoring(items, &[], reviewer, action, batch))
    }

    /// [`Store::apply_bulk`] for reverts: `restores[i]`, when given, names for the fields of
    /// `items[i]` the audit row whose value each brings back. Runs once: its callers run it
    /// inside [`Store::write_retrying`].
    pub(super) fn apply_bulk_restoring(
        &mut self,
        items: &[BulkItem],
        restores: &[Vec<(Field, Option<i64>)>],
        reviewer: &str,
        action: AuditAction,
        batch: &str,
    ) -> Result<BulkOutcome, StoreError> {
        let (mut tx, at) = self.begin(reviewer)?;
        let role = admit(&mut *tx, reviewer, &at)?;
        if let Some(refusal) = refusal(role, reviewer, items.len(), action) {
            return Err(refusal);
        }
        let mut outcome = BulkOutcome::default();
        for (i, item) in items.iter().enumerate() {
            let request = ChangeRequest {
                case_id: &item.case_id,
                expected_version: item.expected_version,
                reviewer,
                action,
                batch: Some(batch),
                changes: &item.changes,
            };
            let restored = restores.get(i).map_or(&[][..], Vec::as_slice);
            match apply_restoring(&mut *tx, &request, &at, restored) {
                Ok(applied) if applied.changed() => outcome.applied.push(applied),
                Ok(_) => outcome.unchanged += 1,
                Err(StoreError::Conflict {
                    case_id, by, at, ..
                }) => outcome.skipped.push(Skipped {
                    case_id,
                    reason: format!("changed by {by} at {at}"),
                }),
                Err(StoreError::NeverAtVersion {
                    case_id,
                    expected,
                    current,
                }) => outcome.skipped.push(Skipped {
                    case_id,
                    reason: format!("never at version {expected} (it is at version {current})"),
                }),
                Err(StoreError::NoSuchCase(case_id)) => outcome.skipped.push(Skipped {
                    case_id,
                    reason: "no such case".into(),
                }),
                Err(other) => return Err(other),
            }
        }
        if !outcome.applied.is_empty() {
            tx.commit()?;
        }
        Ok(outcome)
    }
}

/// What only a lead may do in bulk: more than [`MAX_REVIEWER_BULK`] cases, or overturns.
fn refusal(role: Role, reviewer: &str, items: usize, action: AuditAction) -> Option<StoreError> {
    let action = match role {
        Role::Lead => return None,
        Role::Reviewer if items > MAX_REVIEWER_BULK => LeadOnly::LargeBulk(items),
        Role::Reviewer if action == AuditAction::Overturn => LeadOnly::Overturn,
        Role::Reviewer => return None,
    };
    Some(StoreError::NotALead {
        action,
        reviewer: reviewer.to_string(),
    })
}
