//! CSV files: a header row naming the fields, then one case per record.

use std::collections::HashSet;

use super::columns::Column;
use super::problem::Problem;
use super::record::RawRecord;
use crate::io::csv_strict::read_records_counted;

/// Reads the records of a CSV file. The header must name `id` and `text`; unknown or repeated
/// columns are errors; every record must have as many fields as the header.
/// `lines` hears now and then how many lines are read.
pub fn read(
    text: &str,
    problems: &mut Vec<Problem>,
    lines: &mut dyn FnMut(usize),
) -> Vec<RawRecord> {
    let (records, errors) = read_records_counted(text, lines);
    problems.extend(errors.into_iter().map(|e| Problem::at(e.line, e.message)));
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Vec::new();
    };
    let mut columns = Vec::with_capacity(header.fields.len());
    let mut seen = HashSet::new();
    for name in &header.fields {
        let name = name.trim();
        if Column::is_derived(name) {
            columns.push(None); // export --rules or --suggestions: not part of a case
            continue;
        }
        match Column::parse(name) {
            Ok(column) if !seen.insert(column) => problems.push(Problem::at(
                header.line,
                format!("header: column \"{name}\" appears twice"),
            )),
            Ok(column) => columns.push(Some(column)),
            Err(message) => {
                problems.push(Problem::at(header.line, format!("header: {message}")));
                columns.push(None);
            }
        }
    }
    let mut complete = true;
    for required in [Column::Id, Column::Text] {
        if !seen.contains(&required) {
            complete = false;
            problems.push(Problem::at(
                header.line,
                format!("header: required column \"{}\" is missing", required.name()),
            ));
        }
    }
    if !complete {
        // Every record would repeat the header's problem.
        return Vec::new();
    }
    let mut out = Vec::new();
    for record in records {
        if record.fields.len() != columns.len() {
            problems.push(Problem::at(
                record.line,
                format!(
                    "has {} fields, the header has {}",
                    record.fields.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let values = columns
            .iter()
            .zip(record.fields)
            .filter_map(|(column, value)| column.map(|c| (c, (!value.is_empty()).then_some(value))))
            .collect();
        out.push(RawRecord {
            line: record.line,
            values,
        });
    }
    out
}
