//! The label model: for each dimension, the most likely code of a claim's text and a
//! calibrated confidence, learnt from the cases people have labelled.
//!
//! Per dimension, from the cases with that label set: a seeded share (`holdout`) is kept
//! aside; multinomial logistic regression ([`logistic`](super::logistic)) learns from the rest
//! over the text's hashed features ([`features`](super::features)); the held-out cases then
//! fit the dimension's temperature ([`calibrate`](super::calibrate)) and give its figures
//! ([`DimFigures`]). A dimension with fewer than [`MIN_CASES`] labelled cases is not learnt.
//!
//! Texts are turned into features on all cores and the dimensions train side by side; each
//! dimension's training runs in a fixed order on one thread, so a given set of cases and seed
//! always gives the same model, bit for bit, whatever the number of cores.
//!
//! The trained weights of all dimensions are kept interleaved, one row of every dimension's
//! class weights per feature bucket, so suggesting all five labels for a text reads each of
//! its features' weights from one place.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::ScopedJoinHandle;
use std::time::Duration;

use super::calibrate::fit_temperature;
use super::error::SuggestError;
use super::features::{FeatureSettings, Features};
use super::logistic::{argmax, softmax, Example, Logistic, SparseRows, TrainSettings, MAX_HEADS};
use super::metrics::{label_metrics, Prediction};
use crate::domain::Dimension;
use crate::rng::Rng;

/// The fewest labelled cases a dimension is learnt from.
pub const MIN_CASES: usize = 20;

/// One case to learn from: its text and its labels (code indices, [`Dimension::ALL`] order).
#[derive(Clone, Copy, Debug)]
pub struct TrainingCase<'a> {
    pub text: &'a str,
    pub labels: [Option<u8>; 5],
}

/// Where [`LabelModel::train_counted`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learning {
    /// Turning texts into features: `done` of `cases`.
    Features { done: usize, cases: usize },
    /// Going through the examples, every epoch, for every group of dimensions trained
    /// together: `done` of `total` steps.
    Steps { done: usize, total: usize },
    /// Fitting each dimension's temperature on its held-out cases, and its figures.
    Calibrating,
}

/// What the user chooses about training.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainOptions {
    /// Seeds the held-out split and the order of training.
    pub seed: u64,
    /// The share of each dimension's labelled cases kept aside for calibration and the
    /// figures (greater than 0, at most 0.5).
    pub holdout: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: crate::io::sample::DEFAULT_SEED,
            holdout: 0.1,
        }
    }
}

/// The method's settings: the features and the optimizer. [`Tuning::default`] is what
/// measurement on held-out sample cases chose; other values are for experiments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tuning {
    pub features: FeatureSettings,
    pub epochs: u32,
    pub learning_rate: f32,
    pub l2: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            features: FeatureSettings::default(),
            epochs: 3,
            learning_rate: 0.3,
            l2: 1e-5,
        }
    }
}

/// How one dimension did on its held-out cases (after calibration).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DimFigures {
    pub dim: Dimension,
    pub trained_on: usize,
    pub held_out: usize,
    /// Share of held-out cases whose best code is their label.
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Expected calibration error, 10 equal-width bins.
    pub ece: f64,
}

/// One learnt dimension: where its classes sit in a bucket's row, and its temperature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct DimModel {
    pub column: usize,
    pub classes: usize,
    pub temperature: f32,
}

/// The trained model. Build it with [`LabelModel::train`] or [`LabelModel::from_bytes`].
#[derive(Clone, Debug, PartialEq)]
pub struct LabelModel {
    pub(super) settings: FeatureSettings,
    /// [`Dimension::ALL`] order; `None` for a dimension that had too few labelled cases.
    pub(super) dims: [Option<DimModel>; 5],
    /// Classes over all learnt dimensions: the length of one bucket's row.
    pub(super) columns: usize,
    /// `weights[bucket * columns + column]`.
    pub(super) weights: Vec<f32>,
    pub(super) bias: Vec<f32>,
}

/// The random streams of the held-out split (per dimension) and of training.
const STREAM_SPLIT: u64 = 0x5EED_0101;
const STREAM_TRAIN: u64 = 0x5EED_0102;

thread_local! {
    /// One feature buffer per thread, reused by every suggestion made on it (only the scores
    /// are a fresh vector).
    static BUFFER: RefCell<Features> = RefCell::new(Features::new());
}

