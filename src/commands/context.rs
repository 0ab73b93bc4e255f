//! What every command needs: the database, the reviewer, the output, and whether to show
//! progress.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::error::BadInput;
use super::output::Output;
use super::phases;
use super::progress::Progress;
use crate::cli::GlobalArgs;
use crate::domain::format_amount;
use crate::io::sample::{self, SampleConfig};
use crate::store::{new_batch_id, CreateOptions, Location, OnExisting, Store, StoreError};

/// The longest reviewer name accepted.
const MAX_REVIEWER_CHARS: usize = 64;

pub struct Context {
    pub global: GlobalArgs,
}

/// What a command does when the database file does not exist.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create it empty (commands that bring their own cases: sample, import).
    Yes,
    /// Refuse an explicit path; the default database is created with the sample data.
    No,
}

impl Context {
    /// The reviewer: --reviewer, else $CASEBENCH_REVIEWER (clap reads both), else the OS user.
    /// On PostgreSQL the reviewer is the database role that logs in: --reviewer may only name
    /// it.
    pub fn reviewer(&self) -> anyhow::Result<String> {
        if let Some(Location::Postgres(config)) = &self.global.db {
            let role = crate::store::postgres::connection::login_user(config).ok_or_else(|| {
                BadInput("cannot tell which database role to log in as: put USER@ in the URL or set PGUSER".into())
            })?;
            return match &self.global.reviewer {
                Some(named) if named.trim() != role => Err(StoreError::NotYou {
                    role,
                    named: named.trim().to_string(),
                }
                .into()),
                _ => Ok(role),
            };
        }
        let name = match &self.global.reviewer {
            Some(name) => name.trim().to_string(),
            None => os_user().ok_or_else(|| {
                BadInput(
                    "cannot tell who you are: pass --reviewer NAME or set CASEBENCH_REVIEWER"
                        .into(),
                )
            })?,
        };
        if name.is_empty() {
            return Err(BadInput("--reviewer: the name must not be empty".into()).into());
        }
        if name.chars().any(crate::text::is_unsafe) {
            return Err(BadInput(
                "--reviewer: the name must not contain control characters".into(),
            )
            .into());
        }
        if name.chars().count() > MAX_REVIEWER_CHARS {
            return Err(BadInput(format!(
                "--reviewer: the name is longer than {MAX_REVIEWER_CHARS} characters"
            ))
            .into());
        }
        Ok(name)
    }

    /// Opens the database. Without `Create::Yes`, the default database is created and filled
    /// with the sample data on first use, with a one-line notice, and an explicit path that
    /// does not exist is refused, so a mistyped path is not answered with an empty database.
    pub fn open_store(&self, create: Create) -> anyhow::Result<Store> {
        match &self.global.db {
            Some(location @ Location::Postgres(_)) => Ok(Store::open_at(location)?),
            Some(Location::Sqlite(path)) => {
                if create == Create::No && !path.exists() {
                    return Err(BadInput(format!(
                        "{}: no such database (create one with `casebench sample --db {0}` or \
                         `casebench import FILE --db {0}`)",
                        path.display()
                    ))
                    .into());
                }
                Ok(Store::open(path)?)
            }
            None => self.open_default(create == Create::No),
        }
    }

    fn open_default(&self, fill_on_first_use: bool) -> anyhow::Result<Store> {
        let path = default_db_path().ok_or_else(|| {
            BadInput("no data directory is known for this user: pass --db PATH".into())
        })?;
        let first_use = !path.exists();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
        }
        let mut store = Store::open(&path)?;
        if fill_on_first_use && first_use && store.case_count()? == 0 {
            let reviewer = self.reviewer().unwrap_or_else(|_| "casebench".into());
            let inserted = fill_with_sample(
                &mut store,
                SampleConfig::default(),
                &reviewer,
                false,
                self.show_progress(true),
            )?;
            if !self.global.quiet {
                eprintln!(
                    "casebench: created {} with {} sample cases (use --db PATH for another database)",
                    path.display(),
                    format_amount(inserted as i64)
                );
            }
        }
        Ok(store)
    }

    pub fn output(&self) -> anyhow::Result<Output> {
        Output::new(self.global.out.as_deref())
    }

    /// Progress bars: not with --quiet, and not when the output is piped.
    pub fn show_progress(&self, output_interactive: bool) -> bool {
        !self.global.quiet && output_interactive
    }

    /// The progress line of a long command (hidden as [`Context::show_progress`] says).
    pub fn progress(&self) -> Progress {
        let out = self.global.out.as_deref();
        Progress::new(self.show_progress(Output::would_be_interactive(out)))
    }
}

/// Generates the sample set and stores it as one batch. Returns how many cases were stored.
pub fn fill_with_sample(
    store: &mut Store,
    config: SampleConfig,
    reviewer: &str,
    replace: bool,
    show_progress: bool,
) -> anyhow::Result<usize> {
    let progress = Progress::new(show_progress);
    let inserted = fill_showing(store, config, reviewer, replace, &progress)?;
    progress.finish();
    Ok(inserted)
}

/// [`fill_with_sample`] on `progress`: `generate`, then storing (see [`phases::create_cases`]).
fn fill_showing(
    store: &mut Store,
    config: SampleConfig,
    reviewer: &str,
    replace: bool,
    progress: &Progress,
) -> anyhow::Result<usize> {
    progress.phase("generate", config.cases);
    let cases = sample::generate_counted(config, &mut |done| progress.set(done));
    let batch = new_batch_id("sample");
    let options = CreateOptions {
        reviewer,
        action: "sample",
        batch: &batch,
        on_existing: OnExisting::Skip,
        replace,
    };
    let created = phases::create_cases(store, &cases, options, progress)?;
    Ok(created.inserted)
}

/// `casebench.db` in the user's data directory (`~/.local/share/casebench/` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("casebench").join("casebench.db"))
}

/// The OS user: `$USER` (or `$LOGNAME`, `$USERNAME`), else the account of the process's uid.
fn os_user() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .chain(whoami::username().ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
}

/// `path` as shown in messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(cases: usize) -> SampleConfig {
        SampleConfig { cases, seed: 7 }
    }

    /// The sample's progress line goes through its phases in order; with `--force`, the
    /// erase comes before the cases are stored.
    #[test]
    fn the_sample_reports_its_phases_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.db")).unwrap();
        let progress = Progress::recording();
        let inserted = fill_showing(&mut store, sample(5000), "t", false, &progress).unwrap();
        assert_eq!(inserted, 5000);
        assert_eq!(progress.phases(), ["generate", "store", "commit"]);

        let again = Progress::recording();
        let inserted = fill_showing(&mut store, sample(300), "t", true, &again).unwrap();
        assert_eq!(inserted, 300);
        assert_eq!(again.phases(), ["generate", "erase", "store", "commit"]);
        assert_eq!(store.case_count().unwrap(), 300);
    }
}
