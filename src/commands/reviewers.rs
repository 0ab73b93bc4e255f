//! `casebench reviewers add|list|enrolment`.

use std::io::Write;

use super::context::{Context, Create};
use crate::cli::{OnOff, ReviewersCommand, RoleArg};
use crate::report::reviewers;
use crate::store::{Role, RoleChange};

pub fn run(ctx: &Context, command: &ReviewersCommand) -> anyhow::Result<()> {
    let mut output = ctx.output()?;
    match command {
        ReviewersCommand::Add { name, role } => {
            let by = ctx.reviewer()?;
            let role = match role {
                RoleArg::Reviewer => Role::Reviewer,
                RoleArg::Lead => Role::Lead,
            };
            let mut store = ctx.open_store(Create::No)?;
            let name = name.trim();
            let line = match store.set_role(name, role, &by)? {
                RoleChange::Added => format!("added {name} as a {role}"),
                RoleChange::Changed { from } => format!("{name}: {from} → {role}"),
                RoleChange::Unchanged => format!("{name} is a {role} already"),
            };
            writeln!(output, "{line}")?;
        }
        ReviewersCommand::List { json } => {
            let store = ctx.open_store(Create::No)?;
            let list = store.reviewers()?;
            let text = if *json {
                reviewers::render_jsonl(&list)?
            } else {
                reviewers::render_text(&list)
            };
            output.write_all(text.as_bytes())?;
        }
        ReviewersCommand::Enrolment { state } => {
            let mut store = ctx.open_store(Create::No)?;
            let on = match state {
                None => store.open_enrolment()?,
                Some(state) => {
                    let on = *state == OnOff::On;
                    store.set_open_enrolment(on, &ctx.reviewer()?)?;
                    on
                }
            };
            let line = if on {
                "open enrolment is on: a name not in `casebench reviewers list` may work and is \
                 enrolled as a reviewer by its first change"
            } else {
                "open enrolment is off: only names in `casebench reviewers list` may work"
            };
            writeln!(output, "{line}")?;
        }
    }
    output.finish()
}
