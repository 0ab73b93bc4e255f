//! How good the suggestions are, against labels a person set: for one label dimension from
//! (truth, predicted, confidence) triples, and for amounts from (truth, predicted) pairs.
//! Pure functions, for the `casebench suggest` commands to print.

use super::calibrate::{calibration_bins, expected_calibration_error, CalibrationBin, BINS};

/// `hits` out of `of`; its value is `None` when `of` is 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Rate {
    pub hits: usize,
    pub of: usize,
}

impl Rate {
    pub fn value(self) -> Option<f64> {
        (self.of > 0).then(|| self.hits as f64 / self.of as f64)
    }
}

/// One suggestion for one dimension of one case, beside the label a person set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    pub truth: u8,
    pub predicted: u8,
    pub confidence: f32,
}

/// The figures of one dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelMetrics {
    /// Right suggestions out of all.
    pub accuracy: Rate,
    /// The unweighted mean over codes of each code's F1 (2·precision·recall / (precision +
    /// recall), 0 when it has no right suggestion), over the codes that are the truth or the
    /// suggestion of at least one case; 0 when there are no cases.
    pub macro_f1: f64,
    /// `confusion[truth][predicted]`: cases, `codes × codes`.
    pub confusion: Vec<Vec<usize>>,
    pub calibration: [CalibrationBin; BINS],
    pub ece: f64,
    /// The suggestions with confidence at least `threshold`.
    pub confident: Coverage,
}

/// Accuracy at coverage: how many suggestions reach a confidence, and how many of those are
/// right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    pub threshold: f32,
    /// Confident suggestions out of all.
    pub share: Rate,
    /// Right ones out of the confident ones.
    pub accuracy: Rate,
}

/// The confidence at which [`LabelMetrics::confident`] is counted.
pub const CONFIDENT: f32 = 0.9;

/// The figures of one dimension with `codes` codes. Predictions naming a code `>= codes` are
/// counted as wrong and left out of the confusion table.
pub fn label_metrics(codes: usize, predictions: &[Prediction]) -> LabelMetrics {
    let mut confusion = vec![vec![0usize; codes]; codes];
    let mut right = 0;
    for p in predictions {
        let (t, s) = (usize::from(p.truth), usize::from(p.predicted));
        right += usize::from(p.truth == p.predicted);
        if t < codes && s < codes {
            confusion[t][s] += 1;
        }
    }
    let calibration = calibration_bins(
        predictions
            .iter()
            .map(|p| (p.confidence, p.truth == p.predicted)),
    );
    let confident: Vec<&Prediction> = predictions
        .iter()
        .filter(|p| p.confidence >= CONFIDENT)
        .collect();
    LabelMetrics {
        accuracy: Rate {
            hits: right,
            of: predictions.len(),
        },
        macro_f1: macro_f1(&confusion),
        ece: expected_calibration_error(&calibration),
        calibration,
        confusion,
        confident: Coverage {
            threshold: CONFIDENT,
            share: Rate {
                hits: confident.len(),
                of: predictions.len(),
            },
            accuracy: Rate {
                hits: confident.iter().filter(|p| p.truth == p.predicted).count(),
                of: confident.len(),
            },
        },
    }
}

/// Macro-F1 of a confusion table `[truth][predicted]` (see [`LabelMetrics::macro_f1`]).
pub fn macro_f1(confusion: &[Vec<usize>]) -> f64 {
    let codes = confusion.len();
    let mut sum = 0.0;
    let mut counted = 0;
    for k in 0..codes {
        let tp = confusion[k][k];
        let truth: usize = confusion[k].iter().sum();
        let predicted: usize = confusion.iter().map(|row| row[k]).sum();
        if truth == 0 && predicted == 0 {
            continue;
        }
        counted += 1;
        // F1 = 2tp / (2tp + fp + fn) = 2tp / (predicted + truth).
        sum += 2.0 * tp as f64 / (predicted + truth) as f64;
    }
    if counted == 0 {
        0.0
    } else {
        sum / counted as f64
    }
}

/// The amount figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct AmountMetrics {
    /// Cases with a truth amount whose suggestion is exactly it.
    pub exact: Rate,
    /// Cases with no truth amount that got one suggested anyway.
    pub invented: Rate,
    /// Cases with a truth amount that got none suggested.
    pub missed: Rate,
}

