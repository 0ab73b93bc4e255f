//! Losing the connection to PostgreSQL, and getting it back without losing or doubling a
//! change.
//!
//! A server restart, a killed backend (`pg_terminate_backend`) or a broken network closes the
//! store's connection. The store keeps the settings it connected with ([`Link`]) and:
//!
//! - before each use, drives the connection without waiting (a server that said goodbye while
//!   the store sat idle is noticed then) and connects again if it is gone;
//! - runs an autocommit read again, once, on a new connection when the connection is lost
//!   under it ([`PgReader`]);
//! - runs a whole write again, once, when the connection was lost before its `COMMIT` was
//!   sent, or when it was lost while the `COMMIT` was on its way and the server says the
//!   transaction did not commit ([`Store::write_retrying`]); a read that needs one snapshot
//!   likewise ([`Store::read_retrying`]);
//! - when the connection is lost while the `COMMIT` is on its way, asks the server on the new
//!   connection what became of the transaction (`pg_xact_status` of the id the writer took
//!   when it began, the id its audit rows carry in `audit.xact`): committed means the write is
//!   done and it returns what it wrote; aborted means nothing was written and it may run
//!   again; a transaction still in progress (its server process outlived the connection) is
//!   waited for, after that process is asked to end;
//! - ends the server process of the old connection if it is still there (matched by process id
//!   and start time, so never another session's), so that a transaction it left open cannot
//!   hold the write lock the retry needs.
//!
//! If it cannot connect again, the operation fails with the location (never the password) and
//! why; the next operation tries again.

use std::cell::RefMut;
use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config};

use super::tls;
use crate::store::backend::Backend;
use crate::store::error::StoreError;
use crate::store::sql::postgres::{PgConnection, Statements};
use crate::store::sql::{Row, Run, Sql, Value};
use crate::store::Store;

/// How long to wait for the server to finish a transaction whose `COMMIT` was on its way when
/// the connection was lost.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(10);
/// How often to ask meanwhile.
const SETTLE_POLL: Duration = Duration::from_millis(20);

/// Whether `e` says the connection is gone: closed, broken (an I/O error), or ended by the
/// server (an administrator's shutdown or `pg_terminate_backend`, a crash, a server that is
/// starting up or shutting down).
pub(crate) fn is_lost(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(code) = e.code() {
        return [
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
        ]
        .contains(code);
    }
    std::error::Error::source(e).is_some_and(|source| source.is::<std::io::Error>())
}

impl StoreError {
    /// Whether the error is the loss of the connection to the database (the store connects
    /// again at the next operation): the operation may be tried again as it was. (After
    /// [`StoreError::CommitUnknown`] a change may have been written: tried again at the
    /// version it expected, it is then refused as a conflict, never written twice.)
    pub fn is_disconnect(&self) -> bool {
        match self {
            StoreError::Postgres(e) => is_lost(e),
            StoreError::ConnectionLost { .. }
            | StoreError::Reconnect { .. }
            | StoreError::CommitUnknown { .. } => true,
            _ => false,
        }
    }

    /// Whether the store runs the operation that failed with this once more on a new
    /// connection: the connection was lost and nothing was written.
    fn worth_retrying(&self) -> bool {
        match self {
            StoreError::Postgres(e) => is_lost(e),
            StoreError::ConnectionLost { .. } => true,
            _ => false,
        }
    }
}

/// What a connection needs to be opened again, and what it has learnt so far.
pub(crate) struct Link {
    /// The settings it connected with (completed from the environment; with the password).
    config: Config,
    /// The location as shown (never with its password).
    location: String,
    /// The server process serving the connection: its pid and start time.
    backend: Option<(i32, String)>,
    /// The connection is known to be gone: the next use connects again first.
    lost: bool,
    /// Whether the connection has said `LISTEN` to the audit channel.
    pub listening: bool,
    /// How many change notifications have arrived (on this and earlier connections).
    pub notified: i64,
    /// How many times the connection was opened again.
    reconnects: u64,
}

/// Who a new connection is: the role that logged in, and its server process.
struct Session {
    client: Client,
    role: String,
    backend: Option<(i32, String)>,
}

/// Connects with `config`, and reads back the role and the server process.
fn open_session(config: &Config) -> Result<Session, postgres::Error> {
    let mut client = tls::connect(config)?;
    let row = client.query_one(
        "SELECT session_user::text, pg_backend_pid(), \
         (SELECT backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid())",
        &[],
    )?;
    let role: String = row.try_get(0)?;
    let pid: i32 = row.try_get(1)?;
    let started: Option<String> = row.try_get(2)?;
    Ok(Session {
        client,
        role,
        backend: started.map(|s| (pid, s)),
    })
}

