//! The two databases a [`Store`] can sit on, and the few things that differ between them:
//! how a transaction begins, whose clock times come from, and the handful of statements each
//! dialect spells its own way. Everything else the store writes once, through [`sql`].
//!
//! - **SQLite** (the embedded default): one file; a writer takes the file's write lock with
//!   `BEGIN IMMEDIATE`; times come from this host's clock.
//! - **PostgreSQL**: a connection per process, kept in a `RefCell` because the synchronous
//!   client needs `&mut` for every query while the store's readers take `&self`. A writer
//!   begins `READ COMMITTED` and takes one transaction-scoped advisory lock first, so writers
//!   queue exactly as they do on SQLite (the change function's version check and `next`'s
//!   choice of a free case rely on that), and reads the time from the server's clock, which
//!   every host shares. A reader that needs one snapshot begins `REPEATABLE READ READ ONLY`.

use std::cell::RefCell;

use rusqlite::Connection;

use super::error::StoreError;
use super::postgres::reconnect::PgReader;
use super::sql::postgres::{PgConnection, PgGuardedTransaction};
use super::sql::sqlite::{SqliteSql, SqliteTransaction};
use super::sql::{Sql, Transaction};
use super::{now_timestamp, Store};

/// The advisory lock every PostgreSQL writer takes first (`"casebnch"` as a number).
pub const WRITE_LOCK: i64 = 0x6361_7365_626e_6368;

/// The server's clock as the store records times: UTC, RFC 3339, milliseconds (see
/// `postgres/schema.rs`).
pub const PG_CLOCK: &str = "casebench_clock()";

/// The server's clock in unix milliseconds.
pub const PG_CLOCK_MILLIS: &str = "casebench_clock_millis()";

pub(super) enum Backend {
    Sqlite(Connection),
    Postgres { conn: Box<RefCell<PgConnection>> },
}

/// Which dialect a statement must be written in, where the two differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The column that orders cases as they were created: SQLite's `rowid`, PostgreSQL's
    /// identity column `position`.
    pub fn creation_order(self) -> &'static str {
        match self {
            Dialect::Sqlite => "rowid",
            Dialect::Postgres => "position",
        }
    }
}

impl Store {
    pub(super) fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres { .. } => Dialect::Postgres,
        }
    }

    /// Reads outside a transaction. On PostgreSQL a statement that loses the connection runs
    /// once more on a new one, so what is run through it must be safe to run twice (reads,
    /// the leases' deletes).
    pub(super) fn reader(&self) -> Result<Box<dyn Sql + '_>, StoreError> {
        Ok(match &self.backend {
            Backend::Sqlite(conn) => Box::new(SqliteSql(conn)),
            Backend::Postgres { conn: cell } => Box::new(PgReader(pg_connected(cell)?)),
        })
    }

    /// A write transaction on behalf of `who` (an empty name is refused; on PostgreSQL, a
    /// name other than the database role's is refused too), taking the write lock up front so
    /// concurrent writers queue instead of failing; returns it with the time to record.
    /// Dropped without a commit, it rolls back.
    pub(super) fn begin(
        &mut self,
        who: &str,
    ) -> Result<(Box<dyn Transaction + '_>, String), StoreError> {
        if who.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        self.check_identity(who)?;
        self.begin_timed()
    }

    /// A write transaction with the time to record, for writers that check the name
    /// themselves (roster changes). On PostgreSQL it records its transaction id, so that a
    /// `COMMIT` whose answer is lost with the connection can be settled (see
    /// `postgres/reconnect.rs`); a writer runs inside [`Store::write_retrying`].
    pub(super) fn begin_timed(
        &mut self,
    ) -> Result<(Box<dyn Transaction + '_>, String), StoreError> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let at = now_timestamp();
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                Ok((Box::new(SqliteTransaction(tx)), at))
            }
            Backend::Postgres { conn: cell } => {
                let mut tx = PgGuardedTransaction::begin(
                    pg_connected(cell)?,
                    "BEGIN ISOLATION LEVEL READ COMMITTED",
                )?;
                // In this order: the lock, then the time (after any wait for the lock), then
                // the transaction id (so a writer waiting for the lock holds none back).
                let row = tx.query_row(
                    &format!(
                        "SELECT pg_advisory_xact_lock(?1)::text, {PG_CLOCK}, \
                         pg_current_xact_id()::text"
                    ),
                    super::sql::args![WRITE_LOCK],
                )?;
                let at: String = row.get(1)?;
                tx.set_xid(row.get(2)?);
                Ok((Box::new(tx), at))
            }
        }
    }

    /// A reading transaction: its reads see one snapshot (SQLite's deferred `BEGIN` takes it
    /// at the first read). Taken from a shared reference; it must not write.
    pub(super) fn begin_read(&self) -> Result<Box<dyn Transaction + '_>, StoreError> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(Box::new(SqliteTransaction(conn.unchecked_transaction()?))),
            Backend::Postgres { conn: cell } => Ok(Box::new(PgGuardedTransaction::begin(
                pg_connected(cell)?,
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            )?)),
        }
    }

    /// The time as the database records it: this host's clock on SQLite, the server's on
    /// PostgreSQL (so that every host agrees).
    pub fn clock(&self) -> Result<String, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(now_timestamp()),
            Backend::Postgres { .. } => Ok(self
                .reader()?
                .query_row(&format!("SELECT {PG_CLOCK}"), &[])?
                .get(0)?),
        }
    }

    /// The time leases are measured by: `given` (this host's clock, or a test's) on SQLite,
    /// the server's clock on PostgreSQL, where leases taken on several hosts must agree.
    pub(super) fn lease_now(&self, given: i64) -> Result<i64, StoreError> {
        match self.dialect() {
            Dialect::Sqlite => Ok(given),
            Dialect::Postgres => self.clock_millis(),
        }
    }

    /// The time in unix milliseconds, from the same clock as [`Store::clock`] (leases).
    pub fn clock_millis(&self) -> Result<i64, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(super::now_millis()),
            Backend::Postgres { .. } => Ok(self
                .reader()?
                .query_row(&format!("SELECT {PG_CLOCK_MILLIS}"), &[])?
                .get(0)?),
        }
    }
}

/// The PostgreSQL connection, for one reader or transaction at a time, connected again first
/// if it was lost.
fn pg_connected(
    cell: &RefCell<PgConnection>,
) -> Result<std::cell::RefMut<'_, PgConnection>, StoreError> {
    let mut conn = cell
        .try_borrow_mut()
        .map_err(|_| StoreError::ConnectionInUse)?;
    conn.ensure_connected()?;
    Ok(conn)
}
