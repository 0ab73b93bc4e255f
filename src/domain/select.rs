//! Which cases a `--where` filter selects: the one definition shared by every command and the
//! workbench's views.
//!
//! A case is selected when the filter holds for it with its derived values (`outcome`, `rule`,
//! `changed`: looked up by the case's position, since they come from rule-set decisions kept
//! per position) and when an extra condition the filter language cannot say holds too (the
//! workbench's "mine today" queue, `next`'s "not yet reviewed"). Without derived values a
//! clause on a derived field does not hold (see [`Filter::matches_with`]).
//!
//! ```
//! use casebench::domain::{Case, Filter, Selector};
//!
//! let cases = vec![Case::new("C-1", "…"), Case::new("C-2", "…")];
//! let filter = Filter::parse("id=C-2").unwrap();
//! let ids: Vec<&str> = Selector::new(&filter)
//!     .select(cases.iter().enumerate())
//!     .map(|(_, case)| case.id.as_str())
//!     .collect();
//! assert_eq!(ids, ["C-2"]);
//! ```

use super::case::Case;
use super::filter::{Derived, Filter};

/// A filter, how to find a case's derived values from its position, and an extra condition.
/// Built with [`Selector::new`], then [`Selector::with_derived`] and [`Selector::with_extra`]
/// where the caller has them.
#[derive(Clone, Copy)]
pub struct Selector<'f, D, X> {
    filter: &'f Filter,
    derived_of: D,
    extra: X,
}

/// No derived values: what [`Selector::new`] starts from.
pub type NoDerived = fn(usize) -> Derived<'static>;
/// No extra condition: what [`Selector::new`] starts from.
pub type NoExtra = fn(&Case) -> bool;

impl<'f> Selector<'f, NoDerived, NoExtra> {
    /// The filter alone: no derived values (so `outcome`, `rule` and `changed` never hold),
    /// no extra condition.
    pub fn new(filter: &'f Filter) -> Self {
        Selector {
            filter,
            derived_of: |_| Derived::NONE,
            extra: |_| true,
        }
    }
}

impl<'f, D, X> Selector<'f, D, X> {
    /// The derived values of the case at each position (from the rule sets' decisions).
    pub fn with_derived<'d, E>(self, derived_of: E) -> Selector<'f, E, X>
    where
        E: Fn(usize) -> Derived<'d>,
    {
        Selector {
            filter: self.filter,
            derived_of,
            extra: self.extra,
        }
    }

    /// A condition a case must meet besides the filter.
    pub fn with_extra<Y>(self, extra: Y) -> Selector<'f, D, Y>
    where
        Y: Fn(&Case) -> bool,
    {
        Selector {
            filter: self.filter,
            derived_of: self.derived_of,
            extra,
        }
    }
}