impl PgConnection {
    /// Connects to the database `config` names; returns the connection and the role that
    /// logged in. `location` is how the database is shown in errors.
    pub(crate) fn open(
        config: Config,
        location: String,
    ) -> Result<(PgConnection, String), postgres::Error> {
        let session = open_session(&config)?;
        let conn = PgConnection {
            client: session.client,
            statements: Statements::default(),
            link: Link {
                config,
                location,
                backend: session.backend,
                lost: false,
                listening: false,
                notified: 0,
                reconnects: 0,
            },
        };
        Ok((conn, session.role))
    }

    /// Makes sure the connection is there before it is used: takes what the client has
    /// already read from the server (notifications, or its goodbye), and connects again if
    /// the connection is gone. Never waits, except to connect again.
    pub(crate) fn ensure_connected(&mut self) -> Result<(), StoreError> {
        if !self.link.lost && self.take_notifications(Duration::ZERO).is_err() {
            // Whatever it was, the connection has ended with it.
            self.link.lost = true;
        }
        if self.link.lost || self.client.is_closed() {
            self.reconnect()?;
        }
        Ok(())
    }

    /// Counts the notifications that have arrived, waiting up to `wait` for the client to
    /// read what the server sent since it last listened. (The client reads the socket only
    /// while it waits for something: without a wait, a notification that came while the
    /// connection sat idle stays unread until the next statement.)
    pub(crate) fn take_notifications(&mut self, wait: Duration) -> Result<(), postgres::Error> {
        let arrived = if wait.is_zero() {
            self.client.notifications().iter().count()?
        } else {
            self.client.notifications().timeout_iter(wait).count()?
        };
        let arrived = i64::try_from(arrived).unwrap_or(i64::MAX);
        self.link.notified = self.link.notified.saturating_add(arrived);
        Ok(())
    }

    /// `result`, having noted whether it says the connection is lost (then the next use
    /// connects again first).
    pub(crate) fn noted<T>(&mut self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if result.as_ref().is_err_and(StoreError::worth_retrying) {
            self.link.lost = true;
        }
        result
    }

    /// Opens a new connection with the same settings in place of this one, and ends the old
    /// connection's server process if it is still there.
    pub(crate) fn reconnect(&mut self) -> Result<(), StoreError> {
        let session = open_session(&self.link.config).map_err(|e| {
            self.link.lost = true;
            StoreError::Reconnect {
                location: self.link.location.clone(),
                why: e.to_string(),
            }
        })?;
        let old = std::mem::replace(&mut self.link.backend, session.backend);
        let broken = std::mem::replace(&mut self.client, session.client);
        // Closing a client waits until its socket closes, which a broken network may never
        // do: the old one is closed on a thread of its own, and nothing waits for it.
        std::thread::spawn(move || drop(broken));
        self.statements = Statements::default();
        self.link.lost = false;
        self.link.reconnects += 1;
        // The new connection listens again when asked; the first look after that reads
        // whatever was committed while there was no connection.
        self.link.listening = false;
        if let Some((pid, started)) = old {
            // Best effort: a process already gone is no loss, and if the new connection fails
            // here the next use finds out.
            let _ = self.client.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE pid = $1 AND backend_start::text = $2",
                &[&pid, &started],
            );
        }
        Ok(())
    }

    /// The connection was lost while the `COMMIT` of transaction `xid` was on its way (`lost`
    /// says how): connects again and asks the server what became of it. `Ok` when it
    /// committed; [`StoreError::ConnectionLost`] when it did not (nothing was written, the
    /// write may run again); [`StoreError::CommitUnknown`] when that cannot be found out.
    pub(crate) fn settle_commit(
        &mut self,
        xid: &str,
        lost: postgres::Error,
    ) -> Result<(), StoreError> {
        let location = self.link.location.clone();
        let unknown = |why: String| StoreError::CommitUnknown {
            location: location.clone(),
            why,
        };
        self.link.lost = true;
        if let Err(e) = self.reconnect() {
            let why = match e {
                StoreError::Reconnect { why, .. } => format!("could not reconnect: {why}"),
                other => other.to_string(),
            };
            return Err(unknown(why));
        }
        let deadline = Instant::now() + SETTLE_TIMEOUT;
        loop {
            let status: Option<String> = self
                .client
                .query_one("SELECT pg_xact_status($1::text::xid8)", &[&xid])
                .and_then(|row| row.try_get(0))
                .map_err(|e| unknown(e.to_string()))?;
            match status.as_deref() {
                Some("committed") => return Ok(()),
                Some("aborted") => return Err(self.lost(lost)),
                Some(_) if Instant::now() < deadline => std::thread::sleep(SETTLE_POLL),
                Some(_) => {
                    return Err(unknown(format!(
                        "the server was still committing it after {}s",
                        SETTLE_TIMEOUT.as_secs()
                    )))
                }
                None => return Err(unknown("the server no longer knows the transaction".into())),
            }
        }
    }

    /// `e`, the loss of this connection, as the store reports it.
    fn lost(&self, e: postgres::Error) -> StoreError {
        StoreError::ConnectionLost {
            location: self.link.location.clone(),
            source: e,
        }
    }

    /// Runs `run`; if the connection is lost under it, connects again and runs it once more.
    /// For statements that may safely run twice.
    pub(crate) fn again<T>(
        &mut self,
        mut run: impl FnMut(&mut PgConnection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match run(self) {
            Err(e) if e.worth_retrying() => {
                self.reconnect()?;
                run(self).map_err(|e| self.explained(e))
            }
            other => other,
        }
    }

    /// A raw loss of the connection, with the location.
    fn explained(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Postgres(e) if is_lost(&e) => self.lost(e),
            other => other,
        }
    }
}

