//! Multinomial logistic regression over sparse hashed features, trained by AdaGrad, with
//! several *heads* (one per label dimension) over the same features.
//!
//! Written here rather than taken from a crate: `linfa-logistic` and `smartcore` both take a
//! dense matrix (105,116 rows × 131,072 hashed features would be 55 GB of f32) and run
//! L-BFGS over it; neither has sparse input. The whole method is short:
//!
//! - a head `h` with `K` classes scores `z = b + Σ x_f · W[f]`, probabilities `softmax(z)`.
//!   The weights of every head for one feature bucket sit side by side in memory (a row of
//!   `columns` weights per bucket), so an example reads each of its features once for all
//!   heads;
//! - in an order of the examples shuffled anew every epoch by a seeded SplitMix64
//!   ([`crate::rng::Rng`]), each head with a label for the example takes the gradient of its
//!   log loss `(p − y) x` plus an L2 term `λ W` on the weights the example touches, in AdaGrad
//!   steps `W_f −= η g / √(Σ ‖g_f‖²)` with one accumulator per feature and head, which give
//!   rare features (most n-grams) larger steps; a head that already gives the example's class
//!   probability ≥ 0.999 leaves it alone;
//! - a fixed number of epochs; f32 throughout, in a fixed order on one thread.
//!
//! Heads do not interact: a head's weights depend only on its own labels, the seed and the
//! examples, so training heads together or apart gives the same weights, bit for bit.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::rng::Rng;

/// Sparse rows (compressed sparse row storage): row `i` has the bucket indices
/// `indices[offsets[i]..offsets[i + 1]]` with the values beside them.
#[derive(Clone, Debug)]
pub struct SparseRows {
    offsets: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl SparseRows {
    pub fn new() -> SparseRows {
        SparseRows {
            offsets: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Appends a row; `indices` and `values` have the same length.
    pub fn push(&mut self, indices: &[u32], values: &[f32]) {
        debug_assert_eq!(indices.len(), values.len());
        self.indices.extend_from_slice(indices);
        self.values.extend_from_slice(values);
        self.offsets.push(self.indices.len());
    }

    /// Appends every row of `other`, in order.
    pub fn append(&mut self, other: &SparseRows) {
        let base = self.indices.len();
        self.indices.extend_from_slice(&other.indices);
        self.values.extend_from_slice(&other.values);
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|&o| base + o));
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stored entries over all rows.
    pub fn entries(&self) -> usize {
        self.indices.len()
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (start, end) = (self.offsets[i], self.offsets[i + 1]);
        (&self.indices[start..end], &self.values[start..end])
    }
}

impl Default for SparseRows {
    /// No rows (the leading offset 0 included, so [`SparseRows::push`] works on it).
    fn default() -> Self {
        SparseRows::new()
    }
}

/// How to train.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainSettings {
    pub epochs: u32,
    /// AdaGrad's base step η.
    pub learning_rate: f32,
    /// L2 strength λ.
    pub l2: f32,
    /// Seeds the order of examples in each epoch.
    pub seed: u64,
}

/// How many examples [`Logistic::train_counted`] goes through between two reports.
const STEPS_PER_REPORT: usize = 4096;

/// An example whose class already has at least this probability is left alone: its gradient
/// is all but zero, and skipping it makes the later epochs much cheaper.
const SETTLED: f32 = 0.999;

/// The random stream of the epoch orders (one generator per epoch).
const STREAM_EPOCH: u64 = 0x5EED_0001;

/// The most heads a model has (one per label dimension).
pub const MAX_HEADS: usize = 5;

/// One head: its classes are columns `column..column + classes` of a bucket's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    pub column: usize,
    pub classes: usize,
}

impl Head {
    pub fn columns(self) -> std::ops::Range<usize> {
        self.column..self.column + self.classes
    }
}

/// A trained model: `weights[f * columns + c]` is feature bucket `f`'s weight for column `c`.
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic {
    pub heads: Vec<Head>,
    pub columns: usize,
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
}

/// An example: a row of the [`SparseRows`] and, per head, its class (`None`: this example does
/// not train that head).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub row: u32,
    pub labels: [Option<u8>; MAX_HEADS],
}

