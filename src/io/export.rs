//! Export: every field of every case, as JSON Lines (lossless) or CSV (for spreadsheets),
//! optionally followed by the rule columns `outcome`, `rule` and `cash_krw` and by the
//! suggestions (JSONL `suggested`, CSV `suggested_FIELD` and `FIELD_confidence`), all of which
//! import ignores: they are derived from the labels by a rule set, or from the text by a model.
//!
//! The suggestions have a fixed shape: every dimension and `amount_krw`, each
//! `{"value": …, "confidence": …}` or `null` where nothing is suggested (a case the model made
//! no suggestion for has every one `null`). Confidences are rounded to 3 decimals.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::import::Column;
use crate::domain::filter::NOTHING_SUGGESTED;
use crate::domain::{Case, CaseSuggestion, Dimension};

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

/// What an export adds after each case's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtraColumns {
    /// `outcome`, `rule`, `cash_krw`.
    pub rules: bool,
    /// `suggested` (JSONL), `suggested_FIELD` and `FIELD_confidence` (CSV).
    pub suggestions: bool,
}

/// The values of the extra columns of one case.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Extras<'a> {
    /// The case under the rule set, for [`ExtraColumns::rules`].
    pub rules: Option<RuleColumns<'a>>,
    /// The case's suggestions, for [`ExtraColumns::suggestions`] (`None` is the same as
    /// nothing suggested).
    pub suggestion: Option<&'a CaseSuggestion>,
}

/// The rule columns of one case under a rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleColumns<'a> {
    /// The outcome code.
    pub outcome: &'a str,
    /// The deciding rule's id (`default` for the default).
    pub rule: &'a str,
    /// The cash payout in won.
    pub cash_krw: i64,
}

/// A case with the extra columns after its fields (a separate type, so that a plain export
/// pays nothing for them).
#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    case: Row<'a>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    rules: Option<RuleColumns<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: Option<SuggestedFields>,
}

/// A suggested value with its confidence.
#[derive(Clone, Copy, Serialize)]
struct SuggestedValue<T> {
    value: T,
    /// Rounded to 3 decimals.
    confidence: f64,
}

/// Every suggestion of a case, `None` where nothing is suggested.
#[derive(Serialize)]
struct SuggestedFields {
    scope: Option<SuggestedValue<&'static str>>,
    reporter: Option<SuggestedValue<&'static str>>,
    kind: Option<SuggestedValue<&'static str>>,
    service: Option<SuggestedValue<&'static str>>,
    substitute: Option<SuggestedValue<&'static str>>,
    amount_krw: Option<SuggestedValue<i64>>,
}

/// A confidence as exports write it: to 3 decimals (`0.93`, not `0.9300000071525574`).
fn rounded(confidence: f32) -> f64 {
    (f64::from(confidence) * 1000.0).round() / 1000.0
}

impl SuggestedFields {
    fn of(s: &CaseSuggestion) -> SuggestedFields {
        let label = |dim: Dimension| {
            s.label(dim).map(|l| SuggestedValue {
                value: dim.code(l.code),
                confidence: rounded(l.confidence),
            })
        };
        SuggestedFields {
            scope: label(Dimension::Scope),
            reporter: label(Dimension::Reporter),
            kind: label(Dimension::Kind),
            service: label(Dimension::Service),
            substitute: label(Dimension::Substitute),
            amount_krw: s.amount.as_ref().map(|a| SuggestedValue {
                value: a.won,
                confidence: rounded(a.confidence),
            }),
        }
    }

    /// The CSV cells, in [`Column::SUGGESTION_COLUMNS`] order: each value, then its
    /// confidence (both empty where nothing is suggested).
    fn cells(&self) -> [Cow<'static, str>; 12] {
        fn pair<T: ToString>(v: &Option<SuggestedValue<T>>) -> [Cow<'static, str>; 2] {
            match v {
                None => [Cow::Borrowed(""), Cow::Borrowed("")],
                Some(v) => [
                    Cow::Owned(v.value.to_string()),
                    Cow::Owned(v.confidence.to_string()),
                ],
            }
        }
        let [a, b] = pair(&self.scope);
        let [c, d] = pair(&self.reporter);
        let [e, f] = pair(&self.kind);
        let [g, h] = pair(&self.service);
        let [i, j] = pair(&self.substitute);
        let [k, l] = pair(&self.amount_krw);
        [a, b, c, d, e, f, g, h, i, j, k, l]
    }
}

