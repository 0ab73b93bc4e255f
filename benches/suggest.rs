//! The label model's speed and size targets on the 105,116-case sample, and its held-out
//! figures. Prints rows of GUIDE.md's performance table.

mod support;

use casebench::io::sample::{self, SampleConfig};
use casebench::suggest::{LabelModel, TrainOptions, TrainingCase};
use support::{header, measure, row, Selection};

fn main() {
    if Selection::from_args().is_none() {
        return;
    }
    let cases = sample::generate(SampleConfig::default());
    let training: Vec<TrainingCase<'_>> = cases
        .iter()
        .map(|c| TrainingCase {
            text: &c.text,
            labels: c.labels,
        })
        .collect();
    let options = TrainOptions::default();
    header();

    let f = measure(
        3,
        false,
        || (),
        |()| LabelModel::train(&training, &options).expect("the sample trains"),
    );
    row(
        "train the label model on 105,116 cases (5 dimensions)",
        "≤ 15 s",
        &f,
    );

    let (model, figures) = LabelModel::train(&training, &options).expect("the sample trains");
    let texts: Vec<&str> = cases.iter().map(|c| &*c.text).collect();
    let f = measure(5, true, || (), |()| model.suggest_all(&texts));
    row(
        "suggest all five labels for 105,116 cases (all cores)",
        "≤ 2 s",
        &f,
    );
    let f = measure(
        3,
        false,
        || (),
        |()| texts.iter().map(|t| model.suggest(t)).collect::<Vec<_>>(),
    );
    row(
        "suggest all five labels for 105,116 cases (one thread)",
        "",
        &f,
    );

    let mut at = 0;
    let f = measure(
        10_000,
        true,
        || {
            at = (at + 7919) % cases.len();
            &cases[at].text
        },
        |text| model.suggest(text),
    );
    row("suggest one case (all five labels)", "≤ 50 µs", &f);

    println!();
    println!(
        "model memory: {:.1} MB (target ≤ 30 MB)",
        model.memory_bytes() as f64 / 1e6
    );
    println!();
    println!("| held-out sample cases (the generator's own texts) | trained on | held out | accuracy | macro-F1 | ECE |");
    println!("|---|---|---|---|---|---|");
    for f in &figures {
        println!(
            "| {} | {} | {} | {:.1} % | {:.3} | {:.3} |",
            f.dim,
            f.trained_on,
            f.held_out,
            f.accuracy * 100.0,
            f.macro_f1,
            f.ece
        );
    }
}
