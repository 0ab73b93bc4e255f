//! What one clause allows, as a set of values of its field: for reasoning about conditions
//! (which rule of a rule file can never fire, which conditions contradict each other) without
//! trying them case by case. See [`super::Filter::clause_sets`].
//!
//! Labels and status are bitmasks over their codes plus "missing"; amounts are a union of
//! whole-won intervals over `0..=i64::MAX` plus "missing" (amounts are never negative: import,
//! `label` and the database all refuse them). `!=` is the complement within that universe,
//! so `kind!=paid` allows every other kind *and* unlabelled cases, as the filter does.

use super::clause::{Clause, Cmp};
use super::fields::FieldKind;
use crate::domain::taxonomy::{Dimension, Status};

/// The values one clause lets through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClauseSet {
    /// Bit `i` of `codes` is code index `i` of `dim`; `none` is "unlabelled".
    Label {
        dim: Dimension,
        codes: u32,
        none: bool,
    },
    /// Bit `i` is `Status::ALL[i]` (a case always has a status).
    Status {
        statuses: u8,
    },
    Amount(AmountSet),
    /// A clause on a field whose values are not modelled as a set: `id`, `updated_by`,
    /// `received_at`, `channel`, the derived `outcome`, `rule`, `changed` and the suggestion
    /// fields (which rule files refuse).
    Other {
        field: &'static str,
    },
}

impl ClauseSet {
    /// The canonical name of the clause's field.
    pub fn field(&self) -> &'static str {
        match self {
            ClauseSet::Label { dim, .. } => dim.name(),
            ClauseSet::Status { .. } => FieldKind::Status.name(),
            ClauseSet::Amount(_) => FieldKind::Amount.name(),
            ClauseSet::Other { field } => field,
        }
    }
}

/// Every code of `dim` as a bitmask.
pub fn all_codes(dim: Dimension) -> u32 {
    (1u32 << dim.codes().len()) - 1
}

/// Every status as a bitmask.
pub const ALL_STATUSES: u8 = (1 << Status::ALL.len()) - 1;

/// A set of amounts: sorted, disjoint, non-touching inclusive intervals within
/// `0..=i64::MAX`, and whether "no amount" belongs to it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AmountSet {
    none: bool,
    ranges: Vec<(i64, i64)>,
}

impl AmountSet {
    /// Every amount and "no amount".
    pub fn all() -> AmountSet {
        AmountSet {
            none: true,
            ranges: vec![(0, i64::MAX)],
        }
    }

    /// Nothing at all.
    pub fn empty() -> AmountSet {
        AmountSet::default()
    }

    /// The given intervals (inclusive; clipped to `0..=i64::MAX`, empty ones dropped) and,
    /// if `none`, "no amount".
    pub fn new(none: bool, ranges: impl IntoIterator<Item = (i64, i64)>) -> AmountSet {
        let mut ranges: Vec<(i64, i64)> = ranges
            .into_iter()
            .map(|(lo, hi)| (lo.max(0), hi))
            .filter(|(lo, hi)| lo <= hi)
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        AmountSet {
            none,
            ranges: merged,
        }
    }

    /// Whether "no amount" is in the set.
    pub fn allows_none(&self) -> bool {
        self.none
    }

    /// The intervals, inclusive, in increasing order.
    pub fn ranges(&self) -> &[(i64, i64)] {
        &self.ranges
    }

    pub fn contains(&self, amount: Option<i64>) -> bool {
        match amount {
            None => self.none,
            Some(won) => self.ranges.iter().any(|&(lo, hi)| lo <= won && won <= hi),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.none && self.ranges.is_empty()
    }

    /// Whether the set is every amount and "no amount".
    pub fn is_all(&self) -> bool {
        self.none && self.ranges == [(0, i64::MAX)]
    }

    pub fn intersect(&self, other: &AmountSet) -> AmountSet {
        let mut ranges = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(&(a_lo, a_hi)), Some(&(b_lo, b_hi))) =
            (self.ranges.get(i), other.ranges.get(j))
        {
            let (lo, hi) = (a_lo.max(b_lo), a_hi.min(b_hi));
            if lo <= hi {
                ranges.push((lo, hi));
            }
            if a_hi < b_hi {
                i += 1;
            } else {
                j += 1;
            }
        }
        AmountSet {
            none: self.none && other.none,
            ranges,
        }
    }

