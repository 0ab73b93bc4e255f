//! Blind review in a spot-check: the lead's own labels, the differences from the reviewer's
//! labels as sampled, and their resolution (keep the reviewer's label, or overturn it through
//! the change function, in the same transaction).
//!
//! A (case, dimension) pair is *compared* once the lead has labelled that dimension of that
//! case; it is a *difference* when the lead's value is not the reviewer's (a label the
//! reviewer left unset counts as the value "not set"). A resolution is final, and a dimension
//! cannot be relabelled by the lead once resolved.

use serde::Serialize;

use super::code_of;
use super::pairs::{pairs_in, require_check, Compared};
use crate::domain::{Change, Dimension};
use crate::store::change::{apply_in, Applied, AuditAction, ChangeRequest};
use crate::store::error::StoreError;
use crate::store::roles::{admit_lead, LeadOnly};
use crate::store::sql::{args, Sql};
use crate::store::Store;

/// What the lead decided about a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The reviewer's label stands.
    Keep,
    /// The lead's label replaces it (audit action `overturn`).
    Overturn,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Keep => "keep",
            Resolution::Overturn => "overturn",
        }
    }

    pub fn parse(text: &str) -> Option<Resolution> {
        match text {
            "keep" => Some(Resolution::Keep),
            "overturn" => Some(Resolution::Overturn),
            _ => None,
        }
    }
}

/// A resolution as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub resolution: Resolution,
    pub by: String,
    pub at: String,
}

/// What [`Store::resolve`] did.
#[derive(Clone, Debug)]
pub struct ResolveOutcome {
    pub resolution: Resolution,
    /// The change an overturn made; `None` for keep, or when the case already held the lead's
    /// value.
    pub applied: Option<Applied>,
}

impl Store {
    /// Records the lead's blind label for one dimension of a sampled case (`None`: the lead
    /// says it is not set). Lead only; refused once that dimension is resolved.
    pub fn record_lead_label(
        &mut self,
        check_id: i64,
        case_id: &str,
        field: Dimension,
        value: Option<u8>,
        lead: &str,
    ) -> Result<(), StoreError> {
        self.write_retrying(|store| {
            store.record_lead_label_once(check_id, case_id, field, value, lead)
        })
    }

