//! The confusion matrix of one dimension: rows are the reviewer's labels, columns the lead's,
//! over every code of the dimension plus "not set".

use super::kappa::cohen_kappa;
use crate::domain::Dimension;

/// The name of the "not set" category.
pub const NOT_SET: &str = "none";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    pub dim: Dimension,
    /// `counts[reviewer][lead]`; the last row and column are "not set".
    pub counts: Vec<Vec<u64>>,
}

impl Confusion {
    pub fn new(dim: Dimension) -> Confusion {
        let k = dim.codes().len() + 1;
        Confusion {
            dim,
            counts: vec![vec![0; k]; k],
        }
    }

    fn slot(&self, value: Option<u8>) -> usize {
        let k = self.counts.len();
        value.map_or(k - 1, |c| usize::from(c).min(k - 2))
    }

    pub fn add(&mut self, reviewer: Option<u8>, lead: Option<u8>) {
        let (r, l) = (self.slot(reviewer), self.slot(lead));
        self.counts[r][l] += 1;
    }

    /// Every category's name, in matrix order.
    pub fn categories(&self) -> Vec<&'static str> {
        self.dim
            .codes()
            .iter()
            .map(|info| info.code)
            .chain(std::iter::once(NOT_SET))
            .collect()
    }

    /// The categories that occur in a row or a column (the rest are all zeros).
    pub fn used(&self) -> Vec<usize> {
        let k = self.counts.len();
        (0..k)
            .filter(|&i| (0..k).any(|j| self.counts[i][j] > 0 || self.counts[j][i] > 0))
            .collect()
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    pub fn agreed(&self) -> u64 {
        (0..self.counts.len()).map(|i| self.counts[i][i]).sum()
    }

    pub fn kappa(&self) -> Option<f64> {
        cohen_kappa(&self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_codes_and_not_set() {
        let mut m = Confusion::new(Dimension::Scope);
        m.add(Some(0), Some(0));
        m.add(Some(0), Some(1));
        m.add(None, Some(1));
        assert_eq!(m.categories(), ["kakao", "affiliate", "none"]);
        assert_eq!(m.counts, [vec![1, 1, 0], vec![0, 0, 0], vec![0, 1, 0]]);
        assert_eq!((m.total(), m.agreed()), (3, 1));
        assert_eq!(m.used(), [0, 1, 2]);
    }
}
