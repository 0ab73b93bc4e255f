//! Export: every field of every case, as JSON Lines (lossless) or CSV (for spreadsheets),
//! optionally followed by the rule columns `outcome`, `rule` and `cash_krw` (which import
//! ignores: they are derived from the labels by a rule set).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::import::Column;
use crate::domain::{Case, Dimension};

/// A case as exports write it, fields in [`Column::ALL`] order.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    received_at: Option<&'a str>,
    channel: Option<&'a str>,
    text: &'a str,
    scope: Option<&'static str>,
    reporter: Option<&'static str>,
    kind: Option<&'static str>,
    service: Option<&'static str>,
    substitute: Option<&'static str>,
    amount_krw: Option<i64>,
    status: &'static str,
    note: Option<&'a str>,
    version: i64,
    updated_at: Option<&'a str>,
    updated_by: Option<&'a str>,
}

/// A case with its rule columns after its fields (a separate type, so that a plain export
/// pays nothing for them).
#[derive(Serialize)]
struct RuleRow<'a> {
    #[serde(flatten)]
    case: Row<'a>,
    outcome: &'a str,
    rule: &'a str,
    cash_krw: i64,
}

impl<'a> RuleRow<'a> {
    fn of((case, columns): (&'a Case, RuleColumns<'a>)) -> RuleRow<'a> {
        RuleRow {
            case: Row::of(case),
            outcome: columns.outcome,
            rule: columns.rule,
            cash_krw: columns.cash_krw,
        }
    }

    /// The case's cells, then the rule columns.
    fn cells(&self) -> Vec<Cow<'a, str>> {
        let mut cells = Vec::with_capacity(18);
        cells.extend(self.case.cells());
        cells.extend([
            Cow::Borrowed(self.outcome),
            Cow::Borrowed(self.rule),
            Cow::Owned(self.cash_krw.to_string()),
        ]);
        cells
    }
}

/// The rule columns of one case under a rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleColumns<'a> {
    /// The outcome code.
    pub outcome: &'a str,
    /// The deciding rule's id (`default` for the default).
    pub rule: &'a str,
    /// The cash payout in won.
    pub cash_krw: i64,
}

impl<'a> Row<'a> {
    fn of(case: &'a Case) -> Row<'a> {
        Row {
            id: &case.id,
            received_at: case.received_at.as_deref(),
            channel: case.channel.as_deref(),
            text: &case.text,
            scope: case.label_code(Dimension::Scope),
            reporter: case.label_code(Dimension::Reporter),
            kind: case.label_code(Dimension::Kind),
            service: case.label_code(Dimension::Service),
            substitute: case.label_code(Dimension::Substitute),
            amount_krw: case.amount_krw,
            status: case.status.code(),
            note: case.note.as_deref(),
            version: case.version,
            updated_at: case.updated_at.as_deref(),
            updated_by: case.updated_by.as_deref(),
        }
    }

    /// The values in column order, as CSV cells (empty for "not set").
    fn cells(&self) -> [Cow<'a, str>; 15] {
        let opt = |v: Option<&'a str>| Cow::Borrowed(v.unwrap_or(""));
        [
            Cow::Borrowed(self.id),
            opt(self.received_at),
            opt(self.channel),
            Cow::Borrowed(self.text),
            opt(self.scope),
            opt(self.reporter),
            opt(self.kind),
            opt(self.service),
            opt(self.substitute),
            self.amount_krw
                .map_or(Cow::Borrowed(""), |w| Cow::Owned(w.to_string())),
            Cow::Borrowed(self.status),
            opt(self.note),
            Cow::Owned(self.version.to_string()),
            opt(self.updated_at),
            opt(self.updated_by),
        ]
    }
}

/// Writes one JSON object per line. Importing the output into an empty database gives the
/// same cases, field for field.
pub fn write_jsonl<'a>(
    out: &mut dyn Write,
    cases: impl IntoIterator<Item = &'a Case>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    jsonl_rows(out, cases.into_iter().map(Row::of), progress)
}

/// [`write_jsonl`] with `outcome`, `rule` and `cash_krw` after the case's fields.
pub fn write_jsonl_with_rules<'a>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = (&'a Case, RuleColumns<'a>)>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    jsonl_rows(out, rows.into_iter().map(RuleRow::of), progress)
}

fn jsonl_rows<T: Serialize>(
    out: &mut dyn Write,
    rows: impl Iterator<Item = T>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let mut n = 0;
    for row in rows {
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
        n += 1;
        if n % 4096 == 0 {
            progress(n);
        }
    }
    progress(n);
    Ok(n)
}

