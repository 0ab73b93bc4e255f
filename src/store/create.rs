//! Creating cases: import and the sample data set. All or nothing: one transaction.

use super::audit::{NewEvent, APPEND, CREATED_FIELD};
use super::backend::Dialect;
use super::error::StoreError;
use super::roles::admit;
use super::sql::{args, Sql};
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

/// Inserts one case as it is; changes no row when the id is taken.
const INSERT_CASE: &str = "INSERT INTO cases (id, received_at, channel, text, scope, reporter, \
     kind, service, substitute, amount_krw, status, note, version, updated_at, updated_by) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
     ON CONFLICT (id) DO NOTHING";

/// The statements [`Store::create_cases`] runs per case, by their place in `execute_many`.
const CASE: usize = 0;
const AUDIT: usize = 1;

impl Store {
    /// Inserts `cases` as they are (labels, status, version and last-change fields included) and
    /// one `case` audit row each, in one transaction: either every case is there afterwards, or
    /// none is. `progress` is told how many cases are done, now and then.
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
        tx.execute_many(&[INSERT_CASE, APPEND], &mut |run| {
            for (done, case) in cases.iter().enumerate() {
                let code = |d: Dimension| case.label_code(d);
                let inserted = run(
                    CASE,
                    args![
                        &case.id,
                        &case.received_at,
                        &case.channel,
                        &case.text,
                        code(Dimension::Scope),
                        code(Dimension::Reporter),
                        code(Dimension::Kind),
                        code(Dimension::Service),
                        code(Dimension::Substitute),
                        &case.amount_krw,
                        case.status.code(),
                        &case.note,
                        case.version.max(1),
                        &case.updated_at,
                        &case.updated_by,
                    ],
                )?;
                if inserted == 0 {
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
                run(AUDIT, &event.values())?;
                created.inserted += 1;
                if done % 4096 == 0 {
                    progress(done);
                }
            }
            Ok(())
        })?;
        tx.commit()?;
        progress(cases.len());
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
