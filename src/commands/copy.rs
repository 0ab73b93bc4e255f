//! `casebench copy --from SRC --to DST [--dry-run]`: a whole database into a new one, either
//! backend to either (see `store/copy`), with a progress bar and a one-line summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::context::Context;
use super::error::BadInput;
use crate::store::{
    counted_rows, Copied, CopyError, CopyMode, Copying, Location, Store, StoreError,
};

/// Runs the copy; prints what was copied (or, with `dry_run`, what would be).
pub fn run(ctx: &Context, from: &str, to: &str, dry_run: bool) -> anyhow::Result<()> {
    let from = parse("--from", from)?;
    let to = parse("--to", to)?;
    if let Location::Sqlite(path) = &from {
        if !path.exists() {
            return Err(BadInput(format!("--from {}: no such database", path.display())).into());
        }
    }
    if from.same_database(&to) {
        return Err(refused(CopyError::SameDatabase {
            from: from.to_string(),
            to: to.to_string(),
        }));
    }
    let mut output = ctx.output()?;
    let source = Store::open_as_is(&from).map_err(|e| located(&from, e))?;
    // Before the destination is created or migrated by opening it.
    source.check_copy_source().map_err(refused)?;
    let created = match &to {
        Location::Sqlite(path) if !path.exists() => Some(path.clone()),
        _ => None,
    };
    let mut dest = match Store::open_at(&to) {
        Ok(store) => store,
        Err(e) => {
            if let Some(path) = &created {
                remove_database_file(path);
            }
            return Err(located(&to, e));
        }
    };
    let progress = ctx.progress();
    let started = Instant::now();
    let mode = if dry_run {
        CopyMode::DryRun
    } else {
        CopyMode::Commit
    };
    let copied = source.copy_to(&mut dest, mode, &mut |at| match at {
        Copying::Writing { done, rows } => progress.advance("copy", done, rows),
        Copying::Verifying { done, rows } => progress.advance("verify", done, rows),
        Copying::Committing => progress.waiting("commit"),
    });
    let took = started.elapsed();
    progress.finish();
    drop(dest);
    if let Some(path) = created.filter(|_| dry_run || copied.is_err()) {
        remove_database_file(&path);
    }
    let copied = copied.map_err(refused)?;
    writeln!(output, "{}", summary(&copied, &from, &to, took))?;
    if copied.leases_not_copied > 0 {
        writeln!(
            output,
            "not copied: {} (live coordination: reviewers take their cases again in the new \
             database)",
            counted_rows("leases", copied.leases_not_copied)
        )?;
    }
    output.finish()
}

/// `--from`/`--to` parsed here rather than by clap, whose error would repeat the value as
/// typed, password and all.
fn parse(option: &'static str, text: &str) -> anyhow::Result<Location> {
    Location::parse_option(option, text).map_err(|e| BadInput(e.to_string()).into())
}

/// An error opening `location`, saying which database when the error does not.
fn located(location: &Location, err: StoreError) -> anyhow::Error {
    match err {
        StoreError::Open { .. } | StoreError::NotADatabase { .. } | StoreError::Connect { .. } => {
            err.into()
        }
        other => anyhow::Error::new(other).context(location.to_string()),
    }
}

/// A refused copy: exit code 2 for what the caller asked (a destination not empty, not the
/// owner, another schema version), 1 for the rest.
fn refused(err: CopyError) -> anyhow::Error {
    if err.is_bad_input() {
        BadInput(err.to_string()).into()
    } else {
        err.into()
    }
}

/// Removes an SQLite file this run created and left without a copy (a dry run, a failure),
/// with its write-ahead log and shared-memory files; nothing else is touched.
fn remove_database_file(path: &Path) {
    for suffix in ["-wal", "-shm", ""] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Gone already is as good as removed.
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// `copied 2,000 cases, 4,100 audit rows (last seq 4,100), 3 reviewers, 1 view, 1 spot-check,
/// 1 model, 2,000 suggestions from SRC to DST in 1.2 s; verified`.
fn summary(copied: &Copied, from: &Location, to: &Location, took: Duration) -> String {
    let last_seq = copied.last_seq.map_or(String::new(), |seq| {
        format!(" (last seq {})", crate::domain::format_amount(seq))
    });
    let counts = format!(
        "{}, {}{last_seq}, {}, {}, {}, {}, {}",
        counted_rows("cases", copied.rows("cases")),
        counted_rows("audit", copied.rows("audit")),
        counted_rows("reviewers", copied.rows("reviewers")),
        counted_rows("views", copied.rows("views")),
        counted_rows("spot_checks", copied.rows("spot_checks")),
        counted_rows("suggest_models", copied.rows("suggest_models")),
        counted_rows("suggestions", copied.rows("suggestions")),
    );
    let seconds = took.as_secs_f64();
    if copied.committed {
        format!("copied {counts} from {from} to {to} in {seconds:.1} s; verified")
    } else {
        format!(
            "dry run: would copy {counts} from {from} to {to}; copied and verified in \
             {seconds:.1} s, then rolled back: nothing was written"
        )
    }
}