/// Writes a header row and one row per case. Cells that a spreadsheet would run as a formula
/// are neutralized (see [`neutralize_formula`]), so CSV is for reading, not for round trips.
pub fn write_csv<'a>(
    out: &mut dyn Write,
    cases: impl IntoIterator<Item = &'a Case>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let header = Column::ALL.map(Column::name);
    let rows = cases.into_iter().map(|case| Row::of(case).cells());
    csv_rows(out, &header, rows, progress)
}

/// [`write_csv`] with the columns `outcome`, `rule` and `cash_krw` last.
pub fn write_csv_with_rules<'a>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = (&'a Case, RuleColumns<'a>)>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let mut header = Column::ALL.map(Column::name).to_vec();
    header.extend(Column::RULE_COLUMNS);
    let rows = rows.into_iter().map(|row| RuleRow::of(row).cells());
    csv_rows(out, &header, rows, progress)
}

fn csv_rows<'a>(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl Iterator<Item = impl AsRef<[Cow<'a, str>]>>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    let mut n = 0;
    for cells in rows {
        let cells = cells.as_ref().iter();
        writer.write_record(cells.map(|c| neutralize_formula(c).into_owned()))?;
        n += 1;
        if n % 4096 == 0 {
            progress(n);
        }
    }
    writer.flush()?;
    progress(n);
    Ok(n)
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
/// `'`, so that no spreadsheet evaluates it (CSV injection).
pub fn neutralize_formula(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::format::Format;
    use crate::io::import;

    fn sample_cases() -> Vec<Case> {
        let mut a = Case::new("A-1", "선물하기 \"생일\" 쿠폰, 만료\n두 번째 줄 \u{1b}[31m");
        a.set_label(Dimension::Kind, Some(1));
        a.amount_krw = Some(50_000);
        a.note = Some("=HYPERLINK(\"http://x\")".into());
        a.version = 3;
        a.updated_by = Some("kim".into());
        a.updated_at = Some("2022-11-02T01:02:03.000Z".into());
        a.received_at = Some("2022-10-19T09:13:22+09:00".into());
        let b = Case::new("B-2", "-5만원 손해");
        vec![a, b]
    }

    #[test]
    fn jsonl_round_trips_through_import() {
        let cases = sample_cases();
        let mut out = Vec::new();
        write_jsonl(&mut out, &cases, &mut |_| {}).unwrap();
        let parsed = import::parse(&out, Format::Jsonl).unwrap();
        assert_eq!(parsed.cases, cases);
    }

    #[test]
    fn jsonl_escapes_control_characters() {
        let mut out = Vec::new();
        write_jsonl(&mut out, &sample_cases(), &mut |_| {}).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("\\u001b[31m"));
        assert_eq!(text.lines().count(), 2);
    }

    #[test]
    fn csv_neutralizes_formulas_and_keeps_every_field() {
        let mut out = Vec::new();
        write_csv(&mut out, &sample_cases(), &mut |_| {}).unwrap();
        let text = String::from_utf8(out).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(
            header,
            "id,received_at,channel,text,scope,reporter,kind,service,substitute,amount_krw,\
             status,note,version,updated_at,updated_by"
        );
        assert!(text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","));
        assert!(text.contains("B-2,,,'-5만원 손해,"));
        assert!(text.contains(",50000,new,"));
    }

    #[test]
    fn rule_columns_come_last_and_import_ignores_them() {
        let cases = sample_cases();
        let columns = RuleColumns {
            outcome: "support_cash",
            rule: "small-business-band-1",
            cash_krw: 30_000,
        };
        let rows = || cases.iter().map(|c| (c, columns));
        let mut out = Vec::new();
        write_jsonl_with_rules(&mut out, rows(), &mut |_| {}).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.lines().all(|l| l.ends_with(
            ",\"updated_by\":null,\"outcome\":\"support_cash\",\"rule\":\"small-business-band-1\",\"cash_krw\":30000}"
        ) || l.ends_with(
            ",\"updated_by\":\"kim\",\"outcome\":\"support_cash\",\"rule\":\"small-business-band-1\",\"cash_krw\":30000}"
        )), "{text}");
        let parsed = import::parse(&out, Format::Jsonl).unwrap();
        assert_eq!(parsed.cases, cases);

        let mut out = Vec::new();
        write_csv_with_rules(&mut out, rows(), &mut |_| {}).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text
            .lines()
            .next()
            .unwrap()
            .ends_with(",updated_by,outcome,rule,cash_krw"));
        assert!(text.contains(",support_cash,small-business-band-1,30000\n"));
        // CSV is not for round trips (formulas are neutralized), but the columns read back.
        let parsed = import::parse(&out, Format::Csv).unwrap();
        assert_eq!(parsed.cases.len(), 2);
    }

    #[test]
    fn neutralizes_exactly_the_dangerous_first_characters() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize_formula(bad), format!("'{bad}"));
        }
        for fine in ["1-1", "a=b", "", "카카오"] {
            assert_eq!(neutralize_formula(fine), fine);
        }
    }
}
