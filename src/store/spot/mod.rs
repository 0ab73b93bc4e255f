//! Spot-checks: a lead draws a sample of the cases some reviewers labelled in a period and
//! labels them again, blind. This file reads the population and stores a spot-check with its
//! sample; `read.rs` reads it back; the lead's labels and the resolution of differences are in
//! `review.rs`, the compared labels in `pairs.rs`; how the sample is drawn is the caller's
//! (`crate::leads`).
//!
//! The population of a spot-check: every case whose labels were last touched (the latest
//! audit row on one of the five label dimensions or on `status`, whatever its action) by one of
//! the chosen reviewers, at a time inside the period. That reviewer had the last word on the
//! case's labels, so the labels the case holds when the sample is drawn are theirs; they are
//! stored with the sample, so later changes do not move the comparison.
//!
//! A reverted batch counts as if it never happened. A `revert` row is nobody's touch: it stands
//! for the row whose value it brought back (`audit.restores`, already followed through earlier
//! reverts), and the batch rows it undid are behind it. So, per field, the last row counts as
//! itself unless it is a revert, which counts as the row it restored (or as no touch at all,
//! when it brought back a value no audit row set); the case's last touch is the latest of
//! those over its fields. When a lead reverts a reviewer's batch, the cases that reviewer
//! touched only through the batch leave their population (and do not become the lead's), and
//! cases someone labelled before the batch are theirs again, with the time they labelled them.
//! Cases the revert skipped (changed since) keep the later change as their last touch. A
//! revert of a revert brings the first batch's rows, and their author, back.
//!
//! An accepted suggestion (audit action `suggestion`) is the model's word, not the reviewer's
//! who pressed the key: a case whose last touch is one belongs to the population of the pseudo
//! reviewer [`SUGGESTION_REVIEWER`] (`--of suggestion`), so a lead measures how often accepted
//! suggestions were wrong, and `agreement` reports the suggestion beside the reviewers.

use serde::Serialize;

use super::backend::Dialect;
use super::error::StoreError;
use super::roles::{admit_lead, LeadOnly};
use super::sql::{args, Row, Sql};
use super::Store;
use crate::domain::{Dimension, Labels};

/// The name under which accepted suggestions are spot-checked and reported.
pub const SUGGESTION_REVIEWER: &str = "suggestion";

mod pairs;
mod read;
mod review;
#[cfg(test)]
mod tests;

pub use pairs::{Compared, Difference, Progress};
pub use read::{SpotCase, SpotCheck};
pub use review::{Resolution, ResolveOutcome, Resolved};

/// The stratum of cases whose kind is not labelled.
pub const NO_KIND: &str = "none";

/// A case of the population: who last touched its labels, when, and the labels it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PopulationCase {
    pub case_id: String,
    pub reviewer: String,
    pub labelled_at: String,
    pub version: i64,
    pub labels: Labels,
}

impl PopulationCase {
    /// The sampling stratum: the kind code, or [`NO_KIND`].
    pub fn stratum(&self) -> &'static str {
        self.labels[Dimension::Kind.index()].map_or(NO_KIND, |c| Dimension::Kind.code(c))
    }
}

/// A stratum's size in the population and in the sample.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StratumCount {
    pub stratum: String,
    pub population: usize,
    pub sample: usize,
}

/// The sample a caller drew from a population.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Indices into the population, in the order the lead should see them.
    pub chosen: Vec<usize>,
    pub strata: Vec<StratumCount>,
}

/// What a lead asks for when opening a spot-check.
#[derive(Clone, Debug)]
pub struct SpotCheckRequest<'a> {
    pub name: Option<&'a str>,
    pub lead: &'a str,
    pub reviewers: &'a [String],
    /// Inclusive lower bound of the period, comparable with audit times (UTC, RFC 3339).
    pub since: &'a str,
    /// Exclusive upper bound, if any.
    pub until: Option<&'a str>,
    /// How the size was asked for (recorded, not used by the store).
    pub confidence: Option<f64>,
    pub margin: Option<f64>,
    pub proportion: Option<f64>,
    pub seed: u64,
}

