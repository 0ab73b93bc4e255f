//! The append-only audit log: one row per changed field, plus one `case` row when a case is
//! created.

use std::collections::HashSet;

use serde::Serialize;

use super::backend::Dialect;
use super::error::StoreError;
use super::sql::{args, Row, Sql, Value};
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

fn event_from_row(row: &Row<'_>) -> Result<AuditEvent, StoreError> {
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

/// Where a reader of the audit log stands: [`Store::events_after`] gives every row committed
/// after it was taken, exactly once, and moves it on.
///
/// Audit sequence numbers are taken when a row is inserted, not when its transaction commits.
/// On SQLite writers take turns (one write lock), so rows commit in seq order and the last seq
/// seen is a position. On PostgreSQL a transaction that took seq 7 may commit after one that
/// took seq 8: a reader that asked for "after 8" would never see 7. There the position is a
/// transaction id: the oldest transaction still running when the reader last looked
/// (`pg_snapshot_xmin`, `horizon`). Every transaction older than it had finished, and its rows
/// were read then; each look reads the committed rows of transactions from the horizon on,
/// and leaves out the ones it already gave (`given`, the seqs read at or past the horizon),
/// so a row comes as soon as its transaction commits, and a transaction that stays open long
/// (anywhere on the server) delays nothing but itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditCursor {
    /// SQLite: the last seq read. PostgreSQL: the horizon.
    position: i64,
    /// PostgreSQL: the seqs of the rows already given whose transaction is at or past the
    /// horizon.
    given: HashSet<i64>,
}

/// The oldest transaction still running, as a number (PostgreSQL's `xid8`).
const PG_XMIN: &str = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

impl Store {
    /// A case's audit trail, oldest first.
    pub fn history(&self, case_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        self.events(
            &format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE case_id = ?1 ORDER BY seq"),
            args![case_id],
        )
    }

    /// The position of a reader that has seen everything committed so far (take it before
    /// loading the cases: anything after it comes again from [`Store::events_after`]).
    pub fn audit_cursor(&self) -> Result<AuditCursor, StoreError> {
        match self.dialect() {
            Dialect::Sqlite => Ok(AuditCursor {
                position: self
                    .reader()?
                    .query_row("SELECT coalesce(max(seq), 0) FROM audit", args![])?
                    .get(0)?,
                given: HashSet::new(),
            }),
            // The rows already committed at or past the horizon (a transaction still running
            // elsewhere holds it back) count as given: they are not news.
            Dialect::Postgres => self.read_retrying(|store| {
                let (rows, horizon) = store.pg_window(None)?;
                Ok(AuditCursor {
                    position: horizon,
                    given: rows.iter().map(|(event, _)| event.seq).collect(),
                })
            }),
        }
    }

