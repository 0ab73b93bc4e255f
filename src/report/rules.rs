//! Rule-set reports: count and cash per outcome (for `stats --rules`) and the difference
//! between two rule sets (for `rules diff`), as aligned text or JSON.

use serde_json::{json, Map, Value};

use crate::domain::{format_amount, format_share};
use crate::rules::{Diff, Totals};
use crate::text::{pad_left, pad_right, sanitize, width};

/// The outcomes section: a title line naming the rule set, then every outcome of the set with
/// its cases, share and cash, then the total.
pub fn render_outcomes(rule_set: &str, totals: &Totals) -> String {
    let rows: Vec<(&str, usize, i64)> = totals.by_outcome().collect();
    let total = totals.cases();
    let code_w = rows
        .iter()
        .map(|r| width(r.0))
        .chain([width("outcome")])
        .max()
        .unwrap_or(0);
    let count_w = format_amount(total as i64).len().max(5);
    let cash_w = format_amount(totals.cash()).len().max("cash (won)".len());
    let line = |code: &str, n: &str, share: &str, cash: &str| {
        format!(
            "  {}  {}  {}  {}\n",
            pad_right(code, code_w),
            pad_left(n, count_w),
            pad_left(share, 6),
            pad_left(cash, cash_w)
        )
    };
    let mut out = format!("outcomes · {}\n", sanitize(rule_set));
    out.push_str(&line("outcome", "cases", "share", "cash (won)"));
    let mut row = |code: &str, n: usize, cash: i64| {
        let share = format_share(n, total);
        out.push_str(&line(
            code,
            &format_amount(n as i64),
            &share,
            &format_amount(cash),
        ));
    };
    for (code, n, cash) in &rows {
        row(code, *n, *cash);
    }
    row("total", total, totals.cash());
    out
}

/// `{"rule_set": NAME, "by_outcome": {CODE: {"cases": N, "cash_krw": N}}}`, every outcome of
/// the set in its order.
pub fn outcomes_json(rule_set: &str, totals: &Totals) -> Value {
    let by: Map<String, Value> = totals
        .by_outcome()
        .map(|(code, n, cash)| (code.to_string(), json!({ "cases": n, "cash_krw": cash })))
        .collect();
    json!({ "rule_set": rule_set, "by_outcome": by })
}

/// A changed case for `rules diff --list`.
pub struct Changed<'a> {
    pub id: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

/// The difference for people: what A and B are, how many cases change, the from → to table,
/// and the cash under each.
pub fn render_diff(a: (&str, &str), b: (&str, &str), diff: &Diff) -> String {
    let mut out = format!(
        "A: {} ({})\nB: {} ({})\n\n",
        sanitize(a.0),
        sanitize(a.1),
        sanitize(b.0),
        sanitize(b.1)
    );
    if diff.changed == 0 {
        out.push_str(&format!(
            "no case changes outcome (of {})\n",
            format_amount(diff.cases as i64)
        ));
    } else {
        out.push_str(&format!(
            "{} of {} cases change outcome ({})\n",
            format_amount(diff.changed as i64),
            format_amount(diff.cases as i64),
            format_share(diff.changed, diff.cases)
        ));
        let from_w = diff
            .matrix
            .iter()
            .map(|m| width(&m.0))
            .max()
            .unwrap_or(0)
            .max(4);
        let to_w = diff
            .matrix
            .iter()
            .map(|m| width(&m.1))
            .max()
            .unwrap_or(0)
            .max(2);
        let count_w = format_amount(diff.changed as i64).len().max(5);
        out.push_str(&format!(
            "  {}   {}  {}\n",
            pad_right("from", from_w),
            pad_right("to", to_w),
            pad_left("cases", count_w)
        ));
        for (from, to, n) in &diff.matrix {
            out.push_str(&format!(
                "  {} → {}  {}\n",
                pad_right(from, from_w),
                pad_right(to, to_w),
                pad_left(&format_amount(*n as i64), count_w)
            ));
        }
    }
    if diff.cash_changed > 0 {
        let (cases, verb) = if diff.cash_changed == 1 {
            ("case keeps its", "")
        } else {
            ("cases keep their", "")
        };
        out.push_str(&format!(
            "{} more {cases} outcome with a different cash amount{verb}\n",
            format_amount(diff.cash_changed as i64),
        ));
    }
    let delta = diff.cash_b.saturating_sub(diff.cash_a);
    let sign = if delta > 0 { "+" } else { "" };
    let cells = [
        format_amount(diff.cash_a),
        format_amount(diff.cash_b),
        format!("{sign}{}", format_amount(delta)),
    ];
    let cash_w = cells.iter().map(|c| c.len()).max().unwrap_or(0);
    out.push('\n');
    for (label, cell) in ["cash under A", "cash under B", "difference"]
        .iter()
        .zip(&cells)
    {
        out.push_str(&format!(
            "{}  {} won\n",
            pad_right(label, 12),
            pad_left(cell, cash_w)
        ));
    }
    out
}

/// `{"changed": N, "cases": N, "matrix": [{"from", "to", "cases"}], "cash_krw": {"a", "b",
/// "delta"}}`, and `"list": [{"id", "from", "to"}]` when the changed cases are asked for.
pub fn diff_json(diff: &Diff, list: Option<&[Changed<'_>]>) -> Value {
    let matrix: Vec<Value> = diff
        .matrix
        .iter()
        .map(|(from, to, n)| json!({ "from": from, "to": to, "cases": n }))
        .collect();
    let mut value = json!({
        "changed": diff.changed,
        "cases": diff.cases,
        "matrix": matrix,
        "cash_krw": {
            "a": diff.cash_a,
            "b": diff.cash_b,
            "delta": diff.cash_b.saturating_sub(diff.cash_a),
        },
    });
    if let (Some(list), Some(object)) = (list, value.as_object_mut()) {
        let rows: Vec<Value> = list
            .iter()
            .map(|c| json!({ "id": c.id, "from": c.from, "to": c.to }))
            .collect();
        object.insert("list".to_string(), Value::Array(rows));
    }
    value
}

/// The changed cases, one per line: `ID  FROM → TO`, ids padded to one width.
pub fn render_list(list: &[Changed<'_>]) -> String {
    let id_w = list
        .iter()
        .map(|c| width(&sanitize(c.id)))
        .max()
        .unwrap_or(0);
    let from_w = list.iter().map(|c| width(c.from)).max().unwrap_or(0);
    let mut out = String::new();
    for c in list {
        out.push_str(&format!(
            "{}  {} → {}\n",
            pad_right(&sanitize(c.id), id_w),
            pad_right(c.from, from_w),
            c.to
        ));
    }
    out
}
