//! The PostgreSQL store's tests' helpers: a connection as the store keeps one, the store's
//! statements as it issues them, and a migrated database with a reviewer and a lead, each a
//! real login role (see `tests/postgres_schema.rs` and `tests/postgres_access.rs`).

use ::postgres::{Client, NoTls};
use casebench::store::postgres::schema;
use casebench::store::sql::postgres::{PgSql, PgTransaction, Statements};
use casebench::store::sql::{FromValue, Sql, Value};
use casebench::store::StoreError;

use super::pg::{self, Login, TestDb};

/// The store's statements, as `change.rs`, `audit.rs`, `create.rs`, `roles.rs` and
/// `leases.rs` issue them.
pub const UPDATE_CASE: &str =
    "UPDATE cases SET scope = ?2, reporter = ?3, kind = ?4, service = ?5, \
     substitute = ?6, amount_krw = ?7, status = ?8, note = ?9, version = ?10, \
     updated_at = ?11, updated_by = ?12 WHERE id = ?1 AND version = ?10 - 1";
pub const APPEND: &str =
    "INSERT INTO audit (at, reviewer, case_id, field, old, new, action, batch, restores) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
pub const INSERT_CASE: &str =
    "INSERT INTO cases (id, received_at, channel, text, scope, reporter, \
     kind, service, substitute, amount_krw, status, note, version, updated_at, updated_by) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
     ON CONFLICT (id) DO NOTHING";
pub const ADMIT: &str = "INSERT INTO reviewers (name, role, added_at) VALUES (?1, 'reviewer', ?2) \
     ON CONFLICT (name) DO NOTHING";
pub const SET_ROLE: &str =
    "UPDATE reviewers SET role = ?2, updated_by = ?3, updated_at = ?4 WHERE name = ?1";
pub const ADD_REVIEWER: &str =
    "INSERT INTO reviewers (name, role, added_at, updated_by, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?3)";
pub const SET_ENROLMENT: &str = "INSERT INTO settings (key, value) VALUES ('open_enrolment', ?1) \
     ON CONFLICT (key) DO UPDATE SET value = ?1";
pub const PUT_LEASE: &str =
    "INSERT INTO leases (case_id, reviewer, taken_at, expires_at, holder_host, holder_pid, \
     holder_started) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
     ON CONFLICT (case_id) DO UPDATE SET reviewer = ?2, expires_at = ?4, \
     holder_host = ?5, holder_pid = ?6, holder_started = ?7, \
     taken_at = CASE WHEN leases.reviewer = ?2 THEN leases.taken_at ELSE ?3 END";
pub const DELETE_LAPSED: &str = "DELETE FROM leases WHERE expires_at <= ?1";
pub const SAVE_VIEW: &str = "INSERT INTO views (name, filter, search, created_by, created_at, \
     updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5) \
     ON CONFLICT (name) DO UPDATE SET filter = ?2, search = ?3, updated_by = ?4, updated_at = ?5";
pub const OPEN_SPOT_CHECK: &str =
    "INSERT INTO spot_checks (name, created_by, created_at, since, until, population, \
     confidence, margin, proportion, seed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
pub const SAVE_MODEL: &str = "INSERT INTO suggest_models \
     (created_at, created_by, seed, filter, cases_used, figures, labels, amount) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

pub const AT: &str = "2024-05-01T09:00:00.000Z";

/// A connection with its prepared statements, as the store keeps one.
pub struct Conn {
    pub client: Client,
    pub statements: Statements,
}

impl Conn {
    pub fn open(url: &str) -> Conn {
        Conn {
            client: Client::connect(url, NoTls).unwrap_or_else(|e| panic!("connect {url}: {e}")),
            statements: Statements::default(),
        }
    }

    pub fn sql(&mut self) -> PgSql<'_> {
        PgSql {
            client: &mut self.client,
            statements: &mut self.statements,
        }
    }

    pub fn tx(&mut self) -> PgTransaction<'_> {
        PgTransaction {
            tx: self.client.transaction().expect("BEGIN"),
            statements: &mut self.statements,
        }
    }

    /// Runs `body` in one transaction and commits it; the first error, the statement's or
    /// the commit's.
    pub fn in_tx(
        &mut self,
        body: impl FnOnce(&mut PgTransaction<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut tx = self.tx();
        body(&mut tx)?;
        tx.tx.commit()?;
        Ok(())
    }

    pub fn one<T: FromValue>(&mut self, query: &str, params: &[Value<'_>]) -> T {
        self.sql()
            .query_row(query, params)
            .unwrap_or_else(|e| panic!("{query}: {e}"))
            .get(0)
            .unwrap_or_else(|e| panic!("{query}: {e}"))
    }
}

/// The server's message of a refusal (without `db error: ERROR:`).
#[track_caller]
pub fn refusal<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(StoreError::Postgres(e)) => match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => panic!("not a server error: {e}"),
        },
        Err(other) => panic!("not a server error: {other}"),
    }
}

/// Migrates in one transaction of `conn`.
pub fn migrate(conn: &mut Conn) -> Result<(), StoreError> {
    conn.in_tx(|tx| schema::migrate(tx))
}

