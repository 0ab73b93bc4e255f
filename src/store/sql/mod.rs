//! One way for the store to speak SQL, whatever the database: statements with numbered
//! parameters (`?1`, `?2`, …), bound from [`Value`]s, answered with [`Row`]s of values. The
//! embedded SQLite ([`sqlite`]) and PostgreSQL ([`postgres`]) each implement [`Sql`], so the
//! store's logic (the change function, its version check and audit rows) is written once.
//!
//! The SQL itself is the common subset of both dialects (`ON CONFLICT`, `?N`
//! placeholders, which the PostgreSQL side renumbers as `$N`); the few statements that differ
//! (the schema, its triggers) live with each backend.

pub mod postgres;
pub mod sqlite;
mod value;

pub use value::{FromValue, Row, Value};

use super::backend::Dialect;
use super::error::StoreError;

/// `args![a, b, c]`: the parameters of a statement, each turned into a [`Value`].
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        &[$($crate::store::sql::Value::from($value)),*][..]
    };
}
pub(crate) use args;

/// `delegate_sql!(impl[GENERICS] TYPE, |s| INNER)`: implements [`Sql`] for `TYPE` by handing
/// every call to `INNER`, an expression of `s` (the `&mut self`) that gives an [`Sql`]: a
/// transaction to its connection, a guard to what it guards.
macro_rules! delegate_sql {
    (impl[$($generics:tt)*] $ty:ty, |$s:ident| $inner:expr) => {
        $crate::store::sql::delegate_sql!(impl[$($generics)*] $ty, |$s| $inner, dialect = |s| {
            let $s = s;
            $inner.dialect()
        });
    };
    (impl[$($generics:tt)*] $ty:ty, |$s:ident| $inner:expr, dialect = |$d:ident| $dialect:expr) => {
        impl<$($generics)*> $crate::store::sql::Sql for $ty {
            fn execute(
                &mut self,
                sql: &str,
                params: &[$crate::store::sql::Value<'_>],
            ) -> Result<usize, $crate::store::StoreError> {
                let $s = self;
                $inner.execute(sql, params)
            }

            fn for_each(
                &mut self,
                sql: &str,
                params: &[$crate::store::sql::Value<'_>],
                each: &mut dyn FnMut(
                    $crate::store::sql::Row<'_>,
                ) -> Result<(), $crate::store::StoreError>,
            ) -> Result<(), $crate::store::StoreError> {
                let $s = self;
                $inner.for_each(sql, params, each)
            }

            fn execute_batch(&mut self, sql: &str) -> Result<(), $crate::store::StoreError> {
                let $s = self;
                $inner.execute_batch(sql)
            }

            fn insert(
                &mut self,
                sql: &str,
                key: &str,
                params: &[$crate::store::sql::Value<'_>],
            ) -> Result<i64, $crate::store::StoreError> {
                let $s = self;
                $inner.insert(sql, key, params)
            }

            fn execute_many(
                &mut self,
                sqls: &[&str],
                body: &mut dyn FnMut(
                    &mut $crate::store::sql::Run<'_>,
                ) -> Result<(), $crate::store::StoreError>,
            ) -> Result<(), $crate::store::StoreError> {
                let $s = self;
                $inner.execute_many(sqls, body)
            }

            fn dialect(&self) -> $crate::store::Dialect {
                let $d = self;
                $dialect
            }
        }
    };
}
pub(crate) use delegate_sql;

/// Rows a statement of [`values_rows`] holds at most: loops that insert thousands of rows send
/// them this many at a time, as one statement (on PostgreSQL a statement a row costs a round
/// trip each, 0.3 ms on loopback). SQLite binds at most 32,766 parameters a statement and
/// PostgreSQL 65,535, so a thousand rows of up to 32 values fit both.
pub const ROWS_PER_STATEMENT: usize = 1000;

/// `HEAD VALUES (?1, …, ?W), (?W+1, …, ?2W), … TAIL`: a statement of `rows` rows of `width`
/// parameters each, bound with the rows' values one after the other. `head` is
/// `INSERT INTO table (columns)`, `tail` what follows the rows (`ON CONFLICT …`,
/// `RETURNING …`) or nothing.
pub fn values_rows(head: &str, width: usize, rows: usize, tail: &str) -> String {
    use std::fmt::Write;
    let mut sql = String::with_capacity(head.len() + tail.len() + rows * width * 7 + 16);
    sql.push_str(head);
    sql.push_str(" VALUES ");
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            // Writing to a String cannot fail.
            let _ = write!(sql, "?{}", row * width + column + 1);
        }
        sql.push(')');
    }
    if !tail.is_empty() {
        sql.push(' ');
        sql.push_str(tail);
    }
    sql
}

/// A statement of [`values_rows`] sent [`ROWS_PER_STATEMENT`] rows at a time: the text of a
/// full statement is made once, on first use, and a shorter one only for a last, partial
/// batch (a full statement's text is a hundred kilobytes; making it for every batch of an
/// import took as long again as binding the batch).
pub struct ValuesRows<'a> {
    head: &'a str,
    width: usize,
    tail: &'a str,
    full: std::cell::OnceCell<String>,
}

