//! Reverting a batch: every case a batch changed (a bulk change, a `label --from` run, a
//! workbench undo of a bulk change, an earlier revert) that still holds what the batch left is
//! put back as it was before the batch, as one new batch with audit action `revert`. A case
//! changed since by anyone (a later audit row on one of the fields the batch set, from outside
//! the batch) is left alone and named with who changed which field when.
//!
//! In two steps, so a front end can show what would happen before it happens:
//! [`Store::revert_plan`] reads (what would be restored, what skipped), and
//! [`Store::apply_revert`] writes the plan through the bulk change path, with the versions the
//! plan saw: a case changed between the two is skipped by the same optimistic version check as
//! every other change. [`Store::revert_batch`] does both (or only the first, for a dry run).
//!
//! Each `revert` audit row records in `audit.restores` the audit row whose value it brings
//! back, followed through earlier reverts, so the spot-check population can count the reverted
//! batch as if it never happened (see `spot/mod.rs`). Reverting a revert is allowed: it is a batch
//! like any other, and brings the first batch's values back (with their authorship).
//!
//! Not revertible: batches that created cases (import, sample data: a revert changes fields, it
//! does not remove cases) and spot-check overturns (they are the resolution of a difference,
//! recorded with the spot-check; a lead who changes their mind labels the case by hand).

use std::collections::{HashMap, HashSet};

use super::audit::CREATED_FIELD;
use super::bulk::BulkItem;
use super::change::{Applied, AuditAction};
use super::error::StoreError;
use super::sql::{args, Row, Sql};
use super::{new_batch_id, Store};
use crate::domain::nearest::edit_distance;
use crate::domain::{Change, Field};

/// How many batch ids an unknown one is answered with.
const NEAREST_SHOWN: usize = 3;

/// One field of a case as a revert brings it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRevert {
    pub field: Field,
    /// What the batch left there (and the case still holds).
    pub now: Option<String>,
    /// What it held before the batch: the value the revert brings back.
    pub back: Option<String>,
    /// The audit row that set `back` (followed through earlier reverts); `None` when no audit
    /// row did (the value came with the case).
    restores: Option<i64>,
}

/// A case a revert puts back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRevert {
    pub case_id: String,
    /// The version the plan saw; the revert is refused for this case if it moved.
    pub version: i64,
    pub fields: Vec<FieldRevert>,
}

/// A change made after the batch, which keeps a revert off a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaterChange {
    pub field: String,
    pub by: String,
    pub at: String,
    pub batch: Option<String>,
}

/// A case a revert leaves alone, with the changes made to it since the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevertSkip {
    pub case_id: String,
    pub changed: Vec<LaterChange>,
}

/// What reverting a batch would do: read by [`Store::revert_plan`], written by
/// [`Store::apply_revert`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevertPlan {
    /// The batch to revert.
    pub batch: String,
    /// How many cases the batch changed.
    pub cases: usize,
    /// The cases that still hold what the batch left, in the batch's order.
    pub restore: Vec<CaseRevert>,
    /// The cases changed since, in the batch's order.
    pub skipped: Vec<RevertSkip>,
}

/// What a revert did (or, for a dry run, would do).
#[derive(Clone, Debug)]
pub struct RevertOutcome {
    /// The batch reverted.
    pub reverted: String,
    /// How many cases the batch changed.
    pub cases: usize,
    /// The revert's own batch id; `None` for a dry run, or when nothing was restored.
    pub batch: Option<String>,
    pub restored: Vec<CaseRevert>,
    pub skipped: Vec<RevertSkip>,
    /// The cases as the database now holds them, with the audit rows written (empty for a dry
    /// run).
    pub applied: Vec<Applied>,
}

/// A batch's rows on one field of one case.
struct FieldRows {
    name: String,
    first_seq: i64,
    before: Option<String>,
    after: Option<String>,
}

impl Store {
    /// What reverting `batch` would restore and skip. Reads only, in one snapshot (the
    /// versions it records match the audit rows it looked at). An unknown batch is refused with
    /// the nearest batch ids.
    pub fn revert_plan(&self, batch: &str) -> Result<RevertPlan, StoreError> {
        self.read_retrying(|store| {
            let mut tx = store.begin_read()?;
            let plan = plan_in(&mut *tx, batch)?;
            tx.commit()?;
            Ok(plan)
        })
    }

    /// Writes `plan` as one new batch (`revert-…`, audit action `revert`) through the bulk
    /// change path: the same version check (a case changed since the plan is skipped, named
    /// with its latest change) and the same rule that more than
    /// [`super::MAX_REVIEWER_BULK`] cases need a lead. Nothing is written when nothing is left
    /// to restore.
    pub fn apply_revert(
        &mut self,
        plan: &RevertPlan,
        reviewer: &str,
    ) -> Result<RevertOutcome, StoreError> {
        self.write_retrying(|store| store.apply_revert_once(plan, reviewer))
    }

