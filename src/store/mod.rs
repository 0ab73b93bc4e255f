//! The case database: the only module that speaks SQL.
//!
//! Cases are created only by [`Store::create_cases`] (import, sample data) and changed only by
//! [`Store::apply_change`], which checks the version the caller saw and appends one audit row
//! per changed field in the same transaction. The audit log is append-only (triggers refuse
//! updates and deletes).

mod audit;
mod bulk;
mod change;
mod create;
mod error;
mod holder;
mod leases;
#[cfg(test)]
mod leases_tests;
mod load;
mod names;
pub mod postgres;
mod revert;
#[cfg(test)]
mod revert_tests;
mod roles;
#[cfg(test)]
mod roles_tests;
mod row;
pub mod schema;
#[cfg(test)]
mod schema_tests;
mod spot;
pub mod sql;
mod suggestions;
#[cfg(test)]
mod tests;
mod views;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use audit::{AuditEvent, CREATED_FIELD};
pub use bulk::{BulkItem, BulkOutcome, Skipped};
pub use change::{Applied, AuditAction, ChangeRequest};
pub use create::{CreateOptions, Created, OnExisting};
pub use error::StoreError;
pub use holder::{this_host, Holder};
pub use leases::{millis_text, now_millis, Lease, LeaseOutcome, DEFAULT_LEASE};
pub use revert::{CaseRevert, FieldRevert, LaterChange, RevertOutcome, RevertPlan, RevertSkip};
pub use roles::{check_name, LeadOnly, ReviewerInfo, Role, RoleChange, MAX_REVIEWER_BULK};
pub use spot::{
    Compared, Difference, Drawn, PopulationCase, Progress, Resolution, ResolveOutcome, Resolved,
    SpotCase, SpotCheck, SpotCheckRequest, StratumCount, NO_KIND, SUGGESTION_REVIEWER,
};
pub use suggestions::{NewModel, StoredModel};
pub use views::SavedView;

/// How long a writer waits for another writer's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How often a waiting writer tries again. SQLite's own busy handler backs off to 100 ms
/// sleeps; a waiter that sleeps that long almost never finds the lock free while another
/// process writes in a tight loop (`label --from`), and gives up after the timeout. Trying
/// every millisecond lets writers take turns.
const BUSY_POLL: Duration = Duration::from_millis(1);

/// The busy handler: sleeps [`BUSY_POLL`] and tries again, for at least [`BUSY_TIMEOUT`].
fn wait_for_lock(retries: i32) -> bool {
    let limit = BUSY_TIMEOUT.as_micros() / BUSY_POLL.as_micros().max(1);
    if u128::try_from(retries).unwrap_or(0) >= limit {
        return false;
    }
    std::thread::sleep(BUSY_POLL);
    true
}

/// An open case database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, sets WAL with `synchronous=FULL`, a
    /// busy timeout and foreign keys, and migrates the schema forward.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_path_buf(),
            },
            _ => StoreError::Open {
                path: path.to_path_buf(),
                source: e,
            },
        };
        conn.busy_handler(Some(wait_for_lock)).map_err(not_db)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(not_db)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(not_db)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(not_db)?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn).map_err(|e| match e {
            StoreError::Sqlite(inner) => not_db(inner),
            other => other,
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM cases", [], |row| row.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// SQLite's `data_version`: it moves when another connection commits a change.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// Starts a writing transaction on behalf of `who` (an empty name is refused), taking the
    /// write lock up front so concurrent writers queue instead of failing; returns it with the
    /// time to record.
    fn begin_write(
        &mut self,
        who: &str,
    ) -> Result<(rusqlite::Transaction<'_>, String), StoreError> {
        if who.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        let at = now_timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Ok((tx, at))
    }

    /// Reads outside a transaction, through the backend-neutral [`sql`] layer.
    fn reader(&self) -> sql::sqlite::SqliteSql<'_> {
        sql::sqlite::SqliteSql(&self.conn)
    }

    /// [`Store::begin_write`] through the backend-neutral [`sql`] layer: a write transaction
    /// on behalf of `who` (an empty name is refused), with the time to record. Dropped
    /// without a commit, it rolls back.
    fn begin(&mut self, who: &str) -> Result<(Box<dyn sql::Transaction + '_>, String), StoreError> {
        let (tx, at) = self.begin_write(who)?;
        Ok((Box::new(sql::sqlite::SqliteTransaction(tx)), at))
    }

    /// A reading transaction through the [`sql`] layer: its reads see one snapshot (SQLite's
    /// deferred `BEGIN` takes it at the first read). Taken from a shared reference; it must
    /// not write.
    fn begin_read(&self) -> Result<Box<dyn sql::Transaction + '_>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        Ok(Box::new(sql::sqlite::SqliteTransaction(tx)))
    }

    /// An immediate write transaction through the [`sql`] layer, for writers that check the
    /// name themselves (roster changes).
    fn begin_unnamed(&mut self) -> Result<Box<dyn sql::Transaction + '_>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Ok(Box::new(sql::sqlite::SqliteTransaction(tx)))
    }

    /// The raw connection, for tests that inspect the file.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The current time as the database records it: UTC, RFC 3339, milliseconds.
pub fn now_timestamp() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A fresh batch id: `PREFIX-YYYYMMDDTHHMMSS-XXXXXX`, unique across processes in practice.
pub fn new_batch_id(prefix: &str) -> String {
    let now = chrono::Utc::now();
    let nanos = now.timestamp_subsec_nanos() as u64;
    let mix = (nanos ^ (u64::from(std::process::id()) << 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!(
        "{prefix}-{}-{:06x}",
        now.format("%Y%m%dT%H%M%S"),
        (mix >> 40) & 0xFF_FFFF
    )
}