    /// Everything in `0..=i64::MAX` and "no amount" that is not in this set.
    pub fn complement(&self) -> AmountSet {
        let mut ranges = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = Some(0i64);
        for &(lo, hi) in &self.ranges {
            if let Some(start) = next {
                if start < lo {
                    ranges.push((start, lo - 1));
                }
            }
            next = hi.checked_add(1);
        }
        if let Some(start) = next {
            ranges.push((start, i64::MAX));
        }
        AmountSet {
            none: !self.none,
            ranges,
        }
    }

    pub fn difference(&self, other: &AmountSet) -> AmountSet {
        self.intersect(&other.complement())
    }

    pub fn is_subset(&self, other: &AmountSet) -> bool {
        self.difference(other).is_empty()
    }
}

impl Clause {
    /// The set of values this clause allows.
    pub(super) fn set(&self) -> ClauseSet {
        match self {
            Clause::Label { dim, set, negate } => {
                let none = set >> super::eval::NONE_BIT & 1 == 1;
                let codes = set & all_codes(*dim);
                if *negate {
                    ClauseSet::Label {
                        dim: *dim,
                        codes: !codes & all_codes(*dim),
                        none: !none,
                    }
                } else {
                    ClauseSet::Label {
                        dim: *dim,
                        codes,
                        none,
                    }
                }
            }
            Clause::Status { set, negate } => ClauseSet::Status {
                statuses: if *negate { !set & ALL_STATUSES } else { *set },
            },
            Clause::AmountIn {
                values,
                none,
                negate,
            } => {
                let set = AmountSet::new(*none, values.iter().map(|&v| (v, v)));
                ClauseSet::Amount(if *negate { set.complement() } else { set })
            }
            Clause::AmountCmp { cmp, value } => {
                let v = *value;
                let range = match cmp {
                    // `new` drops an interval whose end is below its start (`amount<0`).
                    Cmp::Lt => (0, v.saturating_sub(1)),
                    Cmp::Le => (0, v),
                    // Above i64::MAX there is nothing: an empty interval.
                    Cmp::Gt => v.checked_add(1).map_or((1, 0), |lo| (lo, i64::MAX)),
                    Cmp::Ge => (v, i64::MAX),
                };
                ClauseSet::Amount(AmountSet::new(false, [range]))
            }
            other => ClauseSet::Other {
                field: other.field_name(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::Filter;
    use crate::domain::Case;
    use proptest::prelude::*;

    fn set(expr: &str) -> ClauseSet {
        let filter = Filter::parse(expr).unwrap();
        let mut sets = filter.clause_sets();
        assert_eq!(sets.len(), 1);
        sets.remove(0)
    }

    fn amounts(expr: &str) -> AmountSet {
        match set(expr) {
            ClauseSet::Amount(a) => a,
            other => panic!("{expr}: {other:?}"),
        }
    }

    #[test]
    fn labels_and_status() {
        assert_eq!(
            set("kind=paid,none"),
            ClauseSet::Label {
                dim: Dimension::Kind,
                codes: 1,
                none: true
            }
        );
        assert_eq!(
            set("kind!=paid,none"),
            ClauseSet::Label {
                dim: Dimension::Kind,
                codes: 0b111110,
                none: false
            }
        );
        assert_eq!(
            set("scope!=affiliate"),
            ClauseSet::Label {
                dim: Dimension::Scope,
                codes: 0b01,
                none: true
            }
        );
        assert_eq!(set("status!=new"), ClauseSet::Status { statuses: 0b110 });
        assert_eq!(set("status=new"), ClauseSet::Status { statuses: 0b001 });
        assert_eq!(set("id=x"), ClauseSet::Other { field: "id" });
        assert_eq!(set("received_at<2022-10-20").field(), "received_at");
        assert_eq!(set("amount>5").field(), "amount_krw");
    }

    #[test]
    fn amounts_as_intervals() {
        assert_eq!(amounts("amount>300,000").ranges(), [(300_001, i64::MAX)]);
        assert!(!amounts("amount>300,000").allows_none());
        assert_eq!(amounts("amount<=500000").ranges(), [(0, 500_000)]);
        assert_eq!(amounts("amount<0").ranges(), []);
        assert!(amounts("amount<0").is_empty());
        assert_eq!(amounts(&format!("amount>{}", i64::MAX)).ranges(), []);
        let a = amounts("amount=none");
        assert!(a.allows_none() && a.ranges().is_empty());
        let a = amounts("amount!=none");
        assert!(!a.allows_none() && a.ranges() == [(0, i64::MAX)]);
        let a = amounts("amount!=5,7");
        assert_eq!(a.ranges(), [(0, 4), (6, 6), (8, i64::MAX)]);
        assert!(a.allows_none());
        assert!(AmountSet::all().is_all());
        assert_eq!(AmountSet::all().complement(), AmountSet::empty());
        assert_eq!(AmountSet::empty().complement(), AmountSet::all());
    }

    #[test]
    fn interval_algebra() {
        let a = AmountSet::new(false, [(0, 10), (20, 30)]);
        let b = AmountSet::new(true, [(5, 25)]);
        assert_eq!(a.intersect(&b), AmountSet::new(false, [(5, 10), (20, 25)]));
        assert_eq!(a.difference(&b), AmountSet::new(false, [(0, 4), (26, 30)]));
        assert!(AmountSet::new(false, [(6, 9)]).is_subset(&a));
        assert!(!AmountSet::new(false, [(6, 21)]).is_subset(&a));
        assert!(!AmountSet::new(true, [(6, 9)]).is_subset(&a));
        assert_eq!(
            AmountSet::new(false, [(3, 4), (5, 9), (0, 1)]).ranges(),
            [(0, 1), (3, 9)]
        );
    }

    fn any_set() -> impl Strategy<Value = AmountSet> {
        (
            any::<bool>(),
            proptest::collection::vec((0i64..60, 0i64..60), 0..4),
        )
            .prop_map(|(none, r)| AmountSet::new(none, r))
    }

    proptest! {
        #[test]
        fn set_operations_agree_with_membership(
            a in any_set(),
            b in any_set(),
            x in proptest::option::of(0i64..70),
        ) {
            prop_assert_eq!(a.intersect(&b).contains(x), a.contains(x) && b.contains(x));
            prop_assert_eq!(a.complement().contains(x), !a.contains(x));
            prop_assert_eq!(a.difference(&b).contains(x), a.contains(x) && !b.contains(x));
            if a.is_subset(&b) {
                prop_assert!(!a.contains(x) || b.contains(x));
            }
        }

        #[test]
        fn a_clause_set_holds_exactly_the_values_the_clause_matches(
            field in proptest::sample::select(&["kind", "substitute", "scope", "status", "amount"][..]),
            op in proptest::sample::select(&["=", "!=", "<", "<=", ">", ">="][..]),
            values in proptest::collection::vec(proptest::sample::select(&[
                "paid", "none", "unknown", "available", "kakao", "new", "escalated", "0", "1",
                "300,000", "300001", "500000",
            ][..]), 1..3),
            label in proptest::option::of(0u8..6),
            status in 0usize..3,
            won in proptest::option::of(prop_oneof![0i64..3, 299_999i64..300_003, 499_999i64..500_002]),
        ) {
            let expr = format!("{field}{op}{}", values.join(","));
            let Ok(filter) = Filter::parse(&expr) else { return Ok(()); };
            let mut case = Case::new("x", "t");
            case.status = Status::ALL[status];
            case.amount_krw = won;
            let dim = Dimension::from_name(field);
            if let Some(dim) = dim {
                case.set_label(dim, label.filter(|&l| usize::from(l) < dim.codes().len()));
            }
            let allowed = match &filter.clause_sets()[0] {
                ClauseSet::Label { dim, codes, none } => match case.label(*dim) {
                    None => *none,
                    Some(i) => codes >> i & 1 == 1,
                },
                ClauseSet::Status { statuses } => statuses >> case.status.index() & 1 == 1,
                ClauseSet::Amount(a) => a.contains(case.amount_krw),
                ClauseSet::Other { .. } => unreachable!(),
            };
            prop_assert_eq!(allowed, filter.matches(&case), "{}", expr);
        }
    }
}
