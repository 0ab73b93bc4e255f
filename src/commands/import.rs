//! `casebench import FILE`: all or nothing, every problem reported as FILE:LINE.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::context::{shown, Context, Create};
use super::error::{BadInput, Reported};
use super::phases;
use super::problems::print_first;
use super::progress::Progress;
use crate::domain::format_amount;
use crate::io::import::{self, Parsing, Problem};
use crate::io::Format;
use crate::store::{new_batch_id, CreateOptions, OnExisting};

pub fn run(
    ctx: &Context,
    file: &Path,
    format: Option<Format>,
    skip_existing: bool,
) -> anyhow::Result<()> {
    let format = match format.or_else(|| Format::from_path(file)) {
        Some(format) => format,
        None => {
            return Err(BadInput(format!(
                "{}: cannot tell the format from the name; pass --format csv or --format jsonl",
                shown(file)
            ))
            .into())
        }
    };
    let reviewer = ctx.reviewer()?;
    let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", shown(file)))?;
    let name = shown(file);
    let progress = ctx.progress();
    let mut parsed = match parse(&bytes, format, &progress) {
        Ok(parsed) => parsed,
        Err(problems) => {
            progress.finish();
            return Err(report(&name, &problems));
        }
    };
    let mut output = ctx.output()?;
    // Creating a database waits for the disk: with a large file just read, it can take a
    // second.
    progress.waiting("open");
    let mut store = ctx.open_store(Create::Yes)?;
    progress.phase("existing", parsed.cases.len());
    let checked = import::check_existing(&store, &mut parsed, skip_existing, &mut |done| {
        progress.set(done)
    })?;
    let skipped = match checked {
        Ok(skipped) => skipped,
        Err(problems) => {
            progress.finish();
            return Err(report(&name, &problems));
        }
    };
    let batch = new_batch_id("import");
    let options = CreateOptions {
        reviewer: &reviewer,
        action: "import",
        batch: &batch,
        on_existing: if skip_existing {
            OnExisting::Skip
        } else {
            OnExisting::Fail
        },
        replace: false,
    };
    let created = phases::create_cases(&mut store, &parsed.cases, options, &progress)?;
    progress.finish();
    let skipped = skipped.len() + created.skipped.len();
    let skipped_note = if skipped > 0 {
        format!(
            "; skipped {} already in the database",
            format_amount(skipped as i64)
        )
    } else {
        String::new()
    };
    writeln!(
        output,
        "imported {} from {name} into {} (batch {batch}){skipped_note}",
        crate::text::count(created.inserted, "case", "cases"),
        store.location(),
    )?;
    output.finish()
}

/// [`import::parse`] on `progress`: `read` counts the file's lines, `check` its records.
pub(super) fn parse(
    bytes: &[u8],
    format: Format,
    progress: &Progress,
) -> Result<import::Parsed, Vec<Problem>> {
    import::parse_counted(bytes, format, &mut |at| match at {
        Parsing::Reading { done, lines } => progress.advance("read", done, lines),
        Parsing::Checking { done, records } => progress.advance("check", done, records),
    })
}

/// Prints the first problems to standard error and returns the error that ends the command.
fn report(file: &str, problems: &[Problem]) -> anyhow::Error {
    print_first(file, problems.iter().map(|p| p.in_file(file)));
    let n = problems.len();
    let noun = if n == 1 { "problem" } else { "problems" };
    Reported(format!(
        "{file}: {} {noun}; nothing was imported",
        format_amount(n as i64)
    ))
    .into()
}
