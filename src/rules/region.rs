//! The set of cases a rule can match, as a product of per-field value sets: for each label a
//! bitmask over its codes plus "unlabelled", for status a bitmask, for the amount a union of
//! intervals plus "no amount". A rule's region is the intersection of its conditions' sets
//! (see [`crate::domain::filter::ClauseSet`]), which makes matching a few mask tests and lets
//! `rules check` decide exactly whether a rule can ever fire.

use crate::domain::filter::{all_codes, AmountSet, ClauseSet, ALL_STATUSES};
use crate::domain::{Case, Dimension};

/// The bit of a label mask that stands for "unlabelled".
const NONE_BIT: u32 = 1 << 31;

/// How many fields a region constrains: five labels, status, amount.
pub(crate) const FIELDS: usize = 7;
const STATUS: usize = 5;
const AMOUNT: usize = 6;

/// A product of per-field value sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Region {
    labels: [u32; 5],
    status: u8,
    amount: AmountSet,
    /// `amount` is every amount and "no amount": the hot path skips it.
    amount_all: bool,
}

impl Region {
    /// Every case.
    pub(crate) fn all() -> Region {
        Region {
            labels: Dimension::ALL.map(|d| all_codes(d) | NONE_BIT),
            status: ALL_STATUSES,
            amount: AmountSet::all(),
            amount_all: true,
        }
    }

    /// Narrows the region to what `set` allows too. A set on a field regions do not model
    /// (rule files cannot use those) changes nothing.
    pub(crate) fn restrict(&mut self, set: &ClauseSet) {
        match set {
            ClauseSet::Label { dim, codes, none } => {
                let mask = codes | if *none { NONE_BIT } else { 0 };
                self.labels[dim.index()] &= mask;
            }
            ClauseSet::Status { statuses } => self.status &= statuses,
            ClauseSet::Amount(amount) => self.set_amount(self.amount.intersect(amount)),
            ClauseSet::Other { .. } => {}
        }
    }

    fn set_amount(&mut self, amount: AmountSet) {
        self.amount_all = amount.is_all();
        self.amount = amount;
    }

    /// Whether `case` lies in the region. The hot path of rule evaluation.
    #[inline]
    pub(crate) fn contains(&self, case: &Case) -> bool {
        let mut hit = true;
        for (mask, label) in self.labels.iter().zip(case.labels) {
            hit &= mask & label_bit(label) != 0;
        }
        hit && (self.status >> case.status.index()) & 1 == 1
            && (self.amount_all || self.amount.contains(case.amount_krw))
    }

    /// Whether field `field` (0..[`FIELDS`]) allows no value at all.
    fn field_is_empty(&self, field: usize) -> bool {
        match field {
            STATUS => self.status == 0,
            AMOUNT => self.amount.is_empty(),
            label => self.labels[label] == 0,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        (0..FIELDS).any(|f| self.field_is_empty(f))
    }

    /// The first field that allows no value, by name.
    pub(crate) fn empty_field(&self) -> Option<&'static str> {
        (0..FIELDS)
            .find(|&f| self.field_is_empty(f))
            .map(field_name)
    }

    pub(crate) fn is_subset(&self, other: &Region) -> bool {
        self.is_empty()
            || self
                .labels
                .iter()
                .zip(&other.labels)
                .all(|(a, b)| a & !b == 0)
                && self.status & !other.status == 0
                && self.amount.is_subset(&other.amount)
    }

    pub(crate) fn intersects(&self, other: &Region) -> bool {
        !self.intersect(other).is_empty()
    }

    fn intersect(&self, other: &Region) -> Region {
        let mut out = self.clone();
        for (a, b) in out.labels.iter_mut().zip(&other.labels) {
            *a &= b;
        }
        out.status &= other.status;
        out.set_amount(self.amount.intersect(&other.amount));
        out
    }

    /// `self` minus `other`, as disjoint regions: for each field in turn, the part of `self`
    /// outside `other` in that field and inside it in the fields before.
    pub(crate) fn subtract(&self, other: &Region) -> Vec<Region> {
        if self.is_empty() {
            return Vec::new();
        }
        if !self.intersects(other) {
            return vec![self.clone()];
        }
        let mut pieces = Vec::new();
        let mut inside = self.clone();
        for field in 0..FIELDS {
            let mut piece = inside.clone();
            match field {
                STATUS => {
                    piece.status &= !other.status;
                    inside.status &= other.status;
                }
                AMOUNT => {
                    piece.set_amount(inside.amount.difference(&other.amount));
                    inside.set_amount(inside.amount.intersect(&other.amount));
                }
                label => {
                    piece.labels[label] &= !other.labels[label];
                    inside.labels[label] &= other.labels[label];
                }
            }
            if !piece.is_empty() {
                pieces.push(piece);
            }
        }
        pieces
    }

