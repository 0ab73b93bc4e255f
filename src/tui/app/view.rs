//! The current view: which cases the list shows, in order, their counts and the rule outcome
//! totals.

use chrono::NaiveDate;

use super::judge::Judge;
use crate::domain::filter::{Derived, NOTHING_SUGGESTED};
use crate::domain::{Case, CaseSet, CaseSuggestion, Counts, Dimension, Filter, Selector};
use crate::rules::{Decision, Totals};
use crate::search::Query;

/// The code index of `kakao` in the scope dimension.
const KAKAO: u8 = 0;

/// A condition the filter language cannot say, for built-in queues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extra {
    /// Changed last by this reviewer on this day in this zone (the local one).
    MineOn {
        reviewer: String,
        day: NaiveDate,
        zone: chrono::FixedOffset,
    },
}

impl Extra {
    pub fn matches(&self, case: &Case) -> bool {
        match self {
            Extra::MineOn {
                reviewer,
                day,
                zone,
            } => {
                case.updated_by.as_deref() == Some(reviewer.as_str())
                    && case
                        .updated_at
                        .as_deref()
                        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
                        .is_some_and(|at| at.with_timezone(zone).date_naive() == *day)
            }
        }
    }
}

/// The cases a filter and a queue's condition select under the judge's decisions and with the
/// cases' suggestions (by position; a case without any has nothing suggested): the one
/// definition behind a view, its search's candidates and the counts of the views list.
pub fn selector<'a>(
    filter: &'a Filter,
    extra: Option<&'a Extra>,
    judge: &'a Judge,
    suggestions: &'a [Option<CaseSuggestion>],
) -> Selector<'a, impl Fn(usize) -> Derived<'a> + 'a, impl Fn(&Case) -> bool + 'a> {
    Selector::new(filter)
        .with_derived(move |i| {
            let suggestion = suggestions.get(i).and_then(Option::as_ref);
            judge
                .derived(i)
                .with_suggestion(Some(suggestion.unwrap_or(&NOTHING_SUGGESTED)))
        })
        .with_extra(move |c| extra.is_none_or(|e| e.matches(c)))
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
    /// Cases and cash per outcome under the active rule set, and under the compared one.
    pub outcomes: Option<Totals>,
    pub outcomes_b: Option<Totals>,
    /// The view's search, if it has one: a case that is new, or changed from outside the
    /// view, joins it only if it matches this too.
    pub search: Option<Query>,
    /// Whether `indices` are the search's results (rather than the filter's cases waiting
    /// for them).
    pub searched: bool,
    /// A queue ordered by the suggestions (least confident first, …): a snapshot taken when it
    /// was opened, which new cases do not join.
    pub snapshot: bool,
    /// The labels the view's cases would have if every suggestion were accepted (a case's
    /// label where nothing is suggested), counted as `counts` counts the labels.
    pub suggested: Counts,
}

impl View {
    /// The cases of `set` that `filter` (and `extra`) match, in the order of `order` when
    /// given (search results), else in case order.
    pub fn new(
        set: &CaseSet,
        filter: Filter,
        extra: Option<Extra>,
        judge: &Judge,
        suggestions: &[Option<CaseSuggestion>],
        order: Option<&[usize]>,
    ) -> View {
        let mut view = View {
            filter,
            extra,
            outcomes: judge.a().map(Totals::new),
            outcomes_b: judge.b().map(Totals::new),
            ..View::default()
        };
        view.member = vec![false; set.len()];
        let positions: Box<dyn Iterator<Item = usize>> = match order {
            Some(order) => Box::new(order.iter().copied()),
            None => Box::new(0..set.len()),
        };
        for i in positions {
            let Some(case) = set.get(i) else { continue };
            if view.admits(i, case, judge, suggestions) && !view.member[i] {
                view.indices.push(i);
                view.member[i] = true;
                view.count(i, case, judge.da.get(i).copied(), judge.db.get(i).copied());
            }
        }
        view
    }

    /// Whether the case at position `index` belongs in the view by its filter (and queue).
    pub fn admits(
        &self,
        index: usize,
        case: &Case,
        judge: &Judge,
        suggestions: &[Option<CaseSuggestion>],
    ) -> bool {
        selector(&self.filter, self.extra.as_ref(), judge, suggestions).admits(index, case)
    }

    /// Whether a case not in the view may join it: its filter admits it, and its search (if
    /// any) matches it exactly as the search worker would.
    fn may_join(
        &self,
        index: usize,
        case: &Case,
        judge: &Judge,
        suggestions: &[Option<CaseSuggestion>],
    ) -> bool {
        !self.snapshot
            && self.admits(index, case, judge, suggestions)
            && self
                .search
                .as_ref()
                .is_none_or(|query| crate::search::case_matches(query, case))
    }

    /// Whether the case at a position of the case set is in the view.
    pub fn contains(&self, index: usize) -> bool {
        self.member.get(index).copied().unwrap_or(false)
    }

    fn count(&mut self, _index: usize, case: &Case, da: Option<Decision>, db: Option<Decision>) {
        self.counts.add(case);
        if case.label(Dimension::Scope) == Some(KAKAO) {
            self.kakao.add(case);
        }
        if let (Some(totals), Some(d)) = (self.outcomes.as_mut(), da) {
            totals.add(d);
        }
        if let (Some(totals), Some(d)) = (self.outcomes_b.as_mut(), db) {
            totals.add(d);
        }
    }

    fn uncount(&mut self, case: &Case, da: Option<Decision>, db: Option<Decision>) {
        self.counts.remove(case);
        if case.label(Dimension::Scope) == Some(KAKAO) {
            self.kakao.remove(case);
        }
        if let (Some(totals), Some(d)) = (self.outcomes.as_mut(), da) {
            totals.remove(d);
        }
        if let (Some(totals), Some(d)) = (self.outcomes_b.as_mut(), db) {
            totals.remove(d);
        }
    }

    /// Follows a case that changed at `index` of the set (from `old` with its old decisions,
    /// or new when `old` is `None`). A case stays in the list once shown (so it does not
    /// vanish under the cursor when a label moves it out of the filter) and its counts and
    /// outcome follow it; a new case, or one changed from outside the view, joins it at the
    /// end only when it matches the view's filter and its search.
    pub fn follow(
        &mut self,
        index: usize,
        old: Option<(&Case, Option<Decision>, Option<Decision>)>,
        new: &Case,
        judge: &Judge,
        suggestions: &[Option<CaseSuggestion>],
    ) {
        let (da, db) = (judge.da.get(index).copied(), judge.db.get(index).copied());
        if let Some((old, old_a, old_b)) = old {
            if self.contains(index) {
                self.uncount(old, old_a, old_b);
                self.count(index, new, da, db);
                return;
            }
        }
        if self.member.len() <= index {
            self.member.resize(index + 1, false);
        }
        if self.may_join(index, new, judge, suggestions) {
            self.indices.push(index);
            self.member[index] = true;
            self.count(index, new, da, db);
        }
    }

    /// Counts what the view's cases would be labelled if every suggestion were accepted.
    pub fn count_suggested(&mut self, set: &CaseSet, suggestions: &[Option<CaseSuggestion>]) {
        let mut counts = Counts::default();
        for &i in &self.indices {
            let Some(case) = set.get(i) else { continue };
            let suggested = suggestions.get(i).and_then(Option::as_ref);
            let labels = Dimension::ALL.map(|dim| {
                suggested
                    .and_then(|s| s.label(dim))
                    .map(|s| s.code)
                    .or(case.label(dim))
            });
            counts.add_labels(&labels);
        }
        self.suggested = counts;
    }

    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}
