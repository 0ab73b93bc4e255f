//! Suggestions: labels proposed from a claim's own words, with a calibrated confidence.
//!
//! Derived data, like rule outcomes: a suggestion never overwrites a label. The pieces, one
//! per file: [`amount`] (the claimed loss read from the text, by rules), [`features`] (text →
//! hashed sparse vector), [`lexicon`] (service names and nicknames, cue words), [`logistic`]
//! (multinomial logistic regression), [`calibrate`] (temperature scaling, calibration bins),
//! [`labels`] (the trained model, its public surface), [`format`] (the model as bytes),
//! [`metrics`] (figures against people's labels); then a whole model: [`training`] (labels
//! and amount learnt from cases), [`suggester`] (a stored model suggesting for texts),
//! [`refresh`] (the operations on a store that `casebench suggest` and the workbench share)
//! and [`evaluation`] (a model against hand-labelled claims).

pub mod amount;
pub mod calibrate;
pub mod error;
pub mod evaluation;
pub mod features;
pub mod format;
pub mod labels;
pub mod lexicon;
pub mod logistic;
pub mod metrics;
pub mod refresh;
pub mod suggester;
pub mod training;

pub use error::SuggestError;
pub use labels::{DimFigures, LabelModel, TrainOptions, TrainingCase, Tuning};
pub use suggester::Suggester;

#[cfg(test)]
mod tests;
