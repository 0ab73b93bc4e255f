//! What can stop a copy. Each says which database (as shown: never with its password), what is
//! wrong and what to do; nothing has been written when one is returned.

use crate::store::StoreError;

/// A copy that did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{from} and {to} are the same database; copy into another one")]
    SameDatabase { from: String, to: String },
    #[error("{location}: not a casebench database (it has no casebench schema)")]
    NotCasebench { location: String },
    #[error(
        "{location}: schema version {found}, but this casebench copies version {current} \
         (both databases must be at it); {what}"
    )]
    SchemaMismatch {
        location: String,
        found: i64,
        current: i64,
        what: &'static str,
    },
    #[error("{location}: not empty ({counts}); copy only into a new database")]
    NotEmpty { location: String, counts: String },
    #[error(
        "{location}: {role} does not own the casebench tables ({owner} does); copy as {owner} \
         or a member of it: only the owner may write audit rows in other reviewers' names with \
         their original times"
    )]
    NotOwner {
        location: String,
        role: String,
        owner: String,
    },
    /// Text the destination cannot hold: PostgreSQL's text has no NUL character, which SQLite's
    /// may hold (`table key (columns)` of each row, in copy order).
    #[error(
        "{to}: PostgreSQL text cannot hold the NUL character (U+0000), and {from} has {} with \
         it: {}; nothing was copied (remove the character from those rows in {from} first)",
        if .rows.len() == 1 { "1 row".to_string() } else { format!("{} rows", .rows.len()) },
        listed(.rows)
    )]
    Unstorable {
        from: String,
        to: String,
        rows: Vec<String>,
    },
    /// What was read back from the destination differs from what was read from the source.
    #[error(
        "{to}: the copy does not match {from}, so nothing was copied (rolled back): {}",
        .differences.join("; ")
    )]
    Mismatch {
        from: String,
        to: String,
        differences: Vec<String>,
    },
    #[error("{location}: {source}")]
    Store {
        location: String,
        source: Box<StoreError>,
    },
}

impl CopyError {
    /// Whether the error comes from what the caller asked for (exit code 2) rather than from
    /// the databases or the machine (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            CopyError::SameDatabase { .. }
            | CopyError::NotCasebench { .. }
            | CopyError::SchemaMismatch { .. }
            | CopyError::NotEmpty { .. }
            | CopyError::NotOwner { .. }
            | CopyError::Unstorable { .. } => true,
            CopyError::Mismatch { .. } => false,
            CopyError::Store { source, .. } => source.is_bad_input(),
        }
    }
}

/// The most rows a message names.
const LISTED: usize = 10;

/// `cases R-000001 (text), audit 17 (new) and 3 more`.
fn listed(rows: &[String]) -> String {
    let mut out = rows
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if rows.len() > LISTED {
        out.push_str(&format!(" and {} more", rows.len() - LISTED));
    }
    out
}
