//! `casebench spot-check new|list|show`; the lead's review (label, differences, resolve,
//! export) is in `spot_check_review.rs`.

use std::io::Write;

use super::context::{Context, Create};
use super::error::{BadInput, Reported};
use super::spot_check_review;
use crate::cli::{SpotCheckCommand, SpotCheckNew};
use crate::leads::request::FieldText;
use crate::leads::{decide, open_spot_check, FrontEnd, LeadsError, SpotField, SpotFieldError};
use crate::report::spot_check;

/// A leads error as the commands report it: bad input exits with 2.
pub fn leads_error(err: LeadsError) -> anyhow::Error {
    match err {
        LeadsError::Store(e) => e.into(),
        e if e.is_bad_input() => BadInput(e.to_string()).into(),
        e => e.into(),
    }
}

pub fn run(ctx: &Context, command: &SpotCheckCommand) -> anyhow::Result<()> {
    match command {
        SpotCheckCommand::New(args) => new(ctx, args),
        SpotCheckCommand::List => list(ctx),
        SpotCheckCommand::Show { id } => show(ctx, *id),
        SpotCheckCommand::Label {
            id,
            case,
            assignments,
        } => spot_check_review::label(ctx, *id, case, assignments),
        SpotCheckCommand::Differences { id, json } => {
            spot_check_review::differences(ctx, *id, *json)
        }
        SpotCheckCommand::Resolve {
            id,
            case,
            field,
            resolution,
        } => spot_check_review::resolve(ctx, *id, case, field, *resolution),
        SpotCheckCommand::Export { id, format } => spot_check_review::export(ctx, *id, *format),
    }
}

/// The options of `spot-check new` as the fields `leads::decide` reads, in the order given
/// per option.
fn fields(args: &SpotCheckNew) -> Vec<FieldText<'_>> {
    let reviewers = args
        .of
        .iter()
        .map(|of| FieldText::given(SpotField::Reviewers, of));
    let others = [
        (SpotField::Since, &args.since),
        (SpotField::Until, &args.until),
        (SpotField::Size, &args.size),
        (SpotField::Confidence, &args.confidence),
        (SpotField::Margin, &args.margin),
        (SpotField::Proportion, &args.proportion),
        (SpotField::Seed, &args.seed),
        (SpotField::Name, &args.name),
    ]
    .into_iter()
    .filter_map(|(field, text)| Some(FieldText::given(field, text.as_deref()?)));
    reviewers.chain(others).collect()
}

/// One problem as bad input; several printed one a line, then counted.
fn refused(errors: &[SpotFieldError]) -> anyhow::Error {
    if let [only] = errors {
        return BadInput(only.message.clone()).into();
    }
    let mut err = std::io::stderr().lock();
    for e in errors {
        // Nothing else to do if standard error is gone; the exit code still says it.
        let _ = writeln!(err, "{e}");
    }
    Reported(format!(
        "spot-check new: {} problems; nothing done",
        errors.len()
    ))
    .into()
}

fn new(ctx: &Context, args: &SpotCheckNew) -> anyhow::Result<()> {
    let lead = ctx.reviewer()?;
    let request = decide(FrontEnd::Cli, &fields(args), crate::rng::fresh_seed())
        .map_err(|errors| refused(&errors))?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let opened = open_spot_check(&mut store, &lead, &request).map_err(leads_error)?;
    let check = store.spot_check(opened.id)?;
    output.write_all(spot_check::render_opened(&check).as_bytes())?;
    output.finish()
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let mut rows = Vec::new();
    for check in store.spot_checks()? {
        let progress = store.spot_check_progress(check.id)?;
        rows.push((check, progress));
    }
    if rows.is_empty() {
        writeln!(
            output,
            "no spot-check yet (a lead opens one with casebench spot-check new)"
        )?;
    } else {
        output.write_all(spot_check::render_list(&rows).as_bytes())?;
    }
    output.finish()
}

