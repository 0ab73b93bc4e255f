//! Training a whole model from labelled cases: the label model (learnt, with held-out figures)
//! and the amount calibration (the reader learns nothing, so every labelled case measures it).

use serde::{Deserialize, Serialize};

use super::amount::{read_claimed_loss, AmountCalibration};
use super::error::SuggestError;
use super::labels::{DimFigures, LabelModel, TrainOptions, TrainingCase};
use crate::domain::{Case, Dimension};

/// A model trained from cases, not yet stored.
pub struct Trained {
    pub labels: LabelModel,
    pub figures: Vec<DimFigures>,
    pub amount: AmountCalibration,
    /// Cases with at least one label set (the others teach nothing).
    pub cases_used: usize,
}

/// One dimension's held-out figures as the store keeps them (JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredDimFigures {
    pub dimension: String,
    pub trained_on: usize,
    pub held_out: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub ece: f64,
}

/// Learns from every case of `cases` that has a label: each dimension from the cases with
/// that dimension set, the amount's confidences from the cases whose kind is set (a case
/// whose kind is known and whose amount is empty states no claimed loss).
pub fn train(cases: &[&Case], seed: u64) -> Result<Trained, SuggestError> {
    let labelled: Vec<&Case> = cases
        .iter()
        .copied()
        .filter(|c| c.labels.iter().any(Option::is_some))
        .collect();
    let training: Vec<TrainingCase<'_>> = labelled
        .iter()
        .map(|c| TrainingCase {
            text: &c.text,
            labels: c.labels,
        })
        .collect();
    let options = TrainOptions {
        seed,
        ..TrainOptions::default()
    };
    let (labels, figures) = LabelModel::train(&training, &options)?;
    let amount = AmountCalibration::fit(
        labelled
            .iter()
            .filter(|c| c.label(Dimension::Kind).is_some())
            .map(|c| (read_claimed_loss(&c.text), c.amount_krw)),
    );
    Ok(Trained {
        labels,
        figures,
        amount,
        cases_used: labelled.len(),
    })
}

impl Trained {
    /// The held-out figures as stored beside the model.
    pub fn figures_json(&self) -> String {
        let stored: Vec<StoredDimFigures> = self.figures.iter().map(stored_figures).collect();
        serde_json::to_string(&stored).unwrap_or_else(|_| "[]".into())
    }

    /// The amount calibration as stored beside the model.
    pub fn amount_json(&self) -> String {
        serde_json::to_string(&self.amount).unwrap_or_else(|_| "null".into())
    }
}

fn stored_figures(f: &DimFigures) -> StoredDimFigures {
    StoredDimFigures {
        dimension: f.dim.name().to_string(),
        trained_on: f.trained_on,
        held_out: f.held_out,
        accuracy: f.accuracy,
        macro_f1: f.macro_f1,
        ece: f.ece,
    }
}
