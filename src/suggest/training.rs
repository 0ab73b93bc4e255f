//! Training a whole model from labelled cases: the label model (learnt, with held-out figures)
//! and the amount calibration (the reader learns nothing, so every labelled case measures it).

use serde::{Deserialize, Serialize};

use super::amount::{read_claimed_loss, AmountCalibration};
use super::error::SuggestError;
use super::labels::{DimFigures, LabelModel, Learning, TrainOptions, TrainingCase};
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
    train_counted(cases, seed, &mut |_| {})
}

/// Where [`train_counted`] (and storing what it trained) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Training {
    /// The label model (see [`Learning`]).
    Labels(Learning),
    /// Reading the claimed loss of each case whose kind is set: `done` of `cases`.
    Amounts { done: usize, cases: usize },
    /// Storing the model.
    Saving,
}

/// How many amounts [`train_counted`] reads between two reports.
const AMOUNTS_PER_REPORT: usize = 4096;

/// [`train`], telling `progress` now and then where it is.
pub fn train_counted(
    cases: &[&Case],
    seed: u64,
    progress: &mut dyn FnMut(Training),
) -> Result<Trained, SuggestError> {
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
    let (labels, figures) = LabelModel::train_counted(&training, &options, &mut |at| {
        progress(Training::Labels(at))
    })?;
    let kinds: Vec<&Case> = labelled
        .iter()
        .copied()
        .filter(|c| c.label(Dimension::Kind).is_some())
        .collect();
    let mut amounts = |done| {
        progress(Training::Amounts {
            done,
            cases: kinds.len(),
        })
    };
    amounts(0);
    let amount = AmountCalibration::fit(kinds.iter().enumerate().map(|(i, c)| {
        if (i + 1) % AMOUNTS_PER_REPORT == 0 {
            amounts(i + 1);
        }
        (read_claimed_loss(&c.text), c.amount_krw)
    }));
    amounts(kinds.len());
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
