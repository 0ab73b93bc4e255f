//! [`Sql`] on PostgreSQL (the `postgres` crate, synchronous): the store's `?N` placeholders
//! become `$N`, statements are prepared once per connection, and [`Value`]s are bound to
//! whatever type the server expects for a parameter (an integer to `bigint`, `integer` or
//! `double precision`, text to `text`, bytes to `bytea`).

use std::collections::HashMap;
use std::error::Error;

use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::{Client, Statement};

use super::{Row, Run, Sql, Transaction, Value};
use crate::store::error::StoreError;

type BoxError = Box<dyn Error + Sync + Send>;

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                _ => Err(format!("an integer cannot be bound where {ty} belongs").into()),
            },
            Value::Real(v) => match *ty {
                Type::FLOAT8 => v.to_sql(ty, out),
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => Err(format!("a real number cannot be bound where {ty} belongs").into()),
            },
            Value::Text(v) => v.as_ref().to_sql(ty, out),
            Value::Blob(v) => v.as_ref().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Value<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value<'a>, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Value::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::BOOL => Value::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::BYTEA => Value::from(<&[u8]>::from_sql(ty, raw)?),
            _ => Value::from(<&str>::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Value<'a>, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT8
                | Type::INT4
                | Type::INT2
                | Type::BOOL
                | Type::FLOAT8
                | Type::FLOAT4
                | Type::BYTEA
        ) || <String as FromSql>::accepts(ty)
    }
}

/// The store's SQL with PostgreSQL's placeholders: `?N` is `$N`, and a bare `?` the next
/// number. Text in single quotes is left alone.
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quoted = false;
    let mut next = 0usize;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&next.to_string());
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Prepared statements by the store's SQL text, per connection.
#[derive(Default)]
pub struct Statements(HashMap<String, Statement>);

