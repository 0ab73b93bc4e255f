//! Errors of the store.

use std::path::PathBuf;

use super::roles::LeadOnly;
use crate::text::sanitize;

/// The most known names a message lists.
const LISTED_NAMES: usize = 10;

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
    /// A version the case never had (greater than its current one, or below 1).
    #[error("case {case_id} has never been at version {expected} (it is at version {current})")]
    NeverAtVersion {
        case_id: String,
        expected: i64,
        current: i64,
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
    #[error("reviewer name \"{0}\": {1}")]
    BadName(String, &'static str),
    #[error(
        "reviewer \"{0}\" is not enrolled in this database (ask a lead: casebench reviewers \
         add {0} --role reviewer)"
    )]
    NotEnrolled(String),
    /// A name no one in the database has (`agreement --of`, `audit --by`, ...).
    #[error("no reviewer is named \"{}\" ({})", sanitize(.name), known_names(.known, .nearest.as_deref()))]
    NoSuchReviewer {
        name: String,
        /// Every name the database knows, sorted.
        known: Vec<String>,
        /// The known name closest to it, if it looks like a typo of one.
        nearest: Option<String>,
    },
    #[error("only a lead can {action}; {reviewer} is a reviewer")]
    NotALead { action: LeadOnly, reviewer: String },
    #[error("no spot-check with id {0} (casebench spot-check list shows them)")]
    NoSuchSpotCheck(i64),
    #[error("case {case_id} is not in spot-check {check}")]
    NotInSpotCheck { check: i64, case_id: String },
    #[error(
        "spot-check {check}, case {case_id}, {field}: nothing to resolve (the lead has not \
         labelled it, or agrees with the reviewer)"
    )]
    NotADifference {
        check: i64,
        case_id: String,
        field: &'static str,
    },
    #[error(
        "spot-check {check}, case {case_id}, {field}: already resolved ({resolution} by {by} \
         at {at})"
    )]
    AlreadyResolved {
        check: i64,
        case_id: String,
        field: &'static str,
        resolution: &'static str,
        by: String,
        at: String,
    },
    #[error(
        "case {case_id}: {field} was changed since the spot-check sampled it (it was {sampled}, \
         it is {now}, set by {by}); look at the case again before overturning"
    )]
    ChangedSinceSampled {
        case_id: String,
        field: &'static str,
        sampled: String,
        now: String,
        by: String,
    },
    #[error("no batch \"{batch}\" in the audit log ({})", nearest_hint(.nearest))]
    NoSuchBatch { batch: String, nearest: Vec<String> },
    #[error("batch {batch} cannot be reverted: {why}")]
    NotRevertible { batch: String, why: &'static str },
    #[error(
        "a change with audit action revert is written only by reverting a batch (casebench \
         revert BATCH)"
    )]
    RevertOutsideRevert,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database holds a value of the wrong type: {0}")]
    WrongType(#[from] rusqlite::types::FromSqlError),
    #[error("the database holds {found} in column {column} where {expected} belongs")]
    WrongKind {
        column: usize,
        expected: &'static str,
        found: &'static str,
    },
    #[error("the database holds text that is not UTF-8")]
    NotUtf8,
    #[error("the query gave no row: {0}")]
    NoRow(String),
    /// A statement [`super::sql::Sql::execute_many`] was not given (a mistake in the store).
    #[error("no statement {0} was prepared")]
    NotPrepared(usize),
    #[error("{}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("{location}: cannot connect: {source}")]
    Connect {
        /// The location as shown (never with its password).
        location: String,
        source: postgres::Error,
    },
    /// The connection to PostgreSQL was lost, and connecting again failed (the next
    /// operation tries again).
    #[error("lost the connection to {location} and could not reconnect: {why}")]
    Reconnect {
        /// The location as shown (never with its password).
        location: String,
        why: String,
    },
    /// The connection to PostgreSQL was lost under an operation, which wrote nothing.
    #[error("lost the connection to {location} ({source}); nothing was written: try again")]
    ConnectionLost {
        location: String,
        source: postgres::Error,
    },
    /// The connection was lost while a write's `COMMIT` was on its way, and the server could
    /// not be asked afterwards whether it committed.
    #[error(
        "lost the connection to {location} while saving, and could not find out whether the \
         change was saved ({why}); look at the audit log (casebench audit) before doing it again"
    )]
    CommitUnknown { location: String, why: String },
    /// A reader or transaction asked for the PostgreSQL connection while another held it
    /// (a mistake in the store, never the user's).
    #[error("the database connection is already in use by another read or write")]
    ConnectionInUse,
    #[error(
        "you are logged in to the database as \"{role}\", so you cannot act as \"{named}\" \
         (on PostgreSQL the reviewer is the database role: drop --reviewer, or log in as \
         {named})"
    )]
    NotYou { role: String, named: String },
}

impl StoreError {
    /// Whether the error comes from what the caller asked for (exit code 2) rather than from
    /// the database or the machine (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::NoSuchCase(_)
                // A conflict is a race (exit 1: try again after a look); a version the case
                // never had is a wrong number, and trying again cannot help (exit 2).
                | StoreError::NeverAtVersion { .. }
                | StoreError::Exists { .. }
                | StoreError::NoReviewer
                | StoreError::BadName(..)
                | StoreError::NotEnrolled(_)
                | StoreError::NotYou { .. }
                | StoreError::NoSuchReviewer { .. }
                | StoreError::NotALead { .. }
                | StoreError::NoSuchSpotCheck(_)
                | StoreError::NotInSpotCheck { .. }
                | StoreError::NotADifference { .. }
                | StoreError::AlreadyResolved { .. }
                | StoreError::NoSuchBatch { .. }
                | StoreError::NotRevertible { .. }
        ) || self.is_refused_by_the_server()
    }

    /// Whether PostgreSQL refused the statement for lack of a privilege (SQLSTATE 42501):
    /// the server's own check of what only a lead or the owner may do.
    pub fn is_refused_by_the_server(&self) -> bool {
        matches!(self, StoreError::Postgres(e)
            if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE))
    }
}

/// A PostgreSQL error as a person reads it: the server's message (and its hint), without the
/// client's `db error: ERROR:` prefix; other errors (I/O, a closed connection) as they are.
fn postgres_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.hint() {
            Some(hint) => format!("{} ({hint})", db.message()),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    }
}

/// `known: kim, lee; did you mean "kmi"?`, or what to do when no one is known.
fn known_names(known: &[String], nearest: Option<&str>) -> String {
    if known.is_empty() {
        return "no one has worked in this database yet".to_string();
    }
    let mut out = String::from("known: ");
    let listed: Vec<_> = known
        .iter()
        .take(LISTED_NAMES)
        .map(|n| sanitize(n))
        .collect();
    out.push_str(&listed.join(", "));
    if known.len() > LISTED_NAMES {
        out.push_str(&format!(" and {} more", known.len() - LISTED_NAMES));
    }
    if let Some(near) = nearest {
        out.push_str(&format!("; did you mean \"{}\"?", sanitize(near)));
    }
    out
}

/// What follows an unknown batch id: the nearest ones, and where to find them all.
fn nearest_hint(nearest: &[String]) -> String {
    let find = "casebench audit shows every change with its batch";
    if nearest.is_empty() {
        format!("there is no batch to revert; {find}")
    } else {
        format!("nearest: {}; {find}", nearest.join(", "))
    }
}
