//! What a bulk change would do, before it is done: how many cases change, and how every count
//! moves.

use super::case::Case;
use super::change::Change;
use super::counts::Counts;
use super::taxonomy::{Dimension, Status};

/// One count that moves: `kind=paid 120 → 95`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountMove {
    /// `kind`, `status`, …
    pub field: &'static str,
    /// The code, or `unlabelled`.
    pub code: &'static str,
    pub before: usize,
    pub after: usize,
}

/// The effect of applying the same changes to a set of cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub cases: usize,
    /// Cases where at least one value would change.
    pub changing: usize,
    pub moves: Vec<CountMove>,
}

/// Applies `changes` to copies of `cases` and compares the counts before and after.
pub fn preview<'a>(cases: impl IntoIterator<Item = &'a Case>, changes: &[Change]) -> Preview {
    let mut before = Counts::default();
    let mut after = Counts::default();
    let mut preview = Preview::default();
    for case in cases {
        preview.cases += 1;
        before.add(case);
        let mut changed = case.clone();
        let mut any = false;
        for change in changes {
            any |= change.apply_to(&mut changed);
        }
        if any {
            preview.changing += 1;
        }
        after.add(&changed);
    }
    for dim in Dimension::ALL {
        let codes = (0..dim.codes().len() as u8).map(Some).chain([None]);
        for code in codes {
            let (b, a) = (before.label(dim, code), after.label(dim, code));
            if b != a {
                preview.moves.push(CountMove {
                    field: dim.name(),
                    code: code.map_or("unlabelled", |c| dim.code(c)),
                    before: b,
                    after: a,
                });
            }
        }
    }
    for status in Status::ALL {
        let (b, a) = (before.status(status), after.status(status));
        if b != a {
            preview.moves.push(CountMove {
                field: "status",
                code: status.code(),
                before: b,
                after: a,
            });
        }
    }
    preview
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_counts_what_would_move() {
        let mut a = Case::new("A", "t");
        a.set_label(Dimension::Kind, Some(0));
        let b = Case::new("B", "t");
        let p = preview([&a, &b], &[Change::Label(Dimension::Kind, Some(0))]);
        assert_eq!((p.cases, p.changing), (2, 1));
        assert_eq!(
            p.moves,
            [
                CountMove {
                    field: "kind",
                    code: "paid",
                    before: 1,
                    after: 2
                },
                CountMove {
                    field: "kind",
                    code: "unlabelled",
                    before: 1,
                    after: 0
                },
            ]
        );
    }
}
