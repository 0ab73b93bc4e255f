//! Connecting to PostgreSQL: a `postgres://` location's settings completed as `psql` would
//! complete them (user, host, port and database from `PGUSER`, `PGHOST`, `PGPORT`,
//! `PGDATABASE`; the password from the URL, else `PGPASSWORD`, else the password file
//! `PGPASSFILE` or `~/.pgpass`), then the schema migrated forward and the database role that
//! logged in read back: on PostgreSQL that role is the reviewer.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::config::Host;
use postgres::Config;

use super::schema::{self, AUDIT_CHANNEL};
use crate::store::backend::Backend;
use crate::store::error::StoreError;
use crate::store::sql::postgres::{PgConnection, PgGuardedTransaction};
use crate::store::sql::Transaction;
use crate::store::{Location, Schema, Store};

/// How long connecting may take before it is given up (unless the URL says otherwise).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long what the store sent over TCP may go unacknowledged before the connection counts
/// as lost (unless the URL says otherwise, `tcp_user_timeout=SECONDS`): a network that went
/// away is then a lost connection, which the store reports or reconnects, not a wait for
/// ever. (Linux; the server being slow to answer is not affected.)
const TCP_USER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a look for change notifications waits for the client to read what the server
/// sent while the connection sat idle.
const NOTIFICATION_WAIT: Duration = Duration::from_millis(1);

/// Where the server's unix socket is on Debian and most Linux distributions (libpq's default
/// there); used when neither the URL nor `PGHOST` names a host and the directory exists.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// Connects to the database `config` names, migrates it and returns the store.
pub fn open(config: &Config) -> Result<Store, StoreError> {
    open_with(config, Schema::Migrate)
}

/// Connects to the database `config` names and returns the store, migrating its schema only
/// with `Schema::Migrate`.
pub(crate) fn open_with(config: &Config, schema_change: Schema) -> Result<Store, StoreError> {
    let config = completed(config.clone(), &|name| std::env::var(name).ok());
    let location = Location::Postgres(Box::new(config.clone()));
    let (conn, role) =
        PgConnection::open(config, location.to_string()).map_err(|source| StoreError::Connect {
            location: location.to_string(),
            source,
        })?;
    let cell = RefCell::new(conn);
    if schema_change == Schema::Migrate {
        let guard = cell
            .try_borrow_mut()
            .map_err(|_| StoreError::ConnectionInUse)?;
        let mut tx = Box::new(PgGuardedTransaction::begin(guard, "BEGIN")?);
        schema::migrate(&mut *tx)?;
        tx.commit()?;
    }
    Ok(Store {
        backend: Backend::Postgres {
            conn: Box::new(cell),
        },
        location,
        role: Some(role),
    })
}

/// The database role a connection to `config` logs in as (the URL's user, else `PGUSER`,
/// else the OS user): on PostgreSQL, the reviewer.
pub fn login_user(config: &Config) -> Option<String> {
    completed(config.clone(), &|name| std::env::var(name).ok())
        .get_user()
        .map(str::to_string)
}

/// `config` with what it leaves out filled in from the environment (`env`) as libpq does.
fn completed(mut config: Config, env: &dyn Fn(&str) -> Option<String>) -> Config {
    let os_user = || whoami::username().ok();
    if config.get_user().is_none() {
        if let Some(user) = env("PGUSER").or_else(os_user) {
            config.user(&user);
        }
    }
    if config.get_hosts().is_empty() {
        match env("PGHOST") {
            Some(hosts) => {
                for host in hosts.split(',').filter(|h| !h.is_empty()) {
                    config.host(host);
                }
            }
            None if Path::new(DEFAULT_SOCKET_DIR).is_dir() => {
                config.host_path(DEFAULT_SOCKET_DIR);
            }
            None => {
                config.host("localhost");
            }
        }
    }
    if config.get_ports().is_empty() {
        if let Some(port) = env("PGPORT").and_then(|p| p.parse().ok()) {
            config.port(port);
        }
    }
    if config.get_dbname().is_none() {
        if let Some(db) = env("PGDATABASE").or_else(|| config.get_user().map(str::to_string)) {
            config.dbname(&db);
        }
    }
    if config.get_password().is_none() {
        let password = env("PGPASSWORD").or_else(|| {
            let file = env("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
            password_from_file(&file, &config)
        });
        if let Some(password) = password {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(TCP_USER_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("casebench");
    }
    config
}

/// The password for `config`'s first host, port, database and user in a password file
/// (`hostname:port:database:username:password` lines, `*` matching anything, `\:` and `\\`
/// escaped, `#` comments). Like libpq, a file others can read is ignored.
fn password_from_file(file: &Path, config: &Config) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        // libpq matches a socket connection as `localhost`.
        Some(Host::Unix(_)) | None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = pgpass_fields(line);
            if fields.len() < 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want);
            matches.then(|| fields[4..].join(":"))
        })
}

