//! The command line of the lead and team commands: reviewers, next, spot-check, agreement,
//! audit.
//!
//! Whose work a command is about is `--of NAME` (or `--by NAME` for audit), never
//! `--reviewer`: that one is the global "who you are", which falls back to
//! `$CASEBENCH_REVIEWER` and would otherwise filter silently.

use clap::{Args, Subcommand, ValueEnum};

use super::WhereArg;
use crate::io::Format;

/// `casebench reviewers ...`.
#[derive(Debug, Subcommand)]
pub enum ReviewersCommand {
    /// Add a reviewer or a lead, or change their role
    ///
    /// Until the database has a lead anyone may add one; after that only leads may add
    /// reviewers, change roles or the enrolment setting.
    Add {
        /// The reviewer's name, as they pass it to --reviewer
        name: String,
        #[arg(long, value_enum, default_value = "reviewer")]
        role: RoleArg,
    },
    /// Every reviewer and lead: role, when added, how many changes they made
    List {
        /// Print JSON Lines: {"name", "role", "added_at", "changes", "last_change"}
        #[arg(long)]
        json: bool,
    },
    /// Whether names not in the list may work (on: they are enrolled as reviewers by their
    /// first change; off: they are refused). Without a value, prints the setting
    Enrolment {
        #[arg(value_enum)]
        state: Option<OnOff>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Reviewer,
    Lead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// `casebench next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    #[command(flatten)]
    pub filter: WhereArg,
    /// How long the case stays yours unless you ask again (held by time only: nothing renews
    /// it)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub lease_minutes: u64,
    /// The lease in seconds instead of minutes (for scripts and tests)
    #[arg(long, value_name = "N", conflicts_with = "lease_minutes")]
    pub lease_seconds: Option<u64>,
}

/// `casebench spot-check ...`.
#[derive(Debug, Subcommand)]
pub enum SpotCheckCommand {
    /// Draw a spot-check sample of the cases some reviewers labelled in a period (lead only)
    ///
    /// The population is every case whose labels or status were last changed by one of the
    /// reviewers inside the period. The sample is random, stratified by kind, and the same
    /// for the same seed. Its size is --size, or what a proportion needs at --confidence
    /// within --margin (finite-population corrected). Prints the id and the sample. Every bad
    /// option is reported at once, and then nothing is drawn.
    New(SpotCheckNew),
    /// Every spot-check, newest first, with its progress
    List,
    /// A spot-check's progress and its cases (blind: no reviewer labels)
    Show {
        /// The spot-check's id (`spot-check list` shows them)
        id: i64,
    },
    /// Record the lead's own labels of a sampled case, blind (FIELD: scope, reporter, kind,
    /// service, substitute; VALUE none: not set)
    Label {
        /// The spot-check's id (`spot-check list` shows them)
        id: i64,
        /// The sampled case's id
        case: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        assignments: Vec<String>,
    },
    /// The labels where the lead and the reviewer differ, side by side
    Differences {
        /// The spot-check's id (`spot-check list` shows them)
        id: i64,
        /// Print JSON Lines: {"case_id", "field", "reviewer", "reviewer_value", "lead_value",
        /// "resolution"}
        #[arg(long)]
        json: bool,
    },
    /// Keep the reviewer's label, or overturn it with the lead's (a change with audit
    /// action overturn)
    Resolve {
        /// The spot-check's id (`spot-check list` shows them)
        id: i64,
        /// The case whose label is decided
        case: String,
        /// The dimension: scope, reporter, kind, service or substitute
        field: String,
        /// Keep the reviewer's label, or overturn it with the lead's
        #[arg(value_enum)]
        resolution: ResolutionArg,
    },
    /// Every compared label of a spot-check with the reviewer's and the lead's value and the
    /// resolution
    Export {
        /// The spot-check's id (`spot-check list` shows them)
        id: i64,
        /// Output format [default: from --out's extension, else jsonl]
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
}

/// The options as text: `leads::request::decide` checks them all at once, with the same rules
/// and defaults as the workbench's form (so no defaults or value types here).
#[derive(Debug, Args)]
pub struct SpotCheckNew {
    /// The reviewers whose work is checked (required; repeat, or a comma list); `suggestion`
    /// checks the accepted suggestions (cases whose labels were last set by accepting them)
    #[arg(long, value_name = "NAME")]
    pub of: Vec<String>,
    /// Start of the period (required): YYYY-MM-DD (a UTC day) or an RFC 3339 time
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// End of the period, inclusive for a date [default: open, up to now]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The sample size (instead of --confidence, --margin and --proportion)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub size: Option<String>,
    /// Confidence level of the size computed for a proportion [default: 0.95]
    #[arg(long, value_name = "C", allow_negative_numbers = true)]
    pub confidence: Option<String>,
    /// Margin of error of that proportion [default: 0.05]
    #[arg(long, value_name = "E", allow_negative_numbers = true)]
    pub margin: Option<String>,
    /// The expected proportion [default: 0.5, the worst case, when unknown]
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub proportion: Option<String>,
    /// Seed of the random draw [default: from the clock; printed]
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub seed: Option<String>,
    /// A name for the spot-check (trimmed)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResolutionArg {
    Keep,
    Overturn,
}

/// `casebench agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Only this reviewer (outliers are still judged against everyone)
    #[arg(long, value_name = "NAME")]
    pub of: Option<String>,
    /// Only this spot-check (else all of them)
    #[arg(long, value_name = "ID")]
    pub check: Option<i64>,
    /// Print JSON (the shape is in GUIDE.md)
    #[arg(long)]
    pub json: bool,
}

/// `casebench audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only changes by this reviewer
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// From this day (YYYY-MM-DD, UTC) or RFC 3339 time
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this day (inclusive) or time
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Print JSON Lines, one event a line: seq, at, reviewer, case_id, field, old, new,
    /// action, batch
    #[arg(long)]
    pub json: bool,
}