    fn apply_revert_once(
        &mut self,
        plan: &RevertPlan,
        reviewer: &str,
    ) -> Result<RevertOutcome, StoreError> {
        let mut outcome = RevertOutcome {
            reverted: plan.batch.clone(),
            cases: plan.cases,
            batch: None,
            restored: Vec::new(),
            skipped: plan.skipped.clone(),
            applied: Vec::new(),
        };
        if plan.restore.is_empty() {
            return Ok(outcome);
        }
        let mut items = Vec::with_capacity(plan.restore.len());
        let mut restores = Vec::with_capacity(plan.restore.len());
        for case in &plan.restore {
            let changes = case
                .fields
                .iter()
                .map(|f| change_back(&case.case_id, f))
                .collect::<Result<Vec<_>, _>>()?;
            items.push(BulkItem {
                case_id: case.case_id.clone(),
                expected_version: Some(case.version),
                changes,
            });
            restores.push(case.fields.iter().map(|f| (f.field, f.restores)).collect());
        }
        let batch = new_batch_id(AuditAction::Revert.as_str());
        let bulk =
            self.apply_bulk_restoring(&items, &restores, reviewer, AuditAction::Revert, &batch)?;
        let done: HashSet<&str> = bulk.applied.iter().map(|a| a.case.id.as_str()).collect();
        outcome.restored = plan
            .restore
            .iter()
            .filter(|c| done.contains(c.case_id.as_str()))
            .cloned()
            .collect();
        for skipped in &bulk.skipped {
            outcome.skipped.push(RevertSkip {
                case_id: skipped.case_id.clone(),
                changed: latest_change(&mut self.reader()?, &skipped.case_id)?
                    .into_iter()
                    .collect(),
            });
        }
        if !bulk.applied.is_empty() {
            outcome.batch = Some(batch);
        }
        outcome.applied = bulk.applied;
        Ok(outcome)
    }

    /// Reverts `batch` on behalf of `reviewer`: [`Store::revert_plan`], then (unless
    /// `dry_run`) [`Store::apply_revert`]. A dry run writes nothing.
    pub fn revert_batch(
        &mut self,
        batch: &str,
        reviewer: &str,
        dry_run: bool,
    ) -> Result<RevertOutcome, StoreError> {
        let plan = self.revert_plan(batch)?;
        if !dry_run {
            return self.apply_revert(&plan, reviewer);
        }
        Ok(RevertOutcome {
            reverted: plan.batch,
            cases: plan.cases,
            batch: None,
            restored: plan.restore,
            skipped: plan.skipped,
            applied: Vec::new(),
        })
    }
}

/// The change that brings `field` back; a stored value the domain refuses is reported.
fn change_back(case_id: &str, field: &FieldRevert) -> Result<Change, StoreError> {
    Change::from_text(field.field, field.back.as_deref()).map_err(|_| StoreError::Corrupt {
        case_id: case_id.to_string(),
        field: field.field.name(),
        value: field.back.clone().unwrap_or_default(),
    })
}

fn plan_in<S: Sql + ?Sized>(sql: &mut S, batch: &str) -> Result<RevertPlan, StoreError> {
    refuse_unrevertible(sql, batch)?;
    let mut order: Vec<String> = Vec::new();
    let mut by_case: HashMap<String, Vec<FieldRows>> = HashMap::new();
    sql.for_each(
        "SELECT seq, case_id, field, old, new FROM audit WHERE batch = ?1 ORDER BY seq",
        args![batch],
        &mut |row| {
            let seq: i64 = row.get(0)?;
            let case_id: String = row.get(1)?;
            let name: String = row.get(2)?;
            let fields = by_case.entry(case_id.clone()).or_insert_with(|| {
                order.push(case_id);
                Vec::new()
            });
            match fields.iter_mut().find(|f| f.name == name) {
                Some(f) => f.after = row.get(4)?,
                None => fields.push(FieldRows {
                    name,
                    first_seq: seq,
                    before: row.get(3)?,
                    after: row.get(4)?,
                }),
            }
            Ok(())
        },
    )?;
    let mut plan = RevertPlan {
        batch: batch.to_string(),
        cases: order.len(),
        restore: Vec::new(),
        skipped: Vec::new(),
    };
    for case_id in order {
        let fields = by_case.remove(&case_id).unwrap_or_default();
        let mut changed = Vec::new();
        let mut reverts = Vec::with_capacity(fields.len());
        for rows in fields {
            if let Some(later) = changed_since(sql, &case_id, &rows, batch)? {
                changed.push(later);
                continue;
            }
            let field = Field::parse(&rows.name).map_err(|_| StoreError::Corrupt {
                case_id: case_id.clone(),
                field: "field",
                value: rows.name.clone(),
            })?;
            let revert = FieldRevert {
                field,
                restores: restored_row(sql, &case_id, &rows)?,
                now: rows.after,
                back: rows.before,
            };
            change_back(&case_id, &revert)?;
            reverts.push(revert);
        }
        if !changed.is_empty() {
            plan.skipped.push(RevertSkip { case_id, changed });
            continue;
        }
        let version: i64 = sql
            .query_opt("SELECT version FROM cases WHERE id = ?1", args![&case_id])?
            .ok_or_else(|| StoreError::NoSuchCase(case_id.clone()))?
            .get(0)?;
        plan.restore.push(CaseRevert {
            case_id,
            version,
            fields: reverts,
        });
    }
    Ok(plan)
}