/// Label columns of `cases` and `spot_check_cases`, in [`Dimension::ALL`] order.
pub(super) const LABEL_COLUMNS: &str = "scope, reporter, kind, service, substitute";

/// Reads the five label columns starting at `first`.
pub(super) fn labels_at(row: &Row<'_>, first: usize, case_id: &str) -> Result<Labels, StoreError> {
    let mut labels = [None; 5];
    for (slot, dim) in labels.iter_mut().zip(Dimension::ALL) {
        *slot = code_of(dim, row.text(first + dim.index())?, case_id)?;
    }
    Ok(labels)
}

/// A stored code as an index; `None` for not set; an unknown code is reported.
pub(super) fn code_of(
    dim: Dimension,
    text: Option<&str>,
    case_id: &str,
) -> Result<Option<u8>, StoreError> {
    text.map(|t| {
        dim.parse_code(t).map_err(|_| StoreError::Corrupt {
            case_id: case_id.to_string(),
            field: dim.name(),
            value: t.to_string(),
        })
    })
    .transpose()
}

/// The label fields, as a list in SQL.
const LABEL_FIELDS: &str = "'scope', 'reporter', 'kind', 'service', 'substitute'";

fn population_in<S: Sql + ?Sized>(
    sql: &mut S,
    dialect: Dialect,
    reviewers: &[String],
    since: &str,
    until: Option<&str>,
) -> Result<Vec<PopulationCase>, StoreError> {
    // Per (case, field) the last row, a revert standing for the row it restored; then per case
    // the latest of those. SQLite takes the bare columns from the row with the max();
    // PostgreSQL says the same with DISTINCT ON.
    let last_of_field = match dialect {
        Dialect::Sqlite => format!(
            "SELECT case_id, max(seq) AS seq, action, restores FROM audit \
             WHERE field IN ({LABEL_FIELDS}, 'status') GROUP BY case_id, field"
        ),
        Dialect::Postgres => format!(
            "SELECT DISTINCT ON (case_id, field) case_id, seq, action, restores FROM audit \
             WHERE field IN ({LABEL_FIELDS}, 'status') ORDER BY case_id, field, seq DESC"
        ),
    };
    let population = format!(
        "WITH last_of_field AS ({last_of_field}), \
         last AS ( \
             SELECT case_id, max(CASE WHEN action = 'revert' THEN restores ELSE seq END) AS seq \
             FROM last_of_field GROUP BY case_id) \
         SELECT a.case_id, a.reviewer, a.at, c.version, c.scope, c.reporter, c.kind, c.service, \
         c.substitute, a.action \
         FROM last JOIN audit a ON a.seq = last.seq \
         JOIN cases c ON c.id = a.case_id \
         WHERE a.at >= ?1 AND (CAST(?2 AS TEXT) IS NULL OR a.at < ?2) \
         ORDER BY c.{order}",
        order = dialect.creation_order(),
    );
    let mut out = Vec::new();
    sql.for_each(&population, args![since, until], &mut |row| {
        let action: String = row.get(9)?;
        let reviewer: String = if action == "suggestion" {
            SUGGESTION_REVIEWER.to_string()
        } else {
            row.get(1)?
        };
        if !reviewers.contains(&reviewer) {
            return Ok(());
        }
        let case_id: String = row.get(0)?;
        out.push(PopulationCase {
            labels: labels_at(&row, 4, &case_id)?,
            labelled_at: row.get(2)?,
            version: row.get(3)?,
            reviewer,
            case_id,
        });
        Ok(())
    })?;
    Ok(out)
}

impl Store {
    /// The population a spot-check over `reviewers` and the period would sample, in case order.
    pub fn spot_check_population(
        &self,
        reviewers: &[String],
        since: &str,
        until: Option<&str>,
    ) -> Result<Vec<PopulationCase>, StoreError> {
        population_in(&mut self.reader()?, self.dialect(), reviewers, since, until)
    }

