//! The label model end to end: training on a small generated sample, suggesting, saving and
//! reading back.

use std::sync::OnceLock;

use super::format::VERSION;
use super::labels::Learning;
use super::{DimFigures, LabelModel, SuggestError, TrainOptions, TrainingCase, Tuning};
use crate::domain::{Case, Dimension};
use crate::io::sample::{self, SampleConfig};

const CASES: usize = 3000;

fn sample_cases() -> &'static [Case] {
    static CASES_: OnceLock<Vec<Case>> = OnceLock::new();
    CASES_.get_or_init(|| {
        sample::generate(SampleConfig {
            cases: CASES,
            seed: 11,
        })
    })
}

fn training(cases: &[Case]) -> Vec<TrainingCase<'_>> {
    cases
        .iter()
        .map(|c| TrainingCase {
            text: &c.text,
            labels: c.labels,
        })
        .collect()
}

fn trained() -> &'static (LabelModel, Vec<DimFigures>) {
    static MODEL: OnceLock<(LabelModel, Vec<DimFigures>)> = OnceLock::new();
    MODEL.get_or_init(|| {
        LabelModel::train(&training(sample_cases()), &TrainOptions::default()).unwrap()
    })
}

/// A watched training hears the features extracted up to every case, then the steps through
/// the examples up to their total, then the calibration, in that order; and it learns the
/// model an unwatched training learns.
#[test]
fn a_watched_training_reports_its_phases_in_order_and_learns_the_same_model() {
    let cases = training(sample_cases());
    let mut heard = Vec::new();
    let watched =
        LabelModel::train_counted(&cases, &TrainOptions::default(), &mut |at| heard.push(at))
            .unwrap();
    assert_eq!(&watched, trained());
    let phase = |at: &Learning| match at {
        Learning::Features { .. } => 0,
        Learning::Steps { .. } => 1,
        Learning::Calibrating => 2,
    };
    let phases: Vec<u8> = heard.iter().map(phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{heard:?}");
    let last_features = heard.iter().rev().find(|at| phase(at) == 0);
    assert_eq!(
        last_features,
        Some(&Learning::Features {
            done: CASES,
            cases: CASES
        })
    );
    let Some(Learning::Steps { done, total }) = heard.iter().rev().find(|at| phase(at) == 1) else {
        panic!("no step heard: {heard:?}");
    };
    assert_eq!(done, total);
    assert_eq!(
        total % (3 * CASES),
        0,
        "3 epochs of every case, per group: {total}"
    );
    assert_eq!(heard.last(), Some(&Learning::Calibrating));
}

fn labelled(dim: Dimension) -> usize {
    sample_cases()
        .iter()
        .filter(|c| c.label(dim).is_some())
        .count()
}

#[test]
fn every_dimension_is_learnt_with_a_tenth_held_out() {
    let (model, figures) = trained();
    assert_eq!(
        figures.iter().map(|f| f.dim).collect::<Vec<_>>(),
        Dimension::ALL
    );
    for f in figures {
        let n = labelled(f.dim);
        let held = (n as f64 * 0.1).round() as usize;
        assert_eq!((f.held_out, f.trained_on), (held, n - held), "{}", f.dim);
        assert!(model.has(f.dim));
        assert!((0.0..=1.0).contains(&f.accuracy) && (0.0..=1.0).contains(&f.ece));
    }
    // The generator writes what kind of claim a report is plainly, and names the service
    // most of the time; whether a substitute existed it never says.
    let by = |dim: Dimension| figures.iter().find(|f| f.dim == dim).unwrap();
    assert!(
        by(Dimension::Kind).accuracy > 0.95,
        "{:?}",
        by(Dimension::Kind)
    );
    assert!(
        by(Dimension::Scope).accuracy > 0.9,
        "{:?}",
        by(Dimension::Scope)
    );
    assert!(
        by(Dimension::Service).accuracy > 0.75,
        "{:?}",
        by(Dimension::Service)
    );
    assert!(
        by(Dimension::Service).ece < 0.1,
        "{:?}",
        by(Dimension::Service)
    );
}

#[test]
fn suggestions_agree_with_the_probabilities() {
    let (model, _) = trained();
    for case in sample_cases().iter().take(50) {
        let suggested = model.suggest(&case.text);
        for dim in Dimension::ALL {
            let (code, confidence) = suggested[dim.index()].unwrap();
            let p = model.probabilities(dim, &case.text);
            assert_eq!(p.len(), dim.codes().len());
            let sum: f32 = p.iter().sum();
            assert!((sum - 1.0).abs() < 1e-4, "{sum}");
            let best = p.iter().copied().fold(0.0, f32::max);
            assert_eq!(p[usize::from(code)], best);
            assert_eq!(confidence, best);
            assert!((0.0..=1.0).contains(&confidence));
        }
    }
    let texts: Vec<&str> = sample_cases().iter().take(300).map(|c| &*c.text).collect();
    let all = model.suggest_all(&texts);
    assert_eq!(all.len(), 300);
    for (text, s) in texts.iter().zip(&all) {
        assert_eq!(*s, model.suggest(text));
    }
}

/// Names that appear nowhere in the sample generator's phrases (checked with grep over
/// src/io/sample/): the model can only know them through the lexicon's groups.
#[test]
fn names_the_generator_never_writes_still_point_to_their_service() {
    let (model, _) = trained();
    let service = |text: &str| {
        let (code, _) = model.suggest(text)[Dimension::Service.index()].unwrap();
        Dimension::Service.code(code)
    };
    assert_eq!(service("이모플 결제했는데 이틀 동안 못 썼어요"), "emoticon");
    assert_eq!(service("카페이가 안 돼서 하루 종일 불편했어요"), "kakaopay");
    assert_eq!(
        service("플친으로 예약 받는데 하루 종일 안 됐어요"),
        "talk_channel"
    );
    assert_eq!(service("기다무 기다리던 거 하루 날렸네요"), "kakao_page");
    assert_eq!(service("카카오내비가 하루 종일 안 됐어요"), "kakao_t");
}

#[test]
fn training_is_deterministic_and_does_not_depend_on_the_threads() {
    let cases = &sample_cases()[..600];
    let options = TrainOptions::default();
    let tuning = Tuning::default();
    let one = LabelModel::train_in_groups(&training(cases), &options, &tuning, 1, None).unwrap();
    let five = LabelModel::train_in_groups(&training(cases), &options, &tuning, 5, None).unwrap();
    assert_eq!(one.0.to_bytes(), five.0.to_bytes());
    assert_eq!(one.1, five.1);
    let again = LabelModel::train(&training(cases), &options).unwrap();
    assert_eq!(one.0.to_bytes(), again.0.to_bytes());
    let other = TrainOptions { seed: 5, ..options };
    let reseeded = LabelModel::train(&training(cases), &other).unwrap();
    assert_ne!(one.0.to_bytes(), reseeded.0.to_bytes());
}

#[test]
fn a_dimension_with_too_few_labels_is_not_learnt() {
    let cases = &sample_cases()[..200];
    let mut t = training(cases);
    // Substitute labelled on 19 cases only, service on none.
    let mut kept = 0;
    for c in &mut t {
        c.labels[Dimension::Service.index()] = None;
        if c.labels[Dimension::Substitute.index()].is_some() || kept < 19 {
            c.labels[Dimension::Substitute.index()] = (kept < 19).then_some(0);
            kept += 1;
        }
    }
    let (model, figures) = LabelModel::train(&t, &TrainOptions::default()).unwrap();
    assert_eq!(
        figures.iter().map(|f| f.dim).collect::<Vec<_>>(),
        [Dimension::Scope, Dimension::Reporter, Dimension::Kind]
    );
    let s = model.suggest("카톡이 안 돼요");
    assert!(s[Dimension::Service.index()].is_none());
    assert!(s[Dimension::Substitute.index()].is_none());
    assert!(s[Dimension::Kind.index()].is_some());
    assert!(model.probabilities(Dimension::Service, "카톡").is_empty());
    assert_eq!(model.temperature(Dimension::Service), None);
}

#[test]
fn bad_training_input_is_a_clear_error() {
    let cases = training(&sample_cases()[..100]);
    let err = |options: TrainOptions, cases: &[TrainingCase<'_>]| {
        LabelModel::train(cases, &options).unwrap_err().to_string()
    };
    let half = TrainOptions {
        holdout: 0.6,
        ..TrainOptions::default()
    };
    assert_eq!(
        err(half, &cases),
        "holdout must be a share between 0 and 0.5 (for example 0.1), not 0.6"
    );
    let nan = TrainOptions {
        holdout: f64::NAN,
        ..TrainOptions::default()
    };
    assert!(matches!(
        LabelModel::train(&cases, &nan),
        Err(SuggestError::BadHoldout(_))
    ));
    let mut wrong = cases.clone();
    wrong[7].labels[Dimension::Kind.index()] = Some(6);
    assert_eq!(
        err(TrainOptions::default(), &wrong),
        "training case 7 (counting from 0): kind code 6 does not exist (kind has 6 codes)"
    );
    let unlabelled: Vec<TrainingCase<'_>> = cases
        .iter()
        .map(|c| TrainingCase {
            text: c.text,
            labels: [None; 5],
        })
        .collect();
    assert_eq!(
        err(TrainOptions::default(), &unlabelled),
        "nothing to learn from: no dimension has 20 labelled cases (label some cases first)"
    );
    assert!(LabelModel::train(&[], &TrainOptions::default()).is_err());
}

#[test]
fn a_saved_model_reads_back_exactly() {
    let (model, _) = trained();
    let bytes = model.to_bytes();
    let back = LabelModel::from_bytes(&bytes).unwrap();
    assert_eq!(&back, model);
    let text = &sample_cases()[3].text;
    assert_eq!(back.suggest(text), model.suggest(text));
    assert!(model.memory_bytes() >= bytes.len() - 100);
}

#[test]
fn foreign_truncated_or_damaged_bytes_are_errors_not_panics() {
    let (model, _) = trained();
    let bytes = model.to_bytes();
    let read = |b: &[u8]| LabelModel::from_bytes(b).unwrap_err();
    assert_eq!(read(b""), SuggestError::NotAModel);
    assert_eq!(read(b"SQLite format 3\0"), SuggestError::NotAModel);
    assert_eq!(
        read(&bytes[..100]),
        SuggestError::Truncated {
            found: 100,
            expected: bytes.len()
        }
    );
    assert_eq!(
        read(&bytes[..20]).to_string(),
        "the label model is truncated: 20 bytes, expected 73"
    );
    let mut newer = bytes.clone();
    newer[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
    assert_eq!(
        read(&newer).to_string(),
        format!(
            "the label model has format version {}, but this casebench reads version {VERSION}; \
             train the model again",
            VERSION + 1
        )
    );
    let mut flipped = bytes.clone();
    let middle = bytes.len() / 2;
    flipped[middle] ^= 0x40;
    assert_eq!(
        read(&flipped).to_string(),
        "the label model is damaged: its checksum does not match; train the model again"
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        read(&longer),
        SuggestError::Damaged("there are bytes after its end")
    );
    let mut lexicon = bytes.clone();
    lexicon[12] ^= 1;
    let end = lexicon.len() - 8;
    let sum = super::features::Fnv::new().bytes(&lexicon[..end]).finish();
    lexicon[end..].copy_from_slice(&sum.to_le_bytes());
    assert_eq!(read(&lexicon), SuggestError::DifferentLexicon);
    // Every cut of the header, and some of the body: an error each time.
    for cut in (0..200).chain((200..bytes.len()).step_by(bytes.len() / 50)) {
        assert!(
            LabelModel::from_bytes(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
}