impl LabelModel {
    /// Learns every dimension with at least [`MIN_CASES`] labelled cases, with the default
    /// [`Tuning`]; returns the model and the held-out figures of each learnt dimension.
    pub fn train(
        cases: &[TrainingCase<'_>],
        options: &TrainOptions,
    ) -> Result<(LabelModel, Vec<DimFigures>), SuggestError> {
        LabelModel::train_with(cases, options, &Tuning::default())
    }

    /// [`LabelModel::train`] with other settings of the method.
    pub fn train_with(
        cases: &[TrainingCase<'_>],
        options: &TrainOptions,
        tuning: &Tuning,
    ) -> Result<(LabelModel, Vec<DimFigures>), SuggestError> {
        LabelModel::train_in_groups(cases, options, tuning, threads(), None)
    }

    /// [`LabelModel::train`], telling `watch` every few milliseconds where it is.
    pub fn train_counted(
        cases: &[TrainingCase<'_>],
        options: &TrainOptions,
        watch: &mut dyn FnMut(Learning),
    ) -> Result<(LabelModel, Vec<DimFigures>), SuggestError> {
        let tuning = Tuning::default();
        LabelModel::train_in_groups(cases, options, &tuning, threads(), Some(watch))
    }

    /// Training with the dimensions spread over at most `groups` threads; the model does not
    /// depend on `groups` (a test checks it). `watch`, if any, hears where it is.
    pub(super) fn train_in_groups(
        cases: &[TrainingCase<'_>],
        options: &TrainOptions,
        tuning: &Tuning,
        groups: usize,
        mut watch: Option<&mut dyn FnMut(Learning)>,
    ) -> Result<(LabelModel, Vec<DimFigures>), SuggestError> {
        check(cases, options)?;
        let splits: Vec<Split> = Dimension::ALL
            .into_iter()
            .filter_map(|dim| Split::new(dim, cases, options))
            .collect();
        if splits.is_empty() {
            return Err(SuggestError::NothingToLearn { minimum: MIN_CASES });
        }
        let rows = extract_all(&tuning.features, cases, &mut watch);
        let buckets = tuning.features.buckets();
        let settings = TrainSettings {
            epochs: tuning.epochs,
            learning_rate: tuning.learning_rate,
            l2: tuning.l2,
            seed: Rng::derive(options.seed, STREAM_TRAIN, 0).next_u64(),
        };
        let groups = balance(&splits, groups);
        let steps = AtomicUsize::new(0);
        let total = groups.len() * tuning.epochs as usize * cases.len();
        let mut learning = |done| Learning::Steps { done, total };
        let learnt: Vec<(Logistic, Vec<&Split>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .into_iter()
                .map(|group| {
                    let rows = &rows;
                    let settings = &settings;
                    let steps = &steps;
                    scope.spawn(move || {
                        let classes: Vec<usize> =
                            group.iter().map(|s| s.dim.codes().len()).collect();
                        let examples = examples(cases.len(), &group);
                        let model = Logistic::train_counted(
                            rows, &examples, &classes, buckets, settings, steps,
                        );
                        (model, group)
                    })
                })
                .collect();
            join_watching(handles, &steps, &mut watch, &mut learning)
        });
        if let Some(watch) = watch.as_mut() {
            watch(Learning::Calibrating);
        }
        Ok(pack(tuning.features, &rows, buckets, &learnt))
    }

    /// The best code of each dimension and its calibrated confidence (in [0, 1]);
    /// `None` for a dimension the model did not learn.
    pub fn suggest(&self, text: &str) -> [Option<(u8, f32)>; 5] {
        let mut scores = self.scores(text);
        std::array::from_fn(|i| {
            self.dims[i].map(|d| {
                let own = &mut scores[d.column..d.column + d.classes];
                softmax(own, d.temperature);
                let best = argmax(own);
                (best as u8, own[best])
            })
        })
    }

    /// [`LabelModel::suggest`] for many texts, on all cores; the answers in the texts' order.
    pub fn suggest_all(&self, texts: &[&str]) -> Vec<[Option<(u8, f32)>; 5]> {
        let chunk = texts.len().div_ceil(threads()).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = texts
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(|t| self.suggest(t)).collect()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h: std::thread::ScopedJoinHandle<'_, Vec<_>>| {
                    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
                })
                .collect()
        })
    }

    /// The calibrated probability of every code of `dim` (they sum to 1), in code order; empty
    /// when the model did not learn `dim`.
    pub fn probabilities(&self, dim: Dimension, text: &str) -> Vec<f32> {
        let Some(d) = self.dims[dim.index()] else {
            return Vec::new();
        };
        let mut scores = self.scores(text);
        let own = &mut scores[d.column..d.column + d.classes];
        softmax(own, d.temperature);
        own.to_vec()
    }

    /// Whether the model learnt `dim`.
    pub fn has(&self, dim: Dimension) -> bool {
        self.dims[dim.index()].is_some()
    }

    /// The temperature fitted for `dim`, if learnt (above 1: the raw model was overconfident).
    pub fn temperature(&self, dim: Dimension) -> Option<f32> {
        self.dims[dim.index()].map(|d| d.temperature)
    }

    pub fn settings(&self) -> &FeatureSettings {
        &self.settings
    }

    /// The memory the model holds: its weights, biases and itself.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<LabelModel>()
            + std::mem::size_of_val(self.weights.as_slice())
            + std::mem::size_of_val(self.bias.as_slice())
    }

    /// The uncalibrated scores of every learnt class (`columns` of them).
    fn scores(&self, text: &str) -> Vec<f32> {
        BUFFER.with(|buffer| {
            let mut features = buffer.borrow_mut();
            features.extract(&self.settings, text);
            let mut out = self.bias.clone();
            let c = self.columns;
            for (&f, &x) in features.indices.iter().zip(&features.values) {
                let at = f as usize * c;
                for (o, &w) in out.iter_mut().zip(&self.weights[at..at + c]) {
                    *o += x * w;
                }
            }
            out
        })
    }
}

