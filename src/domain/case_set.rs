//! Every case in memory, by position and by id, with live counts.
//!
//! Loaded once from the store; afterwards kept current change by change (own saves and other
//! reviewers' changes alike), so counts never need a recount.

use std::collections::HashMap;

use super::case::Case;
use super::counts::Counts;

#[derive(Clone, Debug, Default)]
pub struct CaseSet {
    cases: Vec<Case>,
    by_id: HashMap<String, usize>,
    counts: Counts,
}

impl CaseSet {
    pub fn new(cases: Vec<Case>) -> CaseSet {
        let by_id = cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let counts = Counts::of(&cases);
        CaseSet {
            cases,
            by_id,
            counts,
        }
    }

    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Case> {
        self.cases.get(index)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn by_id(&self, id: &str) -> Option<&Case> {
        self.index_of(id).and_then(|i| self.cases.get(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Case> + Clone {
        self.cases.iter()
    }

    /// Counts over every case.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Puts `case` in place of the case with the same id (or appends it when new). Returns the
    /// position and the case it replaced.
    pub fn upsert(&mut self, case: Case) -> (usize, Option<Case>) {
        self.counts.add(&case);
        match self.by_id.get(&case.id) {
            Some(&i) => {
                let old = std::mem::replace(&mut self.cases[i], case);
                self.counts.remove(&old);
                (i, Some(old))
            }
            None => {
                let i = self.cases.len();
                self.by_id.insert(case.id.clone(), i);
                self.cases.push(case);
                (i, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    #[test]
    fn upsert_replaces_by_id_and_keeps_counts_current() {
        let mut set = CaseSet::new(vec![Case::new("A", "a"), Case::new("B", "b")]);
        let mut changed = set.by_id("B").unwrap().clone();
        changed.set_label(Dimension::Kind, Some(0));
        let (at, old) = set.upsert(changed);
        assert_eq!(at, 1);
        assert_eq!(old.unwrap().label(Dimension::Kind), None);
        assert_eq!(set.counts().label(Dimension::Kind, Some(0)), 1);
        assert_eq!(set.counts().unlabelled(Dimension::Kind), 1);

        let (at, old) = set.upsert(Case::new("C", "c"));
        assert_eq!((at, old), (2, None));
        assert_eq!(set.index_of("C"), Some(2));
        assert_eq!(set.counts().total(), 3);
        assert_eq!(*set.counts(), Counts::of(set.iter()));
    }
}
