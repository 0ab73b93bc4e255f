//! The committee's rule sets: files of ordered rules that give every case an outcome (and
//! cash, where any), with the reason, the totals, and the difference two rule sets make.
//!
//! A rule set is read from TOML (`sample-data/rules/README.md` describes the format): rules
//! in order, each with conditions in the `--where` language; the first rule whose conditions
//! all hold decides the case, and the required `[default]` covers the rest.
//!
//! - [`RuleSet::parse`] / [`RuleSet::load`] / [`load_dir`] read and check files; problems
//!   come as [`RuleProblem`]s (`FILE:LINE: rule "id": ...`), and `Ok` carries warnings (a
//!   rule that can never fire, conditions that contradict each other).
//! - [`RuleSet::decide`] is the hot path: a rule's conditions are compiled into one region
//!   (a bitmask per label, one for status, intervals for the amount), so deciding a case is
//!   a few mask tests per rule. [`evaluate`] decides many.
//! - [`RuleSet::explain`] says why: the deciding rule's conditions with the case's values,
//!   or, for the default, the rules that came closest.
//! - [`Totals`] keeps count and cash per outcome, updated per decision; [`diff`] compares
//!   two rule sets over the same cases; [`Compare`] tells one case's change.

mod builtin;
mod check;
mod condition;
mod diff;
mod evaluate;
mod explain;
mod file;
mod payout;
mod problem;
mod region;
mod totals;

use std::path::{Path, PathBuf};

pub use builtin::BUILTIN;
pub use condition::{Condition, RULE_FIELDS};
pub use diff::{diff, Compare, Diff};
pub use evaluate::{evaluate, Decision};
pub use explain::{ConditionCheck, DecidingRule, Explanation, NearMiss};
pub use payout::Payout;
pub use problem::RuleProblem;
pub use totals::Totals;

use crate::domain::filter::Derived;
use region::Region;

/// The id of a rule set's default, as `rule=` filters, exports and explanations name it. No
/// rule may take it.
pub const DEFAULT_RULE_ID: &str = "default";

/// A rule file read: the rule set with its warnings, or every problem (errors in line
/// order).
pub type Loaded = Result<(RuleSet, Vec<RuleProblem>), Vec<RuleProblem>>;

/// The most rules a set may have (decisions index rules with a `u16`).
pub const MAX_RULES: usize = 10_000;

/// A rule set read from a file: rules in order, and the default.
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub name: String,
    pub description: String,
    /// The file as given (a path, or the built-in file's name).
    pub file: String,
    pub rules: Vec<Rule>,
    /// The rule for cases no rule catches; its id is [`DEFAULT_RULE_ID`], it has no
    /// conditions, and its line is that of `[default]`.
    pub default: Rule,
    /// Every outcome code, in order of first appearance (rules, then the default).
    outcomes: Vec<String>,
    /// Per rule, then the default: its region and its outcome's index.
    compiled: Vec<Compiled>,
}

/// One rule: when it applies and what it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub title: String,
    /// All must hold; none at all means every case.
    pub conditions: Vec<Condition>,
    pub outcome: String,
    pub payout: Payout,
    /// What the case gets besides cash, in words.
    pub in_kind: Option<String>,
    /// The line of its `[[rule]]` header (or of `[default]`).
    pub line: usize,
}

/// A rule ready for the hot path.
#[derive(Clone, Debug)]
struct Compiled {
    region: Region,
    outcome: u16,
    payout: Payout,
}

impl RuleSet {
    /// Reads a rule file's text; `file` names it in problems. `Ok` carries the warnings,
    /// `Err` every problem (errors, in line order).
    pub fn parse(text: &str, file: &str) -> Loaded {
        file::parse(text, file)
    }

    /// Reads a rule file from disk (see [`RuleSet::parse`]).
    pub fn load(path: &Path) -> Loaded {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => RuleSet::parse(&text, &name),
            Err(e) => Err(vec![RuleProblem::error(
                &name,
                0,
                None,
                format!("cannot read the file: {e}"),
            )]),
        }
    }

    /// Builds the set from checked rules; the outcome codes are interned here.
    fn build(
        name: String,
        description: String,
        file: String,
        rules: Vec<Rule>,
        default: Rule,
    ) -> RuleSet {
        let mut outcomes: Vec<String> = Vec::new();
        let compiled = rules
            .iter()
            .chain([&default])
            .map(|rule| {
                let outcome = match outcomes.iter().position(|o| *o == rule.outcome) {
                    Some(i) => i,
                    None => {
                        outcomes.push(rule.outcome.clone());
                        outcomes.len() - 1
                    }
                };
                Compiled {
                    region: rule.region(),
                    outcome: u16::try_from(outcome).unwrap_or(u16::MAX),
                    payout: rule.payout,
                }
            })
            .collect();
        RuleSet {
            name,
            description,
            file,
            rules,
            default,
            outcomes,
            compiled,
        }
    }

    /// Every outcome code of the set, in order of first appearance; a [`Decision`]'s
    /// `outcome` indexes this.
    pub fn outcome_codes(&self) -> &[String] {
        &self.outcomes
    }

    /// The outcome code of a decision.
    pub fn outcome_code(&self, d: Decision) -> &str {
        self.outcomes
            .get(usize::from(d.outcome))
            .map_or("", String::as_str)
    }

    /// The index of an outcome code.
    pub fn outcome_index(&self, code: &str) -> Option<u16> {
        self.outcomes
            .iter()
            .position(|o| o == code)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// The rule that made a decision: the default for `rules.len()`.
    pub fn rule_of(&self, d: Decision) -> &Rule {
        self.rules.get(usize::from(d.rule)).unwrap_or(&self.default)
    }

    /// The derived filter values of a decision (`outcome`, `rule`), with `changed` when a
    /// second rule set is compared.
    pub fn derived(&self, d: Decision, changed: Option<bool>) -> Derived<'_> {
        Derived {
            outcome: Some(self.outcome_code(d)),
            rule: Some(&self.rule_of(d).id),
            changed,
            suggestion: None,
        }
    }

    /// The rule with this id (`default` for the default).
    pub fn rule_by_id(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .chain([&self.default])
            .find(|r| r.id == id)
    }
}

impl Rule {
    /// The cases the rule's conditions allow together.
    fn region(&self) -> Region {
        let mut region = Region::all();
        for condition in &self.conditions {
            region.restrict(condition.set());
        }
        region
    }

    /// Whether this is a rule set's default.
    pub fn is_default(&self) -> bool {
        self.id == DEFAULT_RULE_ID
    }
}

/// Reads every `*.toml` file of `dir`, sorted by file name. An unreadable folder gives no
/// files (callers fall back to [`BUILTIN`]).
pub fn load_dir(dir: &Path) -> Vec<(PathBuf, Loaded)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    paths
        .into_iter()
        .map(|path| {
            let loaded = RuleSet::load(&path);
            (path, loaded)
        })
        .collect()
}

#[cfg(test)]
mod tests;
