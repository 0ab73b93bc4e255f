//! Agreement between reviewers and the lead, per reviewer and per dimension, from the compared
//! pairs of spot-checks.
//!
//! For one reviewer and one dimension, over the (case, dimension) pairs the lead labelled:
//! - percent agreement: pairs where the lead's value is the reviewer's, over pairs compared;
//! - Cohen's kappa of the confusion matrix (reviewer × lead, "not set" being a category);
//! - overturn rate: pairs the lead overturned over pairs compared, with its 95 % Wilson
//!   interval (unresolved differences are not overturns yet: they are counted apart).
//!
//! For a reviewer over all dimensions, the overturn rate is per case: cases with at least one
//! overturned label over cases compared. The same figures over every reviewer together are
//! the pooled row ("all"). Outliers are flagged afterwards (`outliers.rs`).

use std::collections::{BTreeMap, HashSet};

use super::confusion::Confusion;
use super::outliers::{flag, Outlier};
use super::pace::Pace;
use super::wilson::{wilson95, Interval};
use crate::domain::Dimension;
use crate::store::{Compared, Resolution};

/// One reviewer (or everyone) on one dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionStats {
    pub dim: Dimension,
    pub confusion: Confusion,
    pub differences: usize,
    pub kept: usize,
    pub overturned: usize,
    pub outliers: Vec<Outlier>,
}

impl DimensionStats {
    fn new(dim: Dimension) -> DimensionStats {
        DimensionStats {
            dim,
            confusion: Confusion::new(dim),
            differences: 0,
            kept: 0,
            overturned: 0,
            outliers: Vec::new(),
        }
    }

    pub fn compared(&self) -> usize {
        self.confusion.total() as usize
    }

    pub fn agreed(&self) -> usize {
        self.confusion.agreed() as usize
    }

    /// 0 to 100; `None` when nothing was compared.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.compared();
        (n > 0).then(|| 100.0 * self.agreed() as f64 / n as f64)
    }

    pub fn kappa(&self) -> Option<f64> {
        self.confusion.kappa()
    }

    pub fn unresolved(&self) -> usize {
        self.differences.saturating_sub(self.kept + self.overturned)
    }

    pub fn overturn_rate(&self) -> Option<f64> {
        let n = self.compared();
        (n > 0).then(|| self.overturned as f64 / n as f64)
    }

    pub fn overturn_interval(&self) -> Option<Interval> {
        wilson95(self.overturned, self.compared())
    }
}

/// One reviewer, or everyone together (`reviewer` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewerStats {
    pub reviewer: Option<String>,
    /// Cases compared (at least one dimension labelled by the lead).
    pub cases: usize,
    /// Cases with at least one overturned label.
    pub cases_overturned: usize,
    pub pace: Option<Pace>,
    /// All five dimensions, in taxonomy order.
    pub dimensions: Vec<DimensionStats>,
    pub outliers: Vec<Outlier>,
}

impl ReviewerStats {
    fn new(reviewer: Option<String>) -> ReviewerStats {
        ReviewerStats {
            reviewer,
            cases: 0,
            cases_overturned: 0,
            pace: None,
            dimensions: Dimension::ALL
                .into_iter()
                .map(DimensionStats::new)
                .collect(),
            outliers: Vec::new(),
        }
    }

    pub fn dimension(&self, dim: Dimension) -> &DimensionStats {
        &self.dimensions[dim.index()]
    }

    pub fn overturn_rate(&self) -> Option<f64> {
        (self.cases > 0).then(|| self.cases_overturned as f64 / self.cases as f64)
    }

    pub fn overturn_interval(&self) -> Option<Interval> {
        wilson95(self.cases_overturned, self.cases)
    }

    fn add(&mut self, pair: &Compared) {
        let stats = &mut self.dimensions[pair.field.index()];
        stats.confusion.add(pair.reviewer_value, pair.lead_value);
        if pair.differs() {
            stats.differences += 1;
            match pair.resolution.as_ref().map(|r| r.resolution) {
                Some(Resolution::Keep) => stats.kept += 1,
                Some(Resolution::Overturn) => stats.overturned += 1,
                None => {}
            }
        }
    }
}

/// Everyone's agreement with the lead.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// By name.
    pub reviewers: Vec<ReviewerStats>,
    /// Every reviewer together.
    pub all: ReviewerStats,
}

impl Agreement {
    pub fn reviewer(&self, name: &str) -> Option<&ReviewerStats> {
        self.reviewers
            .iter()
            .find(|r| r.reviewer.as_deref() == Some(name))
    }
}

