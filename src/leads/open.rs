//! Opening a spot-check: the size (given, or computed for a proportion), the stratified random
//! sample, and storing both, in one transaction of the store.

use super::error::LeadsError;
use super::sample_size::sample_size;
use super::sampling::stratified_sample;
use crate::store::{Drawn, SpotCheckRequest, Store};

/// How large the sample is to be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SampleSize {
    /// This many cases (or the whole population if smaller).
    Fixed(usize),
    /// Enough to estimate a proportion to within `margin` at `confidence`
    /// (see [`super::sample_size`]).
    Estimate {
        confidence: f64,
        margin: f64,
        proportion: f64,
    },
}

/// What a lead asks for.
#[derive(Clone, Debug)]
pub struct OpenSpotCheck<'a> {
    pub name: Option<&'a str>,
    pub lead: &'a str,
    pub reviewers: &'a [String],
    /// Bounds as [`super::period`] makes them.
    pub since: &'a str,
    pub until: Option<&'a str>,
    pub size: SampleSize,
    pub seed: u64,
}

/// A new spot-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opened {
    pub id: i64,
    pub population: usize,
    pub sample: usize,
}

/// Opens a spot-check (lead only): the population is every case the reviewers had the last
/// word on in the period (see `store::spot`).
pub fn open_spot_check(
    store: &mut Store,
    request: &OpenSpotCheck<'_>,
) -> Result<Opened, LeadsError> {
    if request.reviewers.is_empty() {
        return Err(LeadsError::BadParameter(
            "name at least one reviewer to check (--reviewer NAME)".into(),
        ));
    }
    for name in request.reviewers {
        store.require_known_reviewer(name)?;
    }
    if request.size == SampleSize::Fixed(0) {
        return Err(LeadsError::BadParameter("--size must be at least 1".into()));
    }
    let (confidence, margin, proportion) = match request.size {
        SampleSize::Fixed(_) => (None, None, None),
        SampleSize::Estimate {
            confidence,
            margin,
            proportion,
        } => {
            // Checked before the transaction, so a typo costs nothing.
            sample_size(1, confidence, margin, proportion)?;
            (Some(confidence), Some(margin), Some(proportion))
        }
    };
    let mut counts = (0, 0);
    let id = store.open_spot_check(
        &SpotCheckRequest {
            name: request.name,
            lead: request.lead,
            reviewers: request.reviewers,
            since: request.since,
            until: request.until,
            confidence,
            margin,
            proportion,
            seed: request.seed,
        },
        |population| -> Result<Drawn, LeadsError> {
            if population.is_empty() {
                return Err(LeadsError::EmptyPopulation {
                    reviewers: request.reviewers.join(", "),
                    period: match request.until {
                        Some(until) => format!("from {} until {until}", request.since),
                        None => format!("since {}", request.since),
                    },
                });
            }
            let n = match request.size {
                SampleSize::Fixed(n) => n.min(population.len()),
                SampleSize::Estimate {
                    confidence,
                    margin,
                    proportion,
                } => sample_size(population.len(), confidence, margin, proportion)?,
            };
            let strata: Vec<&str> = population.iter().map(|c| c.stratum()).collect();
            counts = (population.len(), n);
            Ok(stratified_sample(&strata, n, request.seed))
        },
    )?;
    Ok(Opened {
        id,
        population: counts.0,
        sample: counts.1,
    })
}
