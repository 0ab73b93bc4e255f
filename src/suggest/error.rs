//! Errors of training, saving and loading the label model.

use crate::domain::Dimension;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SuggestError {
    #[error("holdout must be a share between 0 and 0.5 (for example 0.1), not {0}")]
    BadHoldout(f64),
    #[error(
        "training case {case} (counting from 0): {dim} code {code} does not exist ({dim} has \
         {codes} codes)"
    )]
    CodeOutOfRange {
        case: usize,
        dim: Dimension,
        code: u8,
        codes: usize,
    },
    #[error(
        "nothing to learn from: no dimension has {minimum} labelled cases (label some cases \
         first)"
    )]
    NothingToLearn { minimum: usize },
    #[error("not a casebench label model (it does not start with the label model's signature)")]
    NotAModel,
    #[error(
        "the label model has format version {found}, but this casebench reads version \
         {supported}; train the model again"
    )]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("the label model is truncated: {found} bytes, expected {expected}")]
    Truncated { found: usize, expected: usize },
    #[error("the label model is damaged: {0}; train the model again")]
    Damaged(&'static str),
    #[error(
        "the label model was trained with a different lexicon of service names than this \
         casebench has; train the model again"
    )]
    DifferentLexicon,
}
