//! `casebench review` (and `casebench` in a terminal): the workbench.

use std::io::IsTerminal;

use super::context::{Context, Create};
use super::error::BadInput;
use crate::tui::keymap::Keymap;

/// Whether standard input and output are a terminal the workbench can take over.
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

pub fn run(ctx: &Context, rules: Option<&std::path::Path>) -> anyhow::Result<()> {
    if !has_terminal() {
        return Err(BadInput(
            "the workbench needs a terminal; in scripts use the commands (stats, export, label)"
                .into(),
        )
        .into());
    }
    if ctx.global.out.is_some() {
        return Err(BadInput("--out does not apply to the workbench".into()).into());
    }
    let reviewer = ctx.reviewer()?;
    let store = ctx.open_store(Create::No)?;
    store.check_enrolled(&reviewer)?;
    let (keymap, errors) = Keymap::load_user(ctx.global.keymap.as_deref());
    let errors = errors.iter().map(ToString::to_string).collect();
    if let Some(path) = rules {
        check_rules_path(path)?;
    }
    let rules = crate::tui::rule_files::RuleSource::resolve(rules);
    crate::tui::run::run(store, reviewer, keymap, errors, rules)
}

/// Refuses a `--rules` path that is neither a file nor a folder.
pub fn check_rules_path(path: &std::path::Path) -> anyhow::Result<()> {
    if path.exists() {
        return Ok(());
    }
    Err(BadInput(format!(
        "--rules {}: no such file or folder",
        crate::text::sanitize(&path.display().to_string())
    ))
    .into())
}
