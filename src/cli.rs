//! The command line: every command, option and its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::io::sample::{DEFAULT_CASES, DEFAULT_SEED};
use crate::io::Format;

/// A keyboard-driven workbench for reviewing damage claims.
///
/// Without a command, casebench opens the workbench (`review`) on the database: --db PATH,
/// else $CASEBENCH_DB, else casebench.db in your data directory (created with the sample data
/// on first use). When standard input or output is not a terminal it prints the stats instead.
#[derive(Debug, Parser)]
#[command(
    name = "casebench",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after the command's name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The case database (SQLite file) [default: casebench.db in your data directory]
    #[arg(long, global = true, env = "CASEBENCH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Who you are, recorded with every change [default: your OS user name]
    #[arg(long, global = true, env = "CASEBENCH_REVIEWER", value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Write the output to FILE instead of standard output (replaced only when the command
    /// succeeds)
    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// No progress bars and no notices
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Keymap overriding the default keys [default: keymap.toml in your config directory,
    /// if it exists]
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workbench: move through cases and relabel them with single keys
    ///
    /// Every change is saved at once, with your name and the time. Press ? inside for the
    /// keys of the active keymap.
    Review,
    /// Print the effective keymap, or check a keymap file
    Keys {
        /// Check FILE and report every problem (exit code 2 if there is any)
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
    },
    /// Generate the synthetic sample data set into the database
    ///
    /// The default reproduces the published figures exactly: 105,116 reports, 87,198 about
    /// Kakao, 14,918 paid and 13,198 free-service monetary claims. Same seed, same cases.
    Sample {
        /// How many cases to generate
        #[arg(long, default_value_t = DEFAULT_CASES, value_name = "N")]
        cases: usize,
        /// Seed of the generator
        #[arg(long, default_value_t = DEFAULT_SEED, value_name = "S")]
        seed: u64,
        /// Replace a database that already holds cases (erases them and their audit history)
        #[arg(long)]
        force: bool,
    },
    /// Import cases from a CSV or JSONL file, all or nothing
    ///
    /// Every problem is printed as FILE:LINE: field: what is wrong; if there is any, nothing
    /// is imported and the exit code is 2.
    Import {
        /// The file to import
        file: PathBuf,
        /// The file's format [default: from its extension: .csv, .jsonl or .ndjson]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Skip cases whose id is already in the database instead of refusing the file
        #[arg(long)]
        skip_existing: bool,
    },
    /// Export cases with every field, as JSONL (lossless) or CSV (for spreadsheets)
    Export {
        /// Output format [default: from --out's extension, else jsonl]
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        filter: WhereArg,
    },
    /// Count every code of every dimension, and every status
    Stats {
        #[command(flatten)]
        filter: WhereArg,
        /// Print JSON: {"total": N, "by": {"scope": {"kakao": N, ...}, ...}}
        #[arg(long)]
        json: bool,
    },
    /// Set labels, amount, status or note of one case (prints its new version), or of every
    /// case matching --where in one batch
    ///
    /// FIELD is scope, reporter, kind, service, substitute, amount_krw (or amount), status or
    /// note. An empty VALUE, or `none`, clears a label or the amount (`note=` clears the
    /// note). Examples: casebench label R-000123 kind=free_monetary amount=50,000;
    /// casebench label --where "service=kakaomap kind=free_monetary" substitute=available
    /// --dry-run
    Label {
        /// ID FIELD=VALUE... for one case; with --where only FIELD=VALUE...
        #[arg(required = true, value_name = "ID|FIELD=VALUE")]
        args: Vec<String>,
        /// Refuse the change unless the case is still at version N (optimistic concurrency)
        #[arg(long, value_name = "N", conflicts_with = "expr")]
        if_version: Option<i64>,
        #[command(flatten)]
        filter: WhereArg,
        /// With --where: print what would change (cases, counts) and change nothing
        #[arg(long, requires = "expr")]
        dry_run: bool,
    },
    /// Show a case's audit trail, oldest first
    History {
        /// The case's id
        id: String,
        /// Print JSON Lines, one event per line
        #[arg(long)]
        json: bool,
    },
}

/// `--where EXPR`, the filter language shared by every command.
#[derive(Debug, Args)]
pub struct WhereArg {
    /// Only cases matching EXPR: clauses like kind=paid,free_monetary amount_krw>300000
    /// reporter!=none, all of which must hold (see the README for the language)
    #[arg(long = "where", value_name = "EXPR")]
    pub expr: Option<String>,
}
