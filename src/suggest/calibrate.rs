//! Calibration: making "confidence 0.9" mean "right nine times in ten".
//!
//! - [`fit_temperature`]: temperature scaling (Guo et al. 2017). One number `T` per
//!   dimension divides the scores before the softmax; it changes no ranking, only how sure the
//!   model says it is. It is fitted on held-out cases by minimizing their negative
//!   log-likelihood, which is convex in `1/T`, so a golden-section search over `1/T` finds
//!   the minimum.
//! - [`calibration_bins`] and [`expected_calibration_error`]: ten equal-width bins of
//!   confidence (`[0, 0.1)`, …, `[0.9, 1]`); per bin the count, mean confidence and accuracy;
//!   ECE is the case-weighted mean gap between confidence and accuracy.

/// The range searched for `1/T`: from ten times flatter to twice as sharp. A dimension that is
/// right on every held-out case (the sample's `kind`) would otherwise be sharpened without
/// bound, and a model that has seen only one kind of text should not be made more than twice
/// as sure as it is of itself.
const INVERSE_MIN: f64 = 0.1;
const INVERSE_MAX: f64 = 2.0;
const STEPS: usize = 60;

/// The temperature that minimizes the negative log-likelihood of `truth` under
/// `softmax(scores / T)`. `scores` holds `classes` scores per case, case after case; 1.0 when
/// there are no cases.
pub fn fit_temperature(scores: &[f32], classes: usize, truth: &[u8]) -> f32 {
    if truth.is_empty() || classes == 0 {
        return 1.0;
    }
    let nll = |inverse: f64| negative_log_likelihood(scores, classes, truth, inverse);
    let golden = (5f64.sqrt() - 1.0) / 2.0;
    let (mut lo, mut hi) = (INVERSE_MIN, INVERSE_MAX);
    let mut a = hi - golden * (hi - lo);
    let mut b = lo + golden * (hi - lo);
    let (mut fa, mut fb) = (nll(a), nll(b));
    for _ in 0..STEPS {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - golden * (hi - lo);
            fa = nll(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + golden * (hi - lo);
            fb = nll(b);
        }
    }
    (2.0 / (lo + hi)) as f32
}

/// Mean negative log-likelihood of `truth` under `softmax(scores · inverse)`, in f64.
pub fn negative_log_likelihood(scores: &[f32], classes: usize, truth: &[u8], inverse: f64) -> f64 {
    let mut total = 0.0;
    for (row, &t) in scores.chunks_exact(classes).zip(truth) {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let max = f64::from(max) * inverse;
        let sum: f64 = row
            .iter()
            .map(|&s| (f64::from(s) * inverse - max).exp())
            .sum();
        let own = f64::from(row[usize::from(t)]) * inverse - max;
        total += sum.ln() - own;
    }
    total / truth.len() as f64
}

/// One bin of confidence.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CalibrationBin {
    /// Suggestions whose confidence fell in this bin.
    pub count: usize,
    /// Their mean confidence (0 for an empty bin).
    pub mean_confidence: f64,
    /// The share of them that were right (0 for an empty bin).
    pub accuracy: f64,
}

/// The number of bins.
pub const BINS: usize = 10;

/// The bin of a confidence: `[0, 0.1)` is bin 0, …, `[0.9, 1]` bin 9 (values outside [0, 1]
/// go to the nearest end).
pub fn bin_of(confidence: f32) -> usize {
    let scaled = (f64::from(confidence) * BINS as f64).floor();
    if scaled.is_nan() || scaled < 0.0 {
        0
    } else {
        (scaled as usize).min(BINS - 1)
    }
}

/// Ten equal-width bins of (confidence, right?) pairs.
pub fn calibration_bins(pairs: impl IntoIterator<Item = (f32, bool)>) -> [CalibrationBin; BINS] {
    let mut count = [0usize; BINS];
    let mut confidence = [0f64; BINS];
    let mut right = [0usize; BINS];
    for (c, ok) in pairs {
        let b = bin_of(c);
        count[b] += 1;
        confidence[b] += f64::from(c);
        right[b] += usize::from(ok);
    }
    std::array::from_fn(|b| {
        if count[b] == 0 {
            CalibrationBin::default()
        } else {
            CalibrationBin {
                count: count[b],
                mean_confidence: confidence[b] / count[b] as f64,
                accuracy: right[b] as f64 / count[b] as f64,
            }
        }
    })
}

