//! Why an expression was refused, and where.

use super::parse::Span;

/// Why an expression was refused. `column` is the 1-based character column where the problem
/// starts (one past the end for "missing ..." at the end).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FilterError {
    pub column: usize,
    pub message: String,
}

impl FilterError {
    pub(super) fn at(span: Span, message: impl Into<String>) -> FilterError {
        FilterError {
            column: span.column(),
            message: message.into(),
        }
    }
}
