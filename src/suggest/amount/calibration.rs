//! How often each kind of reading is right, from labelled cases: the confidence of an amount
//! suggestion.
//!
//! The reader learns nothing from labels (its rules are written by hand), so every labelled
//! case is held out for it and the counts can be used as they are. For each evidence class,
//! the confidence is the share of its readings that equal the labelled amount, smoothed
//! toward the class's prior: `(hits + 2 × prior) / (readings + 2)`. With a prior of ½ that is
//! Laplace's rule `(hits + 1) / (readings + 2)`; without data it is the prior itself, and a
//! few cases move it only a little. A reading of a text whose case has no labelled amount
//! counts as a miss of its class (accepting it would enter an amount nobody claimed); such
//! readings are also counted apart, as invented amounts.

use serde::{Deserialize, Serialize};

use super::{AmountReading, Evidence};

/// How many pseudo-readings the prior counts for.
const PRIOR_WEIGHT: f32 = 2.0;

impl Evidence {
    /// The confidence of a reading of this class before any labelled case is seen: the
    /// author's estimates of how often each rule is right, in the order of the rules'
    /// strength. They are guesses, not measurements; [`AmountCalibration::fit`] replaces
    /// them as labelled cases come in.
    pub fn prior(&self) -> f32 {
        match self {
            Evidence::OnlyMention => 0.9,
            Evidence::LossWord => 0.85,
            Evidence::Total => 0.8,
            Evidence::Subscription => 0.8,
            Evidence::Range => 0.7,
            Evidence::Largest => 0.5,
            Evidence::ItemPrice => 0.4,
        }
    }
}

/// The fit of one evidence class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassFit {
    pub evidence: Evidence,
    /// Readings of this class on labelled cases (with or without an amount).
    pub readings: u32,
    /// Readings that equal the labelled amount.
    pub hits: u32,
    /// `(hits + 2 × prior) / (readings + 2)`.
    pub confidence: f32,
}

/// Per-class confidences and the overall rates, fitted on labelled cases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AmountCalibration {
    /// One entry per evidence class, in class order.
    pub classes: Vec<ClassFit>,
    /// Cases with a labelled amount.
    pub labelled: u32,
    /// Cases with a labelled amount whose reading equals it.
    pub exact: u32,
    /// Cases with a labelled amount and no reading.
    pub missed: u32,
    /// Cases without a labelled amount.
    pub unlabelled: u32,
    /// Cases without a labelled amount that got a reading anyway.
    pub invented: u32,
}

impl AmountCalibration {
    /// Fits on (reading of the text, labelled amount) pairs.
    pub fn fit(
        pairs: impl IntoIterator<Item = (Option<AmountReading>, Option<i64>)>,
    ) -> AmountCalibration {
        let mut readings = [0u32; Evidence::CLASSES];
        let mut hits = [0u32; Evidence::CLASSES];
        let mut fit = AmountCalibration {
            classes: Vec::new(),
            labelled: 0,
            exact: 0,
            missed: 0,
            unlabelled: 0,
            invented: 0,
        };
        for (reading, label) in pairs {
            match label {
                Some(_) => fit.labelled += 1,
                None => fit.unlabelled += 1,
            }
            let Some(reading) = reading else {
                if label.is_some() {
                    fit.missed += 1;
                }
                continue;
            };
            let class = reading.evidence.class();
            readings[class] += 1;
            match label {
                Some(won) if won == reading.won => {
                    hits[class] += 1;
                    fit.exact += 1;
                }
                Some(_) => {}
                None => fit.invented += 1,
            }
        }
        fit.classes = Evidence::ALL
            .iter()
            .map(|&evidence| {
                let (n, h) = (readings[evidence.class()], hits[evidence.class()]);
                ClassFit {
                    evidence,
                    readings: n,
                    hits: h,
                    confidence: (h as f32 + PRIOR_WEIGHT * evidence.prior())
                        / (n as f32 + PRIOR_WEIGHT),
                }
            })
            .collect();
        fit
    }

    /// How likely `reading` is the labelled amount. A class missing from a stored fit (one
    /// added since) gets its prior.
    pub fn confidence(&self, reading: &AmountReading) -> f32 {
        self.classes
            .iter()
            .find(|c| c.evidence == reading.evidence)
            .map_or(reading.evidence.prior(), |c| c.confidence)
    }

    /// The share of cases with a labelled amount read exactly; `None` without any.
    pub fn exact_rate(&self) -> Option<f32> {
        (self.labelled > 0).then(|| self.exact as f32 / self.labelled as f32)
    }

    /// The share of cases without a labelled amount that got one; `None` without any.
    pub fn invented_rate(&self) -> Option<f32> {
        (self.unlabelled > 0).then(|| self.invented as f32 / self.unlabelled as f32)
    }
}

/// Without labelled cases: the priors.
impl Default for AmountCalibration {
    fn default() -> Self {
        AmountCalibration::fit(std::iter::empty())
    }
}
