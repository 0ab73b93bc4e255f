//! What `casebench suggest` prints: a trained model's held-out figures, a run's summary, and
//! the evaluation against hand-labelled claims (aligned tables, or one JSON document).

use serde_json::{json, Map, Value};

use super::table::{names_then_numbers, render};
use crate::domain::{format_percent, Dimension};
use crate::suggest::amount::AmountCalibration;
use crate::suggest::calibrate::CalibrationBin;
use crate::suggest::evaluation::{AmountEvaluation, DimEvaluation, Evaluation};
use crate::suggest::labels::DimFigures;
use crate::suggest::metrics::{LabelMetrics, Rate};
use crate::text::count;

fn rate(r: Rate) -> String {
    r.value().map_or("-".into(), |v| format_percent(v * 100.0))
}

fn share(x: f64) -> String {
    format_percent(x * 100.0)
}

/// `97.2% (102 of 105)`.
fn rate_of(r: Rate) -> String {
    format!(
        "{} ({} of {})",
        rate(r),
        crate::domain::format_amount(r.hits as i64),
        crate::domain::format_amount(r.of as i64)
    )
}

/// After `suggest train`: the model, then each learnt dimension's figures on its held-out
/// cases, then how the amount reader did on the labelled cases.
pub fn render_trained(
    model_id: i64,
    cases_used: usize,
    seed: u64,
    figures: &[DimFigures],
    amount: &AmountCalibration,
) -> String {
    let mut out = format!(
        "model #{model_id}: learnt from {} (seed {seed}); figures on the held-out cases\n",
        count(cases_used, "labelled case", "labelled cases")
    );
    let rows: Vec<Vec<String>> = figures
        .iter()
        .map(|f| {
            vec![
                f.dim.name().to_string(),
                crate::domain::format_amount(f.trained_on as i64),
                crate::domain::format_amount(f.held_out as i64),
                share(f.accuracy),
                format!("{:.3}", f.macro_f1),
                format!("{:.3}", f.ece),
            ]
        })
        .collect();
    out.push_str(&render(
        &[
            "dimension",
            "trained on",
            "held out",
            "accuracy",
            "macro-F1",
            "ECE",
        ],
        &names_then_numbers(6),
        &rows,
    ));
    let learnt: Vec<Dimension> = figures.iter().map(|f| f.dim).collect();
    let missing: Vec<&str> = Dimension::ALL
        .into_iter()
        .filter(|d| !learnt.contains(d))
        .map(Dimension::name)
        .collect();
    if !missing.is_empty() {
        out.push_str(&format!(
            "not learnt (fewer than {} labelled cases): {}\n",
            crate::suggest::labels::MIN_CASES,
            missing.join(", ")
        ));
    }
    out.push_str(&format!(
        "amount (read by rules, so every labelled case measures it): exact {}, invented {}\n",
        rate_of(Rate {
            hits: amount.exact as usize,
            of: amount.labelled as usize
        }),
        rate_of(Rate {
            hits: amount.invented as usize,
            of: amount.unlabelled as usize
        }),
    ));
    out
}

/// The evaluation as text: a summary table, the amount, then per dimension its calibration
/// table and its confusion table.
pub fn render_evaluation(e: &Evaluation, source: &str) -> String {
    let mut out = format!(
        "model #{} on {} from {source}\n\n",
        e.model_id,
        count(e.cases, "hand-labelled case", "hand-labelled cases")
    );
    out.push_str(&summary(&e.dims));
    out.push_str(&amount_summary(&e.amount));
    for d in &e.dims {
        if let Some(m) = d.metrics.as_ref().filter(|m| m.accuracy.of > 0) {
            out.push('\n');
            out.push_str(&format!("{}: calibration\n", d.dim.name()));
            out.push_str(&calibration(&m.calibration));
            out.push('\n');
            out.push_str(&confusion(d.dim, m));
        }
    }
    if e.amount.metrics.exact.of + e.amount.metrics.invented.of > 0 {
        out.push_str("\namount: calibration (right: the labelled amount exactly)\n");
        out.push_str(&calibration(&e.amount.calibration));
    }
    out
}

fn summary(dims: &[DimEvaluation]) -> String {
    let rows: Vec<Vec<String>> = dims
        .iter()
        .map(|d| match &d.metrics {
            Some(m) => vec![
                d.dim.name().to_string(),
                d.labelled.to_string(),
                rate(m.accuracy),
                format!("{:.3}", m.macro_f1),
                format!("{:.3}", m.ece),
                format!("{} ({})", m.confident.share.hits, rate(m.confident.share)),
                rate(m.confident.accuracy),
            ],
            None => vec![
                d.dim.name().to_string(),
                d.labelled.to_string(),
                "not learnt".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ],
        })
        .collect();
    let threshold = crate::suggest::metrics::CONFIDENT;
    let confident = format!("confidence ≥ {threshold:.2}");
    render(
        &[
            "dimension",
            "cases",
            "accuracy",
            "macro-F1",
            "ECE",
            &confident,
            "their accuracy",
        ],
        &names_then_numbers(7),
        &rows,
    )
}

