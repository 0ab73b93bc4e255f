//! The current view: which cases the list shows, in order, and their counts.

use crate::domain::{Case, CaseSet, Counts, Dimension, Filter};

/// The code index of `kakao` in the scope dimension.
const KAKAO: u8 = 0;

#[derive(Clone, Debug, Default)]
pub struct View {
    pub filter: Filter,
    /// Positions in the case set, in list order.
    pub indices: Vec<usize>,
    /// Whether each position of the case set is in the view.
    member: Vec<bool>,
    /// Counts over the cases in the view.
    pub counts: Counts,
    /// Counts over the view's kakao-scope cases (compared with the published shares).
    pub kakao: Counts,
}

impl View {
    /// The cases of `set` that `filter` matches.
    pub fn new(set: &CaseSet, filter: Filter) -> View {
        let mut view = View {
            filter,
            ..View::default()
        };
        view.member = vec![false; set.len()];
        for (i, case) in set.iter().enumerate() {
            if view.filter.matches(case) {
                view.indices.push(i);
                view.member[i] = true;
                view.count(case);
            }
        }
        view
    }

    fn count(&mut self, case: &Case) {
        self.counts.add(case);
        if case.label(Dimension::Scope) == Some(KAKAO) {
            self.kakao.add(case);
        }
    }

    fn uncount(&mut self, case: &Case) {
        self.counts.remove(case);
        if case.label(Dimension::Scope) == Some(KAKAO) {
            self.kakao.remove(case);
        }
    }

    /// Follows a case that changed at `index` of the set (from `old`, or new when `None`).
    /// A case stays in the list once shown (so it does not vanish under the cursor when a
    /// label moves it out of the filter) and its counts follow its labels; a new case joins
    /// the view when the filter matches it.
    pub fn follow(&mut self, index: usize, old: Option<&Case>, new: &Case) {
        match old {
            Some(old) => {
                if self.member.get(index).copied().unwrap_or(false) {
                    self.uncount(old);
                    self.count(new);
                }
            }
            None => {
                if self.member.len() <= index {
                    self.member.resize(index + 1, false);
                }
                if self.filter.matches(new) {
                    self.indices.push(index);
                    self.member[index] = true;
                    self.count(new);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}
