//! Suggestions: labels proposed from a claim's own words, with a calibrated confidence.
//!
//! Derived data, like rule outcomes: a suggestion never overwrites a label. The pieces, one
//! per file: [`amount`] (the claimed loss read from the text, by rules), [`features`] (text → hashed sparse vector), [`lexicon`] (service names and
//! nicknames, cue words), [`logistic`] (multinomial logistic regression), [`calibrate`]
//! (temperature scaling, calibration bins), [`labels`] (the trained model, its public
//! surface), [`format`] (the model as bytes) and [`metrics`] (figures against people's
//! labels).

pub mod amount;
pub mod calibrate;
pub mod error;
pub mod features;
pub mod format;
pub mod labels;
pub mod lexicon;
pub mod logistic;
pub mod metrics;

pub use error::SuggestError;
pub use labels::{DimFigures, LabelModel, TrainOptions, TrainingCase, Tuning};

#[cfg(test)]
mod tests;