/// Refuses a batch that is not in the audit log (naming the nearest ones), that created
/// cases, or that holds spot-check overturns.
fn refuse_unrevertible<S: Sql + ?Sized>(sql: &mut S, batch: &str) -> Result<(), StoreError> {
    let counts = sql.query_row(
        "SELECT count(*), count(CASE WHEN field = ?2 THEN 1 END), \
         count(CASE WHEN action = 'overturn' THEN 1 END) FROM audit WHERE batch = ?1",
        args![batch, CREATED_FIELD],
    )?;
    let (rows, created, overturns): (i64, i64, i64) =
        (counts.get(0)?, counts.get(1)?, counts.get(2)?);
    if rows == 0 {
        return Err(StoreError::NoSuchBatch {
            batch: batch.to_string(),
            nearest: nearest_batches(sql, batch)?,
        });
    }
    let why = if created > 0 {
        "it created cases; a revert changes fields back, it does not remove cases"
    } else if overturns > 0 {
        "it holds spot-check overturns, which are the spot-check's resolutions; label the case \
         by hand instead"
    } else {
        return Ok(());
    };
    Err(StoreError::NotRevertible {
        batch: batch.to_string(),
        why,
    })
}

/// The latest change to the field from outside the batch after the batch's first row on it.
fn changed_since<S: Sql + ?Sized>(
    sql: &mut S,
    case_id: &str,
    rows: &FieldRows,
    batch: &str,
) -> Result<Option<LaterChange>, StoreError> {
    sql.query_opt(
        "SELECT field, reviewer, at, batch FROM audit WHERE case_id = ?1 AND field = ?2 \
         AND seq > ?3 AND batch IS DISTINCT FROM ?4 ORDER BY seq DESC LIMIT 1",
        args![case_id, &rows.name, rows.first_seq, batch],
    )?
    .map(|row| later_change(&row))
    .transpose()
}

/// The latest audit row of a case, as the change that kept a revert off it.
fn latest_change<S: Sql + ?Sized>(
    sql: &mut S,
    case_id: &str,
) -> Result<Option<LaterChange>, StoreError> {
    sql.query_opt(
        "SELECT field, reviewer, at, batch FROM audit WHERE case_id = ?1 \
         ORDER BY seq DESC LIMIT 1",
        args![case_id],
    )?
    .map(|row| later_change(&row))
    .transpose()
}

fn later_change(row: &Row<'_>) -> Result<LaterChange, StoreError> {
    Ok(LaterChange {
        field: row.get(0)?,
        by: row.get(1)?,
        at: row.get(2)?,
        batch: row.get(3)?,
    })
}

/// The audit row whose value the field held before the batch: the one just before the
/// batch's first row on it, or, when that was a revert, the row that revert brought back.
fn restored_row<S: Sql + ?Sized>(
    sql: &mut S,
    case_id: &str,
    rows: &FieldRows,
) -> Result<Option<i64>, StoreError> {
    let before: Option<(i64, String, Option<i64>)> = sql
        .query_opt(
            "SELECT seq, action, restores FROM audit WHERE case_id = ?1 AND field = ?2 \
             AND seq < ?3 ORDER BY seq DESC LIMIT 1",
            args![case_id, &rows.name, rows.first_seq],
        )?
        .map(|row| Ok::<_, StoreError>((row.get(0)?, row.get(1)?, row.get(2)?)))
        .transpose()?;
    Ok(match before {
        None => None,
        Some((_, action, restores)) if action == AuditAction::Revert.as_str() => restores,
        Some((seq, _, _)) => Some(seq),
    })
}

/// The revertible batch ids nearest to `batch` by edit distance (the most recent first among
/// equals).
fn nearest_batches<S: Sql + ?Sized>(sql: &mut S, batch: &str) -> Result<Vec<String>, StoreError> {
    let mut ids = Vec::new();
    sql.for_each(
        "SELECT batch FROM audit WHERE batch IS NOT NULL GROUP BY batch \
         HAVING count(CASE WHEN field = ?1 THEN 1 END) = 0 \
         AND count(CASE WHEN action = 'overturn' THEN 1 END) = 0 ORDER BY max(seq) DESC",
        args![CREATED_FIELD],
        &mut |row| {
            ids.push(row.get::<String>(0)?);
            Ok(())
        },
    )?;
    ids.sort_by_cached_key(|id| edit_distance(batch, id));
    ids.truncate(NEAREST_SHOWN);
    Ok(ids)
}
