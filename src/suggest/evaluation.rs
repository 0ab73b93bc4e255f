//! A model against labels people set: per dimension accuracy, macro-F1, confusion, calibration
//! and accuracy at coverage; for the amount, exact reads and invented amounts. What
//! `casebench suggest evaluate FILE` reports on a hand-written evaluation set.

use super::calibrate::{calibration_bins, expected_calibration_error, CalibrationBin, BINS};
use super::metrics::{amount_metrics, label_metrics, AmountMetrics, LabelMetrics, Prediction};
use super::suggester::Suggester;
use crate::domain::{Case, Dimension};

/// One dimension's figures.
pub struct DimEvaluation {
    pub dim: Dimension,
    /// Cases of the file with this dimension labelled.
    pub labelled: usize,
    /// `None` when the model did not learn this dimension.
    pub metrics: Option<LabelMetrics>,
}

/// The amount's figures, and how well its confidence is calibrated (over the cases an amount
/// was suggested for: right means it equals the labelled amount).
pub struct AmountEvaluation {
    pub metrics: AmountMetrics,
    pub calibration: [CalibrationBin; BINS],
    pub ece: f64,
}

pub struct Evaluation {
    pub model_id: i64,
    pub cases: usize,
    pub dims: Vec<DimEvaluation>,
    pub amount: AmountEvaluation,
}

/// Suggests for every case and compares with its labels. A case whose amount is empty states
/// no claimed loss: an amount suggested for it is an invented amount.
pub fn evaluate(suggester: &Suggester, cases: &[Case]) -> Evaluation {
    let texts: Vec<&str> = cases.iter().map(|c| &*c.text).collect();
    let suggested = suggester.suggest_all(&texts);
    let dims = Dimension::ALL
        .into_iter()
        .map(|dim| {
            let labelled = cases.iter().filter(|c| c.label(dim).is_some()).count();
            let metrics = suggester.labels.has(dim).then(|| {
                let predictions: Vec<Prediction> = cases
                    .iter()
                    .zip(&suggested)
                    .filter_map(|(case, s)| {
                        let truth = case.label(dim)?;
                        let label = s.label(dim)?;
                        Some(Prediction {
                            truth,
                            predicted: label.code,
                            confidence: label.confidence,
                        })
                    })
                    .collect();
                label_metrics(dim.codes().len(), &predictions)
            });
            DimEvaluation {
                dim,
                labelled,
                metrics,
            }
        })
        .collect();
    let pairs: Vec<(Option<i64>, Option<i64>)> = cases
        .iter()
        .zip(&suggested)
        .map(|(case, s)| (case.amount_krw, s.amount.as_ref().map(|a| a.won)))
        .collect();
    let calibration = calibration_bins(
        cases
            .iter()
            .zip(&suggested)
            .filter_map(|(case, s)| Some((s.amount.as_ref()?, case.amount_krw)))
            .map(|(a, truth)| (a.confidence, truth == Some(a.won))),
    );
    Evaluation {
        model_id: suggester.model_id,
        cases: cases.len(),
        dims,
        amount: AmountEvaluation {
            metrics: amount_metrics(&pairs),
            ece: expected_calibration_error(&calibration),
            calibration,
        },
    }
}