fn check(cases: &[TrainingCase<'_>], options: &TrainOptions) -> Result<(), SuggestError> {
    if !(options.holdout > 0.0 && options.holdout <= 0.5) {
        return Err(SuggestError::BadHoldout(options.holdout));
    }
    for (i, case) in cases.iter().enumerate() {
        for (dim, label) in Dimension::ALL.into_iter().zip(case.labels) {
            let codes = dim.codes().len();
            if let Some(code) = label.filter(|&c| usize::from(c) >= codes) {
                return Err(SuggestError::CodeOutOfRange {
                    case: i,
                    dim,
                    code,
                    codes,
                });
            }
        }
    }
    Ok(())
}

/// The threads to use: the cores, at most 8.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8))
}

/// Every case's features, extracted on all cores, rows in case order; `watch` hears how many
/// cases are done.
fn extract_all(
    settings: &FeatureSettings,
    cases: &[TrainingCase<'_>],
    watch: &mut Option<&mut dyn FnMut(Learning)>,
) -> SparseRows {
    let extracted = AtomicUsize::new(0);
    let extracted = &extracted;
    let mut step = |done| Learning::Features {
        done,
        cases: cases.len(),
    };
    let chunk = cases.len().div_ceil(threads()).max(1);
    let parts: Vec<SparseRows> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut rows = SparseRows::new();
                    let mut features = Features::new();
                    for (i, case) in part.iter().enumerate() {
                        features.extract(settings, case.text);
                        rows.push(&features.indices, &features.values);
                        if (i + 1) % CASES_PER_REPORT == 0 {
                            extracted.fetch_add(CASES_PER_REPORT, Ordering::Relaxed);
                        }
                    }
                    extracted.fetch_add(part.len() % CASES_PER_REPORT, Ordering::Relaxed);
                    rows
                })
            })
            .collect();
        join_watching(handles, extracted, watch, &mut step)
    });
    let mut rows = SparseRows::new();
    for part in &parts {
        rows.append(part);
    }
    rows
}

/// How many cases a feature thread extracts between two reports.
const CASES_PER_REPORT: usize = 1024;

/// How often a watched training looks at its counters.
const WATCH_EVERY: Duration = Duration::from_millis(20);

/// Joins `handles` in order. With a `watch`, until every thread is finished it hears every
/// [`WATCH_EVERY`] the `counter` as `step` makes it a [`Learning`].
fn join_watching<T>(
    handles: Vec<ScopedJoinHandle<'_, T>>,
    counter: &AtomicUsize,
    watch: &mut Option<&mut dyn FnMut(Learning)>,
    step: &mut dyn FnMut(usize) -> Learning,
) -> Vec<T> {
    if let Some(watch) = watch.as_mut() {
        loop {
            let finished = handles.iter().all(|h| h.is_finished());
            watch(step(counter.load(Ordering::Relaxed)));
            if finished {
                break;
            }
            std::thread::sleep(WATCH_EVERY);
        }
    }
    handles
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        .collect()
}

/// One dimension's labelled cases, split into those it learns from and those held out.
struct Split {
    dim: Dimension,
    /// Case index and label, in a seeded order.
    held_out: Vec<(u32, u8)>,
    training: Vec<(u32, u8)>,
}

impl Split {
    /// `None` with fewer than [`MIN_CASES`] labelled cases.
    fn new(dim: Dimension, cases: &[TrainingCase<'_>], options: &TrainOptions) -> Option<Split> {
        let mut labelled: Vec<(u32, u8)> = cases
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.labels[dim.index()].map(|code| (i as u32, code)))
            .collect();
        if labelled.len() < MIN_CASES {
            return None;
        }
        Rng::derive(options.seed, STREAM_SPLIT, dim.index() as u64).shuffle(&mut labelled);
        let held = ((labelled.len() as f64 * options.holdout).round() as usize).max(1);
        let training = labelled.split_off(held);
        Some(Split {
            dim,
            held_out: labelled,
            training,
        })
    }

