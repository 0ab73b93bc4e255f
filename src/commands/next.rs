//! `casebench next`: lease the next unreviewed case nobody else holds and print its id.
//!
//! The lease is held by time only (no holder process is recorded): `next` exits at once and
//! nothing renews its lease, so it lasts what `--lease-minutes` asks (5 minutes unless told),
//! long enough to read the case and label it.

use std::io::Write;
use std::time::Duration;

use super::context::{Context, Create};
use super::filter_arg;
use crate::cli::NextArgs;
use crate::domain::filter::Derived;
use crate::domain::{Selector, Status};
use crate::store::now_millis;

pub fn run(ctx: &Context, args: &NextArgs) -> anyhow::Result<()> {
    let filter = filter_arg::parse_without_rules(&args.filter)?;
    let ttl = match args.lease_seconds {
        Some(s) => Duration::from_secs(s),
        None => Duration::from_secs(args.lease_minutes.saturating_mul(60)),
    };
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    store.check_enrolled(&reviewer)?;
    let cases = store.load_all()?;
    let suggestions = filter_arg::suggestions(ctx, &store, &filter, &cases, false)?;
    let candidates: Vec<&str> = Selector::new(&filter)
        .with_derived(|i| Derived::NONE.with_suggestion(filter_arg::suggestion_at(&suggestions, i)))
        .with_extra(|c| c.status == Status::New)
        .select(cases.iter().enumerate())
        .map(|(_, c)| c.id.as_str())
        .collect();
    match store.claim_next(&reviewer, &candidates, ttl, now_millis(), None)? {
        Some(id) => writeln!(output, "{id}")?,
        None => {
            let matching = match &args.filter.expr {
                Some(expr) => format!(" matching \"{expr}\""),
                None => String::new(),
            };
            anyhow::bail!(
                "no unreviewed case{matching} is left that nobody else holds ({} unreviewed, all \
                 leased to others)",
                candidates.len()
            );
        }
    }
    output.finish()
}
