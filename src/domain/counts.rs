//! Counts per code of every dimension and per status, kept up to date per change (never a
//! GROUP BY per frame).

use super::case::Case;
use super::taxonomy::{Dimension, Status, MAX_CODES};

/// The slot that counts cases without a label in a dimension.
const UNLABELLED: usize = MAX_CODES;

/// How many cases carry each code, and each status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    total: usize,
    labels: [[usize; MAX_CODES + 1]; 5],
    status: [usize; 3],
}

impl Counts {
    /// Counts `cases`.
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Counts {
        let mut counts = Counts::default();
        for case in cases {
            counts.add(case);
        }
        counts
    }

    pub fn add(&mut self, case: &Case) {
        self.total += 1;
        for (dim, label) in case.labels.iter().enumerate() {
            self.labels[dim][slot(*label)] += 1;
        }
        self.status[case.status.index()] += 1;
    }

    /// Counts one set of labels, in [`Dimension::ALL`] order, with no status (what a case's
    /// labels would be: the suggestions' counts).
    pub fn add_labels(&mut self, labels: &[Option<u8>; 5]) {
        self.total += 1;
        for (dim, label) in labels.iter().enumerate() {
            self.labels[dim][slot(*label)] += 1;
        }
    }

    /// Takes away a case that was added before (call with the case as it was, then
    /// [`Counts::add`] with the case as it is now).
    pub fn remove(&mut self, case: &Case) {
        self.total = self.total.saturating_sub(1);
        for (dim, label) in case.labels.iter().enumerate() {
            let n = &mut self.labels[dim][slot(*label)];
            *n = n.saturating_sub(1);
        }
        let n = &mut self.status[case.status.index()];
        *n = n.saturating_sub(1);
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Cases with `code` in `dim`; `None` counts the unlabelled ones.
    pub fn label(&self, dim: Dimension, code: Option<u8>) -> usize {
        self.labels[dim.index()][slot(code)]
    }

    pub fn unlabelled(&self, dim: Dimension) -> usize {
        self.label(dim, None)
    }

    pub fn status(&self, status: Status) -> usize {
        self.status[status.index()]
    }
}

fn slot(code: Option<u8>) -> usize {
    code.map_or(UNLABELLED, |c| usize::from(c).min(UNLABELLED - 1))
}

/// `part` as a percentage of `whole`, 0 for an empty whole.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `part` of `whole` for people, with one decimal: `12.3%`. Only a share that is exactly 0 or
/// 100 prints as `0.0%` or `100.0%`: one that would round to either without being it prints as
/// `<0.1%` or `>99.9%` (1 of 5,000 is not 0.0%, 4,999 of 5,000 is not 100.0%).
pub fn format_share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0.0%".into();
    }
    format_percent(share(part, whole))
}

/// A percentage with one decimal (`89.6%`), never rounded to a bound it does not reach: above
/// 0 it is at least `<0.1%`, below 100 at most `>99.9%`.
pub fn format_percent(percent: f64) -> String {
    let text = format!("{percent:.1}");
    if text == "0.0" && percent > 0.0 {
        "<0.1%".into()
    } else if text == "100.0" && percent < 100.0 {
        ">99.9%".into()
    } else {
        format!("{text}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_adds_and_removes() {
        let mut a = Case::new("A", "t");
        a.set_label(Dimension::Kind, Some(0));
        let b = Case::new("B", "t");
        let mut counts = Counts::of([&a, &b]);
        assert_eq!(counts.total(), 2);
        assert_eq!(counts.label(Dimension::Kind, Some(0)), 1);
        assert_eq!(counts.unlabelled(Dimension::Kind), 1);
        assert_eq!(counts.status(Status::New), 2);

        counts.remove(&a);
        a.set_label(Dimension::Kind, Some(2));
        a.status = Status::Reviewed;
        counts.add(&a);
        assert_eq!(counts.label(Dimension::Kind, Some(0)), 0);
        assert_eq!(counts.label(Dimension::Kind, Some(2)), 1);
        assert_eq!(counts.status(Status::Reviewed), 1);
        assert_eq!(counts.status(Status::New), 1);
        assert_eq!(counts, Counts::of([&a, &b]));
    }

    #[test]
    fn shares_are_percentages() {
        assert_eq!(share(1, 4), 25.0);
        assert_eq!(share(3, 0), 0.0);
    }

    #[test]
    fn a_share_short_of_a_bound_never_prints_as_the_bound() {
        assert_eq!(format_share(1, 4), "25.0%");
        assert_eq!(format_share(0, 4), "0.0%");
        assert_eq!(format_share(4, 4), "100.0%");
        assert_eq!(format_share(0, 0), "0.0%");
        assert_eq!(format_share(9_998, 10_000), ">99.9%", "99.98%");
        assert_eq!(format_share(2, 10_000), "<0.1%", "0.02%");
        assert_eq!(format_share(9_994, 10_000), "99.9%");
        assert_eq!(format_share(6, 10_000), "0.1%");
        assert_eq!(format_share(105_115, 105_116), ">99.9%");
        assert_eq!(format_share(1, 105_116), "<0.1%");
    }
}