/// The store's connection for reads outside a transaction (and the leases' deletes, which
/// may run twice): each statement that loses the connection runs once more on a new one,
/// unless some of its rows were already handed on.
pub(crate) struct PgReader<'a>(pub RefMut<'a, PgConnection>);

impl Sql for PgReader<'_> {
    fn dialect(&self) -> crate::store::Dialect {
        crate::store::Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<usize, StoreError> {
        self.0.again(|conn| conn.execute(sql, params))
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut handed_on = false;
        let first = self.0.for_each(sql, params, &mut |row| {
            handed_on = true;
            each(row)
        });
        match first {
            Err(e) if e.worth_retrying() && !handed_on => {
                self.0.reconnect()?;
                self.0
                    .for_each(sql, params, each)
                    .map_err(|e| self.0.explained(e))
            }
            Err(e) => Err(self.0.explained(e)),
            Ok(()) => Ok(()),
        }
    }

    fn insert(&mut self, sql: &str, key: &str, params: &[Value<'_>]) -> Result<i64, StoreError> {
        // An insert that may have happened must not happen twice.
        self.0
            .insert(sql, key, params)
            .map_err(|e| self.0.explained(e))
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.0.execute_batch(sql).map_err(|e| self.0.explained(e))
    }

    fn execute_many(
        &mut self,
        sqls: &[&str],
        body: &mut dyn FnMut(&mut Run<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.0
            .execute_many(sqls, body)
            .map_err(|e| self.0.explained(e))
    }
}

impl Store {
    /// Runs the write `op`; when the connection was lost and nothing was written (see the
    /// module's notes), runs it once more on a new connection (the connection knows it is
    /// lost: its next use connects again). On SQLite, runs it once.
    pub(in crate::store) fn write_retrying<T>(
        &mut self,
        mut op: impl FnMut(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match op(self) {
            Err(e) if e.worth_retrying() => op(self).map_err(|e| self.explained(e)),
            other => other.map_err(|e| self.explained(e)),
        }
    }

    /// Runs the read `op` (one that needs a snapshot, in a transaction); when the connection
    /// is lost under it, runs it once more on a new connection.
    pub(in crate::store) fn read_retrying<T>(
        &self,
        mut op: impl FnMut(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match op(self) {
            Err(e) if e.worth_retrying() => op(self).map_err(|e| self.explained(e)),
            other => other.map_err(|e| self.explained(e)),
        }
    }

    /// A raw loss of the connection, with the location.
    fn explained(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Postgres(e) if is_lost(&e) => StoreError::ConnectionLost {
                location: self.location.to_string(),
                source: e,
            },
            other => other,
        }
    }

    /// How many times the PostgreSQL connection was opened again (0 on SQLite), for tests.
    pub fn reconnects(&self) -> u64 {
        match &self.backend {
            Backend::Postgres { conn } => conn.try_borrow().map_or(0, |c| c.link.reconnects),
            Backend::Sqlite(_) => 0,
        }
    }
}
