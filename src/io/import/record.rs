//! Turning one record's raw values into a validated [`Case`].

use chrono::{DateTime, NaiveDate};

use super::columns::Column;
use super::problem::Problem;
use crate::domain::{parse_digits, Case, Status};

/// The longest text a case may have, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The longest id, in characters.
pub const MAX_ID_CHARS: usize = 100;

/// A record as read from a file: values by column, `None` for empty or null.
#[derive(Clone, Debug, Default)]
pub struct RawRecord {
    pub line: usize,
    pub values: Vec<(Column, Option<String>)>,
}

/// Validates a record. Every problem is reported, not just the first.
pub fn build_case(record: RawRecord) -> Result<Case, Vec<Problem>> {
    let line = record.line;
    let mut problems = Vec::new();
    let mut case = Case::new("", "");
    let mut has_id = false;
    let mut has_text = false;
    for (column, value) in record.values {
        let field = column.name();
        let mut problem = |message: String| problems.push(Problem::in_field(line, field, message));
        match column {
            Column::Id => match value.as_deref().map(str::trim) {
                Some(id) if !id.is_empty() => {
                    has_id = true;
                    if id.chars().any(char::is_control) {
                        problem("must not contain control characters".into());
                    } else if id.chars().count() > MAX_ID_CHARS {
                        problem(format!("is longer than {MAX_ID_CHARS} characters"));
                    }
                    case.id = id.to_string();
                }
                _ => {
                    has_id = true;
                    problem("is required and must not be empty".into());
                }
            },
            Column::Text => {
                has_text = true;
                match value {
                    Some(text) if !text.trim().is_empty() => {
                        let chars = text.chars().count();
                        if chars > MAX_TEXT_CHARS {
                            problem(format!(
                                "{} characters, more than the limit of {}",
                                crate::domain::format_amount(chars as i64),
                                crate::domain::format_amount(MAX_TEXT_CHARS as i64)
                            ));
                        }
                        case.text = text.into();
                    }
                    _ => problem("is required and must not be empty".into()),
                }
            }
            Column::ReceivedAt => {
                if let Some(v) = value {
                    match check_received_at(&v) {
                        Ok(()) => case.received_at = Some(v),
                        Err(message) => problem(message),
                    }
                }
            }
            Column::UpdatedAt => {
                if let Some(v) = value {
                    if DateTime::parse_from_rfc3339(&v).is_ok() {
                        case.updated_at = Some(v);
                    } else {
                        problem(format!("\"{v}\" is not an RFC 3339 time"));
                    }
                }
            }
            Column::Channel => case.channel = value,
            Column::Note => case.note = value,
            Column::UpdatedBy => case.updated_by = value,
            Column::Label(dim) => {
                if let Some(v) = value {
                    match dim.parse_code(v.trim()) {
                        Ok(code) => case.set_label(dim, Some(code)),
                        Err(e) => problem(e.to_string()),
                    }
                }
            }
            Column::Amount => {
                // A file stays strict and lossless: digits only (`50,000` allowed), never the
                // Korean forms a reviewer may type (`5만원`), so what is exported comes back
                // as the same number and a column of prose is refused, not guessed at.
                if let Some(v) = value {
                    match parse_digits(&v) {
                        Ok(won) => case.amount_krw = Some(won),
                        Err(e) => problem(e.to_string()),
                    }
                }
            }
            Column::Status => {
                if let Some(v) = value {
                    match Status::parse(v.trim()) {
                        Ok(status) => case.status = status,
                        Err(e) => problem(e.to_string()),
                    }
                }
            }
            Column::Version => {
                if let Some(v) = value {
                    match v.trim().parse::<i64>() {
                        Ok(n) if n >= 1 => case.version = n,
                        _ => problem(format!("\"{v}\" is not a whole number of 1 or more")),
                    }
                }
            }
        }
    }
    if !has_id {
        problems.push(Problem::in_field(line, "id", "is required and missing"));
    }
    if !has_text {
        problems.push(Problem::in_field(line, "text", "is required and missing"));
    }
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(problems)
    }
}

/// `YYYY-MM-DD` (a real date) or an RFC 3339 time.
fn check_received_at(value: &str) -> Result<(), String> {
    let is_date = value.len() == 10 && NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
    if is_date || DateTime::parse_from_rfc3339(value).is_ok() {
        Ok(())
    } else {
        Err(format!(
            "\"{value}\" is not a date (YYYY-MM-DD) or an RFC 3339 time"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    fn record(values: &[(&str, Option<&str>)]) -> RawRecord {
        RawRecord {
            line: 7,
            values: values
                .iter()
                .map(|(name, v)| (Column::parse(name).unwrap(), v.map(str::to_string)))
                .collect(),
        }
    }

    fn messages(values: &[(&str, Option<&str>)]) -> Vec<String> {
        build_case(record(values))
            .unwrap_err()
            .iter()
            .map(|p| p.in_file("f.csv").to_string())
            .collect()
    }

    #[test]
    fn a_valid_record_becomes_a_case() {
        let case = build_case(record(&[
            ("id", Some(" C-1 ")),
            ("text", Some("선물이 안 갔어요")),
            ("kind", Some("free_monetary")),
            ("amount", Some("50,000")),
            ("received_at", Some("2022-10-19")),
            ("status", Some("escalated")),
        ]))
        .unwrap();
        assert_eq!(case.id, "C-1");
        assert_eq!(case.label_code(Dimension::Kind), Some("free_monetary"));
        assert_eq!(case.amount_krw, Some(50_000));
        assert_eq!(case.status, Status::Escalated);
        assert_eq!(case.version, 1);
    }

    #[test]
    fn every_problem_of_a_record_is_reported() {
        assert_eq!(
            messages(&[
                ("id", Some("")),
                ("text", Some("t")),
                ("kind", Some("pai")),
                ("amount_krw", Some("-10")),
                ("received_at", Some("2022-13-01")),
            ]),
            [
                "f.csv:7: id: is required and must not be empty",
                "f.csv:7: kind: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)",
                "f.csv:7: amount_krw: \"-10\" is negative: amounts are whole won, 0 or more",
                "f.csv:7: received_at: \"2022-13-01\" is not a date (YYYY-MM-DD) or an RFC 3339 time",
            ]
        );
    }

    #[test]
    fn required_fields_and_text_length() {
        assert_eq!(
            messages(&[("id", Some("C-1"))]),
            ["f.csv:7: text: is required and missing"]
        );
        let long = "가".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            messages(&[("id", Some("C-1")), ("text", Some(&long))]),
            ["f.csv:7: text: 20,001 characters, more than the limit of 20,000"]
        );
        let exactly = "가".repeat(MAX_TEXT_CHARS);
        assert!(build_case(record(&[("id", Some("C-1")), ("text", Some(&exactly))])).is_ok());
    }

    #[test]
    fn unknown_columns_suggest_the_nearest() {
        assert_eq!(
            Column::parse("knd").unwrap_err(),
            "unknown field \"knd\" (did you mean \"kind\"?)"
        );
    }
}