impl Logistic {
    /// Trains heads with `classes[h]` classes each (at most [`MAX_HEADS`]) on `examples` (rows
    /// of `rows`; every label `< classes` of its head; every index `< buckets`).
    pub fn train(
        rows: &SparseRows,
        examples: &[Example],
        classes: &[usize],
        buckets: usize,
        settings: &TrainSettings,
    ) -> Logistic {
        let steps = AtomicUsize::new(0);
        Logistic::train_counted(rows, examples, classes, buckets, settings, &steps)
    }

    /// [`Logistic::train`], adding to `steps` now and then how many examples it has been
    /// through (`epochs × examples.len()` in the end), for another thread to watch.
    pub fn train_counted(
        rows: &SparseRows,
        examples: &[Example],
        classes: &[usize],
        buckets: usize,
        settings: &TrainSettings,
        steps: &AtomicUsize,
    ) -> Logistic {
        let mut heads = Vec::new();
        let mut columns = 0;
        for &k in classes.iter().take(MAX_HEADS) {
            heads.push(Head {
                column: columns,
                classes: k,
            });
            columns += k;
        }
        let mut model = Logistic {
            heads,
            columns,
            weights: vec![0.0; buckets * columns],
            bias: vec![0.0; columns],
        };
        let h_count = model.heads.len();
        // AdaGrad with one accumulator per feature bucket and head (the sum of its squared
        // gradient norms) rather than per weight: one square root per feature and head instead
        // of one per weight.
        let mut squares = vec![0f32; buckets * h_count];
        let mut bias_squares = vec![0f32; h_count];
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut grad = vec![0f32; columns];
        // Per head: the squared norm of its gradient, or 0 when it learns nothing here.
        let mut norms = [0f32; MAX_HEADS];
        let (eta, l2) = (settings.learning_rate, settings.l2);
        const EPSILON: f32 = 1e-8;
        for epoch in 0..settings.epochs {
            Rng::derive(settings.seed, STREAM_EPOCH, u64::from(epoch)).shuffle(&mut order);
            for (n, &e) in order.iter().enumerate() {
                if (n + 1) % STEPS_PER_REPORT == 0 {
                    steps.fetch_add(STEPS_PER_REPORT, Ordering::Relaxed);
                }
                let example = examples[e];
                if example.labels[..h_count].iter().all(Option::is_none) {
                    continue;
                }
                let (indices, values) = rows.row(example.row as usize);
                model.logits(indices, values, &mut grad);
                let mut active = false;
                for (h, head) in model.heads.iter().enumerate() {
                    norms[h] = 0.0;
                    let Some(class) = example.labels[h] else {
                        continue;
                    };
                    let g = &mut grad[head.columns()];
                    softmax(g, 1.0);
                    let class = usize::from(class);
                    if g[class] >= SETTLED {
                        continue;
                    }
                    g[class] -= 1.0;
                    norms[h] = g.iter().map(|g| g * g).sum();
                    active = true;
                }
                if !active {
                    continue;
                }
                for (h, head) in model.heads.iter().enumerate() {
                    if norms[h] == 0.0 {
                        continue;
                    }
                    bias_squares[h] += norms[h];
                    let step = eta / (bias_squares[h].sqrt() + EPSILON);
                    for (b, &g) in model.bias[head.columns()]
                        .iter_mut()
                        .zip(&grad[head.columns()])
                    {
                        *b -= step * g;
                    }
                }
                for (&f, &x) in indices.iter().zip(values) {
                    let f = f as usize;
                    let row = &mut model.weights[f * columns..(f + 1) * columns];
                    let sq = &mut squares[f * h_count..(f + 1) * h_count];
                    for (h, head) in model.heads.iter().enumerate() {
                        if norms[h] == 0.0 {
                            continue;
                        }
                        sq[h] += x * x * norms[h];
                        let step = eta / (sq[h].sqrt() + EPSILON);
                        for (w, &g) in row[head.columns()].iter_mut().zip(&grad[head.columns()]) {
                            *w -= step * (g * x + l2 * *w);
                        }
                    }
                }
            }
            steps.fetch_add(order.len() % STEPS_PER_REPORT, Ordering::Relaxed);
        }
        model
    }