fn amount_summary(a: &AmountEvaluation) -> String {
    format!(
        "\namount: exact {} of the cases that state one; invented {} of the cases that state \
         none; missed {}; ECE {:.3}\n",
        rate_of(a.metrics.exact),
        rate_of(a.metrics.invented),
        rate_of(a.metrics.missed),
        a.ece
    )
}

fn calibration(bins: &[CalibrationBin]) -> String {
    let rows: Vec<Vec<String>> = bins
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (mean, accuracy) = if b.count == 0 {
                ("-".into(), "-".into())
            } else {
                (format!("{:.3}", b.mean_confidence), share(b.accuracy))
            };
            vec![bin_name(i, bins.len()), b.count.to_string(), mean, accuracy]
        })
        .collect();
    render(
        &["confidence", "cases", "mean", "accuracy"],
        &names_then_numbers(4),
        &rows,
    )
}

fn bin_name(i: usize, bins: usize) -> String {
    let low = i as f64 / bins as f64;
    let high = (i + 1) as f64 / bins as f64;
    let close = if i + 1 == bins { ']' } else { ')' };
    format!("[{low:.1}, {high:.1}{close}")
}

/// Rows: the label people set; columns: the suggestion; only the codes that occur.
fn confusion(dim: Dimension, m: &LabelMetrics) -> String {
    let used = used_codes(m);
    let corner = "label ↓ suggested →";
    let mut header: Vec<&str> = vec![corner];
    header.extend(used.iter().map(|&c| dim.code(c as u8)));
    let rows: Vec<Vec<String>> = used
        .iter()
        .map(|&r| {
            let mut row = vec![dim.code(r as u8).to_string()];
            row.extend(used.iter().map(|&c| m.confusion[r][c].to_string()));
            row
        })
        .collect();
    let align = names_then_numbers(header.len());
    format!(
        "{}: confusion (rows: the label, columns: the suggestion)\n{}",
        dim.name(),
        render(&header, &align, &rows)
    )
}

/// The codes that are the label or the suggestion of at least one case.
fn used_codes(m: &LabelMetrics) -> Vec<usize> {
    (0..m.confusion.len())
        .filter(|&i| {
            m.confusion[i].iter().any(|&n| n > 0) || m.confusion.iter().any(|row| row[i] > 0)
        })
        .collect()
}

fn rate_json(r: Rate) -> Value {
    json!({"hits": r.hits, "of": r.of, "rate": r.value()})
}

fn calibration_json(bins: &[CalibrationBin]) -> Value {
    bins.iter()
        .enumerate()
        .map(|(i, b)| {
            let filled = b.count > 0;
            json!({
                "low": i as f64 / bins.len() as f64,
                "high": (i + 1) as f64 / bins.len() as f64,
                "cases": b.count,
                "mean_confidence": filled.then_some(b.mean_confidence),
                "accuracy": filled.then_some(b.accuracy),
            })
        })
        .collect()
}

fn dimension_json(dim: Dimension, labelled: usize, m: &LabelMetrics) -> Value {
    let used = used_codes(m);
    let matrix: Vec<Vec<usize>> = used
        .iter()
        .map(|&r| used.iter().map(|&c| m.confusion[r][c]).collect())
        .collect();
    json!({
        "labelled": labelled,
        "accuracy": rate_json(m.accuracy),
        "macro_f1": m.macro_f1,
        "ece": m.ece,
        "calibration": calibration_json(&m.calibration),
        "coverage": {
            "threshold": m.confident.threshold,
            "share": rate_json(m.confident.share),
            "accuracy": rate_json(m.confident.accuracy),
        },
        "confusion": {
            "codes": used.iter().map(|&c| dim.code(c as u8)).collect::<Vec<_>>(),
            "matrix": matrix,
        },
    })
}

/// The evaluation as one JSON document.
pub fn evaluation_json(e: &Evaluation, source: &str) -> Value {
    let mut dims = Map::new();
    for d in &e.dims {
        let value = match &d.metrics {
            Some(m) => dimension_json(d.dim, d.labelled, m),
            None => Value::Null,
        };
        dims.insert(d.dim.name().to_string(), value);
    }
    json!({
        "model": e.model_id,
        "file": source,
        "cases": e.cases,
        "dimensions": dims,
        "amount": {
            "exact": rate_json(e.amount.metrics.exact),
            "invented": rate_json(e.amount.metrics.invented),
            "missed": rate_json(e.amount.metrics.missed),
            "ece": e.amount.ece,
            "calibration": calibration_json(&e.amount.calibration),
        },
    })
}
