//! The store's SQL layer (`casebench::store::sql`) on a real PostgreSQL: the same statements
//! and values as on SQLite, bound and read back, and transactions that roll back unless
//! committed. The same checks on SQLite are the unit tests in `src/store/sql/sqlite.rs`.

mod common;

use casebench::store::sql::postgres::{PgSql, PgTransaction, Statements};
use casebench::store::sql::{Sql, Transaction, Value};
use common::pg;

const TABLE: &str = "CREATE TABLE t (i BIGINT, small INTEGER, r DOUBLE PRECISION, s TEXT, \
     b BYTEA, n TEXT, flag BOOLEAN, seq BIGINT GENERATED ALWAYS AS IDENTITY)";

#[test]
fn binds_and_reads_every_kind_with_the_stores_placeholders() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut client = db.superuser();
    let mut statements = Statements::default();
    let mut sql = PgSql {
        client: &mut client,
        statements: &mut statements,
    };
    sql.execute_batch(TABLE).unwrap();
    let seq = sql
        .insert(
            "INSERT INTO t (i, small, r, s, b, n, flag) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            "seq",
            &[
                Value::from(42i64),
                Value::from(7i64),
                Value::from(0.25f64),
                Value::from("카카오 '인용' ?1"),
                Value::from(&b"\x00\xff"[..]),
                Value::Null,
                Value::from(true),
            ],
        )
        .unwrap();
    assert_eq!(seq, 1);
    let row = sql
        .query_opt(
            "SELECT i, small, r, s, b, n, flag FROM t WHERE s = ?1 AND i = ?2",
            &[Value::from("카카오 '인용' ?1"), Value::from(42i64)],
        )
        .unwrap()
        .expect("the row");
    assert_eq!(row.get::<i64>(0).unwrap(), 42);
    assert_eq!(row.get::<i64>(1).unwrap(), 7);
    assert_eq!(row.get::<f64>(2).unwrap(), 0.25);
    assert_eq!(row.get::<String>(3).unwrap(), "카카오 '인용' ?1");
    assert_eq!(row.get::<Vec<u8>>(4).unwrap(), vec![0, 255]);
    assert_eq!(row.get::<Option<String>>(5).unwrap(), None);
    assert!(row.get::<bool>(6).unwrap());
    let count = sql.query_row("SELECT count(*) FROM t", &[]).unwrap();
    assert_eq!(count.get::<i64>(0).unwrap(), 1);
    // A parameter used twice, and an upsert, as the store writes them.
    sql.execute_batch("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)")
        .unwrap();
    for v in ["one", "two"] {
        sql.execute(
            "INSERT INTO kv (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO UPDATE SET v = ?2",
            &[Value::from("key"), Value::from(v)],
        )
        .unwrap();
    }
    let kv = sql.query("SELECT k, v FROM kv", &[]).unwrap();
    assert_eq!(kv.len(), 1);
    assert_eq!(kv[0].get::<String>(1).unwrap(), "two");
    // A value of the wrong kind is refused by name, not silently converted.
    let err = sql
        .execute(
            "INSERT INTO t (i) VALUES (?1)",
            &[Value::from("not a number")],
        )
        .unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn a_transaction_dropped_without_commit_rolls_back() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut client = db.superuser();
    let mut statements = Statements::default();
    PgSql {
        client: &mut client,
        statements: &mut statements,
    }
    .execute_batch(TABLE)
    .unwrap();
    {
        let mut tx = PgTransaction {
            tx: client.transaction().unwrap(),
            statements: &mut statements,
        };
        tx.execute("INSERT INTO t (i) VALUES (?1)", &[Value::from(1i64)])
            .unwrap();
    }
    let mut tx: Box<dyn Transaction> = Box::new(PgTransaction {
        tx: client.transaction().unwrap(),
        statements: &mut statements,
    });
    tx.execute("INSERT INTO t (i) VALUES (?1)", &[Value::from(2i64)])
        .unwrap();
    tx.commit().unwrap();
    let rows = PgSql {
        client: &mut client,
        statements: &mut statements,
    }
    .query("SELECT i FROM t", &[])
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<i64>(0).unwrap(), 2);
}

#[test]
fn statements_prepared_once_run_in_turn_and_count_their_rows() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut client = db.superuser();
    let mut statements = Statements::default();
    PgSql {
        client: &mut client,
        statements: &mut statements,
    }
    .execute_batch("CREATE TABLE once (i BIGINT PRIMARY KEY); CREATE TABLE log (i BIGINT)")
    .unwrap();
    let mut tx: Box<dyn Transaction> = Box::new(PgTransaction {
        tx: client.transaction().unwrap(),
        statements: &mut statements,
    });
    let mut changed = Vec::new();
    tx.execute_many(
        &[
            "INSERT INTO once (i) VALUES (?1) ON CONFLICT (i) DO NOTHING",
            "INSERT INTO log (i) VALUES (?1)",
        ],
        &mut |run| {
            for i in [1i64, 2, 1] {
                let n = run(0, &[Value::from(i)])?;
                changed.push(n);
                if n > 0 {
                    run(1, &[Value::from(i)])?;
                }
            }
            let err = run(2, &[]).unwrap_err();
            assert_eq!(err.to_string(), "no statement 2 was prepared");
            Ok(())
        },
    )
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(changed, [1, 1, 0]);
    let log = PgSql {
        client: &mut client,
        statements: &mut statements,
    }
    .query("SELECT i FROM log ORDER BY i", &[])
    .unwrap();
    let log: Vec<i64> = log.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(log, [1, 2]);
}
