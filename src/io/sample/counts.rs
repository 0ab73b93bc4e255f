//! Exact counts: splitting a total in proportion to published figures, and picking exactly
//! k items out of n.
//!
//! The published totals are reproduced by building a list with the right number of each
//! value and shuffling it, never by independent random draws (which would only be right on
//! average).

use crate::rng::Rng;

/// Splits `total` into parts proportional to `weights` by the largest-remainder method: every
/// part is its exact quota rounded down or up, and the parts always sum to `total`. When
/// `total` equals the sum of the weights, each part equals its weight. Ties go to the
/// earlier weight; all-zero weights put everything in the first part.
pub fn apportion<const K: usize>(total: usize, weights: &[u64; K]) -> [usize; K] {
    let mut parts = [0usize; K];
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if K == 0 {
        return parts;
    }
    if sum == 0 {
        parts[0] = total;
        return parts;
    }
    let mut remainders = [0u128; K];
    let mut given = 0usize;
    for (i, &w) in weights.iter().enumerate() {
        let scaled = total as u128 * u128::from(w);
        parts[i] = (scaled / sum) as usize;
        remainders[i] = scaled % sum;
        given += parts[i];
    }
    let mut order: [usize; K] = std::array::from_fn(|i| i);
    // Stable sort: equal remainders keep index order.
    order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]));
    for &i in order.iter().take(total.saturating_sub(given)) {
        parts[i] += 1;
    }
    parts
}

/// Picks exactly `wanted` of `of` items, each subset equally likely, one item at a time in
/// order (Knuth's selection sampling, algorithm S).
#[derive(Clone, Debug)]
pub struct Quota {
    wanted: usize,
    left: usize,
}

impl Quota {
    pub fn new(wanted: usize, of: usize) -> Quota {
        Quota {
            wanted: wanted.min(of),
            left: of,
        }
    }

    /// Whether the next item is picked.
    pub fn take(&mut self, rng: &mut Rng) -> bool {
        if self.left == 0 {
            return false;
        }
        let hit = rng.below(self.left) < self.wanted;
        self.left -= 1;
        if hit {
            self.wanted -= 1;
        }
        hit
    }
}

/// Draws `count` items without replacement from a pool of counted values, each draw weighted
/// by `remaining count × affinity`. Used to give one group (say small businesses) its share of
/// kinds while the pool keeps every kind's total exact. Returns the values drawn.
pub fn draw_from_pool<const K: usize>(
    rng: &mut Rng,
    pool: &mut [usize; K],
    affinity: &[u32; K],
    count: usize,
) -> Vec<usize> {
    let mut drawn = Vec::with_capacity(count);
    for _ in 0..count {
        let weights: [(usize, u32); K] = std::array::from_fn(|i| {
            let w = (pool[i] as u64 * u64::from(affinity[i])).min(u64::from(u32::MAX));
            (i, w as u32)
        });
        let mut choice = rng.weighted(&weights);
        if pool[choice] == 0 {
            // All affinity-weighted entries were empty: take any value still in the pool.
            match pool.iter().position(|&n| n > 0) {
                Some(i) => choice = i,
                None => break,
            }
        }
        pool[choice] -= 1;
        drawn.push(choice);
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_reproduces_the_weights_at_their_own_total() {
        let w = [87_198, 17_918];
        assert_eq!(apportion(105_116, &w), [87_198, 17_918]);
    }

    #[test]
    fn apportion_always_sums_to_the_total() {
        let w = [78_130, 8_894, 174];
        for total in [0, 1, 2, 7, 10, 83, 200, 999, 1000, 12_345] {
            let parts = apportion(total, &w);
            assert_eq!(parts.iter().sum::<usize>(), total, "total {total}");
        }
        assert_eq!(apportion(1, &w), [1, 0, 0]);
        assert_eq!(apportion(5, &[0, 0]), [5, 0]);
    }

    #[test]
    fn quota_takes_exactly_what_it_wants() {
        let mut rng = Rng::new(1);
        for (wanted, of) in [(0, 10), (3, 10), (10, 10), (12, 10), (1, 1)] {
            let mut q = Quota::new(wanted, of);
            let taken = (0..of).filter(|_| q.take(&mut rng)).count();
            assert_eq!(taken, wanted.min(of));
        }
    }

    #[test]
    fn drawing_from_a_pool_keeps_its_totals() {
        let mut rng = Rng::new(5);
        let mut pool = [5, 3, 0];
        let drawn = draw_from_pool(&mut rng, &mut pool, &[0, 1, 9], 6);
        assert_eq!(drawn.len(), 6);
        assert_eq!(pool, [2, 0, 0]);
    }
}