    /// What training this dimension costs, roughly: examples × classes.
    fn cost(&self) -> usize {
        self.training.len() * self.dim.codes().len()
    }
}

/// The dimensions in at most `groups` groups of about equal cost (the costliest first, each
/// to the group with the least so far), each group in `Dimension::ALL` order.
fn balance(splits: &[Split], groups: usize) -> Vec<Vec<&Split>> {
    let mut by_cost: Vec<&Split> = splits.iter().collect();
    by_cost.sort_by_key(|s| (std::cmp::Reverse(s.cost()), s.dim));
    let mut out: Vec<Vec<&Split>> = vec![Vec::new(); groups.clamp(1, splits.len().max(1))];
    for split in by_cost {
        let lightest = (0..out.len())
            .min_by_key(|&g| (out[g].iter().map(|s| s.cost()).sum::<usize>(), g))
            .unwrap_or(0);
        out[lightest].push(split);
    }
    for group in &mut out {
        group.sort_by_key(|s| s.dim);
    }
    out.retain(|g| !g.is_empty());
    out
}

/// One example per case (so every group sees the same shuffled order), labelled for each of
/// the group's dimensions that learns from it.
fn examples(cases: usize, group: &[&Split]) -> Vec<Example> {
    let mut examples: Vec<Example> = (0..cases as u32)
        .map(|row| Example {
            row,
            labels: [None; MAX_HEADS],
        })
        .collect();
    for (h, split) in group.iter().enumerate() {
        for &(row, code) in &split.training {
            examples[row as usize].labels[h] = Some(code);
        }
    }
    examples
}

/// The learnt groups as one model: each dimension's temperature and figures from its held-out
/// cases, and every dimension's weights interleaved in `Dimension::ALL` order.
fn pack(
    settings: FeatureSettings,
    rows: &SparseRows,
    buckets: usize,
    learnt: &[(Logistic, Vec<&Split>)],
) -> (LabelModel, Vec<DimFigures>) {
    let mut found: Vec<(&Split, &Logistic, usize)> = learnt
        .iter()
        .flat_map(|(model, group)| group.iter().enumerate().map(move |(h, s)| (*s, model, h)))
        .collect();
    found.sort_by_key(|(s, _, _)| s.dim);
    let columns: usize = found.iter().map(|(s, _, _)| s.dim.codes().len()).sum();
    let mut dims = [None; 5];
    let mut weights = vec![0f32; buckets * columns];
    let mut bias = vec![0f32; columns];
    let mut figures = Vec::new();
    let mut column = 0;
    for (split, model, h) in found {
        let head = model.heads[h];
        let (temperature, f) = calibrate(split, model, h, rows);
        figures.push(f);
        dims[split.dim.index()] = Some(DimModel {
            column,
            classes: head.classes,
            temperature,
        });
        bias[column..column + head.classes].copy_from_slice(&model.bias[head.columns()]);
        for b in 0..buckets {
            let from = &model.weights[b * model.columns..(b + 1) * model.columns];
            let at = b * columns + column;
            weights[at..at + head.classes].copy_from_slice(&from[head.columns()]);
        }
        column += head.classes;
    }
    let model = LabelModel {
        settings,
        dims,
        columns,
        weights,
        bias,
    };
    (model, figures)
}

/// A dimension's temperature, fitted on its held-out cases, and its figures there.
fn calibrate(split: &Split, model: &Logistic, h: usize, rows: &SparseRows) -> (f32, DimFigures) {
    let head = model.heads[h];
    let classes = head.classes;
    let mut all = vec![0f32; model.columns];
    let mut scores = Vec::with_capacity(split.held_out.len() * classes);
    for &(row, _) in &split.held_out {
        let (indices, values) = rows.row(row as usize);
        model.logits(indices, values, &mut all);
        scores.extend_from_slice(&all[head.columns()]);
    }
    let truth: Vec<u8> = split.held_out.iter().map(|&(_, code)| code).collect();
    let temperature = fit_temperature(&scores, classes, &truth);
    let predictions: Vec<Prediction> = scores
        .chunks_exact_mut(classes)
        .zip(&truth)
        .map(|(p, &t)| {
            softmax(p, temperature);
            let best = argmax(p);
            Prediction {
                truth: t,
                predicted: best as u8,
                confidence: p[best],
            }
        })
        .collect();
    let m = label_metrics(classes, &predictions);
    let figures = DimFigures {
        dim: split.dim,
        trained_on: split.training.len(),
        held_out: split.held_out.len(),
        accuracy: m.accuracy.value().unwrap_or(0.0),
        macro_f1: m.macro_f1,
        ece: m.ece,
    };
    (temperature, figures)
}
