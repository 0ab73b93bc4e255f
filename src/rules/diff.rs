//! What changing from one rule set to another does to the same cases: how many change
//! outcome, from what to what, and the cash under each.

use std::collections::HashMap;

use super::{Decision, RuleSet};

/// Compares two rule sets' decisions case by case: outcome codes are matched by name, since
/// each set numbers its own.
#[derive(Clone, Debug)]
pub struct Compare {
    /// For each outcome index of A, the index of the same code in B.
    a_to_b: Vec<Option<u16>>,
}

impl Compare {
    pub fn new(a: &RuleSet, b: &RuleSet) -> Compare {
        Compare {
            a_to_b: a
                .outcome_codes()
                .iter()
                .map(|code| b.outcome_index(code))
                .collect(),
        }
    }

    /// Whether the case's outcome code differs between A's decision and B's.
    #[inline]
    pub fn changed(&self, da: Decision, db: Decision) -> bool {
        self.a_to_b.get(usize::from(da.outcome)).copied().flatten() != Some(db.outcome)
    }
}

/// The difference between two rule sets over the same (selected) cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// Cases compared.
    pub cases: usize,
    /// Cases whose outcome code differs.
    pub changed: usize,
    /// Cases that keep their outcome code but get a different cash amount.
    pub cash_changed: usize,
    /// (from A, to B, cases) for every pair with a different code, most cases first (then
    /// by codes).
    pub matrix: Vec<(String, String, usize)>,
    /// Total cash in won under A and under B.
    pub cash_a: i64,
    pub cash_b: i64,
}

/// Compares decisions `da` (by `a`) and `db` (by `b`) of the same cases, position by
/// position, over the positions `selected` accepts.
pub fn diff(
    a: &RuleSet,
    da: &[Decision],
    b: &RuleSet,
    db: &[Decision],
    selected: impl Fn(usize) -> bool,
) -> Diff {
    let compare = Compare::new(a, b);
    let mut out = Diff {
        cases: 0,
        changed: 0,
        cash_changed: 0,
        matrix: Vec::new(),
        cash_a: 0,
        cash_b: 0,
    };
    let mut pairs: HashMap<(u16, u16), usize> = HashMap::new();
    for (i, (&x, &y)) in da.iter().zip(db).enumerate() {
        if !selected(i) {
            continue;
        }
        out.cases += 1;
        out.cash_a = out.cash_a.saturating_add(x.cash);
        out.cash_b = out.cash_b.saturating_add(y.cash);
        if compare.changed(x, y) {
            out.changed += 1;
            *pairs.entry((x.outcome, y.outcome)).or_default() += 1;
        } else if x.cash != y.cash {
            out.cash_changed += 1;
        }
    }
    out.matrix = pairs
        .into_iter()
        .map(|((x, y), n)| {
            let from = a
                .outcome_codes()
                .get(usize::from(x))
                .cloned()
                .unwrap_or_default();
            let to = b
                .outcome_codes()
                .get(usize::from(y))
                .cloned()
                .unwrap_or_default();
            (from, to, n)
        })
        .collect();
    out.matrix
        .sort_by(|p, q| q.2.cmp(&p.2).then_with(|| (&p.0, &p.1).cmp(&(&q.0, &q.1))));
    out
}
