//! The Wilson score interval for a proportion (Wilson 1927): better than the normal
//! approximation for small samples and for proportions near 0 or 1.
//!
//! ```text
//! p̂ = k / n
//! centre = (p̂ + z²/2n) / (1 + z²/n)
//! half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
//! ```

use serde::Serialize;

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A closed interval of proportions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(&self, p: f64) -> bool {
        self.low <= p && p <= self.high
    }
}

/// The Wilson interval of `successes` out of `n` at z-score `z`; `None` when `n` is 0.
pub fn wilson(successes: usize, n: usize, z: f64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n_f = n as f64;
    let p = successes.min(n) as f64 / n_f;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// The 95 % Wilson interval.
pub fn wilson95(successes: usize, n: usize) -> Option<Interval> {
    wilson(successes, n, Z95)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round4(x: f64) -> f64 {
        (x * 10_000.0).round() / 10_000.0
    }

    // By hand: 5/50, p̂ = 0.1, z² = 3.841459, z²/n = 0.076829;
    // centre = (0.1 + 0.038415) / 1.076829 = 0.128540;
    // half = 1.959964 / 1.076829 · √(0.0018 + 0.000384146) = 1.820129 · 0.046735 = 0.085063;
    // → [0.0435, 0.2136].
    #[test]
    fn five_of_fifty() {
        let i = wilson95(5, 50).unwrap();
        assert_eq!((round4(i.low), round4(i.high)), (0.0435, 0.2136));
    }

    // 0/10: centre = half = 0.192079/1.384146 = 0.138770 → [0, 0.2775];
    // 10/10 mirrors it → [0.7225, 1]; 1/3 → [0.0615, 0.7923].
    #[test]
    fn the_edges() {
        let i = wilson95(0, 10).unwrap();
        assert_eq!((round4(i.low), round4(i.high)), (0.0, 0.2775));
        let i = wilson95(10, 10).unwrap();
        assert_eq!((round4(i.low), round4(i.high)), (0.7225, 1.0));
        let i = wilson95(1, 3).unwrap();
        assert_eq!((round4(i.low), round4(i.high)), (0.0615, 0.7923));
        assert_eq!(wilson95(0, 0), None);
    }
}
