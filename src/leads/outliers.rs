//! Outliers among reviewers, flagged per dimension and overall.
//!
//! - `low_kappa`: on a dimension, the reviewer's kappa is more than two standard deviations
//!   below the mean kappa of the reviewers (population standard deviation, over the reviewers
//!   with a kappa on that dimension; needs at least 3 of them). With few reviewers this rarely
//!   fires: one far-off reviewer among n can be at most √(n − 1) deviations from the mean.
//! - `high_overturn`: the whole 95 % Wilson interval of the reviewer's overturn rate lies
//!   above the pooled rate of all reviewers (on that dimension, or per case overall): the
//!   lead overturns them more often than the team, beyond what chance explains.

use serde::Serialize;

use super::agreement::Agreement;
use crate::domain::Dimension;

/// Fewer reviewers with a kappa than this: no `low_kappa` flags.
pub const MIN_REVIEWERS_FOR_KAPPA: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outlier {
    LowKappa,
    HighOverturn,
}

impl Outlier {
    pub fn as_str(self) -> &'static str {
        match self {
            Outlier::LowKappa => "low_kappa",
            Outlier::HighOverturn => "high_overturn",
        }
    }
}

/// Sets the `outliers` of every reviewer and dimension in `agreement`.
pub fn flag(agreement: &mut Agreement) {
    for dim in Dimension::ALL {
        let kappas: Vec<f64> = agreement
            .reviewers
            .iter()
            .filter_map(|r| r.dimension(dim).kappa())
            .collect();
        let threshold = low_kappa_threshold(&kappas);
        let pooled = agreement.all.dimension(dim).overturn_rate();
        for reviewer in &mut agreement.reviewers {
            let stats = &mut reviewer.dimensions[dim.index()];
            stats.outliers.clear();
            if let (Some(k), Some(t)) = (stats.kappa(), threshold) {
                if k < t {
                    stats.outliers.push(Outlier::LowKappa);
                }
            }
            if let (Some(interval), Some(p)) = (stats.overturn_interval(), pooled) {
                if interval.low > p {
                    stats.outliers.push(Outlier::HighOverturn);
                }
            }
        }
    }
    let pooled = agreement.all.overturn_rate();
    for reviewer in &mut agreement.reviewers {
        reviewer.outliers.clear();
        if let (Some(interval), Some(p)) = (reviewer.overturn_interval(), pooled) {
            if interval.low > p {
                reviewer.outliers.push(Outlier::HighOverturn);
            }
        }
        if reviewer
            .dimensions
            .iter()
            .any(|d| d.outliers.contains(&Outlier::LowKappa))
        {
            reviewer.outliers.push(Outlier::LowKappa);
        }
    }
}

/// mean − 2·sd of `kappas`, or `None` with fewer than [`MIN_REVIEWERS_FOR_KAPPA`].
pub fn low_kappa_threshold(kappas: &[f64]) -> Option<f64> {
    if kappas.len() < MIN_REVIEWERS_FOR_KAPPA {
        return None;
    }
    let n = kappas.len() as f64;
    let mean = kappas.iter().sum::<f64>() / n;
    let variance = kappas.iter().map(|k| (k - mean).powi(2)).sum::<f64>() / n;
    Some(mean - 2.0 * variance.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Kappas 0.9 ×5 and 0.1: mean 0.7667, population sd 0.2981, threshold 0.1704 → 0.1 is low.
    #[test]
    fn the_kappa_threshold() {
        let t = low_kappa_threshold(&[0.9, 0.9, 0.9, 0.9, 0.9, 0.1]).unwrap();
        assert!((t - 0.170_4).abs() < 1e-4, "{t}");
        assert_eq!(low_kappa_threshold(&[0.5, 0.1]), None);
    }
}