/// A password file line split at its unescaped colons, escapes removed.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), fields.last_mut()) {
                    last.push(next);
                }
            }
            ':' => fields.push(String::new()),
            _ => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

impl Store {
    /// On PostgreSQL, how many change notifications have arrived (listening from the first
    /// call on, and again on a new connection after the old one was lost): it moves when
    /// someone commits audit rows, and when the connection was opened again (what was
    /// committed meanwhile is read then). Waits a millisecond at most, except to connect
    /// again.
    pub(crate) fn notifications_seen(&self) -> Result<i64, StoreError> {
        let Backend::Postgres { conn } = &self.backend else {
            return Ok(0);
        };
        let mut conn = conn
            .try_borrow_mut()
            .map_err(|_| StoreError::ConnectionInUse)?;
        conn.ensure_connected()?;
        if conn.link.listening && conn.take_notifications(NOTIFICATION_WAIT).is_err() {
            // The connection ended while it listened: a new one listens again, below.
            conn.reconnect()?;
        }
        if !conn.link.listening {
            conn.again(|c| Ok(c.client.batch_execute(&format!("LISTEN {AUDIT_CHANNEL}"))?))?;
            conn.link.listening = true;
            // Whatever was committed before listening is read by the first look.
            conn.link.notified += 1;
        }
        Ok(conn.link.notified)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_environment_fills_in_what_the_url_leaves_out() {
        let config: Config = "postgres:///claims".parse().unwrap();
        let env = env_of(&[
            ("PGUSER", "lee"),
            ("PGHOST", "db.example"),
            ("PGPORT", "5433"),
            ("PGPASSWORD", "s3cret"),
        ]);
        let done = completed(config, &env);
        assert_eq!(done.get_user(), Some("lee"));
        assert_eq!(done.get_hosts(), &[Host::Tcp("db.example".into())]);
        assert_eq!(done.get_ports(), &[5433]);
        assert_eq!(done.get_dbname(), Some("claims"));
        assert_eq!(done.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(done.get_tcp_user_timeout(), Some(&Duration::from_secs(30)));
        // What the URL says wins.
        let config: Config = "postgres://kim:mine@other:6000/x?tcp_user_timeout=5"
            .parse()
            .unwrap();
        let done = completed(config, &env);
        assert_eq!(done.get_user(), Some("kim"));
        assert_eq!(done.get_ports(), &[6000]);
        assert_eq!(done.get_password(), Some(&b"mine"[..]));
        assert_eq!(done.get_tcp_user_timeout(), Some(&Duration::from_secs(5)));
    }

    #[test]
    fn the_password_file_is_matched_field_by_field() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\n\
             db.example:5432:other:lee:wrong\n\
             db.example:*:claims:lee:pa\\:ss\\\\word\n\
             *:*:*:*:fallback\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let config: Config = "postgres://lee@db.example/claims".parse().unwrap();
        assert_eq!(
            password_from_file(&file, &config).as_deref(),
            Some("pa:ss\\word")
        );
        let config: Config = "postgres://kim@elsewhere/claims".parse().unwrap();
        assert_eq!(
            password_from_file(&file, &config).as_deref(),
            Some("fallback")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert_eq!(
                password_from_file(&file, &config),
                None,
                "others can read it"
            );
        }
    }
}
