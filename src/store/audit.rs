//! The append-only audit log: one row per changed field, plus one `case` row when a case is
//! created.

use serde::Serialize;

use super::error::StoreError;
use super::sql::{Sql, Value};
use super::Store;

/// The `field` of the audit row written when a case is created (by import or sample).
pub const CREATED_FIELD: &str = "case";

/// One audit row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: String,
    pub reviewer: String,
    pub case_id: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub action: String,
    pub batch: Option<String>,
}

const AUDIT_COLUMNS: &str = "seq, at, reviewer, case_id, field, old, new, action, batch";

fn event_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEvent> {
    Ok(AuditEvent {
        seq: row.get(0)?,
        at: row.get(1)?,
        reviewer: row.get(2)?,
        case_id: row.get(3)?,
        field: row.get(4)?,
        old: row.get(5)?,
        new: row.get(6)?,
        action: row.get(7)?,
        batch: row.get(8)?,
    })
}

impl Store {
    /// A case's audit trail, oldest first.
    pub fn history(&self, case_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit WHERE case_id = ?1 ORDER BY seq"
        ))?;
        let events = stmt
            .query_map([case_id], event_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }

    /// Audit rows after `seq`, oldest first (how a session learns of others' changes).
    pub fn events_since(&self, seq: i64) -> Result<Vec<AuditEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit WHERE seq > ?1 ORDER BY seq"
        ))?;
        let events = stmt
            .query_map([seq], event_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }

    /// Audit rows, oldest first: all of them, or one reviewer's, from `since` (inclusive) to
    /// `until` (exclusive), both compared with the stored UTC times.
    pub fn audit_events(
        &self,
        reviewer: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit WHERE (?1 IS NULL OR reviewer = ?1) \
             AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3) ORDER BY seq"
        ))?;
        let events = stmt
            .query_map(rusqlite::params![reviewer, since, until], event_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }

    /// A reviewer's changes made by hand (audit actions `label`, `undo`, `redo`), one per
    /// (case, time), oldest first, from `since` (inclusive) to `until` (exclusive).
    pub fn hand_changes(
        &self,
        reviewer: &str,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT case_id, at FROM audit WHERE reviewer = ?1 \
             AND action IN ('label', 'undo', 'redo') \
             AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3) ORDER BY at",
        )?;
        let changes = stmt
            .query_map(rusqlite::params![reviewer, since, until], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(changes)
    }

    /// The highest audit sequence number, 0 for an empty log.
    pub fn last_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM audit", [], |row| {
                row.get(0)
            })?)
    }

    /// How many audit rows there are.
    pub fn audit_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM audit", [], |row| row.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// An audit row about to be written.
pub(super) struct NewEvent<'a> {
    pub at: &'a str,
    pub reviewer: &'a str,
    pub case_id: &'a str,
    pub field: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub action: &'a str,
    pub batch: Option<&'a str>,
    /// For a revert: the audit row whose value it brings back (see `audit.restores`).
    pub restores: Option<i64>,
}

impl<'a> NewEvent<'a> {
    /// The parameters of [`APPEND`].
    pub(super) fn values(&self) -> [Value<'a>; 9] {
        [
            Value::from(self.at),
            Value::from(self.reviewer),
            Value::from(self.case_id),
            Value::from(self.field),
            Value::from(self.old),
            Value::from(self.new),
            Value::from(self.action),
            Value::from(self.batch),
            Value::from(self.restores),
        ]
    }
}

/// The statement that appends an audit row, bound with [`NewEvent::values`] (loops over many
/// rows prepare it once with [`Sql::execute_many`]).
pub(super) const APPEND: &str =
    "INSERT INTO audit (at, reviewer, case_id, field, old, new, action, batch, restores) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Appends one audit row; returns its sequence number.
pub(super) fn append<S: Sql + ?Sized>(sql: &mut S, e: &NewEvent<'_>) -> Result<i64, StoreError> {
    sql.insert(APPEND, "seq", &e.values())
}