impl<'a> Record<'a> {
    fn of(columns: ExtraColumns, (case, extras): (&'a Case, Extras<'a>)) -> Record<'a> {
        Record {
            case: Row::of(case),
            rules: extras.rules.filter(|_| columns.rules),
            suggested: columns
                .suggestions
                .then(|| SuggestedFields::of(extras.suggestion.unwrap_or(&NOTHING_SUGGESTED))),
        }
    }

    /// The case's cells, then the extra columns' (empty cells for rule columns a case has no
    /// values for).
    fn cells(&self, columns: ExtraColumns) -> Vec<Cow<'a, str>> {
        let mut cells = Vec::with_capacity(30);
        cells.extend(self.case.cells());
        if columns.rules {
            match &self.rules {
                Some(rules) => cells.extend([
                    Cow::Borrowed(rules.outcome),
                    Cow::Borrowed(rules.rule),
                    Cow::Owned(rules.cash_krw.to_string()),
                ]),
                None => cells.extend([Cow::Borrowed(""), Cow::Borrowed(""), Cow::Borrowed("")]),
            }
        }
        if let Some(suggested) = &self.suggested {
            cells.extend(suggested.cells());
        }
        cells
    }
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

/// [`write_jsonl`] with the extra `columns` after the case's fields: `outcome`, `rule` and
/// `cash_krw`, then `suggested`.
pub fn write_jsonl_with<'a>(
    out: &mut dyn Write,
    columns: ExtraColumns,
    rows: impl IntoIterator<Item = (&'a Case, Extras<'a>)>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let records = rows.into_iter().map(|row| Record::of(columns, row));
    jsonl_rows(out, records, progress)
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

