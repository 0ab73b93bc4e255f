//! Errors of the spot-check and agreement logic.

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum LeadsError {
    /// A parameter out of range (confidence, margin, proportion, size, a date).
    #[error("{0}")]
    BadParameter(String),
    /// Nothing to sample.
    #[error("no case was last labelled by {reviewers} {period}; nothing to spot-check")]
    EmptyPopulation { reviewers: String, period: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl LeadsError {
    /// Whether the caller asked for something impossible (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            LeadsError::BadParameter(_) | LeadsError::EmptyPopulation { .. } => true,
            LeadsError::Store(e) => e.is_bad_input(),
        }
    }
}
