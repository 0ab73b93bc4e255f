//! Copying a whole database into a new one, between any two backends (SQLite and PostgreSQL,
//! either way, or the same kind): every table but `leases` (see `tables.rs`), every row with
//! its own numbers (cases' creation order, audit sequence numbers, spot-check and model ids)
//! and the original reviewers and times.
//!
//! All or nothing: the source is read in one snapshot, the destination written in one
//! transaction, which first refuses a destination that holds anything and, on PostgreSQL, a
//! role that does not own the tables (only the owner may write audit rows in others' names
//! with their times: see `postgres/access.rs`). Into PostgreSQL, a value its text cannot hold
//! (a NUL character, which SQLite's may) is refused, never changed. Before it commits, every
//! table is read back inside that transaction and its row count and digest compared with what
//! was read from the source; the latest audit sequence number too. Any difference rolls
//! everything back. A dry run does all of it and rolls back.
//!
//! Rows go in by multi-row `INSERT`s of a few hundred rows, prepared once per table: one round
//! trip per batch rather than per row. (PostgreSQL's `COPY` was measured and is not worth a
//! second path: into this schema most of the time is the server's own work per row, its
//! triggers, foreign keys and indexes, which `COPY` pays too.)

mod digest;
mod error;
mod tables;
#[cfg(test)]
mod tests;

use std::cell::Cell;

pub use digest::Digest;
pub use error::CopyError;
pub use tables::counted;
use tables::{Table, MUST_BE_EMPTY, TABLES};

use super::backend::Dialect;
use super::error::StoreError;
use super::sql::{args, Sql, Value};
use super::{schema, Store};

/// Whether a copy commits or only shows what it would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyMode {
    Commit,
    /// Everything (reads, inserts, the verification), then roll back.
    DryRun,
}

/// What a copy did (or, dry, would have done), verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// Rows copied of each table, in copy order.
    pub tables: Vec<(&'static str, usize)>,
    /// The latest audit sequence number, on both sides.
    pub last_seq: Option<i64>,
    /// Leases the source holds, not copied (live coordination).
    pub leases_not_copied: usize,
    /// Whether the destination kept the rows (false after a dry run).
    pub committed: bool,
}