    /// Whether some case without an amount lies in the region.
    pub(crate) fn allows_no_amount(&self) -> bool {
        self.amount.allows_none()
    }
}

/// The bit of a label value; an index no code has matches nothing (labels come from the
/// taxonomy, so there is none).
#[inline]
fn label_bit(label: Option<u8>) -> u32 {
    match label {
        None => NONE_BIT,
        Some(i) if i < 31 => 1 << i,
        Some(_) => 0,
    }
}

fn field_name(field: usize) -> &'static str {
    match field {
        STATUS => "status",
        AMOUNT => "amount_krw",
        label => Dimension::ALL[label].name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::Filter;
    use crate::domain::Status;
    use proptest::prelude::*;

    fn region(expr: &str) -> Region {
        let mut r = Region::all();
        for set in Filter::parse(expr).unwrap().clause_sets() {
            r.restrict(&set);
        }
        r
    }

    #[test]
    fn subsets_and_emptiness() {
        let all = Region::all();
        assert!(!all.is_empty());
        assert!(region("kind=paid").is_subset(&all));
        assert!(region("kind=paid reporter=individual").is_subset(&region("kind=paid")));
        assert!(!region("kind=paid").is_subset(&region("kind=paid reporter=individual")));
        assert!(region("amount>500000").is_subset(&region("amount>300000")));
        assert!(!region("amount>=300000").is_subset(&region("amount>300000")));
        assert!(region("kind=paid kind=inquiry").is_empty());
        assert_eq!(region("kind=paid kind=inquiry").empty_field(), Some("kind"));
        assert_eq!(
            region("amount>5 amount<3").empty_field(),
            Some("amount_krw")
        );
        assert_eq!(
            region("status=new status!=new").empty_field(),
            Some("status")
        );
        assert!(!region("kind!=paid kind!=inquiry").is_empty());
    }

    #[test]
    fn subtracting_covers_exactly_the_rest() {
        let pieces = Region::all().subtract(&region("amount<=300000"));
        assert!(pieces
            .iter()
            .all(|p| !p.intersects(&region("amount<=300000"))));
        let rest: Vec<Region> = pieces
            .iter()
            .flat_map(|p| p.subtract(&region("amount>300000")))
            .collect();
        // Only cases without an amount are left.
        assert!(rest.iter().all(Region::allows_no_amount));
        let rest: Vec<Region> = rest
            .iter()
            .flat_map(|p| p.subtract(&region("amount=none")))
            .collect();
        assert!(rest.is_empty());
    }

    fn any_case() -> impl Strategy<Value = Case> {
        let labels = (0u8..3, 0u8..4, 0u8..7, 0u8..14, 0u8..4).prop_map(|(a, b, c, d, e)| {
            let l = |v: u8, n: usize| (usize::from(v) < n).then_some(v);
            [l(a, 2), l(b, 3), l(c, 6), l(d, 13), l(e, 3)]
        });
        (
            labels,
            0usize..3,
            proptest::option::of(prop_oneof![0i64..5, 299_999i64..300_002]),
        )
            .prop_map(|(labels, s, amount_krw)| Case {
                labels,
                status: Status::ALL[s],
                amount_krw,
                ..Case::new("x", "t")
            })
    }

    fn any_expr() -> impl Strategy<Value = String> {
        let clause = proptest::sample::select(vec![
            "kind=paid",
            "kind!=paid,none",
            "kind=free_monetary,none",
            "scope=affiliate",
            "scope!=kakao",
            "substitute=unknown,none",
            "reporter=small_business",
            "status!=escalated",
            "amount>300000",
            "amount<=300,000",
            "amount=none",
            "amount!=3,none",
        ]);
        proptest::collection::vec(clause, 0..4).prop_map(|c| c.join(" "))
    }

    proptest! {
        #[test]
        fn regions_agree_with_the_filter(expr in any_expr(), c in any_case()) {
            prop_assert_eq!(region(&expr).contains(&c), Filter::parse(&expr).unwrap().matches(&c));
        }

        #[test]
        fn subtract_and_subset_agree_with_membership(a in any_expr(), b in any_expr(), c in any_case()) {
            let (ra, rb) = (region(&a), region(&b));
            let in_a = ra.contains(&c);
            let in_b = rb.contains(&c);
            let pieces = ra.subtract(&rb);
            let in_pieces = pieces.iter().filter(|p| p.contains(&c)).count();
            prop_assert_eq!(in_pieces, usize::from(in_a && !in_b), "pieces are disjoint");
            if ra.is_subset(&rb) {
                prop_assert!(!in_a || in_b);
                prop_assert!(pieces.is_empty());
            }
            if ra.is_empty() {
                prop_assert!(!in_a && ra.is_subset(&rb));
            }
        }
    }
}
