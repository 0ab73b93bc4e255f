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
mod load;
mod row;
pub mod schema;
#[cfg(test)]
mod tests;
mod views;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use audit::{AuditEvent, CREATED_FIELD};
pub use bulk::{BulkItem, BulkOutcome, Skipped};
pub use change::{Action, Applied, ChangeRequest};
pub use create::{CreateOptions, Created, OnExisting};
pub use error::StoreError;
pub use views::SavedView;

/// How long a writer waits for another writer's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
        conn.busy_timeout(BUSY_TIMEOUT).map_err(not_db)?;
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
