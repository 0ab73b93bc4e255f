//! JSON Lines files: one JSON object per line; blank lines are skipped.

use serde_json::Value;

use super::columns::Column;
use super::problem::Problem;
use super::record::RawRecord;

/// Reads the records of a JSONL file. Strings and `null` are accepted everywhere; numbers
/// also for `amount_krw` and `version`.
/// `lines` hears now and then how many lines are read.
pub fn read(
    text: &str,
    problems: &mut Vec<Problem>,
    lines: &mut dyn FnMut(usize),
) -> Vec<RawRecord> {
    const REPORT_EVERY: usize = 4096;
    let mut out = Vec::new();
    let mut read = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        read = line_no;
        if line_no % REPORT_EVERY == 0 {
            lines(line_no);
        }
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                problems.push(Problem::at(line_no, "expected a JSON object {...}"));
                continue;
            }
            Err(e) => {
                problems.push(Problem::at(line_no, format!("invalid JSON: {e}")));
                continue;
            }
        };
        let mut record = RawRecord {
            line: line_no,
            values: Vec::with_capacity(object.len()),
        };
        for (key, value) in object {
            if Column::is_derived(&key) {
                continue; // export --rules or --suggestions: not part of a case
            }
            let column = match Column::parse(&key) {
                Ok(column) => column,
                Err(message) => {
                    problems.push(Problem::at(line_no, message));
                    continue;
                }
            };
            let numeric = matches!(column, Column::Amount | Column::Version);
            let text = match value {
                Value::Null => None,
                Value::String(s) if s.is_empty() => None,
                Value::String(s) => Some(s),
                Value::Number(n) if numeric => Some(n.to_string()),
                other => {
                    let expected = if numeric {
                        "a whole number"
                    } else {
                        "a string"
                    };
                    problems.push(Problem::in_field(
                        line_no,
                        column.name(),
                        format!("must be {expected}, not {}", json_kind(&other)),
                    ));
                    continue;
                }
            };
            record.values.push((column, text));
        }
        out.push(record);
    }
    lines(read);
    out
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
