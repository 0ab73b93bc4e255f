//! The compared labels of spot-checks: every (case, dimension) the lead labelled, with the
//! reviewer's value as sampled, the lead's, and the resolution; the differences among them;
//! a spot-check's progress.

use serde::Serialize;

use super::code_of;
use super::review::{resolved, Resolution, Resolved};
use crate::domain::Dimension;
use crate::store::error::StoreError;
use crate::store::sql::{args, Sql};
use crate::store::Store;

/// One compared (case, dimension) pair of a spot-check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    pub check_id: i64,
    pub case_id: String,
    pub field: Dimension,
    /// Whose label was checked.
    pub reviewer: String,
    pub reviewer_value: Option<u8>,
    pub lead_value: Option<u8>,
    pub lead: String,
    pub resolution: Option<Resolved>,
}

/// A compared pair where the lead and the reviewer disagree.
pub type Difference = Compared;

impl Compared {
    pub fn differs(&self) -> bool {
        self.reviewer_value != self.lead_value
    }
}

/// A spot-check's progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub cases: usize,
    /// Cases where the lead labelled at least one dimension.
    pub labelled: usize,
    /// Compared (case, dimension) pairs.
    pub compared: usize,
    pub differences: usize,
    pub kept: usize,
    pub overturned: usize,
}

impl Progress {
    pub fn unresolved(&self) -> usize {
        self.differences.saturating_sub(self.kept + self.overturned)
    }
}

impl Store {
    /// Every compared pair of one spot-check (`Some(id)`) or of all of them, with the
    /// reviewer's label as sampled and the lead's, in spot-check and sample order.
    pub fn compared_pairs(&self, check_id: Option<i64>) -> Result<Vec<Compared>, StoreError> {
        pairs_in(&mut self.reader()?, check_id, None)
    }

    /// The pairs of a spot-check where the lead and the reviewer disagree, resolved or not.
    pub fn differences(&self, check_id: i64) -> Result<Vec<Difference>, StoreError> {
        let mut sql = self.reader()?;
        require_check(&mut sql, check_id)?;
        Ok(pairs_in(&mut sql, Some(check_id), None)?
            .into_iter()
            .filter(Compared::differs)
            .collect())
    }

    /// How far a spot-check has got.
    pub fn spot_check_progress(&self, check_id: i64) -> Result<Progress, StoreError> {
        let mut sql = self.reader()?;
        require_check(&mut sql, check_id)?;
        let mut count = |query: &str| -> Result<usize, StoreError> {
            let n: i64 = sql.query_row(query, args![check_id])?.get(0)?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let cases = count("SELECT count(*) FROM spot_check_cases WHERE check_id = ?1")?;
        let labelled =
            count("SELECT count(DISTINCT case_id) FROM spot_check_labels WHERE check_id = ?1")?;
        let pairs = pairs_in(&mut sql, Some(check_id), None)?;
        let mut progress = Progress {
            cases,
            labelled,
            compared: pairs.len(),
            ..Progress::default()
        };
        for pair in pairs.iter().filter(|p| p.differs()) {
            progress.differences += 1;
            match pair.resolution.as_ref().map(|r| r.resolution) {
                Some(Resolution::Keep) => progress.kept += 1,
                Some(Resolution::Overturn) => progress.overturned += 1,
                None => {}
            }
        }
        Ok(progress)
    }
}

pub(super) fn require_check<S: Sql + ?Sized>(sql: &mut S, check_id: i64) -> Result<(), StoreError> {
    if sql.exists("SELECT 1 FROM spot_checks WHERE id = ?1", args![check_id])? {
        Ok(())
    } else {
        Err(StoreError::NoSuchSpotCheck(check_id))
    }
}

/// Compared pairs, optionally of one check and of one (case, dimension).
pub(super) fn pairs_in<S: Sql + ?Sized>(
    sql: &mut S,
    check_id: Option<i64>,
    only: Option<(&str, Dimension)>,
) -> Result<Vec<Compared>, StoreError> {
    let (only_case, only_field) = match only {
        Some((case, dim)) => (Some(case), Some(dim.name())),
        None => (None, None),
    };
    let mut out = Vec::new();
    sql.for_each(
        "SELECT l.check_id, l.case_id, l.field, c.reviewer, \
                CASE l.field WHEN 'scope' THEN c.scope WHEN 'reporter' THEN c.reporter \
                     WHEN 'kind' THEN c.kind WHEN 'service' THEN c.service \
                     ELSE c.substitute END, \
                l.value, l.lead, r.resolution, r.lead, r.at \
         FROM spot_check_labels l \
         JOIN spot_check_cases c ON c.check_id = l.check_id AND c.case_id = l.case_id \
         LEFT JOIN spot_check_resolutions r \
           ON r.check_id = l.check_id AND r.case_id = l.case_id AND r.field = l.field \
         WHERE (CAST(?1 AS BIGINT) IS NULL OR l.check_id = ?1) \
           AND (CAST(?2 AS TEXT) IS NULL OR (l.case_id = ?2 AND l.field = ?3)) \
         ORDER BY l.check_id, c.position, \
                  CASE l.field WHEN 'scope' THEN 0 WHEN 'reporter' THEN 1 WHEN 'kind' THEN 2 \
                               WHEN 'service' THEN 3 ELSE 4 END",
        args![check_id, only_case, only_field],
        &mut |row| {
            let case_id: String = row.get(1)?;
            let field_name: String = row.get(2)?;
            let Some(field) = Dimension::from_name(&field_name) else {
                return Ok(());
            };
            let resolution = match row.text(7)? {
                Some(text) => Some(resolved(text, row.get(8)?, row.get(9)?, &case_id)?),
                None => None,
            };
            out.push(Compared {
                check_id: row.get(0)?,
                reviewer: row.get(3)?,
                reviewer_value: code_of(field, row.text(4)?, &case_id)?,
                lead_value: code_of(field, row.text(5)?, &case_id)?,
                lead: row.get(6)?,
                resolution,
                field,
                case_id,
            });
            Ok(())
        },
    )?;
    Ok(out)
}