impl Copied {
    /// How many rows of `table` were copied.
    pub fn rows(&self, table: &str) -> usize {
        self.tables
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Where [`Store::copy_to`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copying {
    /// Rows read from the source and written to the destination: `done` of `rows`.
    Writing { done: usize, rows: usize },
    /// Rows read back from the destination and compared: `done` of `rows`.
    Verifying { done: usize, rows: usize },
    /// Everything matched: the destination commits.
    Committing,
}

/// Which side a failure came from, for the message.
#[derive(Clone, Copy)]
enum Side {
    Source,
    Destination,
}

impl Store {
    /// Refuses to copy this database unless it is at this build's schema version (what
    /// [`Store::copy_to`] checks first; this checks before a destination is opened).
    pub fn check_copy_source(&self) -> Result<(), CopyError> {
        let shown = self.location().to_string();
        require_current(self, &shown).map_err(|e| {
            e.or_store(|source| CopyError::Store {
                location: shown.clone(),
                source: Box::new(source),
            })
        })
    }

    /// Copies this database into `to`, which must be new (no case, audit row, reviewer, view,
    /// spot-check, model or suggestion; its settings are replaced), at this build's schema
    /// version like this one. `progress` is told now and then where the copy is.
    pub fn copy_to(
        &self,
        to: &mut Store,
        mode: CopyMode,
        progress: &mut dyn FnMut(Copying),
    ) -> Result<Copied, CopyError> {
        let from_shown = self.location().to_string();
        let to_shown = to.location().to_string();
        if self.location().same_database(to.location()) {
            return Err(CopyError::SameDatabase {
                from: from_shown,
                to: to_shown,
            });
        }
        let fail = |side: Side| {
            let location = match side {
                Side::Source => from_shown.clone(),
                Side::Destination => to_shown.clone(),
            };
            move |source: StoreError| CopyError::Store {
                location,
                source: Box::new(source),
            }
        };
        require_current(self, &from_shown).map_err(|e| e.or_store(fail(Side::Source)))?;
        require_current(to, &to_shown).map_err(|e| e.or_store(fail(Side::Destination)))?;

        let (from_dialect, to_dialect) = (self.dialect(), to.dialect());
        let mut src = self.begin_read().map_err(fail(Side::Source))?;
        let (mut dst, _) = to.begin_timed().map_err(fail(Side::Destination))?;
        if to_dialect == Dialect::Postgres {
            require_owner(&mut *dst, &to_shown).map_err(|e| e.or_store(fail(Side::Destination)))?;
        }
        require_empty(&mut *dst, &to_shown).map_err(|e| e.or_store(fail(Side::Destination)))?;

        let expected = TABLES
            .iter()
            .map(|t| count(&mut *src, t.name))
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail(Side::Source))?;
        let leases_not_copied = count(&mut *src, "leases").map_err(fail(Side::Source))?;
        let last_seq_read = last_seq(&mut *src).map_err(fail(Side::Source))?;
        let rows = expected.iter().sum::<usize>();
        let mut written = 0;
        progress(Copying::Writing { done: 0, rows });
        let mut advance = |n: usize| {
            written += n;
            progress(Copying::Writing {
                done: written,
                rows,
            });
        };

        // A new database has its default settings; the source's replace them.
        dst.execute("DELETE FROM settings", args![])
            .map_err(fail(Side::Destination))?;
        let mut read = Vec::with_capacity(TABLES.len());
        let mut unstorable = Vec::new();
        for (table, &rows) in TABLES.iter().zip(&expected) {
            let blame = Cell::new(Side::Destination);
            let copied = copy_table(
                &mut *src,
                &mut *dst,
                table,
                (from_dialect, to_dialect),
                rows,
                &blame,
                &mut unstorable,
                &mut advance,
            );
            read.push(copied.map_err(|e| fail(blame.get())(e))?);
        }
        if !unstorable.is_empty() {
            return Err(CopyError::Unstorable {
                from: from_shown.clone(),
                to: to_shown.clone(),
                rows: unstorable,
            });
        }
        if to_dialect == Dialect::Postgres {
            dst.execute_batch(super::postgres::schema::RESET_SEQUENCES)
                .map_err(fail(Side::Destination))?;
        }

        let mut verified = 0;
        progress(Copying::Verifying { done: 0, rows });
        let mut advance = |n: usize| {
            verified += n;
            progress(Copying::Verifying {
                done: verified,
                rows,
            });
        };
        let mut differences = Vec::new();
        for (table, sent) in TABLES.iter().zip(&read) {
            let back = digest_of(&mut *dst, table, to_dialect, &mut advance)
                .map_err(fail(Side::Destination))?;
            if back != *sent {
                differences.push(format!(
                    "{}: {} rows (digest {sent}) read from the source, {} rows (digest {back}) \
                     read back",
                    table.name, sent.rows, back.rows
                ));
            }
        }
        let last_seq_back = last_seq(&mut *dst).map_err(fail(Side::Destination))?;
        if last_seq_back != last_seq_read {
            let shown = |seq: Option<i64>| seq.map_or("none".to_string(), |s| s.to_string());
            differences.push(format!(
                "latest audit seq: {} in the source, {} read back",
                shown(last_seq_read),
                shown(last_seq_back)
            ));
        }
        if !differences.is_empty() {
            return Err(CopyError::Mismatch {
                from: from_shown,
                to: to_shown,
                differences,
            });
        }
        let committed = mode == CopyMode::Commit;
        if committed {
            progress(Copying::Committing);
            dst.commit().map_err(fail(Side::Destination))?;
        }
        Ok(Copied {
            tables: TABLES
                .iter()
                .zip(&read)
                .map(|(t, d)| (t.name, d.rows))
                .collect(),
            last_seq: last_seq_read,
            leases_not_copied,
            committed,
        })
    }
}

/// A refusal, or a database error (which the caller says the side of).
enum Refusal {
    Copy(CopyError),
    Store(Box<StoreError>),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        Refusal::Store(Box::new(e))
    }
}

impl Refusal {
    fn or_store(self, store: impl FnOnce(StoreError) -> CopyError) -> CopyError {
        match self {
            Refusal::Copy(e) => e,
            Refusal::Store(e) => store(*e),
        }
    }
}

/// Refuses a database not at this build's schema version: the tables and columns copied are
/// this version's.
fn require_current(store: &Store, shown: &str) -> Result<(), Refusal> {
    let found = store.schema_version()?;
    let current = schema::CURRENT_VERSION;
    let what = match found {
        0 => {
            return Err(Refusal::Copy(CopyError::NotCasebench {
                location: shown.to_string(),
            }))
        }
        v if v == current => return Ok(()),
        v if v < current => {
            "open it once with this casebench to bring it forward (e.g. casebench stats --db \
             …), then copy"
        }
        _ => "copy it with a casebench that knows that version",
    };
    Err(Refusal::Copy(CopyError::SchemaMismatch {
        location: shown.to_string(),
        found,
        current,
        what,
    }))
}

/// On PostgreSQL: refuses unless the role that logged in owns the tables (is a member of the
/// role that does), whom the server trusts with others' names and times.
fn require_owner(dst: &mut dyn Sql, shown: &str) -> Result<(), Refusal> {
    let row = dst.query_row(
        "SELECT casebench_is_owner(), session_user::text, pg_get_userbyid(c.relowner)::text \
         FROM pg_catalog.pg_class c WHERE c.oid = 'audit'::regclass",
        args![],
    )?;
    if row.get::<bool>(0)? {
        return Ok(());
    }
    Err(Refusal::Copy(CopyError::NotOwner {
        location: shown.to_string(),
        role: row.get(1)?,
        owner: row.get(2)?,
    }))
}

/// Refuses a destination that holds anything a database gains by being used.
fn require_empty(dst: &mut dyn Sql, shown: &str) -> Result<(), Refusal> {
    let mut held = Vec::new();
    for table in MUST_BE_EMPTY {
        let n = count(dst, table)?;
        if n > 0 {
            held.push(counted(table, n));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(Refusal::Copy(CopyError::NotEmpty {
        location: shown.to_string(),
        counts: held.join(", "),
    }))
}

fn count(sql: &mut dyn Sql, table: &str) -> Result<usize, StoreError> {
    let n: i64 = sql
        .query_row(&format!("SELECT count(*) FROM {table}"), args![])?
        .get(0)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

fn last_seq(sql: &mut dyn Sql) -> Result<Option<i64>, StoreError> {
    sql.query_row("SELECT max(seq) FROM audit", args![])?.get(0)
}

/// Copies every row of `table` from `src` to `dst` in batches; returns the digest of the rows
/// read. `blame` says, when it fails, which side was being read or written. Into PostgreSQL, a
/// value its text cannot hold (a NUL character) is named in `unstorable`, and from then on
/// rows are only read, to name every such value, and no longer written.
#[allow(clippy::too_many_arguments)]
fn copy_table(
    src: &mut dyn Sql,
    dst: &mut dyn Sql,
    table: &Table,
    (from, to): (Dialect, Dialect),
    expected: usize,
    blame: &Cell<Side>,
    unstorable: &mut Vec<String>,
    advance: &mut dyn FnMut(usize),
) -> Result<Digest, StoreError> {
    let per = table.rows_per_insert();
    let width = table.columns.len();
    let batch = table.insert(to, per);
    // A table too small for one batch (most of them) needs no batch statement.
    let prepared: Vec<&str> = if expected >= per {
        vec![batch.as_str()]
    } else {
        Vec::new()
    };
    let select = table.select(from);
    let mut digest = Digest::default();
    let mut pending: Vec<Value<'static>> = Vec::with_capacity(per * width);
    blame.set(Side::Destination);
    dst.execute_many(&prepared, &mut |run| {
        blame.set(Side::Source);
        src.for_each(&select, args![], &mut |row| {
            digest.add(row.values());
            if to == Dialect::Postgres {
                let columns = table.nul_columns(row.values());
                if !columns.is_empty() {
                    let key = table.key_of(row.values());
                    unstorable.push(format!("{} {key} ({})", table.name, columns.join(", ")));
                }
            }
            if !unstorable.is_empty() {
                advance(1);
                return Ok(());
            }
            pending.extend(row.values().iter().cloned().map(Value::into_owned));
            if pending.len() == per * width {
                blame.set(Side::Destination);
                run(0, &pending)?;
                blame.set(Side::Source);
                pending.clear();
                advance(per);
            }
            Ok(())
        })
    })?;
    blame.set(Side::Destination);
    if !pending.is_empty() && unstorable.is_empty() {
        let rows = pending.len() / width;
        dst.execute(&table.insert(to, rows), &pending)?;
        advance(rows);
    }
    Ok(digest)
}

/// The digest of every row of `table` as `sql` holds it.
fn digest_of(
    sql: &mut dyn Sql,
    table: &Table,
    dialect: Dialect,
    advance: &mut dyn FnMut(usize),
) -> Result<Digest, StoreError> {
    const STEP: usize = 4096;
    let mut digest = Digest::default();
    sql.for_each(&table.select(dialect), args![], &mut |row| {
        digest.add(row.values());
        if digest.rows % STEP == 0 {
            advance(STEP);
        }
        Ok(())
    })?;
    advance(digest.rows % STEP);
    Ok(digest)
}