/// [`write_csv`] with the extra `columns` last: `outcome`, `rule` and `cash_krw`, then
/// [`Column::SUGGESTION_COLUMNS`].
pub fn write_csv_with<'a>(
    out: &mut dyn Write,
    columns: ExtraColumns,
    rows: impl IntoIterator<Item = (&'a Case, Extras<'a>)>,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize> {
    let mut header = Column::ALL.map(Column::name).to_vec();
    if columns.rules {
        header.extend(Column::RULE_COLUMNS);
    }
    if columns.suggestions {
        header.extend(Column::SUGGESTION_COLUMNS);
    }
    let rows = rows
        .into_iter()
        .map(|row| Record::of(columns, row).cells(columns));
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

    const RULES: ExtraColumns = ExtraColumns {
        rules: true,
        suggestions: false,
    };
    const SUGGESTIONS: ExtraColumns = ExtraColumns {
        rules: false,
        suggestions: true,
    };
    const BOTH: ExtraColumns = ExtraColumns {
        rules: true,
        suggestions: true,
    };

    fn jsonl_with(columns: ExtraColumns, rows: &[(&Case, Extras<'_>)]) -> String {
        let mut out = Vec::new();
        write_jsonl_with(&mut out, columns, rows.iter().copied(), &mut |_| {}).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn csv_with(columns: ExtraColumns, rows: &[(&Case, Extras<'_>)]) -> String {
        let mut out = Vec::new();
        write_csv_with(&mut out, columns, rows.iter().copied(), &mut |_| {}).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rule_columns_come_last_and_import_ignores_them() {
        let cases = sample_cases();
        let columns = RuleColumns {
            outcome: "support_cash",
            rule: "small-business-band-1",
            cash_krw: 30_000,
        };
        let extras = Extras {
            rules: Some(columns),
            suggestion: None,
        };
        let rows: Vec<_> = cases.iter().map(|c| (c, extras)).collect();
        let text = jsonl_with(RULES, &rows);
        assert!(text.lines().all(|l| l.ends_with(
            ",\"updated_by\":null,\"outcome\":\"support_cash\",\"rule\":\"small-business-band-1\",\"cash_krw\":30000}"
        ) || l.ends_with(
            ",\"updated_by\":\"kim\",\"outcome\":\"support_cash\",\"rule\":\"small-business-band-1\",\"cash_krw\":30000}"
        )), "{text}");
        let parsed = import::parse(text.as_bytes(), Format::Jsonl).unwrap();
        assert_eq!(parsed.cases, cases);

        let text = csv_with(RULES, &rows);
        assert!(text
            .lines()
            .next()
            .unwrap()
            .ends_with(",updated_by,outcome,rule,cash_krw"));
        assert!(text.contains(",support_cash,small-business-band-1,30000\n"));
        // CSV is not for round trips (formulas are neutralized), but the columns read back.
        let parsed = import::parse(text.as_bytes(), Format::Csv).unwrap();
        assert_eq!(parsed.cases.len(), 2);
    }

    /// Suggests `paid` (0.93), `individual` (0.6666) and 800,000 won (0.97).
    fn a_suggestion() -> CaseSuggestion {
        let mut s = CaseSuggestion {
            model: 3,
            ..CaseSuggestion::default()
        };
        s.labels[Dimension::Kind.index()] = Some(crate::domain::Suggested {
            code: 0,
            confidence: 0.93,
        });
        s.labels[Dimension::Reporter.index()] = Some(crate::domain::Suggested {
            code: 0,
            confidence: 0.6666,
        });
        s.amount = Some(crate::domain::SuggestedAmount {
            won: 800_000,
            confidence: 0.97,
            start: 0,
            end: 9,
            why: "the loss".into(),
        });
        s
    }

    /// The end of a JSONL line, from `"updated_by"` on.
    fn tail(line: &str) -> &str {
        line.find(",\"updated_by\"").map_or(line, |at| &line[at..])
    }

    #[test]
    fn suggestions_have_a_fixed_shape_in_jsonl() {
        let cases = sample_cases();
        let s = a_suggestion();
        let rows = [
            (
                &cases[0],
                Extras {
                    rules: None,
                    suggestion: Some(&s),
                },
            ),
            (&cases[1], Extras::default()),
        ];
        let text = jsonl_with(SUGGESTIONS, &rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            tail(lines[0]),
            ",\"updated_by\":\"kim\",\"suggested\":{\"scope\":null,\
             \"reporter\":{\"value\":\"individual\",\"confidence\":0.667},\"kind\":{\"value\":\"paid\",\
             \"confidence\":0.93},\"service\":null,\"substitute\":null,\"amount_krw\":{\"value\":800000,\
             \"confidence\":0.97}}}"
        );
        // Nothing suggested: every key is there, null.
        assert_eq!(
            lines[1],
            "{\"id\":\"B-2\",\"received_at\":null,\"channel\":null,\"text\":\"-5만원 손해\",\
             \"scope\":null,\"reporter\":null,\"kind\":null,\"service\":null,\"substitute\":null,\
             \"amount_krw\":null,\"status\":\"new\",\"note\":null,\"version\":1,\"updated_at\":null,\
             \"updated_by\":null,\"suggested\":{\"scope\":null,\"reporter\":null,\"kind\":null,\
             \"service\":null,\"substitute\":null,\"amount_krw\":null}}"
        );
        // Import skips "suggested": the export round-trips.
        let parsed = import::parse(text.as_bytes(), Format::Jsonl).unwrap();
        assert_eq!(parsed.cases, cases);
    }

    #[test]
    fn suggestions_come_after_the_rule_columns() {
        let cases = sample_cases();
        let s = a_suggestion();
        let extras = Extras {
            rules: Some(RuleColumns {
                outcome: "reply_only",
                rule: "default",
                cash_krw: 0,
            }),
            suggestion: Some(&s),
        };
        let text = jsonl_with(BOTH, &[(&cases[0], extras)]);
        assert!(
            tail(&text).starts_with(
                ",\"updated_by\":\"kim\",\"outcome\":\"reply_only\",\"rule\":\"default\",\
                 \"cash_krw\":0,\"suggested\":{\"scope\":null,"
            ),
            "{text}"
        );
        let parsed = import::parse(text.as_bytes(), Format::Jsonl).unwrap();
        assert_eq!(parsed.cases, cases[..1]);

        let text = csv_with(BOTH, &[(&cases[0], extras)]);
        let header = text.lines().next().unwrap();
        assert!(
            header.contains(",updated_by,outcome,rule,cash_krw,suggested_scope,scope_confidence,"),
            "{header}"
        );
        assert!(
            text.ends_with(
                ",kim,reply_only,default,0,,,individual,0.667,paid,0.93,,,,,800000,0.97\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn suggestions_are_csv_column_pairs() {
        let cases = sample_cases();
        let s = a_suggestion();
        let rows = [
            (
                &cases[0],
                Extras {
                    rules: None,
                    suggestion: Some(&s),
                },
            ),
            (&cases[1], Extras::default()),
        ];
        let text = csv_with(SUGGESTIONS, &rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "id,received_at,channel,text,scope,reporter,kind,service,substitute,amount_krw,\
             status,note,version,updated_at,updated_by,suggested_scope,scope_confidence,\
             suggested_reporter,reporter_confidence,suggested_kind,kind_confidence,\
             suggested_service,service_confidence,suggested_substitute,substitute_confidence,\
             suggested_amount_krw,amount_confidence"
        );
        assert!(
            text.contains(
                ",2022-11-02T01:02:03.000Z,kim,,,individual,0.667,paid,0.93,,,,,800000,0.97\n"
            ),
            "{text}"
        );
        assert_eq!(
            text.lines().last().unwrap(),
            "B-2,,,'-5만원 손해,,,,,,,new,,1,,,,,,,,,,,,,,"
        );
        // Import skips the suggestion columns.
        let parsed = import::parse(text.as_bytes(), Format::Csv).unwrap();
        assert_eq!(parsed.cases.len(), 2);
        assert_eq!(parsed.cases[0].label(Dimension::Kind), Some(1));
        assert_eq!(parsed.cases[0].label(Dimension::Reporter), None);
    }

    #[test]
    fn confidences_round_to_three_decimals() {
        assert_eq!(rounded(0.93), 0.93);
        assert_eq!(rounded(0.6666), 0.667);
        assert_eq!(rounded(0.0005), 0.001);
        assert_eq!(rounded(1.0), 1.0);
        assert_eq!(rounded(0.0), 0.0);
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
