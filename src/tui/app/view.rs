//! The current view: which cases the list shows, in order, and their counts.

use chrono::NaiveDate;

use crate::domain::{Case, CaseSet, Counts, Dimension, Filter};

/// The code index of `kakao` in the scope dimension.
const KAKAO: u8 = 0;

/// A condition the filter language cannot say, for built-in queues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extra {
    /// Changed last by this reviewer on this (local) day.
    MineOn { reviewer: String, day: NaiveDate },
}

impl Extra {
    pub fn matches(&self, case: &Case) -> bool {
        match self {
            Extra::MineOn { reviewer, day } => {
                case.updated_by.as_deref() == Some(reviewer.as_str())
                    && case
                        .updated_at
                        .as_deref()
                        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
                        .is_some_and(|at| at.with_timezone(&chrono::Local).date_naive() == *day)
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct View {
    pub filter: Filter,
    pub extra: Option<Extra>,
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
    /// The cases of `set` that `filter` (and `extra`) match.
    pub fn new(set: &CaseSet, filter: Filter, extra: Option<Extra>) -> View {
        let mut view = View {
            filter,
            extra,
            ..View::default()
        };
        view.member = vec![false; set.len()];
        for (i, case) in set.iter().enumerate() {
            if view.admits(case) {
                view.indices.push(i);
                view.member[i] = true;
                view.count(case);
            }
        }
        view
    }

    /// Whether a case belongs in the view.
    pub fn admits(&self, case: &Case) -> bool {
        self.filter.matches(case) && self.extra.as_ref().is_none_or(|e| e.matches(case))
    }

    /// Whether the case at a position of the case set is in the view.
    pub fn contains(&self, index: usize) -> bool {
        self.member.get(index).copied().unwrap_or(false)
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
                if self.admits(new) {
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
