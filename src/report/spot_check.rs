//! Spot-checks for people (the sample, the list, progress, differences) and their results for
//! files (CSV, JSON Lines).

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::table::{render, Align};
use crate::domain::{format_amount, Dimension};
use crate::io::export::neutralize_formula;
use crate::store::{Compared, Progress, SpotCheck};
use crate::text::one_line;

/// A code, or `none` for "not set".
pub fn code_text(dim: Dimension, value: Option<u8>) -> &'static str {
    value.map_or("none", |c| dim.code(c))
}

fn period(check: &SpotCheck) -> String {
    match &check.until {
        Some(until) => format!("from {} until {until}", check.since),
        None => format!("since {}", check.since),
    }
}

fn title(check: &SpotCheck) -> String {
    match &check.name {
        Some(name) => format!("spot-check {} \"{}\"", check.id, one_line(name)),
        None => format!("spot-check {}", check.id),
    }
}

/// How the size was chosen, in words.
fn size_rule(check: &SpotCheck) -> String {
    match (check.confidence, check.margin) {
        (Some(c), Some(m)) => format!(
            "size for {:.0} % confidence, ±{:.1} %, p = {}",
            c * 100.0,
            m * 100.0,
            check.proportion.unwrap_or(0.5)
        ),
        _ => "size as asked".into(),
    }
}

/// After `spot-check new`: the id, the population, the strata, then the sample, one case id a
/// line (blind: no labels).
pub fn render_opened(check: &SpotCheck) -> String {
    let mut out = format!(
        "{}: {} of {} cases last labelled by {} {} ({}; seed {})\n",
        title(check),
        format_amount(check.cases.len() as i64),
        format_amount(check.population as i64),
        check.reviewers.join(", "),
        period(check),
        size_rule(check),
        check.seed,
    );
    out.push_str(&strata_line(check));
    for case in &check.cases {
        out.push_str(&one_line(&case.case_id));
        out.push('\n');
    }
    out
}

fn strata_line(check: &SpotCheck) -> String {
    let parts: Vec<String> = check
        .strata
        .iter()
        .map(|s| format!("{} {} of {}", s.stratum, s.sample, s.population))
        .collect();
    format!("by kind: {}\n", parts.join(", "))
}

/// `spot-check list`.
pub fn render_list(checks: &[(SpotCheck, Progress)]) -> String {
    let rows: Vec<Vec<String>> = checks
        .iter()
        .map(|(c, p)| {
            vec![
                c.id.to_string(),
                one_line(c.name.as_deref().unwrap_or("")).into_owned(),
                one_line(&c.created_by).into_owned(),
                c.created_at.clone(),
                one_line(&c.reviewers.join(",")).into_owned(),
                p.cases.to_string(),
                p.labelled.to_string(),
                p.differences.to_string(),
                p.unresolved().to_string(),
            ]
        })
        .collect();
    let mut align = [Align::Right; 9];
    for a in &mut align[1..5] {
        *a = Align::Left;
    }
    render(
        &[
            "id",
            "name",
            "lead",
            "created",
            "reviewers",
            "cases",
            "labelled",
            "differences",
            "unresolved",
        ],
        &align,
        &rows,
    )
}

/// `spot-check show`: the header, the progress and one line per case (blind: which
/// dimensions the lead labelled, how many differ, never the reviewer's labels).
pub fn render_show(check: &SpotCheck, progress: &Progress, differences: &[Compared]) -> String {
    let mut out = format!(
        "{} by {} at {}: {} of {} cases last labelled by {} {} ({}; seed {})\n",
        title(check),
        one_line(&check.created_by),
        check.created_at,
        check.cases.len(),
        check.population,
        check.reviewers.join(", "),
        period(check),
        size_rule(check),
        check.seed
    );
    out.push_str(&strata_line(check));
    out.push_str(&format!(
        "labelled by the lead: {} of {} cases ({} labels compared); differences: {}; kept: {}; \
         overturned: {}; unresolved: {}\n",
        progress.labelled,
        progress.cases,
        progress.compared,
        progress.differences,
        progress.kept,
        progress.overturned,
        progress.unresolved()
    ));
    let mut per_case: HashMap<&str, (usize, usize)> = HashMap::new();
    for d in differences {
        let slot = per_case.entry(d.case_id.as_str()).or_default();
        slot.0 += 1;
        slot.1 += usize::from(d.resolution.is_none());
    }
    let rows: Vec<Vec<String>> = check
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let labelled: Vec<&str> = Dimension::ALL
                .iter()
                .filter(|d| c.lead_labels[d.index()].is_some())
                .map(|d| d.name())
                .collect();
            let (diffs, open) = per_case.get(c.case_id.as_str()).copied().unwrap_or((0, 0));
            vec![
                (i + 1).to_string(),
                one_line(&c.case_id).into_owned(),
                one_line(&c.reviewer).into_owned(),
                if labelled.is_empty() {
                    "-".into()
                } else {
                    labelled.join(",")
                },
                diffs.to_string(),
                open.to_string(),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&render(
        &[
            "#",
            "case",
            "reviewer",
            "lead labelled",
            "differences",
            "unresolved",
        ],
        &[
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
        ],
        &rows,
    ));
    out
}

