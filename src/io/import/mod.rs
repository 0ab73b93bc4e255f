//! Import: reading a case file, checking every record, and reporting every problem as
//! `FILE:LINE: field: what is wrong`. All or nothing: a file with any problem imports nothing.

mod columns;
mod csv_source;
mod decode;
mod jsonl_source;
mod problem;
mod record;

use std::collections::HashMap;

pub use columns::Column;
pub use problem::Problem;
pub use record::{MAX_ID_CHARS, MAX_TEXT_CHARS};

use super::format::Format;
use crate::domain::Case;
use crate::store::{Store, StoreError};

/// The cases of a file that passed every check, with the line each starts on.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub cases: Vec<Case>,
    pub lines: Vec<usize>,
}

/// Where [`parse_counted`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsing {
    /// Splitting the file into records: `done` of its `lines` are read.
    Reading { done: usize, lines: usize },
    /// Checking the records and building their cases: `done` of `records`.
    Checking { done: usize, records: usize },
}

/// Reads and checks a whole file. Returns every problem found, in line order.
pub fn parse(bytes: &[u8], format: Format) -> Result<Parsed, Vec<Problem>> {
    parse_counted(bytes, format, &mut |_| {})
}

/// How many records [`parse_counted`] checks between two reports.
const REPORT_EVERY: usize = 4096;

/// [`parse`], telling `progress` now and then where it is.
pub fn parse_counted(
    bytes: &[u8],
    format: Format,
    progress: &mut dyn FnMut(Parsing),
) -> Result<Parsed, Vec<Problem>> {
    let (text, mut problems) = decode::decode(bytes);
    let lines = text.lines().count();
    let mut reading = |done| progress(Parsing::Reading { done, lines });
    reading(0);
    let records = match format {
        Format::Csv => csv_source::read(&text, &mut problems, &mut reading),
        Format::Jsonl => jsonl_source::read(&text, &mut problems, &mut reading),
    };
    reading(lines);
    let total = records.len();
    let mut checking = |done| {
        progress(Parsing::Checking {
            done,
            records: total,
        })
    };
    checking(0);
    if records.is_empty() && problems.is_empty() {
        let what = match format {
            Format::Csv if !text.trim().is_empty() => "the file has a header but no cases",
            _ => "the file is empty: no cases to import",
        };
        problems.push(Problem::at(1, what));
    }
    let mut parsed = Parsed::default();
    let mut first_line: HashMap<String, usize> = HashMap::with_capacity(records.len());
    for (i, record) in records.into_iter().enumerate() {
        if i % REPORT_EVERY == 0 {
            checking(i);
        }
        let line = record.line;
        match record::build_case(record) {
            Ok(case) => {
                if let Some(first) = first_line.get(&case.id) {
                    problems.push(Problem::in_field(
                        line,
                        "id",
                        format!("duplicate id \"{}\" (first on line {first})", case.id),
                    ));
                    continue;
                }
                first_line.insert(case.id.clone(), line);
                parsed.cases.push(case);
                parsed.lines.push(line);
            }
            Err(found) => problems.extend(found),
        }
    }
    checking(total);
    if problems.is_empty() {
        Ok(parsed)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Checks `parsed` against the database: a case whose id is already there is a problem, or,
/// with `skip_existing`, is dropped. Returns the ids skipped.
/// `checked` hears now and then how many ids are looked up.
pub fn check_existing(
    store: &Store,
    parsed: &mut Parsed,
    skip_existing: bool,
    checked: &mut dyn FnMut(usize),
) -> Result<Result<Vec<String>, Vec<Problem>>, StoreError> {
    let ids = parsed.cases.iter().map(|c| c.id.as_str());
    let existing = store.existing_ids_counted(ids, checked)?;
    if existing.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    if !skip_existing {
        let problems = parsed
            .cases
            .iter()
            .zip(&parsed.lines)
            .filter(|(case, _)| existing.contains(&case.id))
            .map(|(case, line)| {
                Problem::in_field(
                    *line,
                    "id",
                    format!(
                        "case \"{}\" already exists in the database (use --skip-existing to \
                         skip it)",
                        case.id
                    ),
                )
            })
            .collect();
        return Ok(Err(problems));
    }
    let mut skipped = Vec::with_capacity(existing.len());
    let mut kept = Parsed::default();
    for (case, line) in std::mem::take(&mut parsed.cases)
        .into_iter()
        .zip(&parsed.lines)
    {
        if existing.contains(&case.id) {
            skipped.push(case.id);
        } else {
            kept.cases.push(case);
            kept.lines.push(*line);
        }
    }
    *parsed = kept;
    Ok(Ok(skipped))
}

#[cfg(test)]
mod tests;
