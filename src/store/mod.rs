//! The case database: the only module that speaks SQL.
//!
//! Cases are created only by [`Store::create_cases`] (import, sample data) and changed only by
//! [`Store::apply_change`], which checks the version the caller saw and appends one audit row
//! per changed field in the same transaction. The audit log is append-only (triggers refuse
//! updates and deletes).

mod audit;
mod backend;
mod bulk;
mod change;
mod copy;
mod create;
mod error;
mod holder;
mod leases;
#[cfg(test)]
mod leases_tests;
mod load;
pub mod location;
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

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use audit::{AuditCursor, AuditEvent, CREATED_FIELD};
pub use backend::Dialect;
pub use bulk::{BulkItem, BulkOutcome, Skipped};
pub use change::{Applied, AuditAction, ChangeRequest};
pub use copy::{counted as counted_rows, Copied, CopyError, CopyMode, Copying};
pub use create::{CreateOptions, Created, OnExisting};
pub use error::StoreError;
pub use holder::{this_host, Holder};
pub use leases::{millis_text, now_millis, Lease, LeaseOutcome, DEFAULT_LEASE};
pub use location::Location;
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

/// Whether opening a database brings its schema up to this build's (creating an SQLite file
/// that does not exist), or leaves it as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Schema {
    Migrate,
    AsIs,
}

/// An open case database.
pub struct Store {
    backend: backend::Backend,
    location: Location,
    /// On PostgreSQL, the database role this connection logged in as (`session_user`): the
    /// only reviewer it may act for. `None` on SQLite, where the reviewer is self-declared.
    role: Option<String>,
}

impl Store {
    /// Opens (creating if missing) the SQLite database at `path`, sets WAL with
    /// `synchronous=FULL`, a busy timeout and foreign keys, and migrates the schema forward.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_sqlite(path, Schema::Migrate)
    }

    /// Opens an SQLite file; with `Schema::AsIs` it neither creates the file nor changes its
    /// journal mode or schema (a copy's source, whose version is checked rather than changed).
    fn open_sqlite(path: &Path, schema: Schema) -> Result<Store, StoreError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if schema == Schema::Migrate {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
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
        if schema == Schema::Migrate {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| {
                row.get::<_, String>(0)
            })
            .map_err(not_db)?;
        } else {
            // Reads the header, so a file that is not a database says so here.
            schema::user_version(&conn).map_err(|e| match e {
                StoreError::Sqlite(inner) => not_db(inner),
                other => other,
            })?;
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(not_db)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(not_db)?;
        conn.set_prepared_statement_cache_capacity(64);
        if schema == Schema::Migrate {
            schema::migrate(&mut conn).map_err(|e| match e {
                StoreError::Sqlite(inner) => not_db(inner),
                other => other,
            })?;
        }
        Ok(Store {
            backend: backend::Backend::Sqlite(conn),
            location: Location::Sqlite(path.to_path_buf()),
            role: None,
        })
    }

    /// Opens the database at `location`: an SQLite file (created if missing) or a PostgreSQL
    /// database (which must exist; its schema is created or migrated forward).
    pub fn open_at(location: &Location) -> Result<Store, StoreError> {
        match location {
            Location::Sqlite(path) => Store::open(path),
            Location::Postgres(config) => postgres::connection::open(config),
        }
    }

    /// Opens the database at `location` as it is, to read it: an SQLite file that must exist,
    /// or a PostgreSQL database, neither created nor migrated (see [`Store::schema_version`]).
    pub fn open_as_is(location: &Location) -> Result<Store, StoreError> {
        match location {
            Location::Sqlite(path) => Store::open_sqlite(path, Schema::AsIs),
            Location::Postgres(config) => postgres::connection::open_with(config, Schema::AsIs),
        }
    }

    /// The schema version the database is at: SQLite's `user_version`, PostgreSQL's
    /// `schema_version` (0 for a database casebench never migrated).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        match &self.backend {
            backend::Backend::Sqlite(conn) => schema::user_version(conn),
            backend::Backend::Postgres { .. } => postgres::schema::version(&mut *self.reader()?),
        }
    }

    /// Where the database is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The SQLite file, `None` on PostgreSQL.
    pub fn path(&self) -> Option<&Path> {
        self.location.path()
    }

    /// On PostgreSQL, the database role this connection acts as; `None` on SQLite.
    pub fn database_role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// Refuses to act for `who` on PostgreSQL unless it is the role that logged in.
    fn check_identity(&self, who: &str) -> Result<(), StoreError> {
        match &self.role {
            Some(role) if role != who => Err(StoreError::NotYou {
                role: role.clone(),
                named: who.to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .reader()?
            .query_row("SELECT count(*) FROM cases", &[])?
            .get(0)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// A number that moves when another connection commits a change: SQLite's
    /// `data_version`; on PostgreSQL, the change notifications that have arrived (and a new
    /// connection after a lost one). Waits a millisecond at most (on PostgreSQL, for the
    /// notifications to be read), except to connect again.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        match &self.backend {
            backend::Backend::Sqlite(conn) => {
                Ok(conn.query_row("PRAGMA data_version", [], |row| row.get(0))?)
            }
            backend::Backend::Postgres { .. } => self.notifications_seen(),
        }
    }

    /// The raw SQLite connection, for tests that inspect the file; `None` on PostgreSQL.
    #[doc(hidden)]
    pub fn connection(&self) -> Option<&Connection> {
        match &self.backend {
            backend::Backend::Sqlite(conn) => Some(conn),
            backend::Backend::Postgres { .. } => None,
        }
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