/// The agreement figures of `pairs`, outliers flagged.
pub fn compute(pairs: &[Compared]) -> Agreement {
    let mut by_reviewer: BTreeMap<&str, ReviewerStats> = BTreeMap::new();
    let mut all = ReviewerStats::new(None);
    let mut cases: BTreeMap<(&str, i64, &str), bool> = BTreeMap::new();
    for pair in pairs {
        let stats = by_reviewer
            .entry(&pair.reviewer)
            .or_insert_with(|| ReviewerStats::new(Some(pair.reviewer.clone())));
        stats.add(pair);
        all.add(pair);
        let overturned = pair.differs()
            && pair.resolution.as_ref().map(|r| r.resolution) == Some(Resolution::Overturn);
        let slot = cases
            .entry((&pair.reviewer, pair.check_id, &pair.case_id))
            .or_insert(false);
        *slot |= overturned;
    }
    let mut seen_all: HashSet<(i64, &str)> = HashSet::new();
    for (&(reviewer, check, case), &overturned) in &cases {
        if let Some(stats) = by_reviewer.get_mut(reviewer) {
            stats.cases += 1;
            stats.cases_overturned += usize::from(overturned);
        }
        if seen_all.insert((check, case)) {
            all.cases += 1;
            all.cases_overturned += usize::from(overturned);
        }
    }
    let mut agreement = Agreement {
        reviewers: by_reviewer.into_values().collect(),
        all,
    };
    flag(&mut agreement);
    agreement
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Resolved;

    fn pair(
        reviewer: &str,
        case: &str,
        field: Dimension,
        values: (Option<u8>, Option<u8>),
        resolution: Option<Resolution>,
    ) -> Compared {
        Compared {
            check_id: 1,
            case_id: case.into(),
            field,
            reviewer: reviewer.into(),
            reviewer_value: values.0,
            lead_value: values.1,
            lead: "lee".into(),
            resolution: resolution.map(|resolution| Resolved {
                resolution,
                by: "lee".into(),
                at: "2026-11-28T00:00:00.000Z".into(),
            }),
        }
    }

    // kim, kind, 4 cases: (paid, paid), (paid, inquiry → overturned), (inquiry, inquiry),
    // (none, inquiry → kept). Agreement 2/4 = 50 %. Matrix rows kim, columns lead over
    // {paid, inquiry, none}: paid [1, 1, 0], inquiry [0, 1, 0], none [0, 1, 0];
    // p_o = 0.5, kim's margins 2/4, 1/4, 1/4, the lead's 1/4, 3/4, 0;
    // p_e = 0.5·0.25 + 0.25·0.75 + 0 = 0.3125; κ = 0.1875 / 0.6875 = 0.2727.
    // Overturn rate 1/4; cases overturned 1 of 4.
    #[test]
    fn one_reviewer_by_hand() {
        let kind = Dimension::Kind;
        let (paid, inquiry) = (Some(0), Some(2));
        let pairs = [
            pair("kim", "C-1", kind, (paid, paid), None),
            pair(
                "kim",
                "C-2",
                kind,
                (paid, inquiry),
                Some(Resolution::Overturn),
            ),
            pair("kim", "C-3", kind, (inquiry, inquiry), None),
            pair("kim", "C-4", kind, (None, inquiry), Some(Resolution::Keep)),
        ];
        let a = compute(&pairs);
        let kim = a.reviewer("kim").unwrap();
        let d = kim.dimension(kind);
        assert_eq!((d.compared(), d.agreed(), d.differences), (4, 2, 2));
        assert_eq!((d.kept, d.overturned, d.unresolved()), (1, 1, 0));
        assert_eq!(d.percent_agreement(), Some(50.0));
        assert_eq!((d.kappa().unwrap() * 10_000.0).round() / 10_000.0, 0.2727);
        assert_eq!(d.overturn_rate(), Some(0.25));
        assert_eq!((kim.cases, kim.cases_overturned), (4, 1));
        assert_eq!(kim.dimension(Dimension::Scope).compared(), 0);
        assert_eq!(a.all.cases, 4);
    }

    #[test]
    fn the_pooled_row_counts_everyone() {
        let scope = Dimension::Scope;
        let pairs = [
            pair("kim", "C-1", scope, (Some(0), Some(0)), None),
            pair("park", "C-2", scope, (Some(0), Some(1)), None),
        ];
        let a = compute(&pairs);
        assert_eq!(a.reviewers.len(), 2);
        assert_eq!(a.all.dimension(scope).compared(), 2);
        assert_eq!(a.all.dimension(scope).percent_agreement(), Some(50.0));
        assert_eq!(a.reviewer("park").unwrap().dimension(scope).unresolved(), 1);
    }
}