    /// Opens a spot-check (lead only) in one immediate transaction: reads the population,
    /// lets `draw` choose the sample, and stores the sample with the labels as they are now.
    /// Returns the new spot-check's id. (`draw` runs again if the connection to PostgreSQL
    /// is lost before the spot-check is stored.)
    pub fn open_spot_check<E, F>(
        &mut self,
        request: &SpotCheckRequest<'_>,
        mut draw: F,
    ) -> Result<i64, E>
    where
        E: From<StoreError>,
        F: FnMut(&[PopulationCase]) -> Result<Drawn, E>,
    {
        self.write_retrying(|store| store.open_spot_check_once(request, &mut draw))?
    }

    /// [`Store::open_spot_check`] once: `Ok(Err(_))` when `draw` refused (nothing written).
    fn open_spot_check_once<E>(
        &mut self,
        request: &SpotCheckRequest<'_>,
        draw: &mut dyn FnMut(&[PopulationCase]) -> Result<Drawn, E>,
    ) -> Result<Result<i64, E>, StoreError> {
        let lead = request.lead;
        let dialect = self.dialect();
        let (mut tx, at) = self.begin(lead)?;
        admit_lead(&mut *tx, lead, &at, LeadOnly::SpotCheck)?;
        let population = population_in(
            &mut *tx,
            dialect,
            request.reviewers,
            request.since,
            request.until,
        )?;
        let drawn = match draw(&population) {
            Ok(drawn) => drawn,
            Err(e) => return Ok(Err(e)),
        };
        let id = insert_check(&mut *tx, request, &at, population.len(), &drawn)?;
        let insert = format!(
            "INSERT INTO spot_check_cases (check_id, case_id, position, reviewer, \
             labelled_at, version, {LABEL_COLUMNS}) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        );
        for (position, &index) in drawn.chosen.iter().enumerate() {
            let Some(case) = population.get(index) else {
                continue;
            };
            let code = |d: Dimension| case.labels[d.index()].map(|c| d.code(c));
            tx.execute(
                &insert,
                args![
                    id,
                    &case.case_id,
                    position,
                    &case.reviewer,
                    &case.labelled_at,
                    case.version,
                    code(Dimension::Scope),
                    code(Dimension::Reporter),
                    code(Dimension::Kind),
                    code(Dimension::Service),
                    code(Dimension::Substitute),
                ],
            )?;
        }
        tx.commit()?;
        Ok(Ok(id))
    }
}

fn insert_check<S: Sql + ?Sized>(
    tx: &mut S,
    request: &SpotCheckRequest<'_>,
    at: &str,
    population: usize,
    drawn: &Drawn,
) -> Result<i64, StoreError> {
    let id = tx.insert(
        "INSERT INTO spot_checks (name, created_by, created_at, since, until, population, \
         confidence, margin, proportion, seed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "id",
        args![
            request.name,
            request.lead,
            at,
            request.since,
            request.until,
            population,
            request.confidence,
            request.margin,
            request.proportion,
            // Stored as the same 64 bits; read back with `as u64`.
            request.seed as i64,
        ],
    )?;
    for reviewer in request.reviewers {
        // Only the key can conflict (a reviewer is never null): `INSERT OR IGNORE` as was.
        tx.execute(
            "INSERT INTO spot_check_reviewers (check_id, reviewer) VALUES (?1, ?2) \
             ON CONFLICT DO NOTHING",
            args![id, reviewer],
        )?;
    }
    for stratum in &drawn.strata {
        tx.execute(
            "INSERT INTO spot_check_strata (check_id, stratum, population, sample) \
             VALUES (?1, ?2, ?3, ?4)",
            args![id, &stratum.stratum, stratum.population, stratum.sample],
        )?;
    }
    Ok(id)
}