impl<'f, 'd, D, X> Selector<'f, D, X>
where
    D: Fn(usize) -> Derived<'d>,
    X: Fn(&Case) -> bool,
{
    /// Whether the case at `index` is selected.
    pub fn admits(&self, index: usize, case: &Case) -> bool {
        self.filter.matches_with(case, &(self.derived_of)(index)) && (self.extra)(case)
    }

    /// The selected cases among `cases`, each with its position, in the order given:
    /// `set.iter().enumerate()` for case order, or positions in another order (search hits)
    /// paired with their cases. Takes the selector (it is a reference and two closures; it is
    /// `Copy` when they are) so that the iterator can outlive the statement that built it.
    pub fn select<'c, I>(self, cases: I) -> impl Iterator<Item = (usize, &'c Case)> + 'f
    where
        I: IntoIterator<Item = (usize, &'c Case)>,
        I::IntoIter: 'f,
        D: 'f,
        X: 'f,
        'c: 'f,
    {
        cases
            .into_iter()
            .filter(move |&(index, case)| self.admits(index, case))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn case(id: &str, status: Status) -> Case {
        Case {
            status,
            ..Case::new(id, "")
        }
    }

    fn cases() -> Vec<Case> {
        vec![
            case("C-1", Status::New),
            case("C-2", Status::Reviewed),
            case("C-3", Status::New),
            case("C-4", Status::Escalated),
        ]
    }

    fn ids<'c>(selected: impl Iterator<Item = (usize, &'c Case)>) -> Vec<(usize, &'c str)> {
        selected.map(|(i, c)| (i, c.id.as_str())).collect()
    }

    fn filter(expr: &str) -> Filter {
        match Filter::parse(expr) {
            Ok(filter) => filter,
            Err(e) => panic!("{expr:?} should parse: {e}"),
        }
    }

    /// Outcomes per position, as a rule set's decisions would give them.
    const OUTCOMES: [&str; 4] = ["reply_only", "support_cash", "reply_only", "support_cash"];

    fn outcome_of(i: usize) -> Derived<'static> {
        Derived {
            outcome: OUTCOMES.get(i).copied(),
            rule: Some("r1"),
            changed: Some(i == 3),
            suggestion: None,
        }
    }

    #[test]
    fn the_filter_alone_selects_in_the_order_given() {
        let cases = cases();
        let f = filter("status!=reviewed");
        let selector = Selector::new(&f);
        assert_eq!(
            ids(selector.select(cases.iter().enumerate())),
            [(0, "C-1"), (2, "C-3"), (3, "C-4")]
        );
        let hits = [3, 1, 0];
        let reordered = hits.iter().map(|&i| (i, &cases[i]));
        assert_eq!(ids(selector.select(reordered)), [(3, "C-4"), (0, "C-1")]);
        assert_eq!(
            ids(Selector::new(&filter("")).select(cases.iter().enumerate())).len(),
            4
        );
    }

    #[test]
    fn derived_fields_hold_only_with_their_values() {
        let cases = cases();
        let f = filter("outcome=support_cash");
        assert_eq!(ids(Selector::new(&f).select(cases.iter().enumerate())), []);
        let f_ne = filter("outcome!=support_cash");
        assert_eq!(
            ids(Selector::new(&f_ne).select(cases.iter().enumerate())),
            []
        );
        let with = Selector::new(&f).with_derived(outcome_of);
        assert_eq!(
            ids(with.select(cases.iter().enumerate())),
            [(1, "C-2"), (3, "C-4")]
        );
        let changed = filter("changed=yes");
        let with = Selector::new(&changed).with_derived(outcome_of);
        assert_eq!(ids(with.select(cases.iter().enumerate())), [(3, "C-4")]);
    }

    #[test]
    fn the_derived_values_follow_the_position_not_the_order() {
        let cases = cases();
        let f = filter("outcome=reply_only");
        let selector = Selector::new(&f).with_derived(outcome_of);
        let reordered = [2, 1, 0].map(|i| (i, &cases[i]));
        assert_eq!(ids(selector.select(reordered)), [(2, "C-3"), (0, "C-1")]);
    }

    #[test]
    fn the_extra_condition_must_hold_too() {
        let cases = cases();
        let f = filter("outcome=reply_only,support_cash");
        let unreviewed = |c: &Case| c.status == Status::New;
        let selector = Selector::new(&f)
            .with_derived(outcome_of)
            .with_extra(unreviewed);
        assert_eq!(
            ids(selector.select(cases.iter().enumerate())),
            [(0, "C-1"), (2, "C-3")]
        );
        let plain = filter("");
        let extra_only = Selector::new(&plain).with_extra(unreviewed);
        assert_eq!(
            ids(extra_only.select(cases.iter().enumerate())),
            [(0, "C-1"), (2, "C-3")]
        );
    }

    #[test]
    fn admits_agrees_with_select() {
        let cases = cases();
        let f = filter("outcome=support_cash status!=escalated");
        let selector = Selector::new(&f).with_derived(outcome_of);
        let admitted: Vec<usize> = (0..cases.len())
            .filter(|&i| selector.admits(i, &cases[i]))
            .collect();
        assert_eq!(admitted, [1]);
        assert_eq!(ids(selector.select(cases.iter().enumerate())), [(1, "C-2")]);
    }
}