    /// In one snapshot: the oldest transaction still running (the horizon), and the committed
    /// audit rows of transactions from `from` (else the horizon) on, each with its
    /// transaction id.
    fn pg_window(&self, from: Option<i64>) -> Result<(Vec<(AuditEvent, i64)>, i64), StoreError> {
        let mut tx = self.begin_read()?;
        let horizon: i64 = tx.query_row(PG_XMIN, args![])?.get(0)?;
        let rows = tx.query(
            &format!(
                "SELECT {AUDIT_COLUMNS}, xact::text::bigint FROM audit \
                 WHERE xact >= (?1::bigint)::text::xid8 ORDER BY seq"
            ),
            args![from.unwrap_or(horizon)],
        )?;
        tx.commit()?;
        let rows = rows
            .iter()
            .map(|row| Ok((event_from_row(row)?, row.get::<i64>(9)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((rows, horizon))
    }

    /// Every audit row committed since `cursor` last looked and not given before, in seq
    /// order; moves `cursor` past them. How a session learns of others' changes.
    pub fn events_after(&self, cursor: &mut AuditCursor) -> Result<Vec<AuditEvent>, StoreError> {
        match self.dialect() {
            Dialect::Sqlite => {
                let events = self.events(
                    &format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE seq > ?1 ORDER BY seq"),
                    args![cursor.position],
                )?;
                if let Some(last) = events.last() {
                    cursor.position = last.seq;
                }
                Ok(events)
            }
            Dialect::Postgres => self.read_retrying(|store| {
                let (rows, horizon) = store.pg_window(Some(cursor.position))?;
                let mut events = Vec::new();
                let mut given = HashSet::new();
                for (event, xact) in rows {
                    if xact >= horizon {
                        given.insert(event.seq);
                    }
                    if !cursor.given.contains(&event.seq) {
                        events.push(event);
                    }
                }
                *cursor = AuditCursor {
                    position: horizon.max(cursor.position),
                    given,
                };
                Ok(events)
            }),
        }
    }

    /// Audit rows, oldest first: all of them, or one reviewer's, from `since` (inclusive) to
    /// `until` (exclusive), both compared with the stored UTC times.
    pub fn audit_events(
        &self,
        reviewer: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        // PostgreSQL cannot tell a parameter's type from `?N IS NULL` alone ("could not
        // determine data type of parameter"): the casts say it, here and wherever a parameter
        // may be NULL to mean "any".
        self.events(
            &format!(
                "SELECT {AUDIT_COLUMNS} FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR reviewer = ?1) \
                 AND (CAST(?2 AS TEXT) IS NULL OR at >= ?2) \
                 AND (CAST(?3 AS TEXT) IS NULL OR at < ?3) ORDER BY seq"
            ),
            args![reviewer, since, until],
        )
    }

    /// A reviewer's changes made by hand (audit actions `label`, `undo`, `redo`), one per
    /// (case, time), oldest first, from `since` (inclusive) to `until` (exclusive).
    pub fn hand_changes(
        &self,
        reviewer: &str,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut changes = Vec::new();
        self.reader()?.for_each(
            "SELECT DISTINCT case_id, at FROM audit WHERE reviewer = ?1 \
             AND action IN ('label', 'undo', 'redo') \
             AND (CAST(?2 AS TEXT) IS NULL OR at >= ?2) \
             AND (CAST(?3 AS TEXT) IS NULL OR at < ?3) ORDER BY at",
            args![reviewer, since, until],
            &mut |row| {
                changes.push((row.get(0)?, row.get(1)?));
                Ok(())
            },
        )?;
        Ok(changes)
    }

    /// The highest audit sequence number, 0 for an empty log.
    pub fn last_seq(&self) -> Result<i64, StoreError> {
        self.reader()?
            .query_row("SELECT coalesce(max(seq), 0) FROM audit", args![])?
            .get(0)
    }

    /// How many audit rows there are.
    pub fn audit_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .reader()?
            .query_row("SELECT count(*) FROM audit", args![])?
            .get(0)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn events(&self, sql: &str, params: &[Value<'_>]) -> Result<Vec<AuditEvent>, StoreError> {
        let mut events = Vec::new();
        self.reader()?.for_each(sql, params, &mut |row| {
            events.push(event_from_row(&row)?);
            Ok(())
        })?;
        Ok(events)
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
    pub(super) fn values(&self) -> [Value<'a>; APPEND_WIDTH] {
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

/// `INSERT INTO audit (…)` with the columns of [`NewEvent::values`], in their order.
macro_rules! append_into {
    () => {
        "INSERT INTO audit (at, reviewer, case_id, field, old, new, action, batch, restores)"
    };
}

/// The start of a statement that appends audit rows: [`ValuesRows`](super::sql::ValuesRows)
/// adds as many rows of [`NewEvent::values`] as it is given.
pub(super) const APPEND_INTO: &str = append_into!();

/// How many values [`NewEvent::values`] gives: the columns of [`APPEND_INTO`].
pub(super) const APPEND_WIDTH: usize = 9;

/// The statement that appends an audit row, bound with [`NewEvent::values`].
pub(super) const APPEND: &str = concat!(
    append_into!(),
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
);

/// Appends one audit row; returns its sequence number.
pub(super) fn append<S: Sql + ?Sized>(sql: &mut S, e: &NewEvent<'_>) -> Result<i64, StoreError> {
    sql.insert(APPEND, "seq", &e.values())
}
