//! Reading spot-checks back: the list, and one with its sample and the lead's labels so far.
//! Blind: nothing here carries the reviewers' labels (they come with the differences, in
//! `review.rs`, once the lead has labelled).

use std::collections::HashMap;

use super::{code_of, StratumCount};
use crate::domain::Dimension;
use crate::store::error::StoreError;
use crate::store::sql::{args, Sql};
use crate::store::Store;

/// A case in a spot-check as the lead may see it during blind review: no reviewer labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpotCase {
    pub case_id: String,
    /// Whose labels are checked.
    pub reviewer: String,
    /// The lead's labels so far, per dimension: `None` not yet labelled, `Some(None)` the lead
    /// says the dimension is not set, `Some(Some(code))` a code.
    pub lead_labels: [Option<Option<u8>>; 5],
}

impl SpotCase {
    /// Whether the lead has labelled at least one dimension.
    pub fn labelled_by_lead(&self) -> bool {
        self.lead_labels.iter().any(Option::is_some)
    }
}

/// A spot-check with its sample (blind: the reviewers' labels are not in it).
#[derive(Clone, Debug, PartialEq)]
pub struct SpotCheck {
    pub id: i64,
    pub name: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub since: String,
    pub until: Option<String>,
    pub reviewers: Vec<String>,
    pub population: usize,
    pub confidence: Option<f64>,
    pub margin: Option<f64>,
    pub proportion: Option<f64>,
    pub seed: u64,
    pub strata: Vec<StratumCount>,
    /// In sample order.
    pub cases: Vec<SpotCase>,
}

impl Store {
    /// Every spot-check, newest first, without their cases.
    pub fn spot_checks(&self) -> Result<Vec<SpotCheck>, StoreError> {
        let mut sql = self.reader()?;
        let ids: Vec<i64> = sql
            .query("SELECT id FROM spot_checks ORDER BY id DESC", args![])?
            .iter()
            .map(|row| row.get(0))
            .collect::<Result<_, _>>()?;
        ids.into_iter()
            .map(|id| header(&mut sql, id))
            .collect::<Result<_, _>>()
    }

    /// A spot-check with its cases and the lead's labels so far (blind: no reviewer labels).
    pub fn spot_check(&self, id: i64) -> Result<SpotCheck, StoreError> {
        let mut sql = self.reader()?;
        let mut check = header(&mut sql, id)?;
        sql.for_each(
            "SELECT case_id, reviewer FROM spot_check_cases WHERE check_id = ?1 ORDER BY position",
            args![id],
            &mut |row| {
                check.cases.push(SpotCase {
                    case_id: row.get(0)?,
                    reviewer: row.get(1)?,
                    lead_labels: [None; 5],
                });
                Ok(())
            },
        )?;
        let position: HashMap<String, usize> = check
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.case_id.clone(), i))
            .collect();
        sql.for_each(
            "SELECT case_id, field, value FROM spot_check_labels WHERE check_id = ?1",
            args![id],
            &mut |row| {
                let case_id: String = row.get(0)?;
                let field: String = row.get(1)?;
                let Some(dim) = Dimension::from_name(&field) else {
                    return Ok(());
                };
                let code = code_of(dim, row.text(2)?, &case_id)?;
                if let Some(case) = position.get(&case_id).and_then(|&i| check.cases.get_mut(i)) {
                    case.lead_labels[dim.index()] = Some(code);
                }
                Ok(())
            },
        )?;
        Ok(check)
    }
}

/// A spot-check's own row, reviewers and strata; `cases` left empty.
fn header<S: Sql + ?Sized>(sql: &mut S, id: i64) -> Result<SpotCheck, StoreError> {
    let row = sql
        .query_opt(
            "SELECT name, created_by, created_at, since, until, population, confidence, margin, \
             proportion, seed FROM spot_checks WHERE id = ?1",
            args![id],
        )?
        .ok_or(StoreError::NoSuchSpotCheck(id))?;
    let population: i64 = row.get(5)?;
    let seed: i64 = row.get(9)?;
    let mut check = SpotCheck {
        id,
        name: row.get(0)?,
        created_by: row.get(1)?,
        created_at: row.get(2)?,
        since: row.get(3)?,
        until: row.get(4)?,
        reviewers: Vec::new(),
        population: usize::try_from(population).unwrap_or(0),
        confidence: row.get(6)?,
        margin: row.get(7)?,
        proportion: row.get(8)?,
        seed: seed as u64,
        strata: Vec::new(),
        cases: Vec::new(),
    };
    sql.for_each(
        "SELECT reviewer FROM spot_check_reviewers WHERE check_id = ?1 ORDER BY reviewer",
        args![id],
        &mut |row| {
            check.reviewers.push(row.get(0)?);
            Ok(())
        },
    )?;
    sql.for_each(
        "SELECT stratum, population, sample FROM spot_check_strata WHERE check_id = ?1 \
         ORDER BY population DESC, stratum",
        args![id],
        &mut |row| {
            let population: i64 = row.get(1)?;
            let sample: i64 = row.get(2)?;
            check.strata.push(StratumCount {
                stratum: row.get(0)?,
                population: usize::try_from(population).unwrap_or(0),
                sample: usize::try_from(sample).unwrap_or(0),
            });
            Ok(())
        },
    )?;
    Ok(check)
}
