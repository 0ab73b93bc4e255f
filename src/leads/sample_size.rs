//! How many cases a spot-check needs to estimate a proportion (say, the share of labels a lead
//! would overturn) to within a margin at a confidence level.
//!
//! Cochran's formula with the finite-population correction:
//!
//! ```text
//! n0 = z² · p · (1 − p) / e²          z: two-sided z-score of the confidence (1.96 for 95 %)
//! n  = n0 / (1 + (n0 − 1) / N)        N: the population; e: the margin; p: the expected share
//! ```
//!
//! rounded up to a whole case, and never more than `N`. With nothing known about the share,
//! `p = 0.5` gives the largest (safest) size. Examples at 95 % ± 5 %: N = 10,000 → 370;
//! N = 87,198 → 383; N = 500 → 218.

use super::error::LeadsError;
use super::normal::z_two_sided;

/// The expected share when nothing is known: the worst case.
pub const WORST_CASE_PROPORTION: f64 = 0.5;

/// The sample size for a proportion (see the module documentation). 0 for an empty
/// population; at least 1 otherwise.
pub fn sample_size(
    population: usize,
    confidence: f64,
    margin: f64,
    proportion: f64,
) -> Result<usize, LeadsError> {
    check_open_unit("--confidence", confidence, "0.95")?;
    check_open_unit("--margin", margin, "0.05")?;
    if !(0.0..=1.0).contains(&proportion) {
        return Err(LeadsError::BadParameter(format!(
            "--proportion must be between 0 and 1 (0.5 when unknown); got {proportion}"
        )));
    }
    if population == 0 {
        return Ok(0);
    }
    let z = z_two_sided(confidence);
    let n0 = z * z * proportion * (1.0 - proportion) / (margin * margin);
    let n = n0 / (1.0 + (n0 - 1.0) / population as f64);
    let n = n.ceil();
    Ok(if n.is_finite() && n >= 1.0 {
        (n as usize).min(population)
    } else {
        1
    })
}

fn check_open_unit(name: &str, value: f64, example: &str) -> Result<(), LeadsError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(LeadsError::BadParameter(format!(
            "{name} must be between 0 and 1 (exclusive), e.g. {example}; got {value}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values computed by hand from the formula (z = 1.959964):
    // n0 = 1.959964² · 0.25 / 0.0025 = 384.146;
    // N = 10,000: 384.146 / (1 + 383.146/10,000) = 369.97 → 370
    // N = 87,198: 384.146 / (1 + 383.146/87,198) = 382.47 → 383
    // N = 500:    384.146 / (1 + 383.146/500)    = 217.49 → 218
    #[test]
    fn the_published_examples() {
        assert_eq!(sample_size(10_000, 0.95, 0.05, 0.5).unwrap(), 370);
        assert_eq!(sample_size(87_198, 0.95, 0.05, 0.5).unwrap(), 383);
        assert_eq!(sample_size(500, 0.95, 0.05, 0.5).unwrap(), 218);
        assert_eq!(sample_size(105_116, 0.95, 0.05, 0.5).unwrap(), 383);
    }

    // 99 % ± 3 %, N = 10,000: z = 2.575829, n0 = 1843.03, n = 1556.34 → 1557.
    // 90 % ± 10 %, p = 0.2, N = 2,000: z = 1.644854, n0 = 43.29, n = 42.39 → 43.
    #[test]
    fn other_levels_and_proportions() {
        assert_eq!(sample_size(10_000, 0.99, 0.03, 0.5).unwrap(), 1557);
        assert_eq!(sample_size(2_000, 0.90, 0.10, 0.2).unwrap(), 43);
    }

    #[test]
    fn small_populations_are_capped() {
        assert_eq!(sample_size(0, 0.95, 0.05, 0.5).unwrap(), 0);
        assert_eq!(sample_size(1, 0.95, 0.05, 0.5).unwrap(), 1);
        assert_eq!(sample_size(100, 0.95, 0.05, 0.5).unwrap(), 80);
        assert_eq!(sample_size(100, 0.95, 0.05, 0.0).unwrap(), 1);
    }

    #[test]
    fn parameters_out_of_range_are_refused() {
        let err = sample_size(100, 95.0, 0.05, 0.5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--confidence must be between 0 and 1 (exclusive), e.g. 0.95; got 95"
        );
        assert!(sample_size(100, 0.95, 0.0, 0.5).is_err());
        assert!(sample_size(100, 0.95, 0.05, 1.5).is_err());
        assert!(sample_size(100, f64::NAN, 0.05, 0.5).is_err());
    }
}
