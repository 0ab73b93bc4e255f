//! Why a case got its outcome: the deciding rule with each of its conditions checked against
//! the case, and for a case that fell to the default, the rules that came closest.

use std::fmt;

use super::{Condition, Rule, RuleSet};
use crate::domain::{format_amount, Case};

/// How many near misses an explanation of the default lists.
pub const NEAREST: usize = 3;

/// The reason for one case's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub rule: DecidingRule,
    /// The deciding rule's conditions with the case's values (all held). Empty for the
    /// default, which has none.
    pub checks: Vec<ConditionCheck>,
    /// For the default: the rules with the fewest failed conditions (up to [`NEAREST`], in
    /// rule order among equals), each with the conditions that failed. Empty otherwise.
    pub nearest: Vec<NearMiss>,
}

/// The rule that decided, and what it gives this case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecidingRule {
    /// Index into `rules`; `rules.len()` for the default.
    pub index: usize,
    pub id: String,
    pub title: String,
    pub line: usize,
    pub is_default: bool,
    pub outcome: String,
    pub cash: i64,
    pub in_kind: Option<String>,
    /// The rule's payout in words (`10% of amount_krw (rounded down), at least ...`).
    pub payout: String,
    /// How this case's cash comes about (`10% of 123,456 won = 12,345 won`; for a
    /// percentage without an amount, that it pays 0).
    pub cash_reason: String,
}

/// One condition checked against a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionCheck {
    /// The condition as written.
    pub text: String,
    pub field: &'static str,
    /// The case's value: a code, an amount with separators, or `none`.
    pub actual: String,
    pub held: bool,
}

/// A rule that did not fire for a case that fell to the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub line: usize,
    /// The conditions that failed.
    pub failed: Vec<ConditionCheck>,
}

impl ConditionCheck {
    fn of(condition: &Condition, case: &Case) -> ConditionCheck {
        ConditionCheck {
            text: condition.text.clone(),
            field: condition.field,
            actual: condition.actual(case),
            held: condition.holds(case),
        }
    }
}

impl RuleSet {
    /// Explains the decision for `case` (the same one [`RuleSet::decide`] makes).
    pub fn explain(&self, case: &Case) -> Explanation {
        let decision = self.decide(case);
        let index = usize::from(decision.rule);
        let rule = self.rule_of(decision);
        let checks = rule
            .conditions
            .iter()
            .map(|c| ConditionCheck::of(c, case))
            .collect();
        let nearest = if rule.is_default() {
            self.nearest(case)
        } else {
            Vec::new()
        };
        Explanation {
            rule: DecidingRule {
                index,
                id: rule.id.clone(),
                title: rule.title.clone(),
                line: rule.line,
                is_default: rule.is_default(),
                outcome: self.outcome_code(decision).to_string(),
                cash: decision.cash,
                in_kind: rule.in_kind.clone(),
                payout: rule.payout.describe(),
                cash_reason: rule.payout.explain(case.amount_krw),
            },
            checks,
            nearest,
        }
    }

    fn nearest(&self, case: &Case) -> Vec<NearMiss> {
        let mut misses: Vec<NearMiss> = self
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| near_miss(index, rule, case))
            .filter(|m| !m.failed.is_empty())
            .collect();
        misses.sort_by_key(|m| (m.failed.len(), m.index));
        misses.truncate(NEAREST);
        misses
    }
}

fn near_miss(index: usize, rule: &Rule, case: &Case) -> NearMiss {
    NearMiss {
        index,
        id: rule.id.clone(),
        title: rule.title.clone(),
        line: rule.line,
        failed: rule
            .conditions
            .iter()
            .map(|c| ConditionCheck::of(c, case))
            .filter(|c| !c.held)
            .collect(),
    }
}

impl fmt::Display for ConditionCheck {
    /// `✓ kind=free_monetary (free_monetary)` or `✗ amount_krw>300,000 (none)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.held { '✓' } else { '✗' };
        write!(f, "{mark} {} ({})", self.text, self.actual)
    }
}

impl fmt::Display for Explanation {
    /// A few lines for people: the rule, the outcome and cash, then the checks or the near
    /// misses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.rule;
        writeln!(f, "rule {} (line {}): {}", r.id, r.line, r.title)?;
        write!(f, "outcome {}", r.outcome)?;
        if r.cash > 0 {
            write!(f, ", {} won", format_amount(r.cash))?;
        }
        writeln!(f)?;
        if r.payout != "none" {
            writeln!(f, "  payout: {}", r.cash_reason)?;
        }
        if let Some(in_kind) = &r.in_kind {
            writeln!(f, "  in kind: {in_kind}")?;
        }
        for check in &self.checks {
            writeln!(f, "  {check}")?;
        }
        for miss in &self.nearest {
            writeln!(
                f,
                "  not rule {} (line {}): {}",
                miss.id, miss.line, miss.title
            )?;
            for check in &miss.failed {
                writeln!(f, "    {check}")?;
            }
        }
        Ok(())
    }
}