/// The expected calibration error of the bins: `Σ (count / total) · |accuracy − mean
/// confidence|`; 0 when there are no cases.
pub fn expected_calibration_error(bins: &[CalibrationBin]) -> f64 {
    let total: usize = bins.iter().map(|b| b.count).sum();
    if total == 0 {
        return 0.0;
    }
    bins.iter()
        .map(|b| b.count as f64 / total as f64 * (b.accuracy - b.mean_confidence).abs())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use crate::suggest::logistic::softmax;

    #[test]
    fn bins_count_average_and_score() {
        let bins = calibration_bins([(0.95, true), (0.95, false), (0.92, true), (0.05, false)]);
        assert_eq!(bins[9].count, 3);
        assert!((bins[9].mean_confidence - 0.94).abs() < 1e-6);
        assert!((bins[9].accuracy - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(bins[0].count, 1);
        assert_eq!(bins[0].accuracy, 0.0);
        assert_eq!(bins[5], CalibrationBin::default());
        // ECE = 3/4 · |2/3 − 0.94| + 1/4 · |0 − 0.05| = 0.205 + 0.0125.
        let ece = expected_calibration_error(&bins);
        assert!(
            (ece - (0.75 * (0.94 - 2.0 / 3.0) + 0.25 * 0.05)).abs() < 1e-6,
            "{ece}"
        );
    }

    #[test]
    fn bin_edges() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(0.0999), 0);
        assert_eq!(bin_of(0.1), 1);
        assert_eq!(bin_of(0.55), 5);
        assert_eq!(bin_of(0.95), 9);
        assert_eq!(bin_of(1.0), 9);
        assert_eq!(bin_of(1.5), 9);
        assert_eq!(bin_of(-0.5), 0);
        assert_eq!(bin_of(f32::NAN), 0);
    }

    #[test]
    fn perfect_calibration_has_no_error_and_no_cases_no_error() {
        let pairs = (0..10).map(|i| (0.8, i < 8));
        assert!(expected_calibration_error(&calibration_bins(pairs)) < 1e-6);
        assert_eq!(expected_calibration_error(&calibration_bins([])), 0.0);
    }

    /// Cases whose true class is drawn from softmax(z) with z the scores given: a model that
    /// reports scores 3× too large should get T ≈ 3.
    #[test]
    fn finds_the_temperature_that_made_the_scores() {
        let mut rng = Rng::new(5);
        let (classes, n) = (3, 6000);
        let mut scores = Vec::new();
        let mut truth = Vec::new();
        for _ in 0..n {
            let z: Vec<f32> = (0..classes)
                .map(|_| (rng.below(2001) as f32 - 1000.0) / 500.0)
                .collect();
            let mut p = z.clone();
            softmax(&mut p, 1.0);
            let ticket = rng.below(1_000_000) as f32 / 1_000_000.0;
            let mut acc = 0.0;
            let mut class = classes - 1;
            for (k, &pk) in p.iter().enumerate() {
                acc += pk;
                if ticket < acc {
                    class = k;
                    break;
                }
            }
            truth.push(class as u8);
            scores.extend(z.iter().map(|s| s * 3.0));
        }
        let t = fit_temperature(&scores, classes, &truth);
        assert!((t - 3.0).abs() < 0.3, "T = {t}");
        // The fitted temperature is no worse than leaving the scores alone.
        let fitted = negative_log_likelihood(&scores, classes, &truth, 1.0 / f64::from(t));
        assert!(fitted < negative_log_likelihood(&scores, classes, &truth, 1.0));
    }

    #[test]
    fn always_right_is_sharpened_only_to_the_bound() {
        let scores = [2.0, 0.0, 2.0, 0.0];
        let t = fit_temperature(&scores, 2, &[0, 0]);
        assert!((t - 0.5).abs() < 1e-3, "T = {t}");
        assert_eq!(fit_temperature(&[], 2, &[]), 1.0);
    }
}
