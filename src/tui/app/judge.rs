//! The committee's rules in the workbench: the loaded rule sets, the active one and the one it
//! is compared with, and every case's decision under each, kept current case by case.

use std::sync::Arc;

use crate::domain::filter::Derived;
use crate::domain::{Case, CaseSet};
use crate::rules::{evaluate, Compare, Decision, RuleSet};

/// One rule file: its last valid rule set, and the problems of its last reading.
#[derive(Clone, Debug)]
pub struct RuleSlot {
    /// The file as given (or the built-in file's name).
    pub file: String,
    /// The last version of the file that was valid; kept while an edit is invalid.
    pub set: Option<Arc<RuleSet>>,
    /// What is wrong with the file as it is now (empty when it is valid).
    pub problems: Vec<String>,
}

/// Which rule sets judge the cases, and their decisions.
#[derive(Clone, Debug, Default)]
pub struct Judge {
    pub slots: Vec<RuleSlot>,
    pub active: Option<usize>,
    pub compare: Option<usize>,
    /// Per case (position in the case set): the active set's decision.
    pub da: Vec<Decision>,
    /// Per case: the compared set's decision.
    pub db: Vec<Decision>,
    cmp: Option<Compare>,
}

impl Judge {
    pub fn a(&self) -> Option<&RuleSet> {
        self.slot_set(self.active)
    }

    pub fn b(&self) -> Option<&RuleSet> {
        self.slot_set(self.compare)
    }

    fn slot_set(&self, slot: Option<usize>) -> Option<&RuleSet> {
        slot.and_then(|i| self.slots.get(i))
            .and_then(|s| s.set.as_deref())
    }

    /// Whether the compared set gives the case at `index` another outcome.
    pub fn changed(&self, index: usize) -> Option<bool> {
        let cmp = self.cmp.as_ref()?;
        Some(cmp.changed(*self.da.get(index)?, *self.db.get(index)?))
    }

    /// The values the filter language's `outcome`, `rule` and `changed` see for a case.
    pub fn derived(&self, index: usize) -> Derived<'_> {
        match (self.a(), self.da.get(index)) {
            (Some(a), Some(&d)) => a.derived(d, self.changed(index)),
            _ => Derived::NONE,
        }
    }

    /// Decides every case again (after the rule sets or the choice of them changed).
    pub fn evaluate_all(&mut self, cases: &CaseSet) {
        self.da = self
            .a()
            .map(|a| evaluate(a, cases.iter()))
            .unwrap_or_default();
        self.db = self
            .b()
            .map(|b| evaluate(b, cases.iter()))
            .unwrap_or_default();
        self.cmp = match (self.a(), self.b()) {
            (Some(a), Some(b)) => Some(Compare::new(a, b)),
            _ => None,
        };
    }

    /// Decides one case again (it changed, or it is new); returns the decisions it had.
    pub fn redecide(&mut self, index: usize, case: &Case) -> (Option<Decision>, Option<Decision>) {
        let a = self.a().map(|a| a.decide(case));
        let b = self.b().map(|b| b.decide(case));
        let old_a = set_decision(&mut self.da, index, a);
        let old_b = set_decision(&mut self.db, index, b);
        (old_a, old_b)
    }

    /// The names of the sets that loaded, for cycling (`r`) and picking (`c`).
    pub fn valid_slots(&self) -> Vec<usize> {
        (0..self.slots.len())
            .filter(|&i| self.slots[i].set.is_some())
            .collect()
    }

    /// `final-2022-12-29`, or `no rules`.
    pub fn active_name(&self) -> String {
        self.a()
            .map_or_else(|| "no rules".into(), |a| a.name.clone())
    }
}

/// Puts a decision at `index` (growing the list for a new case); returns the one it replaced.
fn set_decision(
    list: &mut Vec<Decision>,
    index: usize,
    decision: Option<Decision>,
) -> Option<Decision> {
    let decision = decision?;
    if index < list.len() {
        Some(std::mem::replace(&mut list[index], decision))
    } else {
        if index == list.len() {
            list.push(decision);
        }
        None
    }
}