    /// The scores of every column for one row of features (`out.len() == columns`).
    pub fn logits(&self, indices: &[u32], values: &[f32], out: &mut [f32]) {
        out.copy_from_slice(&self.bias);
        let c = self.columns;
        for (&f, &x) in indices.iter().zip(values) {
            let at = f as usize * c;
            for (o, &w) in out.iter_mut().zip(&self.weights[at..at + c]) {
                *o += x * w;
            }
        }
    }

    /// The probabilities of every class of head `h` for one row of features.
    pub fn probabilities(&self, h: usize, indices: &[u32], values: &[f32]) -> Vec<f32> {
        let mut out = vec![0.0; self.columns];
        self.logits(indices, values, &mut out);
        let own = &mut out[self.heads[h].columns()];
        softmax(own, 1.0);
        own.to_vec()
    }
}

/// Turns scores into probabilities in place, `softmax(z / temperature)`; they sum to 1 (up to
/// rounding). The largest score is subtracted first, so no score overflows.
pub fn softmax(scores: &mut [f32], temperature: f32) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        let uniform = 1.0 / scores.len().max(1) as f32;
        scores.iter_mut().for_each(|s| *s = uniform);
        return;
    }
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = ((*s - max) / temperature).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

/// The index of the largest value (the first of equals); 0 for an empty slice.
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(seed: u64) -> TrainSettings {
        TrainSettings {
            epochs: 10,
            learning_rate: 0.5,
            l2: 1e-6,
            seed,
        }
    }

    fn one(class: u8) -> [Option<u8>; MAX_HEADS] {
        [Some(class), None, None, None, None]
    }

    /// Three classes, each with its own feature (0, 1, 2) and a shared noise feature (3).
    fn toy() -> (SparseRows, Vec<Example>) {
        let mut rows = SparseRows::new();
        let mut examples = Vec::new();
        for i in 0..60u32 {
            let class = (i % 3) as u8;
            rows.push(&[u32::from(class), 3], &[0.8, 0.6]);
            examples.push(Example {
                row: i,
                labels: one(class),
            });
        }
        (rows, examples)
    }

    fn bits(m: &Logistic) -> Vec<u32> {
        m.weights
            .iter()
            .chain(&m.bias)
            .map(|w| w.to_bits())
            .collect()
    }

    #[test]
    fn learns_a_separable_problem() {
        let (rows, examples) = toy();
        let model = Logistic::train(&rows, &examples, &[3], 4, &settings(1));
        for e in &examples {
            let (i, v) = rows.row(e.row as usize);
            let p = model.probabilities(0, i, v);
            let class = usize::from(e.labels[0].unwrap());
            assert_eq!(argmax(&p), class);
            assert!(p[class] > 0.9, "{p:?}");
        }
    }

    /// Every epoch goes through every example once, whether it teaches anything or not, and
    /// counting them changes nothing in the weights.
    #[test]
    fn training_counts_every_example_of_every_epoch() {
        let (mut rows, mut examples) = toy();
        for i in 0..5000u32 {
            rows.push(&[3], &[1.0]);
            examples.push(Example {
                row: 60 + i,
                labels: [None; MAX_HEADS],
            });
        }
        let steps = AtomicUsize::new(0);
        let counted = Logistic::train_counted(&rows, &examples, &[3], 4, &settings(1), &steps);
        assert_eq!(steps.load(Ordering::Relaxed), 10 * 5060);
        let plain = Logistic::train(&rows, &examples, &[3], 4, &settings(1));
        assert_eq!(bits(&counted), bits(&plain));
    }

    #[test]
    fn probabilities_sum_to_one() {
        let (rows, examples) = toy();
        let model = Logistic::train(&rows, &examples, &[3], 4, &settings(1));
        for r in 0..rows.len() {
            let (i, v) = rows.row(r);
            let sum: f32 = model.probabilities(0, i, v).iter().sum();
            assert!((sum - 1.0).abs() < 1e-5, "{sum}");
        }
        let mut huge = [1e30, -1e30, 3.0];
        softmax(&mut huge, 1.0);
        assert_eq!(huge, [1.0, 0.0, 0.0]);
        let mut infinite = [f32::INFINITY, 0.0];
        softmax(&mut infinite, 1.0);
        assert_eq!(infinite, [0.5, 0.5], "no NaN from infinite scores");
    }

    #[test]
    fn temperature_flattens_or_sharpens() {
        let mut cold = [2.0, 0.0];
        let mut warm = [2.0, 0.0];
        softmax(&mut cold, 0.5);
        softmax(&mut warm, 2.0);
        let mut plain = [2.0, 0.0];
        softmax(&mut plain, 1.0);
        assert!(cold[0] > plain[0] && plain[0] > warm[0]);
        assert!((plain[0] - 1.0 / (1.0 + (-2f32).exp())).abs() < 1e-6);
    }

    #[test]
    fn training_is_deterministic_bit_for_bit() {
        let (rows, examples) = toy();
        let a = Logistic::train(&rows, &examples, &[3], 4, &settings(7));
        let b = Logistic::train(&rows, &examples, &[3], 4, &settings(7));
        assert_eq!(bits(&a), bits(&b));
        let c = Logistic::train(&rows, &examples, &[3], 4, &settings(8));
        assert_ne!(bits(&a), bits(&c), "the seed orders the examples");
    }

    #[test]
    fn heads_learn_apart_and_only_from_their_own_labels() {
        // Head 0: the class of features 0–2. Head 1 (2 classes): the row's parity, with a
        // feature of its own (4 or 5); four rows in five are labelled for it.
        let (mut rows, mut examples) = toy();
        rows = {
            let mut r = SparseRows::new();
            for i in 0..rows.len() {
                let (idx, val) = rows.row(i);
                let parity = 4 + (i as u32 % 2);
                r.push(&[idx[0], idx[1], parity], &[val[0], val[1], 0.5]);
            }
            r
        };
        for (i, e) in examples.iter_mut().enumerate() {
            e.labels[1] = (i % 5 != 0).then_some((i % 2) as u8);
        }
        let both = Logistic::train(&rows, &examples, &[3, 2], 6, &settings(3));
        for e in &examples {
            let (i, v) = rows.row(e.row as usize);
            assert_eq!(
                argmax(&both.probabilities(1, i, v)),
                e.row as usize % 2,
                "head 1 learnt parity"
            );
        }
        // Head 0 trained alongside head 1 is head 0 trained alone, bit for bit.
        let alone = Logistic::train(&rows, &examples, &[3], 6, &settings(3));
        let column0 = |m: &Logistic| -> Vec<u32> {
            (0..6)
                .flat_map(|f| (0..3).map(move |k| (f, k)))
                .map(|(f, k)| m.weights[f * m.columns + k].to_bits())
                .chain(m.bias[..3].iter().map(|b| b.to_bits()))
                .collect()
        };
        assert_eq!(column0(&both), column0(&alone));
    }

    #[test]
    fn a_class_never_seen_gets_a_low_probability() {
        let (rows, examples) = toy();
        let model = Logistic::train(&rows, &examples, &[4], 4, &settings(1));
        let (i, v) = rows.row(0);
        assert!(model.probabilities(0, i, v)[3] < 0.05);
    }

    #[test]
    fn sparse_rows_append_keeps_rows_apart() {
        let mut a = SparseRows::new();
        a.push(&[1, 2], &[0.5, 0.5]);
        let mut b = SparseRows::new();
        b.push(&[], &[]);
        b.push(&[7], &[1.0]);
        a.append(&b);
        assert_eq!(a.len(), 3);
        assert_eq!(a.entries(), 3);
        assert_eq!(a.row(0), (&[1u32, 2][..], &[0.5f32, 0.5][..]));
        assert_eq!(a.row(1), (&[][..], &[][..]));
        assert_eq!(a.row(2), (&[7u32][..], &[1.0f32][..]));
        assert_eq!(argmax(&[0.1, 0.7, 0.7]), 1);
        assert_eq!(argmax(&[]), 0);
    }

    #[test]
    fn default_rows_are_empty_rows_that_take_pushes() {
        let mut rows = SparseRows::default();
        assert!(rows.is_empty());
        rows.push(&[4], &[1.0]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows.row(0), (&[4u32][..], &[1.0f32][..]));
    }
}
