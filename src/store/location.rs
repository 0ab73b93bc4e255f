//! Where the case database is: an SQLite file (a path, the embedded default) or a PostgreSQL
//! database (`postgres://…` or `postgresql://…`).
//!
//! A PostgreSQL location keeps its connection settings but shows itself without the password
//! (`postgres://lee@db.example:5432/claims`): the password never reaches an error, a log line
//! or the status line.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A case database's location.
#[derive(Clone)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(Box<postgres::Config>),
}

/// The schemes that select PostgreSQL.
const SCHEMES: [&str; 2] = ["postgres://", "postgresql://"];

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(text: &str) -> bool {
    SCHEMES
        .iter()
        .any(|s| text.len() >= s.len() && text[..s.len()].eq_ignore_ascii_case(s))
}

/// A `--db` value that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{option} {shown}: {why}")]
pub struct BadLocation {
    /// The option the value was given to (`--db`, `--from`, ...).
    option: &'static str,
    /// The value with any password replaced by `***`.
    shown: String,
    why: String,
}

impl FromStr for Location {
    type Err = BadLocation;

    fn from_str(text: &str) -> Result<Location, BadLocation> {
        if !is_postgres_url(text) {
            return Ok(Location::Sqlite(PathBuf::from(text)));
        }
        // The parser wants the scheme in lower case; people type it either way.
        let scheme_end = text.find("://").map_or(0, |i| i + 3);
        let normal = format!(
            "{}{}",
            text[..scheme_end].to_ascii_lowercase(),
            &text[scheme_end..]
        );
        match postgres::Config::from_str(&normal) {
            Ok(config) => Ok(Location::Postgres(Box::new(config))),
            Err(e) => Err(BadLocation {
                option: "--db",
                shown: without_password(text),
                // The parser's messages name the part that is wrong, never its value.
                why: format!("not a PostgreSQL address ({e})"),
            }),
        }
    }
}

impl Location {
    /// Parses the value of `option` (`--from`, `--to`): as `--db`'s, with errors that name the
    /// option.
    pub fn parse_option(option: &'static str, text: &str) -> Result<Location, BadLocation> {
        text.parse()
            .map_err(|e: BadLocation| BadLocation { option, ..e })
    }

    /// Whether both name the same database: the same file (followed through links), or the
    /// same PostgreSQL hosts, port and database, whoever logs in.
    pub fn same_database(&self, other: &Location) -> bool {
        match (self, other) {
            (Location::Sqlite(a), Location::Sqlite(b)) => {
                match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => a == b,
                }
            }
            (Location::Postgres(a), Location::Postgres(b)) => {
                a.get_hosts() == b.get_hosts()
                    && a.get_ports() == b.get_ports()
                    && a.get_dbname() == b.get_dbname()
            }
            _ => false,
        }
    }

    /// The file of an SQLite location.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }

    /// A short name for the status line: the file's name, or the PostgreSQL database's.
    pub fn label(&self) -> String {
        match self {
            Location::Sqlite(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            Location::Postgres(config) => config.get_dbname().unwrap_or("postgres").to_string(),
        }
    }
}

/// Shows the location as a person would type it, without a password.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(config) => {
                f.write_str("postgres://")?;
                if let Some(user) = config.get_user() {
                    write!(f, "{user}@")?;
                }
                let hosts: Vec<String> = config
                    .get_hosts()
                    .iter()
                    .map(|h| match h {
                        postgres::config::Host::Tcp(name) => name.clone(),
                        postgres::config::Host::Unix(dir) => {
                            format!("[{}]", dir.display())
                        }
                    })
                    .collect();
                f.write_str(&hosts.join(","))?;
                if let Some(port) = config.get_ports().first() {
                    write!(f, ":{port}")?;
                }
                write!(f, "/{}", config.get_dbname().unwrap_or(""))
            }
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({self})")
    }
}

/// `text` with the password of a URL's `user:password@` (and any `password=` query
/// parameter) replaced by `***`.
pub fn without_password(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                out.replace_range(rest_start + colon + 1..rest_start + at, "***");
            }
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let parts: Vec<String> = query
            .split('&')
            .map(|p| {
                if p.to_ascii_lowercase().starts_with("password=") {
                    "password=***".to_string()
                } else {
                    p.to_string()
                }
            })
            .collect();
        out = format!("{head}{}", parts.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_sqlite_and_a_url_is_postgres() {
        assert!(matches!(
            "cases.db".parse::<Location>().unwrap(),
            Location::Sqlite(p) if p == Path::new("cases.db")
        ));
        for url in [
            "postgres://lee@db.example:5433/claims",
            "postgresql://lee@db.example:5433/claims",
            "POSTGRES://lee@db.example:5433/claims",
        ] {
            let location: Location = url.parse().unwrap();
            assert_eq!(
                location.to_string(),
                "postgres://lee@db.example:5433/claims"
            );
            assert_eq!(location.label(), "claims");
        }
    }

    #[test]
    fn the_same_database_is_recognised_whoever_logs_in() {
        let at = |text: &str| text.parse::<Location>().unwrap();
        assert!(at("postgres://kim@db:5432/claims")
            .same_database(&at("postgres://lee:pw@db:5432/claims")));
        assert!(
            !at("postgres://kim@db:5432/claims").same_database(&at("postgres://kim@db:5432/other"))
        );
        assert!(!at("postgres://kim@db:5432/claims").same_database(&at("claims")));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.db");
        std::fs::write(&file, b"").unwrap();
        let via_dot = dir.path().join(".").join("a.db");
        assert!(Location::Sqlite(file.clone()).same_database(&Location::Sqlite(via_dot)));
        assert!(!Location::Sqlite(file).same_database(&Location::Sqlite(dir.path().join("b.db"))));
    }

    #[test]
    fn the_password_is_never_shown() {
        let location: Location = "postgres://lee:s3cret@db.example/claims?sslmode=disable"
            .parse()
            .unwrap();
        assert!(!location.to_string().contains("s3cret"));
        assert!(!format!("{location:?}").contains("s3cret"));
        let bad = "postgres://lee:s3cret@db.example:notaport/claims"
            .parse::<Location>()
            .unwrap_err();
        let message = bad.to_string();
        assert!(!message.contains("s3cret"), "{message}");
        assert!(
            message.starts_with("--db postgres://lee:***@db.example:notaport/claims: "),
            "{message}"
        );
        let bad = Location::parse_option("--to", "postgres://lee:s3cret@db.example:x/claims")
            .unwrap_err()
            .to_string();
        assert!(
            bad.starts_with("--to postgres://lee:***@db.example:x/claims: "),
            "{bad}"
        );
        assert_eq!(
            without_password("postgres://db.example/claims?user=lee&password=x&sslmode=require"),
            "postgres://db.example/claims?user=lee&password=***&sslmode=require"
        );
    }
}
