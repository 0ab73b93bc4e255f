//! A tiny hand-written PRNG (SplitMix64), so the sample data and the spot-check samples drawn
//! with a seed stay the same forever, whatever crate versions or platform build them.
//!
//! Only integer arithmetic and exact IEEE comparisons are used: no transcendental functions
//! whose last bit could differ between C libraries.

/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit counter passed through a strong mixer.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 output function: a bijective 64-bit mixer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// An independent generator for one purpose (`stream`) and one item (`index`), so that,
    /// for example, the text of case 17 does not depend on how many numbers case 16 drew.
    pub fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        let a = mix(seed ^ mix(stream.wrapping_add(GOLDEN_GAMMA)));
        Rng::new(mix(a ^ index.wrapping_mul(GOLDEN_GAMMA)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A uniform number in `0..n` (0 when `n` is 0), without modulo bias (Lemire's method).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        if n <= 1 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as usize;
            }
        }
    }

    /// A uniform number in `lo..=hi` (`lo` when `hi < lo`).
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as u64
    }

    /// True with probability `p` (0.0 never, 1.0 always).
    pub fn chance(&mut self, p: f64) -> bool {
        let unit = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        unit < p
    }

    /// One item, uniformly; `T::default()` for an empty slice.
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        if items.is_empty() {
            return T::default();
        }
        items[self.below(items.len())]
    }

    /// One item, with probability proportional to its weight; `T::default()` when every
    /// weight is 0.
    pub fn weighted<T: Copy + Default>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|&(_, w)| u64::from(w)).sum();
        if total == 0 {
            return T::default();
        }
        let mut ticket = self.below(total as usize) as u64;
        for &(item, weight) in items {
            let weight = u64::from(weight);
            if ticket < weight {
                return item;
            }
            ticket -= weight;
        }
        T::default()
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct items of `items`, uniformly (a partial Fisher–Yates shuffle), in the order
    /// drawn. All of them when `k >= items.len()`.
    pub fn choose<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// A seed for a draw nobody seeded (a spot-check without `seed`): from the clock and the
/// process id. The seed is printed and stored, so the draw can still be repeated.
pub fn fresh_seed() -> u64 {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64;
    nanos ^ (u64::from(std::process::id()) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_never_changes() {
        // SplitMix64 from seed 0: the reference values of the published algorithm.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = Rng::new(7);
        let mut seen = [false; 5];
        for _ in 0..200 {
            let v = rng.below(5);
            assert!(v < 5);
            seen[v] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
    }

    #[test]
    fn weighted_follows_the_weights() {
        let mut rng = Rng::new(3);
        let items = [('a', 1), ('b', 0), ('c', 3)];
        let mut counts = [0; 3];
        for _ in 0..4000 {
            match rng.weighted(&items) {
                'a' => counts[0] += 1,
                'b' => counts[1] += 1,
                _ => counts[2] += 1,
            }
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > counts[0] * 2);
        assert_eq!(rng.weighted::<char>(&[]), '\0');
    }
}