impl Statements {
    fn get<C: postgres::GenericClient>(
        &mut self,
        client: &mut C,
        sql: &str,
    ) -> Result<Statement, StoreError> {
        if let Some(stmt) = self.0.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = client.prepare(&placeholders(sql))?;
        self.0.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

fn params<'v>(values: &'v [Value<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

fn row_of(row: &postgres::Row) -> Result<Row<'_>, StoreError> {
    let mut values = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        values.push(row.try_get::<_, Value<'_>>(i)?);
    }
    Ok(Row::new(values))
}

fn execute<C: postgres::GenericClient>(
    client: &mut C,
    statements: &mut Statements,
    sql: &str,
    values: &[Value<'_>],
) -> Result<usize, StoreError> {
    let stmt = statements.get(client, sql)?;
    let n = client.execute(&stmt, &params(values))?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

fn insert<C: postgres::GenericClient>(
    client: &mut C,
    statements: &mut Statements,
    sql: &str,
    key: &str,
    values: &[Value<'_>],
) -> Result<i64, StoreError> {
    let stmt = statements.get(client, &format!("{sql} RETURNING {key}"))?;
    let row = client.query_one(&stmt, &params(values))?;
    Ok(row.try_get::<_, i64>(0)?)
}

fn execute_many<C: postgres::GenericClient>(
    client: &mut C,
    statements: &mut Statements,
    sqls: &[&str],
    body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let prepared = sqls
        .iter()
        .map(|sql| statements.get(client, sql))
        .collect::<Result<Vec<_>, _>>()?;
    body(&mut |i, values| {
        let stmt = prepared.get(i).ok_or(StoreError::NotPrepared(i))?;
        let n = client.execute(stmt, &params(values))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    })
}

fn for_each<C: postgres::GenericClient>(
    client: &mut C,
    statements: &mut Statements,
    sql: &str,
    values: &[Value<'_>],
    each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    use postgres::fallible_iterator::FallibleIterator;
    let stmt = statements.get(client, sql)?;
    let mut rows = client.query_raw(&stmt, params(values))?;
    while let Some(row) = rows.next()? {
        each(row_of(&row)?)?;
    }
    Ok(())
}

/// A PostgreSQL connection with its prepared statements.
pub struct PgSql<'a> {
    pub client: &'a mut Client,
    pub statements: &'a mut Statements,
}

impl Sql for PgSql<'_> {
    fn dialect(&self) -> crate::store::Dialect {
        crate::store::Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError> {
        execute(self.client, self.statements, sql, params)
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for_each(self.client, self.statements, sql, params, each)
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client.batch_execute(sql)?)
    }

    fn insert(&mut self, sql: &str, key: &str, params: &[Value<'_>]) -> Result<i64, StoreError> {
        insert(self.client, self.statements, sql, key, params)
    }

    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        execute_many(self.client, self.statements, sqls, body)
    }
}

/// A PostgreSQL transaction; dropped without a commit, it rolls back.
pub struct PgTransaction<'a> {
    pub tx: postgres::Transaction<'a>,
    pub statements: &'a mut Statements,
}

impl Sql for PgTransaction<'_> {
    fn dialect(&self) -> crate::store::Dialect {
        crate::store::Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError> {
        execute(&mut self.tx, self.statements, sql, params)
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for_each(&mut self.tx, self.statements, sql, params, each)
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.tx.batch_execute(sql)?)
    }

    fn insert(&mut self, sql: &str, key: &str, params: &[Value<'_>]) -> Result<i64, StoreError> {
        insert(&mut self.tx, self.statements, sql, key, params)
    }

    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        execute_many(&mut self.tx, self.statements, sqls, body)
    }
}

impl Transaction for PgTransaction<'_> {
    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

/// A PostgreSQL connection that owns its client and prepared statements (what a
/// [`crate::store::Store`] keeps), and what it takes to connect again when the connection is
/// lost (see `store/postgres/reconnect.rs`).
pub struct PgConnection {
    pub client: Client,
    pub statements: Statements,
    pub(crate) link: crate::store::postgres::reconnect::Link,
}

impl PgConnection {
    fn sql(&mut self) -> PgSql<'_> {
        PgSql {
            client: &mut self.client,
            statements: &mut self.statements,
        }
    }
}

/// Every statement's error passes [`PgConnection::noted`], so that a lost connection is known
/// to be lost at the next use, whoever made the statement.
impl Sql for PgConnection {
    fn dialect(&self) -> crate::store::Dialect {
        crate::store::Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError> {
        let result = self.sql().execute(sql, params);
        self.noted(result)
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let result = self.sql().for_each(sql, params, each);
        self.noted(result)
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        let result = self.sql().execute_batch(sql);
        self.noted(result)
    }

    fn insert(&mut self, sql: &str, key: &str, params: &[Value<'_>]) -> Result<i64, StoreError> {
        let result = self.sql().insert(sql, key, params);
        self.noted(result)
    }

    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let result = self.sql().execute_many(sqls, body);
        self.noted(result)
    }
}

/// A transaction on a connection the caller holds through a guard (a `RefCell`'s): begun
/// with the statement the caller gives (`BEGIN ISOLATION LEVEL …`), ended by `COMMIT` or,
/// dropped without one, by `ROLLBACK`.
///
/// A writer records its transaction id ([`PgGuardedTransaction::set_xid`]): when the
/// connection is lost while its `COMMIT` is on the way, the server is asked afterwards, on a
/// new connection, whether that transaction committed (see `reconnect.rs`).
pub struct PgGuardedTransaction<'a> {
    conn: std::cell::RefMut<'a, PgConnection>,
    open: bool,
    xid: Option<String>,
}

impl<'a> PgGuardedTransaction<'a> {
    pub fn begin(
        mut conn: std::cell::RefMut<'a, PgConnection>,
        begin: &str,
    ) -> Result<PgGuardedTransaction<'a>, StoreError> {
        conn.execute_batch(begin)?;
        Ok(PgGuardedTransaction {
            conn,
            open: true,
            xid: None,
        })
    }

    /// The transaction's id (`pg_current_xact_id()` as text), for finding out whether it
    /// committed when the answer to its `COMMIT` is lost.
    pub fn set_xid(&mut self, xid: String) {
        self.xid = Some(xid);
    }
}

super::delegate_sql!(impl['a] PgGuardedTransaction<'a>, |s| s.conn);

impl Transaction for PgGuardedTransaction<'_> {
    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        self.open = false;
        let sent = self.conn.client.batch_execute("COMMIT");
        match sent {
            Ok(()) => Ok(()),
            Err(e) if crate::store::postgres::reconnect::is_lost(&e) => match self.xid.take() {
                Some(xid) => self.conn.settle_commit(&xid, e),
                None => self.conn.noted(Err(e.into())),
            },
            Err(e) => Err(e.into()),
        }
    }
}

impl Drop for PgGuardedTransaction<'_> {
    fn drop(&mut self) {
        if self.open {
            // A connection that is gone has rolled the transaction back already.
            let _ = self.conn.client.batch_execute("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_are_numbered_as_postgresql_wants() {
        assert_eq!(
            placeholders("SELECT ?1, ?2 WHERE a = ?1 AND b = '?' AND c = ?"),
            "SELECT $1, $2 WHERE a = $1 AND b = '?' AND c = $1"
        );
        assert_eq!(placeholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
        assert_eq!(placeholders("SELECT 'it''s ?1'"), "SELECT 'it''s ?1'");
    }
}