/// A migrated database with a reviewer and a lead, each a real login role enrolled by the
/// owner (the superuser, who migrated) through `casebench_enrol`, and cases `C-1` … `C-200`
/// imported by the owner.
pub struct Team {
    pub db: TestDb,
    pub owner: Conn,
    pub kim: Login,
    pub lee: Login,
}

impl Team {
    pub fn new() -> Option<Team> {
        let db = pg::database_or_skip()?;
        let mut owner = Conn::open(&db.socket_url(pg::SUPERUSER));
        migrate(&mut owner).expect("migrate");
        let kim = db.create_login(&format!("kim_{}", db.name), "kim-pw");
        let lee = db.create_login(&format!("lee_{}", db.name), "lee-pw");
        for (login, role) in [(&kim, "reviewer"), (&lee, "lead")] {
            assert_eq!(enrol(&mut owner, &login.user, role).unwrap(), "added");
        }
        owner
            .sql()
            .execute_batch(
                "INSERT INTO cases (id, text) SELECT 'C-' || i, '사례 ' || i
                     FROM generate_series(1, 200) i;
                 INSERT INTO audit (at, reviewer, case_id, field, old, new, action, batch)
                     SELECT '2024-04-01T00:00:00.000Z', 'importer', id, 'case', NULL,
                            'created', 'import', 'import-1' FROM cases;",
            )
            .expect("import");
        Some(Team {
            db,
            owner,
            kim,
            lee,
        })
    }

    pub fn kim(&self) -> Conn {
        Conn::open(&self.kim.url)
    }

    pub fn lee(&self) -> Conn {
        Conn::open(&self.lee.url)
    }

    /// Another login role, not enrolled.
    pub fn stranger(&self, name: &str) -> (Login, Conn) {
        let login = self
            .db
            .create_login(&format!("{name}_{}", self.db.name), "pw");
        let conn = Conn::open(&login.url);
        (login, conn)
    }
}

pub fn enrol(conn: &mut Conn, name: &str, role: &str) -> Result<String, StoreError> {
    conn.sql()
        .query_row(
            "SELECT casebench_enrol(?1, ?2)",
            &[Value::from(name), Value::from(role)],
        )?
        .get(0)
}

/// The change function's two statements for one case, as `who`: set `kind` (bumping the
/// version, `updated_by` = `who`) and append its audit row with audit action `action`.
pub fn change(
    tx: &mut dyn Sql,
    who: &str,
    case_id: &str,
    kind: &str,
    action: &str,
) -> Result<(), StoreError> {
    update(tx, who, case_id, kind)?;
    append(tx, who, case_id, "kind", action)
}

/// The change function's UPDATE alone.
pub fn update(tx: &mut dyn Sql, who: &str, case_id: &str, kind: &str) -> Result<(), StoreError> {
    let version: i64 = tx
        .query_row(
            "SELECT version FROM cases WHERE id = ?1",
            &[Value::from(case_id)],
        )?
        .get(0)?;
    let n = tx.execute(
        UPDATE_CASE,
        &[
            Value::from(case_id),
            Value::Null,
            Value::Null,
            Value::from(kind),
            Value::Null,
            Value::Null,
            Value::Null,
            Value::from("new"),
            Value::Null,
            Value::from(version + 1),
            Value::from(AT),
            Value::from(who),
        ],
    )?;
    assert_eq!(n, 1, "{case_id} updated");
    Ok(())
}

/// Appends one audit row (as `audit::append` does); returns its `seq`.
pub fn append(
    tx: &mut dyn Sql,
    who: &str,
    case_id: &str,
    field: &str,
    action: &str,
) -> Result<(), StoreError> {
    append_seq(tx, who, case_id, field, action).map(|_| ())
}

pub fn append_seq(
    tx: &mut dyn Sql,
    who: &str,
    case_id: &str,
    field: &str,
    action: &str,
) -> Result<i64, StoreError> {
    tx.insert(
        APPEND,
        "seq",
        &[
            Value::from(AT),
            Value::from(who),
            Value::from(case_id),
            Value::from(field),
            Value::Null,
            Value::from("paid"),
            Value::from(action),
            Value::Null,
            Value::Null,
        ],
    )
}

pub fn kind_of(conn: &mut Conn, case_id: &str) -> Option<String> {
    conn.one(
        "SELECT kind FROM cases WHERE id = ?1",
        &[Value::from(case_id)],
    )
}

pub fn count(conn: &mut Conn, query: &str) -> i64 {
    conn.one(query, &[])
}

/// The refusal of a lead-only action, in the store's words.
pub fn not_a_lead(action: &str, who: &str) -> String {
    format!("only a lead can {action}; {who} is a reviewer")
}

pub fn not_enrolled(who: &str) -> String {
    format!(
        "reviewer \"{who}\" is not enrolled in this database (ask a lead: casebench reviewers \
         add {who} --role reviewer)"
    )
}

pub const MANAGE: &str = "add reviewers, change roles or the enrolment setting";
