//! `casebench agreement`: aligned tables (per reviewer, per dimension, confusion matrices) or
//! one JSON document.

use serde_json::{json, Map, Value};

use super::table::{names_then_numbers, render, Align};
use crate::leads::{Agreement, DimensionStats, Interval, Outlier, ReviewerStats};
use crate::text::one_line;

/// The mark of an outlier figure in the text.
const MARK: &str = " !";

fn percent(x: Option<f64>) -> String {
    x.map_or("-".into(), crate::domain::format_percent)
}

fn rate(x: Option<f64>) -> String {
    percent(x.map(|v| v * 100.0))
}

fn interval(i: Option<Interval>) -> String {
    i.map_or("-".into(), |i| {
        format!(
            "[{}, {}]",
            crate::domain::format_percent(i.low * 100.0),
            crate::domain::format_percent(i.high * 100.0)
        )
    })
}

fn kappa(k: Option<f64>) -> String {
    k.map_or("n/a".into(), |k| format!("{k:.4}"))
}

fn marked(text: String, outliers: &[Outlier], which: Outlier) -> String {
    if outliers.contains(&which) {
        text + MARK
    } else {
        text
    }
}

fn name(stats: &ReviewerStats) -> String {
    stats
        .reviewer
        .as_deref()
        .map_or("(all)".into(), |n| one_line(n).into_owned())
}

fn outlier_names(outliers: &[Outlier]) -> String {
    let names: Vec<&str> = outliers.iter().map(|o| o.as_str()).collect();
    names.join(",")
}

/// The whole report as text.
pub fn render_text(agreement: &Agreement, scope: &str) -> String {
    let mut out = format!("agreement with the lead, {scope}\n\n");
    if agreement.reviewers.is_empty() {
        out.push_str("no label has been compared yet (the lead labels spot-check cases first)\n");
        return out;
    }
    out.push_str(&summary(agreement));
    for stats in &agreement.reviewers {
        out.push('\n');
        out.push_str(&format!("{}\n", name(stats)));
        out.push_str(&dimensions(stats));
        for dim in stats.dimensions.iter().filter(|d| d.compared() > 0) {
            out.push('\n');
            out.push_str(&matrix(stats, dim));
        }
    }
    let any = agreement.reviewers.iter().any(|r| !r.outliers.is_empty());
    if any {
        out.push_str(
            "\n! outlier: low_kappa = kappa more than 2 standard deviations below the reviewers' \
             mean (3 reviewers or more); high_overturn = the 95% interval of the overturn rate \
             lies above everyone's rate\n",
        );
    }
    out
}

fn summary(agreement: &Agreement) -> String {
    let row = |s: &ReviewerStats| {
        let pace = s.pace.and_then(|p| p.per_hour());
        vec![
            name(s),
            s.cases.to_string(),
            s.cases_overturned.to_string(),
            marked(rate(s.overturn_rate()), &s.outliers, Outlier::HighOverturn),
            interval(s.overturn_interval()),
            pace.map_or("-".into(), |p| format!("{p:.1}")),
            outlier_names(&s.outliers),
        ]
    };
    let mut rows: Vec<Vec<String>> = agreement.reviewers.iter().map(row).collect();
    rows.push(row(&agreement.all));
    render(
        &[
            "reviewer",
            "cases",
            "overturned",
            "rate",
            "95% interval",
            "cases/hour",
            "outliers",
        ],
        &[
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Left,
        ],
        &rows,
    )
}

fn dimensions(stats: &ReviewerStats) -> String {
    let rows: Vec<Vec<String>> = stats
        .dimensions
        .iter()
        .filter(|d| d.compared() > 0)
        .map(|d| {
            vec![
                d.dim.name().to_string(),
                d.compared().to_string(),
                percent(d.percent_agreement()),
                marked(kappa(d.kappa()), &d.outliers, Outlier::LowKappa),
                d.differences.to_string(),
                d.kept.to_string(),
                d.overturned.to_string(),
                d.unresolved().to_string(),
                marked(rate(d.overturn_rate()), &d.outliers, Outlier::HighOverturn),
                interval(d.overturn_interval()),
            ]
        })
        .collect();
    let mut align = [Align::Right; 10];
    align[0] = Align::Left;
    align[9] = Align::Left;
    render(
        &[
            "dimension",
            "compared",
            "agree",
            "kappa",
            "differences",
            "kept",
            "overturned",
            "unresolved",
            "overturn rate",
            "95% interval",
        ],
        &align,
        &rows,
    )
}

/// Rows: the reviewer's labels; columns: the lead's; only the categories that occur.
fn matrix(stats: &ReviewerStats, dim: &DimensionStats) -> String {
    let used = dim.confusion.used();
    let names = dim.confusion.categories();
    let corner = format!("{} ↓ lead →", name(stats));
    let mut header: Vec<&str> = vec![&corner];
    header.extend(used.iter().map(|&i| names[i]));
    let rows: Vec<Vec<String>> = used
        .iter()
        .map(|&r| {
            let mut row = vec![names[r].to_string()];
            row.extend(used.iter().map(|&c| dim.confusion.counts[r][c].to_string()));
            row
        })
        .collect();
    let align = names_then_numbers(header.len());
    format!(
        "{}: {} (rows: {}, columns: the lead)\n{}",
        name(stats),
        dim.dim.name(),
        name(stats),
        render(&header, &align, &rows)
    )
}

fn interval_json(i: Option<Interval>) -> Value {
    i.map_or(Value::Null, |i| json!({"low": i.low, "high": i.high}))
}

fn dimension_json(d: &DimensionStats) -> Value {
    let used = d.confusion.used();
    let names = d.confusion.categories();
    let matrix: Vec<Vec<u64>> = used
        .iter()
        .map(|&r| used.iter().map(|&c| d.confusion.counts[r][c]).collect())
        .collect();
    json!({
        "compared": d.compared(),
        "agreed": d.agreed(),
        "percent_agreement": d.percent_agreement(),
        "kappa": d.kappa(),
        "differences": d.differences,
        "kept": d.kept,
        "overturned": d.overturned,
        "unresolved": d.unresolved(),
        "overturn_rate": d.overturn_rate(),
        "overturn_interval": interval_json(d.overturn_interval()),
        "outliers": d.outliers.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        "confusion": {
            "categories": used.iter().map(|&i| names[i]).collect::<Vec<_>>(),
            "matrix": matrix,
        },
    })
}

fn reviewer_json(s: &ReviewerStats) -> Value {
    let mut dims = Map::new();
    for d in &s.dimensions {
        dims.insert(d.dim.name().to_string(), dimension_json(d));
    }
    let pace = s.pace.map_or(Value::Null, |p| {
        json!({
            "cases": p.cases,
            "changes": p.changes,
            "sessions": p.sessions,
            "active_minutes": p.active_minutes(),
            "cases_per_hour": p.per_hour(),
        })
    });
    json!({
        "reviewer": s.reviewer,
        "cases": s.cases,
        "cases_overturned": s.cases_overturned,
        "overturn_rate": s.overturn_rate(),
        "overturn_interval": interval_json(s.overturn_interval()),
        "pace": pace,
        "outliers": s.outliers.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        "dimensions": dims,
    })
}

/// `{"check": ID|null, "reviewers": [...], "all": {...}}` (see GUIDE.md).
pub fn to_json(agreement: &Agreement, check: Option<i64>) -> Value {
    json!({
        "check": check,
        "reviewers": agreement.reviewers.iter().map(reviewer_json).collect::<Vec<_>>(),
        "all": reviewer_json(&agreement.all),
    })
}
