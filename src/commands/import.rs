//! `casebench import FILE`: all or nothing, every problem reported as FILE:LINE.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::context::{shown, Context, Create};
use super::error::{BadInput, Reported};
use super::problems::print_first;
use super::progress;
use crate::domain::format_amount;
use crate::io::import::{self, Problem};
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
    let mut parsed = match import::parse(&bytes, format) {
        Ok(parsed) => parsed,
        Err(problems) => return Err(report(&name, &problems)),
    };
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::Yes)?;
    let skipped = match import::check_existing(&store, &mut parsed, skip_existing)? {
        Ok(skipped) => skipped,
        Err(problems) => return Err(report(&name, &problems)),
    };
    let bar = progress::bar(
        parsed.cases.len(),
        "import",
        ctx.show_progress(output.is_interactive()),
    );
    let batch = new_batch_id("import");
    let created = store.create_cases(
        &parsed.cases,
        CreateOptions {
            reviewer: &reviewer,
            action: "import",
            batch: &batch,
            on_existing: if skip_existing {
                OnExisting::Skip
            } else {
                OnExisting::Fail
            },
            replace: false,
        },
        &mut |done| bar.set_position(done as u64),
    )?;
    bar.finish_and_clear();
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