fn resolution_text(pair: &Compared) -> String {
    match &pair.resolution {
        Some(r) => format!("{} by {}", r.resolution.as_str(), one_line(&r.by)),
        None if pair.differs() => "unresolved".into(),
        None => "-".into(),
    }
}

/// `spot-check differences`: side by side.
pub fn render_differences(differences: &[Compared]) -> String {
    let rows: Vec<Vec<String>> = differences
        .iter()
        .map(|d| {
            vec![
                one_line(&d.case_id).into_owned(),
                d.field.name().to_string(),
                one_line(&d.reviewer).into_owned(),
                code_text(d.field, d.reviewer_value).to_string(),
                code_text(d.field, d.lead_value).to_string(),
                resolution_text(d),
            ]
        })
        .collect();
    render(
        &[
            "case",
            "field",
            "reviewer",
            "reviewer's",
            "lead's",
            "resolution",
        ],
        &[Align::Left; 6],
        &rows,
    )
}

/// One compared label as exported.
#[derive(Clone, Debug, Serialize)]
pub struct ResultRow<'a> {
    pub check_id: i64,
    pub case_id: &'a str,
    pub field: &'static str,
    pub reviewer: &'a str,
    pub reviewer_value: Option<&'static str>,
    pub lead: &'a str,
    pub lead_value: Option<&'static str>,
    pub agree: bool,
    pub resolution: Option<&'static str>,
    pub resolved_by: Option<&'a str>,
    pub resolved_at: Option<&'a str>,
}

impl<'a> ResultRow<'a> {
    pub fn of(pair: &'a Compared) -> ResultRow<'a> {
        let dim = pair.field;
        ResultRow {
            check_id: pair.check_id,
            case_id: &pair.case_id,
            field: dim.name(),
            reviewer: &pair.reviewer,
            reviewer_value: pair.reviewer_value.map(|c| dim.code(c)),
            lead: &pair.lead,
            lead_value: pair.lead_value.map(|c| dim.code(c)),
            agree: !pair.differs(),
            resolution: pair.resolution.as_ref().map(|r| r.resolution.as_str()),
            resolved_by: pair.resolution.as_ref().map(|r| r.by.as_str()),
            resolved_at: pair.resolution.as_ref().map(|r| r.at.as_str()),
        }
    }
}

/// The CSV and JSONL columns, in order.
pub const RESULT_COLUMNS: [&str; 11] = [
    "check_id",
    "case_id",
    "field",
    "reviewer",
    "reviewer_value",
    "lead",
    "lead_value",
    "agree",
    "resolution",
    "resolved_by",
    "resolved_at",
];

/// JSON Lines, one compared label a line (not set: `null`).
pub fn write_jsonl(out: &mut dyn Write, pairs: &[Compared]) -> anyhow::Result<()> {
    for pair in pairs {
        serde_json::to_writer(&mut *out, &ResultRow::of(pair))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// CSV with a header (not set: an empty cell); cells that a spreadsheet would take for a
/// formula get a leading `'`.
pub fn write_csv(out: &mut dyn Write, pairs: &[Compared]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(RESULT_COLUMNS)?;
    for pair in pairs {
        let r = ResultRow::of(pair);
        let cells = [
            r.check_id.to_string(),
            r.case_id.to_string(),
            r.field.to_string(),
            r.reviewer.to_string(),
            r.reviewer_value.unwrap_or("").to_string(),
            r.lead.to_string(),
            r.lead_value.unwrap_or("").to_string(),
            r.agree.to_string(),
            r.resolution.unwrap_or("").to_string(),
            r.resolved_by.unwrap_or("").to_string(),
            r.resolved_at.unwrap_or("").to_string(),
        ];
        writer.write_record(cells.iter().map(|c| neutralize_formula(c).into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}