fn show(ctx: &Context, id: i64) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let check = store.spot_check(id)?;
    let progress = store.spot_check_progress(id)?;
    let differences = store.differences(id)?;
    output.write_all(spot_check::render_show(&check, &progress, &differences).as_bytes())?;
    output.finish()
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};
    use crate::leads::{read_form, OpenSpotCheck};

    const FRESH: u64 = 77;

    /// `casebench spot-check new ARGS`, read as the command reads it.
    fn from_cli(args: &[&str]) -> Result<OpenSpotCheck, Vec<SpotFieldError>> {
        let argv = ["casebench", "spot-check", "new"].iter().chain(args);
        let cli = match Cli::try_parse_from(argv) {
            Ok(cli) => cli,
            Err(e) => panic!("{args:?}: {e}"),
        };
        match cli.command {
            Some(Command::SpotCheck {
                command: SpotCheckCommand::New(new),
            }) => decide(FrontEnd::Cli, &fields(&new), FRESH),
            other => panic!("{args:?} is not spot-check new: {other:?}"),
        }
    }

    #[test]
    fn the_command_line_and_the_form_ask_for_the_same() {
        let pairs: [(&[&str], &str); 5] = [
            (
                &["--of", "kim,lee", "--since", "2026-11-01", "--size", "20"],
                "reviewers=kim,lee since=2026-11-01 size=20",
            ),
            (
                &["--of", "kim", "--since", "2026-11-01"],
                "reviewers=kim since=2026-11-01",
            ),
            (
                &[
                    "--of",
                    "kim",
                    "--of",
                    "lee",
                    "--since",
                    "2026-11-01",
                    "--until",
                    "2026-11-30",
                    "--proportion",
                    "0.3",
                    "--margin",
                    "0.1",
                ],
                "reviewers=kim reviewers=lee since=2026-11-01 until=2026-11-30 proportion=0.3 \
                 margin=0.1",
            ),
            (
                &[
                    "--of",
                    " kim ",
                    "--since",
                    "2026-11-01",
                    "--seed",
                    "9",
                    "--name",
                    "  week 48  ",
                ],
                "reviewers=\" kim \" since=2026-11-01 seed=9 name=\"  week 48  \"",
            ),
            (
                &["--of", "kim", "--since", "2026-11-01", "--name", " "],
                "reviewers=kim since=2026-11-01 name=\" \"",
            ),
        ];
        for (args, form) in pairs {
            let cli = from_cli(args).unwrap();
            assert_eq!(cli, read_form(form, FRESH).unwrap(), "{args:?} vs {form:?}");
        }
        // The same defaults: the fresh seed, the worst-case proportion, names trimmed.
        let cli = from_cli(pairs[1].0).unwrap();
        assert_eq!(cli.seed, FRESH);
        assert_eq!(
            cli.size,
            crate::leads::SampleSize::Estimate {
                confidence: 0.95,
                margin: 0.05,
                proportion: 0.5
            }
        );
        assert_eq!(
            from_cli(pairs[3].0).unwrap().name.as_deref(),
            Some("week 48")
        );
    }

    #[test]
    fn both_refuse_the_same_fields_in_the_same_words() {
        let cli = from_cli(&["--of", "", "--since", "x", "--size", "0", "--margin", "2"]);
        let form = read_form("reviewers= since=x size=0 margin=2", FRESH);
        let (cli, form) = (cli.unwrap_err(), form.unwrap_err());
        let fields = |errors: &[SpotFieldError]| -> Vec<Option<SpotField>> {
            errors.iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(&cli), fields(&form));
        let messages: Vec<&str> = cli.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "--of: name the reviewers to check, e.g. --of kim,lee",
                "--since \"x\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time",
                "--size must be at least 1",
                "--size excludes --margin: give either the size or the precision to compute it \
                 from",
                "--margin must be between 0 and 1 (exclusive), e.g. 0.05; got 2",
            ]
        );
        let messages: Vec<&str> = form.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "reviewers: name the reviewers to check, e.g. reviewers=kim,lee",
                "since \"x\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time",
                "size must be at least 1",
                "size excludes margin: give either the size or the precision to compute it from",
                "margin must be between 0 and 1 (exclusive), e.g. 0.05; got 2",
            ]
        );
    }

    #[test]
    fn the_help_states_the_defaults_the_reader_applies() {
        use crate::leads::request::{DEFAULT_CONFIDENCE, DEFAULT_MARGIN};
        use crate::leads::WORST_CASE_PROPORTION;
        use clap::CommandFactory;
        let mut cli = Cli::command();
        let new = cli
            .find_subcommand_mut("spot-check")
            .and_then(|c| c.find_subcommand_mut("new"))
            .expect("spot-check new");
        let help = |id: &str| -> String {
            let arg = new.get_arguments().find(|a| a.get_id() == id);
            arg.and_then(|a| a.get_help())
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        assert!(help("confidence").ends_with(&format!("[default: {DEFAULT_CONFIDENCE}]")));
        assert!(help("margin").ends_with(&format!("[default: {DEFAULT_MARGIN}]")));
        assert!(help("proportion").contains(&format!("[default: {WORST_CASE_PROPORTION},")));
    }
}