    fn record_lead_label_once(
        &mut self,
        check_id: i64,
        case_id: &str,
        field: Dimension,
        value: Option<u8>,
        lead: &str,
    ) -> Result<(), StoreError> {
        let (mut tx, at) = self.begin(lead)?;
        admit_lead(&mut *tx, lead, &at, LeadOnly::SpotCheck)?;
        require_case(&mut *tx, check_id, case_id)?;
        if let Some(done) = resolution_in(&mut *tx, check_id, case_id, field)? {
            return Err(already(check_id, case_id, field, done));
        }
        tx.execute(
            "INSERT INTO spot_check_labels (check_id, case_id, field, value, lead, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (check_id, case_id, field) DO UPDATE SET value = ?4, lead = ?5, at = ?6",
            args![
                check_id,
                case_id,
                field.name(),
                value.map(|c| field.code(c)),
                lead,
                at.as_str()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Resolves one difference. `Overturn` applies the lead's value through the change
    /// function (audit action `overturn`, batch `spot-check-ID`) in the same transaction as the
    /// resolution; it is refused if the field was changed since sampling to something that is
    /// neither the reviewer's value nor the lead's.
    pub fn resolve(
        &mut self,
        check_id: i64,
        case_id: &str,
        field: Dimension,
        resolution: Resolution,
        lead: &str,
    ) -> Result<ResolveOutcome, StoreError> {
        self.write_retrying(|store| store.resolve_once(check_id, case_id, field, resolution, lead))
    }

    fn resolve_once(
        &mut self,
        check_id: i64,
        case_id: &str,
        field: Dimension,
        resolution: Resolution,
        lead: &str,
    ) -> Result<ResolveOutcome, StoreError> {
        let (mut tx, at) = self.begin(lead)?;
        let needs = match resolution {
            Resolution::Keep => LeadOnly::SpotCheck,
            Resolution::Overturn => LeadOnly::Overturn,
        };
        admit_lead(&mut *tx, lead, &at, needs)?;
        require_case(&mut *tx, check_id, case_id)?;
        let not_a_difference = || StoreError::NotADifference {
            check: check_id,
            case_id: case_id.to_string(),
            field: field.name(),
        };
        let pair = pairs_in(&mut *tx, Some(check_id), Some((case_id, field)))?
            .into_iter()
            .next()
            .ok_or_else(not_a_difference)?;
        if let Some(done) = pair.resolution {
            return Err(already(check_id, case_id, field, done));
        }
        if !pair.differs() {
            return Err(not_a_difference());
        }
        let applied = match resolution {
            Resolution::Keep => None,
            Resolution::Overturn => overturn(&mut *tx, &pair, lead, &at)?,
        };
        tx.execute(
            "INSERT INTO spot_check_resolutions (check_id, case_id, field, resolution, lead, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                check_id,
                case_id,
                field.name(),
                resolution.as_str(),
                lead,
                at.as_str()
            ],
        )?;
        tx.commit()?;
        Ok(ResolveOutcome {
            resolution,
            applied,
        })
    }
}

/// Applies the lead's value to the case, unless it is there already.
fn overturn<S: Sql + ?Sized>(
    tx: &mut S,
    pair: &Compared,
    lead: &str,
    at: &str,
) -> Result<Option<Applied>, StoreError> {
    let dim = pair.field;
    let row = tx.query_row(
        &format!("SELECT {}, updated_by FROM cases WHERE id = ?1", dim.name()),
        args![&pair.case_id],
    )?;
    let now = code_of(dim, row.text(0)?, &pair.case_id)?;
    let by: Option<String> = row.get(1)?;
    if now == pair.lead_value {
        return Ok(None);
    }
    if now != pair.reviewer_value {
        let show = |v: Option<u8>| v.map_or("not set".to_string(), |c| dim.code(c).to_string());
        return Err(StoreError::ChangedSinceSampled {
            case_id: pair.case_id.clone(),
            field: dim.name(),
            sampled: show(pair.reviewer_value),
            now: show(now),
            by: by.unwrap_or_else(|| "someone".into()),
        });
    }
    let batch = format!("spot-check-{}", pair.check_id);
    let changes = [Change::Label(dim, pair.lead_value)];
    let applied = apply_in(
        tx,
        &ChangeRequest {
            case_id: &pair.case_id,
            expected_version: None,
            reviewer: lead,
            action: AuditAction::Overturn,
            batch: Some(&batch),
            changes: &changes,
        },
        at,
    )?;
    Ok(Some(applied))
}

fn already(check_id: i64, case_id: &str, field: Dimension, done: Resolved) -> StoreError {
    StoreError::AlreadyResolved {
        check: check_id,
        case_id: case_id.to_string(),
        field: field.name(),
        resolution: done.resolution.as_str(),
        by: done.by,
        at: done.at,
    }
}

fn require_case<S: Sql + ?Sized>(
    sql: &mut S,
    check_id: i64,
    case_id: &str,
) -> Result<(), StoreError> {
    require_check(sql, check_id)?;
    if sql.exists(
        "SELECT 1 FROM spot_check_cases WHERE check_id = ?1 AND case_id = ?2",
        args![check_id, case_id],
    )? {
        Ok(())
    } else {
        Err(StoreError::NotInSpotCheck {
            check: check_id,
            case_id: case_id.to_string(),
        })
    }
}

fn resolution_in<S: Sql + ?Sized>(
    sql: &mut S,
    check_id: i64,
    case_id: &str,
    field: Dimension,
) -> Result<Option<Resolved>, StoreError> {
    let Some(row) = sql.query_opt(
        "SELECT resolution, lead, at FROM spot_check_resolutions \
         WHERE check_id = ?1 AND case_id = ?2 AND field = ?3",
        args![check_id, case_id, field.name()],
    )?
    else {
        return Ok(None);
    };
    let text: String = row.get(0)?;
    resolved(&text, row.get(1)?, row.get(2)?, case_id).map(Some)
}

pub(super) fn resolved(
    text: &str,
    by: String,
    at: String,
    case_id: &str,
) -> Result<Resolved, StoreError> {
    let resolution = Resolution::parse(text).ok_or_else(|| StoreError::Corrupt {
        case_id: case_id.to_string(),
        field: "resolution",
        value: text.to_string(),
    })?;
    Ok(Resolved { resolution, by, at })
}