/// The amount figures of (truth, predicted) pairs.
pub fn amount_metrics(pairs: &[(Option<i64>, Option<i64>)]) -> AmountMetrics {
    let mut m = AmountMetrics::default();
    for &(truth, predicted) in pairs {
        match (truth, predicted) {
            (Some(t), p) => {
                m.exact.of += 1;
                m.missed.of += 1;
                m.exact.hits += usize::from(p == Some(t));
                m.missed.hits += usize::from(p.is_none());
            }
            (None, p) => {
                m.invented.of += 1;
                m.invented.hits += usize::from(p.is_some());
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(truth: u8, predicted: u8, confidence: f32) -> Prediction {
        Prediction {
            truth,
            predicted,
            confidence,
        }
    }

    #[test]
    fn label_figures_exactly() {
        // Three codes; code 2 never occurs.
        let predictions = [
            p(0, 0, 0.95),
            p(0, 0, 0.92),
            p(0, 1, 0.55),
            p(1, 1, 0.97),
            p(1, 0, 0.91),
        ];
        let m = label_metrics(3, &predictions);
        assert_eq!(m.accuracy, Rate { hits: 3, of: 5 });
        assert_eq!(m.accuracy.value(), Some(0.6));
        assert_eq!(
            m.confusion,
            vec![vec![2, 1, 0], vec![1, 1, 0], vec![0, 0, 0]]
        );
        // Code 0: tp 2, truth 3, predicted 3 → F1 4/6. Code 1: tp 1, truth 2, predicted 2 →
        // 2/4. Code 2 is left out.
        assert!((m.macro_f1 - (4.0 / 6.0 + 0.5) / 2.0).abs() < 1e-12);
        assert_eq!(m.calibration[9].count, 4);
        assert_eq!(m.calibration[5].count, 1);
        assert!((m.calibration[9].accuracy - 0.75).abs() < 1e-12);
        assert_eq!(m.confident.share, Rate { hits: 4, of: 5 });
        assert_eq!(m.confident.accuracy, Rate { hits: 3, of: 4 });
        // ECE: bin 9 (4 cases, mean 0.9375, accuracy 0.75), bin 5 (1 case, 0.55, accuracy 0).
        let ece = 0.8 * (0.9375 - 0.75) + 0.2 * 0.55;
        assert!((m.ece - ece).abs() < 1e-6, "{} vs {ece}", m.ece);
    }

    #[test]
    fn f1_of_a_code_never_right_is_zero_and_no_cases_give_zero() {
        let m = label_metrics(2, &[p(0, 1, 0.5), p(1, 0, 0.5)]);
        assert_eq!(m.macro_f1, 0.0);
        let empty = label_metrics(2, &[]);
        assert_eq!(empty.accuracy.value(), None);
        assert_eq!(empty.macro_f1, 0.0);
        assert_eq!(empty.confident.accuracy.value(), None);
        assert_eq!(empty.ece, 0.0);
    }

    #[test]
    fn a_code_out_of_range_is_wrong_and_not_in_the_table() {
        let m = label_metrics(2, &[p(0, 5, 0.5), p(1, 1, 0.5)]);
        assert_eq!(m.accuracy, Rate { hits: 1, of: 2 });
        assert_eq!(m.confusion, vec![vec![0, 0], vec![0, 1]]);
    }

    #[test]
    fn amount_figures_exactly() {
        let pairs = [
            (Some(300_000), Some(300_000)),
            (Some(300_000), Some(30_000)),
            (Some(500_000), None),
            (Some(10_000), Some(10_000)),
            (None, None),
            (None, Some(15)),
            (None, None),
        ];
        let m = amount_metrics(&pairs);
        assert_eq!(m.exact, Rate { hits: 2, of: 4 });
        assert_eq!(m.missed, Rate { hits: 1, of: 4 });
        assert_eq!(m.invented, Rate { hits: 1, of: 3 });
        assert_eq!(m.invented.value(), Some(1.0 / 3.0));
        assert_eq!(amount_metrics(&[]).exact.value(), None);
    }
}
