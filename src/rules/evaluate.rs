//! Deciding cases: the first rule whose region holds the case decides it.

use super::RuleSet;
use crate::domain::Case;

/// What a rule set decided for one case. Small and `Copy`, so a workbench can keep one per
/// case and update it on every relabel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The deciding rule's index in `rules`; `rules.len()` for the default.
    pub rule: u16,
    /// Index into [`RuleSet::outcome_codes`].
    pub outcome: u16,
    /// The cash payout in won.
    pub cash: i64,
}

impl RuleSet {
    /// Decides one case. A few mask tests per rule, no allocation.
    #[inline]
    pub fn decide(&self, case: &Case) -> Decision {
        let last = self.compiled.len().saturating_sub(1);
        let index = self.compiled[..last]
            .iter()
            .position(|rule| rule.region.contains(case))
            .unwrap_or(last);
        match self.compiled.get(index) {
            Some(rule) => Decision {
                rule: index as u16,
                outcome: rule.outcome,
                cash: rule.payout.cash(case.amount_krw),
            },
            // A set always has its default; this is for the impossible empty one.
            None => Decision {
                rule: 0,
                outcome: 0,
                cash: 0,
            },
        }
    }
}

/// Decides every case, in order.
pub fn evaluate<'a>(rules: &RuleSet, cases: impl IntoIterator<Item = &'a Case>) -> Vec<Decision> {
    cases.into_iter().map(|case| rules.decide(case)).collect()
}
