//! `casebench agreement`: how often the lead agrees with each reviewer, and how fast they work.

use std::io::Write;

use super::context::{Context, Create};
use super::spot_check::leads_error;
use crate::cli::AgreementArgs;
use crate::leads::agreement_report;
use crate::report::agreement;

pub fn run(ctx: &Context, args: &AgreementArgs) -> anyhow::Result<()> {
    let store = ctx.open_store(Create::No)?;
    let mut output = ctx.output()?;
    let report = agreement_report(&store, args.check, args.of.as_deref()).map_err(leads_error)?;
    if args.json {
        serde_json::to_writer_pretty(&mut output, &agreement::to_json(&report, args.check))?;
        writeln!(output)?;
    } else {
        let scope = match args.check {
            Some(id) => format!("spot-check {id}"),
            None => "all spot-checks".to_string(),
        };
        output.write_all(agreement::render_text(&report, &scope).as_bytes())?;
    }
    output.finish()
}
