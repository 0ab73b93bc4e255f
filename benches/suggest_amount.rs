//! The amount suggestion on the 105,116-case sample: the time to read the claimed loss of
//! every text, and how often the reading equals the case's labelled amount. Prints rows of
//! GUIDE.md's performance table, then the accuracy table.
//!
//! The sample's texts and amounts both come from our generator, which writes the labelled
//! amount into the text (or leaves it out) by its own templates: the accuracy figures say
//! how the reader does on those texts, not on claims people wrote.

mod support;

use casebench::io::sample::{self, SampleConfig};
use casebench::suggest::amount::{read_claimed_loss, AmountCalibration};
use support::{header, measure, row, Selection};

fn main() {
    if Selection::from_args().is_none() {
        return;
    }
    let cases = sample::generate(SampleConfig::default());
    header();
    let f = measure(
        20,
        true,
        || (),
        |()| {
            cases
                .iter()
                .filter_map(|c| read_claimed_loss(&c.text))
                .count()
        },
    );
    row(
        &format!(
            "amount: read the claimed loss of all {} texts",
            group(cases.len())
        ),
        "≤ 200 ms",
        &f,
    );

    let fit = AmountCalibration::fit(
        cases
            .iter()
            .map(|c| (read_claimed_loss(&c.text), c.amount_krw)),
    );
    let percent = |r: Option<f32>| r.map_or("–".to_string(), |r| format!("{:.1} %", r * 100.0));
    println!();
    println!("| accuracy (on the generator's own texts) | target | figure | cases |");
    println!("|---|---|---|---|");
    println!(
        "| amount: exact match, cases with a labelled amount | (measured on hand-written claims by suggest evaluate) | {} | {} of {} |",
        percent(fit.exact_rate()),
        group(fit.exact as usize),
        group(fit.labelled as usize)
    );
    println!(
        "| amount: no reading, cases with a labelled amount | | {} | {} |",
        percent((fit.labelled > 0).then(|| fit.missed as f32 / fit.labelled as f32)),
        group(fit.missed as usize)
    );
    println!(
        "| amount: invented, cases without a labelled amount | (measured on hand-written claims by suggest evaluate) | {} | {} of {} |",
        percent(fit.invented_rate()),
        group(fit.invented as usize),
        group(fit.unlabelled as usize)
    );
    for class in &fit.classes {
        println!(
            "| amount: evidence {} (hits / readings, smoothed confidence) | | {:.3} | {} / {} |",
            class.evidence.code(),
            class.confidence,
            group(class.hits as usize),
            group(class.readings as usize)
        );
    }
}

/// `105116` → `105,116`.
fn group(n: usize) -> String {
    casebench::domain::format_amount(n as i64)
}