impl<'a> ValuesRows<'a> {
    /// The statement `head VALUES (…), … tail` of rows of `width` values.
    pub fn new(head: &'a str, width: usize, tail: &'a str) -> ValuesRows<'a> {
        ValuesRows {
            head,
            width,
            tail,
            full: std::cell::OnceCell::new(),
        }
    }

    /// The statement for `rows` rows.
    pub fn sql(&self, rows: usize) -> std::borrow::Cow<'_, str> {
        if rows == ROWS_PER_STATEMENT {
            let full = self
                .full
                .get_or_init(|| values_rows(self.head, self.width, ROWS_PER_STATEMENT, self.tail));
            std::borrow::Cow::Borrowed(full.as_str())
        } else {
            std::borrow::Cow::Owned(values_rows(self.head, self.width, rows, self.tail))
        }
    }
}

/// Runs the `i`th of the statements [`Sql::execute_many`] prepared with `params`; returns how
/// many rows it changed.
pub type Run<'r> = dyn FnMut(usize, &[Value<'_>]) -> Result<usize, StoreError> + 'r;

/// A connection or a transaction on one.
pub trait Sql {
    /// Which database this is, for the few statements the two dialects spell differently.
    fn dialect(&self) -> Dialect;

    /// Runs a statement; returns how many rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError>;

    /// Runs a query and hands each row to `each`, in order, without holding them all.
    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Runs an `INSERT` of one row and returns its integer key column `key` (SQLite's rowid,
    /// PostgreSQL's `RETURNING key`).
    fn insert(&mut self, sql: &str, key: &str, params: &[Value<'_>]) -> Result<i64, StoreError>;

    /// Runs several statements without parameters (schema changes).
    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError>;

    /// Prepares `sqls` once and hands `body` a [`Run`] that runs them as often as it likes:
    /// `run(i, params)` runs `sqls[i]` and returns how many rows it changed. For loops over
    /// many rows (an import's 105,116 inserts), where looking each statement up again costs.
    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Every row of a query.
    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row<'static>>, StoreError> {
        let mut rows = Vec::new();
        self.for_each(sql, params, &mut |row| {
            rows.push(row.into_owned());
            Ok(())
        })?;
        Ok(rows)
    }

    /// The first row of a query, if any.
    fn query_opt(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
    ) -> Result<Option<Row<'static>>, StoreError> {
        let mut first = None;
        self.for_each(sql, params, &mut |row| {
            if first.is_none() {
                first = Some(row.into_owned());
            }
            Ok(())
        })?;
        Ok(first)
    }

    /// The one row of a query that always gives one (`SELECT count(*) …`).
    fn query_row(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Row<'static>, StoreError> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::NoRow(sql.to_string()))
    }

    /// Whether a query gives any row.
    fn exists(&mut self, sql: &str, params: &[Value<'_>]) -> Result<bool, StoreError> {
        Ok(self.query_opt(sql, params)?.is_some())
    }
}

delegate_sql!(impl[T: Sql + ?Sized] Box<T>, |s| (**s));
delegate_sql!(impl['a, T: Sql + ?Sized] std::cell::RefMut<'a, T>, |s| (**s));

/// A transaction: [`Sql`] until it is committed; dropped without a commit, it rolls back.
pub trait Transaction: Sql {
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use super::{values_rows, ValuesRows, ROWS_PER_STATEMENT};

    #[test]
    fn rows_are_numbered_one_after_the_other() {
        assert_eq!(
            values_rows("INSERT INTO t (a, b)", 2, 3, "RETURNING a"),
            "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4), (?5, ?6) RETURNING a"
        );
        assert_eq!(
            values_rows("INSERT INTO t (a)", 1, 1, ""),
            "INSERT INTO t (a) VALUES (?1)"
        );
    }

    #[test]
    fn a_full_statement_is_the_same_text_as_values_rows_gives() {
        let rows = ValuesRows::new("INSERT INTO t (a, b)", 2, "RETURNING a");
        let full = values_rows("INSERT INTO t (a, b)", 2, ROWS_PER_STATEMENT, "RETURNING a");
        assert_eq!(rows.sql(ROWS_PER_STATEMENT), full);
        assert_eq!(rows.sql(ROWS_PER_STATEMENT), full);
        assert_eq!(
            rows.sql(2),
            "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4) RETURNING a"
        );
    }
}
