//! Creating cases: import and the sample data set. All or nothing: one transaction.

use std::collections::HashSet;

use super::audit::{NewEvent, APPEND_INTO, APPEND_WIDTH, CREATED_FIELD};
use super::backend::Dialect;
use super::error::StoreError;
use super::roles::admit;
use super::sql::{args, Sql, Value, ValuesRows, ROWS_PER_STATEMENT};
use super::Store;
use crate::domain::{Case, Dimension};

/// What to do with a case whose id the database already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnExisting {
    /// Refuse the whole batch.
    Fail,
    /// Leave the stored case as it is and go on.
    Skip,
}

/// What [`Store::create_cases`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Created {
    pub inserted: usize,
    /// Ids skipped because the database already held them.
    pub skipped: Vec<String>,
    /// Cases erased first (only with `replace`).
    pub erased: usize,
}

/// Who creates cases, and how.
#[derive(Clone, Copy, Debug)]
pub struct CreateOptions<'a> {
    pub reviewer: &'a str,
    /// Recorded as the audit action: `import` or `sample`.
    pub action: &'a str,
    pub batch: &'a str,
    pub on_existing: OnExisting,
    /// Erase every case and the whole audit log first, in the same transaction.
    pub replace: bool,
}

/// The start of the statement that inserts cases as they are, with the values of
/// [`case_values`] for each; [`INSERT_CASES_TAIL`] leaves a case whose id is taken as it is and
/// names the ids it inserted.
const INSERT_CASES_INTO: &str = "INSERT INTO cases (id, received_at, channel, text, scope, \
     reporter, kind, service, substitute, amount_krw, status, note, version, updated_at, \
     updated_by)";
const INSERT_CASES_TAIL: &str = "ON CONFLICT (id) DO NOTHING RETURNING id";
const CASE_WIDTH: usize = 15;

/// The values of one case for [`INSERT_CASES_INTO`], in its columns' order.
fn case_values(case: &Case) -> [Value<'_>; CASE_WIDTH] {
    let code = |d: Dimension| Value::from(case.label_code(d));
    [
        Value::from(&case.id),
        Value::from(&case.received_at),
        Value::from(&case.channel),
        Value::from(&*case.text),
        code(Dimension::Scope),
        code(Dimension::Reporter),
        code(Dimension::Kind),
        code(Dimension::Service),
        code(Dimension::Substitute),
        Value::from(&case.amount_krw),
        Value::from(case.status.code()),
        Value::from(&case.note),
        Value::from(case.version.max(1)),
        Value::from(&case.updated_at),
        Value::from(&case.updated_by),
    ]
}

impl Store {
    /// Inserts `cases` as they are (labels, status, version and last-change fields included) and
    /// one `case` audit row each, in one transaction: either every case is there afterwards, or
    /// none is. `progress` is told how many cases are done, now and then: 0 when the inserts
    /// begin (after the erase, with `replace`), `cases.len()` when only the commit is left.
    ///
    /// Cases go [`ROWS_PER_STATEMENT`] to a statement, then their audit rows in the same order
    /// (so that audit sequence numbers follow the cases' order, as one by one they would).
    pub fn create_cases(
        &mut self,
        cases: &[Case],
        options: CreateOptions<'_>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Created, StoreError> {
        self.write_retrying(|store| store.create_cases_once(cases, options, progress))
    }

    fn create_cases_once(
        &mut self,
        cases: &[Case],
        options: CreateOptions<'_>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Created, StoreError> {
        let dialect = self.dialect();
        let (mut tx, at) = self.begin(options.reviewer)?;
        admit(&mut *tx, options.reviewer, &at)?;
        let mut created = Created::default();
        if options.replace {
            created.erased = erase_everything(&mut *tx, dialect)?;
        }
        let insert_cases = ValuesRows::new(INSERT_CASES_INTO, CASE_WIDTH, INSERT_CASES_TAIL);
        let append = ValuesRows::new(APPEND_INTO, APPEND_WIDTH, "");
        let mut done = 0;
        progress(done);
        for chunk in cases.chunks(ROWS_PER_STATEMENT) {
            let values: Vec<Value<'_>> = chunk.iter().flat_map(case_values).collect();
            let mut inserted = HashSet::with_capacity(chunk.len());
            tx.for_each(&insert_cases.sql(chunk.len()), &values, &mut |row| {
                inserted.insert(row.get::<String>(0)?);
                Ok(())
            })?;
            let mut audit = Vec::with_capacity(inserted.len() * APPEND_WIDTH);
            for case in chunk {
                // `remove`: a second case of the same id in one batch was not inserted.
                if !inserted.remove(case.id.as_str()) {
                    match options.on_existing {
                        OnExisting::Fail => {
                            return Err(StoreError::Exists {
                                case_id: case.id.clone(),
                            })
                        }
                        OnExisting::Skip => created.skipped.push(case.id.clone()),
                    }
                    continue;
                }
                let event = NewEvent {
                    at: &at,
                    reviewer: options.reviewer,
                    case_id: &case.id,
                    field: CREATED_FIELD,
                    old: None,
                    new: Some("created"),
                    action: options.action,
                    batch: Some(options.batch),
                    restores: None,
                };
                audit.extend(event.values());
            }
            let rows = audit.len() / APPEND_WIDTH;
            if rows > 0 {
                tx.execute(&append.sql(rows), &audit)?;
            }
            created.inserted += rows;
            done += chunk.len();
            progress(done);
        }
        tx.commit()?;
        Ok(created)
    }
}

/// The statements that delete what refers to cases (leases, suggestions, spot-checks), in an
/// order the foreign keys allow; each backend's erase goes on with the audit log and the
/// cases.
macro_rules! erase_dependents {
    () => {
        "DELETE FROM leases;
         DELETE FROM suggestions;
         DELETE FROM spot_check_resolutions;
         DELETE FROM spot_check_labels;
         DELETE FROM spot_check_cases;
         DELETE FROM spot_check_strata;
         DELETE FROM spot_check_reviewers;
         DELETE FROM spot_checks;
        "
    };
}
pub(super) use erase_dependents;

/// SQLite's erase: the append-only trigger is dropped and re-created inside the caller's
/// transaction, so nothing else can slip a delete through (the trigger's syntax, RAISE and a
/// body without a function, is SQLite's).
const SQLITE_ERASE_EVERYTHING: &str = concat!(
    erase_dependents!(),
    "DROP TRIGGER audit_no_delete;
     DELETE FROM audit;
     DELETE FROM cases;
     CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
);

/// Deletes every case and audit row, and what refers to cases, in the caller's transaction.
/// On PostgreSQL only the owner can (see `postgres/access.rs`).
fn erase_everything<S: Sql + ?Sized>(sql: &mut S, dialect: Dialect) -> Result<usize, StoreError> {
    let cases: i64 = sql
        .query_row("SELECT count(*) FROM cases", args![])?
        .get(0)?;
    sql.execute_batch(match dialect {
        Dialect::Sqlite => SQLITE_ERASE_EVERYTHING,
        Dialect::Postgres => super::postgres::access::ERASE_EVERYTHING,
    })?;
    Ok(usize::try_from(cases).unwrap_or(0))
}
