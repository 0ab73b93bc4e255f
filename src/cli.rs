//! The command line: every command, option and its help.

use std::path::PathBuf;

use crate::store::Location;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::io::sample::{DEFAULT_CASES, DEFAULT_SEED};
use crate::io::Format;

mod leads;
pub use leads::{
    AgreementArgs, AuditArgs, NextArgs, OnOff, ResolutionArg, ReviewersCommand, RoleArg,
    SpotCheckCommand, SpotCheckNew,
};

/// A keyboard-driven workbench for reviewing damage claims.
///
/// Without a command, casebench opens the workbench (`review`) on the database: --db PATH,
/// else $CASEBENCH_DB, else casebench.db in your data directory (created with the sample data
/// on first use), and takes the workbench's options (--rules). When standard input or output
/// is not a terminal it prints the stats instead (with --rules, also the outcomes of every rule
/// file given).
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
    /// The workbench's options, for `casebench` without a command (the same as `review`'s).
    #[command(flatten)]
    pub workbench: WorkbenchArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process; prints the problem and exits (code 2) when it is
    /// wrong, as clap does.
    pub fn parse_checked() -> Cli {
        Cli::try_parse_checked(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses `args` (the program's name first) and refuses the workbench's options before
    /// another command, where they would be ignored: `casebench --rules r.toml stats`.
    pub fn try_parse_checked<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut command = Cli::command();
        let matches = command.try_get_matches_from_mut(args)?;
        let cli = Cli::from_arg_matches(&matches)?;
        if let (Some(_), Some(name)) = (&cli.workbench.rules, matches.subcommand_name()) {
            let takes_rules = command
                .find_subcommand(name)
                .is_some_and(|sub| sub.get_arguments().any(|a| a.get_id() == "rules"));
            let message = if takes_rules {
                format!(
                    "--rules before `{name}` is the workbench's option; give it after the \
                     command: casebench {name} --rules ..."
                )
            } else {
                format!(
                    "--rules is the workbench's option (casebench --rules DIR); `{name}` does \
                     not take it"
                )
            };
            return Err(command.error(ErrorKind::ArgumentConflict, message));
        }
        Ok(cli)
    }
}

/// The options of the workbench: `casebench [OPTIONS]` and `casebench review [OPTIONS]`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Workbench options")]
pub struct WorkbenchArgs {
    /// Rule sets to judge the cases with: a folder of *.toml files or one file [default:
    /// sample-data/rules if it exists, else the built-in copies of the shipped rule sets]
    #[arg(long, value_name = "DIR|FILE")]
    pub rules: Option<PathBuf>,
}

/// Reads `--db` (and `$CASEBENCH_DB`) as a [`Location`]. clap's own message for a bad value
/// repeats the value as given, password and all; this one says only what
/// [`crate::store::location::BadLocation`] says, which shows the address with its password hidden.
#[derive(Clone)]
struct LocationParser;

impl clap::builder::TypedValueParser for LocationParser {
    type Value = Location;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Location, clap::Error> {
        let bad = |message: String| clap::Error::raw(ErrorKind::ValueValidation, message);
        let text = value.to_str().ok_or_else(|| {
            bad("--db: the database's path or address is not valid UTF-8\n".into()).with_cmd(cmd)
        })?;
        text.parse()
            .map_err(|e: crate::store::location::BadLocation| bad(format!("{e}\n")).with_cmd(cmd))
    }
}

/// Options every command takes, before or after the command's name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The case database: an SQLite file, or a PostgreSQL database as
    /// postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass; sslmode=disable,
    /// prefer or require) [default: casebench.db in your data directory]
    #[arg(
        long,
        global = true,
        env = "CASEBENCH_DB",
        value_name = "PATH|URL",
        value_parser = LocationParser
    )]
    pub db: Option<Location>,
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
    /// keys of the active keymap. `casebench` without a command is the same.
    Review(WorkbenchArgs),
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
    /// is imported and the exit code is 2. The columns export adds with --rules (outcome,
    /// rule, cash_krw) and --suggestions (suggested, suggested_FIELD, FIELD_confidence) are
    /// skipped, so such an export imports as it is.
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
    /// Copy a whole database into a new one, SQLite or PostgreSQL either way, in one
    /// transaction, verified before it commits
    ///
    /// Copies the cases (in their creation order), the audit log (sequence numbers, times,
    /// reviewers, actions, batches, what each revert restored), the reviewers with their roles,
    /// the settings, the saved views, the spot-checks (samples, the lead's labels,
    /// resolutions) and the suggestion models and suggestions, each with its id. Leases are not
    /// copied: they are live coordination (who is on which case right now), and reviewers take
    /// their cases again in the new database.
    ///
    /// SRC is read in one snapshot and never changed. DST is created (an SQLite file) or
    /// migrated (a PostgreSQL database, which must exist) by opening it, and must be new: no
    /// case, audit row, reviewer, view, spot-check, model or suggestion (its settings are
    /// replaced by SRC's). Both must be at this casebench's schema version (open an older SRC
    /// once with this casebench to bring it forward). PostgreSQL text cannot hold the NUL
    /// character: a SRC value with one is named and nothing is copied.
    ///
    /// All or nothing: before committing, every table is read back from DST and its row count
    /// and checksum compared with SRC's, and the last audit seq; any difference rolls it all
    /// back (exit code 1). A refused copy (DST not empty, not the owner, another schema
    /// version) exits with code 2. Either way DST is as it was, and an SQLite file the copy
    /// created is removed.
    ///
    /// Into PostgreSQL, log in as the owner of the tables (the role that created them, or a
    /// member of it): only the owner may write audit rows in other reviewers' names with their
    /// original times. Then give each reviewer a login role of their name and enrol it with
    /// `casebench --db DST reviewers add NAME --role ROLE` (which grants CONNECT).
    ///
    /// Prints what was copied: copied 2,000 cases, 4,102 audit rows (last seq 4,102),
    /// 3 reviewers, 1 view, 1 spot-check, 1 model, 2,000 suggestions from cases.db to
    /// postgres://owner@db.example:5432/claims in 1.2 s; verified
    Copy {
        /// The database to copy: an SQLite file, or postgres://USER@HOST:PORT/DB as for --db
        #[arg(long, value_name = "PATH|URL")]
        from: String,
        /// The new database: an SQLite file (created if missing) or an empty PostgreSQL
        /// database, as for --db
        #[arg(long, value_name = "PATH|URL")]
        to: String,
        /// Copy and verify, then roll back: print what would be copied and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export cases with every field, as JSONL (lossless) or CSV (for spreadsheets)
    Export {
        /// Output format [default: from --out's extension, else jsonl]
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        filter: WhereArg,
        /// Add the columns outcome, rule and cash_krw as this rule file decides them (and allow
        /// outcome= and rule= in --where)
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Add what a model suggests for each case (JSONL: "suggested"; CSV: suggested_FIELD
        /// and FIELD_confidence columns), which import skips
        ///
        /// After the rule columns. JSONL: "suggested": {"scope": {"value": "kakao",
        /// "confidence": 0.93}, "reporter": null, ..., "amount_krw": {"value": 800000,
        /// "confidence": 0.97}}, every key present, null where nothing is suggested (all null
        /// for a case the model made no suggestion for). CSV: suggested_scope,
        /// scope_confidence, ..., suggested_amount_krw, amount_confidence, empty where nothing
        /// is suggested. Confidences are rounded to 3 decimals.
        #[arg(long)]
        suggestions: bool,
    },
    /// Count every code of every dimension, and every status
    Stats {
        #[command(flatten)]
        filter: WhereArg,
        /// Print JSON: {"total": N, "by": {"scope": {"kakao": N, ...}, ...}}
        #[arg(long)]
        json: bool,
        /// Also the count and cash of every outcome of this rule file (JSON: "outcomes"; and
        /// allow outcome= and rule= in --where)
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Check a rule file, or compare what two rule files decide
    ///
    /// Rule files are described in sample-data/rules/README.md.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Set labels, amount, status or note of one case (prints its new version), or of every
    /// case matching --where in one batch
    ///
    /// FIELD is scope, reporter, kind, service, substitute, amount_krw (or amount), status or
    /// note. An empty VALUE, or `none`, clears a label or the amount (`note=` clears the
    /// note). The amount is read as claims write money: 50000, 50,000, 80만원, 12만5천원,
    /// 삼십만원, 1.5만원, 천오백만원, "약 30만 원" (a range such as 50만~60만원 claims its upper
    /// bound); a date, time, phone number or count (15일, 3시, 12팀) is refused. Examples:
    /// casebench label R-000123 kind=free_monetary amount=50,000;
    /// casebench label --where "service=kakaomap kind=free_monetary" substitute=available
    /// --dry-run; casebench label --from changes.txt
    Label {
        /// ID FIELD=VALUE... for one case; with --where only FIELD=VALUE...
        #[arg(required_unless_present = "from", value_name = "ID|FIELD=VALUE")]
        args: Vec<String>,
        /// Refuse the change unless the case is still at version N (optimistic concurrency)
        #[arg(long, value_name = "N", conflicts_with = "expr")]
        if_version: Option<i64>,
        /// Apply the changes listed in FILE, one per line: ID[@VERSION] FIELD=VALUE... (each
        /// its own change, with its own version check, all under one batch id that `revert`
        /// takes; # starts a comment)
        #[arg(long, value_name = "FILE", conflicts_with_all = ["expr", "if_version", "args"])]
        from: Option<PathBuf>,
        #[command(flatten)]
        filter: WhereArg,
        /// With --where: print what would change (cases, counts) and change nothing
        #[arg(long, requires = "expr")]
        dry_run: bool,
    },
    /// Undo a batch of changes (a bulk change, a label --from run, a revert), leaving alone the
    /// cases changed since
    ///
    /// Batches are bulk changes (label --where, the workbench's bulk labelling and its undo),
    /// label --from runs and earlier reverts; casebench audit shows every change with its
    /// batch (last column). Each case still as the batch left it gets the fields the batch set
    /// back as they were before it, all in one new batch (audit action revert); a case someone
    /// changed since on one of those fields is skipped and named with the field, who and when.
    /// More than 100 cases to restore need a lead, as for a bulk change. A revert can itself
    /// be reverted. Batches that created cases (import, sample) and spot-check overturns cannot
    /// be. For spot-check populations the reverted batch counts as if it never happened.
    Revert {
        /// The batch id, e.g. bulk-20261128T090000-3fa2c1
        batch: String,
        /// Print what would be restored and skipped, and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Reviewers and leads: add, list, and whether unknown names may work (enrolment)
    Reviewers {
        #[command(subcommand)]
        command: ReviewersCommand,
    },
    /// Lease the next unreviewed case (status new) that nobody else holds, and print its id
    ///
    /// Cases in database order, only those matching --where. The case stays yours for the
    /// lease (5 minutes unless told), so no one else gets it from next or the workbench's n;
    /// asking again renews it. Nothing else renews it and it is held by time only: it lasts
    /// its minutes even after casebench exits. (The workbench's own leases last a minute,
    /// renewed every 20 seconds while you stay on a case, and are free at once when its
    /// process is gone.) Exit code 1 when no case is left.
    Next(NextArgs),
    /// Spot-checks: draw a sample, label it blind, resolve the differences (leads)
    #[command(name = "spot-check")]
    SpotCheck {
        #[command(subcommand)]
        command: SpotCheckCommand,
    },
    /// Per reviewer and dimension: percent agreement with the lead, Cohen's kappa, overturn
    /// rate with its 95 % Wilson interval, cases per hour, confusion matrices, outliers
    Agreement(AgreementArgs),
    /// The audit log: every change, oldest first
    Audit(AuditArgs),
    /// Search the cases' ids, texts and notes (fuzzy; Hangul initials like ㅋㅋㅇㅁ match
    /// 카카오맵)
    ///
    /// Every word must match (in any field, in any order); best match first, as in the
    /// workbench's search. A word with Latin letters, digits or signs must be found nearly in
    /// one piece: at most two characters left out, and no digit between two of its digits
    /// (upbt finds Upbit, kakaotalk finds Kakao Talk; pwned is not found in letters spread
    /// over a sentence). Words of Hangul alone match as a subsequence. Prints id, score and an
    /// excerpt around the first match. A query that starts with - goes after --:
    /// casebench search -- -000123
    Search {
        /// The query: one or more words, e.g. 카카오 ㅂㄷ
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        #[command(flatten)]
        filter: WhereArg,
        /// Print at most N results (0: all of them)
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Print JSON Lines: {"id": ..., "score": ..., "excerpt": ...}
        #[arg(long)]
        json: bool,
    },
    /// Suggestions: learn labels from the labelled cases, suggest them for every case, and
    /// measure them on hand-labelled claims
    ///
    /// A suggestion is a value and a calibrated confidence for each of scope, reporter, kind,
    /// service, substitute and amount_krw, kept beside the case and never in its labels. The
    /// workbench shows them (y accepts a case's suggestions), --where reads them
    /// (suggested_kind=paid, kind_confidence<0.5, agrees=no), export --suggestions writes
    /// them. A new database trains and suggests on its own, in the workbench's background.
    Suggest {
        #[command(subcommand)]
        command: SuggestCommand,
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

/// `casebench rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check a rule file: every error and warning as FILE:LINE: rule "id": problem (exit
    /// code 2 if there is an error)
    Check {
        /// The rule file (TOML)
        file: PathBuf,
    },
    /// How many cases change outcome from rule file A to rule file B, from what to what, and
    /// the cash under each
    ///
    /// In --where, outcome and rule are as A decides them, and changed=yes selects the cases
    /// whose outcome differs.
    Diff {
        /// The rule file compared from
        a: PathBuf,
        /// The rule file compared to
        b: PathBuf,
        #[command(flatten)]
        filter: WhereArg,
        /// Print JSON: {"changed": N, "cases": N, "matrix": [{"from", "to", "cases"}],
        /// "cash_krw": {"a", "b", "delta"}} (with --list also "list": [{"id", "from", "to"}])
        #[arg(long)]
        json: bool,
        /// Print the changed cases, one per line: ID FROM → TO
        #[arg(long)]
        list: bool,
    },
}

/// `casebench suggest ...`.
#[derive(Debug, Subcommand)]
pub enum SuggestCommand {
    /// Learn a model from the labelled cases, store it in the database and print its figures
    /// on held-out cases
    ///
    /// Each dimension learns from the cases with that dimension set (a tenth of them, drawn
    /// with the seed, are held out to calibrate the confidences and measure the model);
    /// --where limits the cases. The amount is read from the text by rules (the money parser
    /// of the amount prompt), so every labelled case measures how often each kind of reading
    /// is right. The same cases and seed give the same model. Then run `suggest run`.
    Train {
        #[command(flatten)]
        filter: WhereArg,
        /// Seed of the held-out split and of the training order
        #[arg(long, default_value_t = DEFAULT_SEED, value_name = "S")]
        seed: u64,
    },
    /// Suggest labels and the amount for the matching cases with the newest model, and store
    /// the suggestions beside the cases (never in their labels)
    ///
    /// Replaces what an older model suggested for those cases. Run it again after training a
    /// new model or importing cases.
    Run {
        #[command(flatten)]
        filter: WhereArg,
    },
    /// Measure the newest model on a file of hand-labelled claims (CSV or JSONL, as import
    /// reads them), which training never reads
    ///
    /// Per dimension: accuracy, macro-F1, the confusion table, a calibration table (10 bins:
    /// mean confidence against accuracy) with its expected calibration error (ECE), and the
    /// share of suggestions with confidence at least 0.90 and their accuracy. For the amount:
    /// the rate read exactly among claims that state one, and the rate of invented amounts
    /// among claims that state none (an empty amount_krw). The evaluation set written for this
    /// is sample-data/eval/claims.jsonl. Nothing in the database changes.
    Evaluate {
        /// The labelled claims
        file: PathBuf,
        /// The file's format [default: from its extension]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Print one JSON document: {"model", "file", "cases", "dimensions": {"scope":
        /// {"accuracy": {"hits", "of", "rate"}, "macro_f1", "ece", "calibration": [...],
        /// "coverage", "confusion"}, ...}, "amount": {"exact", "invented", "missed", "ece",
        /// "calibration"}}
        #[arg(long)]
        json: bool,
    },
}

/// `--where EXPR`, the filter language shared by every command.
#[derive(Debug, Args)]
pub struct WhereArg {
    /// Only cases matching EXPR: clauses like kind=paid,free_monetary amount_krw>300000
    /// reporter!=none, all of which must hold; suggested_kind=paid kind_confidence<0.5
    /// agrees=no read a model's suggestions (see GUIDE.md for the language)
    #[arg(long = "where", value_name = "EXPR")]
    pub expr: Option<String>,
}

#[cfg(test)]
mod tests;
