//! [`Sql`] on the embedded SQLite (rusqlite): statements are prepared once per connection and
//! cached by their text.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::{Row, Run, Sql, Transaction, Value};
use crate::store::error::StoreError;

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Real(v) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            Value::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Blob(v) => ToSqlOutput::Borrowed(ValueRef::Blob(v.as_ref())),
        })
    }
}

fn value_of(value: ValueRef<'_>) -> Result<Value<'_>, StoreError> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(v) => Value::Int(v),
        ValueRef::Real(v) => Value::Real(v),
        ValueRef::Text(t) => Value::from(std::str::from_utf8(t).map_err(|_| StoreError::NotUtf8)?),
        ValueRef::Blob(b) => Value::from(b),
    })
}

/// A SQLite connection, or a transaction on one (it derefs to its connection).
pub struct SqliteSql<'a>(pub &'a Connection);

impl Sql for SqliteSql<'_> {
    fn dialect(&self) -> crate::store::Dialect {
        crate::store::Dialect::Sqlite
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))?)
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for i in 0..columns {
                values.push(value_of(row.get_ref(i)?)?);
            }
            each(Row::new(values))?;
        }
        Ok(())
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.0.execute_batch(sql)?)
    }

    fn insert(&mut self, sql: &str, _key: &str, params: &[Value<'_>]) -> Result<i64, StoreError> {
        self.execute(sql, params)?;
        Ok(self.0.last_insert_rowid())
    }

    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut statements = sqls
            .iter()
            .map(|sql| self.0.prepare_cached(sql))
            .collect::<Result<Vec<_>, _>>()?;
        body(&mut |i, params| {
            let stmt = statements.get_mut(i).ok_or(StoreError::NotPrepared(i))?;
            Ok(stmt.execute(rusqlite::params_from_iter(params))?)
        })
    }
}

/// A SQLite write transaction (taken with `BEGIN IMMEDIATE`).
pub struct SqliteTransaction<'a>(pub rusqlite::Transaction<'a>);

super::delegate_sql!(impl['a] SqliteTransaction<'a>, |s| SqliteSql(&s.0));

impl Transaction for SqliteTransaction<'_> {
    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        Ok(self.0.commit()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sql::args;

    #[test]
    fn binds_and_reads_every_kind() {
        let conn = Connection::open_in_memory().unwrap();
        let mut sql = SqliteSql(&conn);
        sql.execute_batch("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
            .unwrap();
        let changed = sql
            .execute(
                "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)",
                args![42i64, 0.25f64, "카카오", &b"\x00\xff"[..], None::<String>],
            )
            .unwrap();
        assert_eq!(changed, 1);
        let row = sql
            .query_opt("SELECT i, r, s, b, n FROM t WHERE s = ?1", args!["카카오"])
            .unwrap()
            .unwrap();
        assert_eq!(row.get::<i64>(0).unwrap(), 42);
        assert_eq!(row.get::<f64>(1).unwrap(), 0.25);
        assert_eq!(row.get::<String>(2).unwrap(), "카카오");
        assert_eq!(row.get::<Vec<u8>>(3).unwrap(), vec![0, 255]);
        assert_eq!(row.get::<Option<String>>(4).unwrap(), None);
        let n = sql.query_row("SELECT count(*) FROM t", args![]).unwrap();
        assert_eq!(n.get::<i64>(0).unwrap(), 1);
        assert!(!sql
            .exists("SELECT 1 FROM t WHERE i = ?1", args![7i64])
            .unwrap());
    }

    #[test]
    fn a_transaction_dropped_without_commit_rolls_back() {
        let mut conn = Connection::open_in_memory().unwrap();
        SqliteSql(&conn)
            .execute_batch("CREATE TABLE t (i INTEGER)")
            .unwrap();
        {
            let mut tx = SqliteTransaction(conn.transaction().unwrap());
            tx.execute("INSERT INTO t VALUES (?1)", args![1i64])
                .unwrap();
        }
        let mut tx: Box<dyn Transaction> = Box::new(SqliteTransaction(conn.transaction().unwrap()));
        tx.execute("INSERT INTO t VALUES (?1)", args![2i64])
            .unwrap();
        tx.commit().unwrap();
        let rows = SqliteSql(&conn).query("SELECT i FROM t", args![]).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].get::<i64>(0).unwrap(), 2);
    }

    #[test]
    fn statements_prepared_once_run_in_turn_and_count_their_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        SqliteSql(&conn)
            .execute_batch("CREATE TABLE t (i INTEGER PRIMARY KEY); CREATE TABLE log (i INTEGER)")
            .unwrap();
        let mut tx: Box<dyn Transaction> = Box::new(SqliteTransaction(conn.transaction().unwrap()));
        let mut changed = Vec::new();
        tx.execute_many(
            &[
                "INSERT INTO t (i) VALUES (?1) ON CONFLICT (i) DO NOTHING",
                "INSERT INTO log (i) VALUES (?1)",
            ],
            &mut |run| {
                for i in [1i64, 2, 1] {
                    let n = run(0, args![i])?;
                    changed.push(n);
                    if n > 0 {
                        run(1, args![i])?;
                    }
                }
                let err = run(2, args![]).unwrap_err();
                assert_eq!(err.to_string(), "no statement 2 was prepared");
                Ok(())
            },
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(changed, [1, 1, 0]);
        let log = SqliteSql(&conn)
            .query("SELECT i FROM log ORDER BY rowid", args![])
            .unwrap();
        let log: Vec<i64> = log.iter().map(|r| r.get(0).unwrap()).collect();
        assert_eq!(log, [1, 2]);
    }
}
