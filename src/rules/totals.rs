//! Count and cash per outcome, kept up to date decision by decision (a relabel is one
//! `remove` of the old decision and one `add` of the new).

use super::{Decision, RuleSet};

/// Cases and cash per outcome code of one rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    codes: Vec<String>,
    cases: Vec<usize>,
    cash: Vec<i64>,
}

impl Totals {
    /// Nothing counted yet, for every outcome of `rules`.
    pub fn new(rules: &RuleSet) -> Totals {
        let n = rules.outcome_codes().len();
        Totals {
            codes: rules.outcome_codes().to_vec(),
            cases: vec![0; n],
            cash: vec![0; n],
        }
    }

    /// The totals of `decisions` (made by `rules`).
    pub fn of(rules: &RuleSet, decisions: impl IntoIterator<Item = Decision>) -> Totals {
        let mut totals = Totals::new(rules);
        for d in decisions {
            totals.add(d);
        }
        totals
    }

    #[inline]
    pub fn add(&mut self, d: Decision) {
        let i = usize::from(d.outcome);
        if let (Some(n), Some(cash)) = (self.cases.get_mut(i), self.cash.get_mut(i)) {
            *n += 1;
            *cash = cash.saturating_add(d.cash);
        }
    }

    /// Takes away a decision that was added before.
    #[inline]
    pub fn remove(&mut self, d: Decision) {
        let i = usize::from(d.outcome);
        if let (Some(n), Some(cash)) = (self.cases.get_mut(i), self.cash.get_mut(i)) {
            *n = n.saturating_sub(1);
            *cash = cash.saturating_sub(d.cash);
        }
    }

    /// Every outcome of the rule set in its order (those with no case included): code,
    /// cases, cash in won.
    pub fn by_outcome(&self) -> impl Iterator<Item = (&str, usize, i64)> + '_ {
        self.codes
            .iter()
            .zip(&self.cases)
            .zip(&self.cash)
            .map(|((code, &n), &cash)| (code.as_str(), n, cash))
    }

    /// Cases and cash of one outcome code.
    pub fn get(&self, code: &str) -> Option<(usize, i64)> {
        self.by_outcome()
            .find(|(c, _, _)| *c == code)
            .map(|(_, n, cash)| (n, cash))
    }

    /// All cases counted.
    pub fn cases(&self) -> usize {
        self.cases.iter().sum()
    }

    /// The cash of all cases counted, in won.
    pub fn cash(&self) -> i64 {
        self.cash.iter().fold(0i64, |a, &b| a.saturating_add(b))
    }
}
