//! Errors of the store.

use std::path::PathBuf;

/// What can go wrong reading or writing the case database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the database: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: not a casebench database (not an SQLite file)")]
    NotADatabase { path: PathBuf },
    #[error(
        "the database has schema version {found}, newer than this casebench understands \
         ({supported}); use a newer casebench"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("no case with id \"{0}\"")]
    NoSuchCase(String),
    #[error("case {case_id} was changed by {by} at {at} (it is at version {current}; you saw version {expected})")]
    Conflict {
        case_id: String,
        by: String,
        at: String,
        current: i64,
        expected: i64,
    },
    #[error("case {case_id} already exists in the database")]
    Exists { case_id: String },
    #[error("case {case_id}: the database holds an invalid {field} \"{value}\"")]
    Corrupt {
        case_id: String,
        field: &'static str,
        value: String,
    },
    #[error("reviewer name must not be empty")]
    NoReviewer,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database holds a value of the wrong type: {0}")]
    WrongType(#[from] rusqlite::types::FromSqlError),
}

impl StoreError {
    /// Whether the error comes from what the caller asked for (exit code 2) rather than from
    /// the database or the machine (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::NoSuchCase(_) | StoreError::Exists { .. } | StoreError::NoReviewer
        )
    }
}
