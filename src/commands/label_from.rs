//! `casebench label --from FILE`: many changes from a file, each its own change (its own
//! transaction and version check), in one process. For scripts: a file of a thousand lines
//! is applied in a second instead of a thousand process starts.
//!
//! A line is `ID[@VERSION] FIELD=VALUE...`; `@VERSION` refuses the change unless the case is
//! still at that version. Values with spaces are double-quoted (`note="called back"`). Blank
//! lines and lines starting with `#` are skipped. The whole file is checked before anything
//! is applied; then a line refused for a version conflict (or an unknown case) is reported and
//! the others still go through. A file that touches more than 100 cases needs a lead, like a
//! bulk change. Every change of one run shares one batch id (`from-…`, printed), so the run
//! can be reverted as one (`casebench revert`).

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::context::{shown, Context, Create};
use super::error::Reported;
use super::problems::print_first;
use crate::domain::{format_amount, Change};
use crate::store::{
    new_batch_id, AuditAction, ChangeRequest, LeadOnly, StoreError, MAX_REVIEWER_BULK,
};

/// One line of the file, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub case_id: String,
    pub version: Option<i64>,
    pub changes: Vec<Change>,
}

/// Splits a line at spaces outside double quotes; the quotes themselves are dropped.
fn tokens(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            c => {
                current.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err("a double quote is never closed".into());
    }
    if started {
        out.push(current);
    }
    Ok(out)
}

fn parse_line(number: usize, text: &str) -> Result<Option<Line>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let words = tokens(trimmed)?;
    let Some((head, assignments)) = words.split_first() else {
        return Ok(None);
    };
    let (case_id, version) = match head.rsplit_once('@') {
        Some((id, v)) => {
            let version = v
                .parse::<i64>()
                .map_err(|_| format!("\"{head}\": the version after @ is not a number"))?;
            (id.to_string(), Some(version))
        }
        None => (head.clone(), None),
    };
    if assignments.is_empty() {
        return Err(format!("{case_id}: nothing to set; give FIELD=VALUE"));
    }
    let mut changes: Vec<Change> = Vec::new();
    for text in assignments {
        let change = Change::parse_assignment(text).map_err(|e| format!("{text}: {e}"))?;
        if changes.iter().any(|c| c.field() == change.field()) {
            return Err(format!("{}: set twice", change.field()));
        }
        changes.push(change);
    }
    Ok(Some(Line {
        number,
        case_id,
        version,
        changes,
    }))
}

/// Every line of `text`, or every problem as `(line, problem)`.
pub fn parse(text: &str) -> Result<Vec<Line>, Vec<(usize, String)>> {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        match parse_line(i + 1, raw) {
            Ok(Some(line)) => lines.push(line),
            Ok(None) => {}
            Err(problem) => problems.push((i + 1, problem)),
        }
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

fn report(file: &str, problems: &[(usize, String)]) -> anyhow::Error {
    print_first(
        file,
        problems
            .iter()
            .map(|(line, problem)| format!("{file}:{line}: {problem}")),
    );
    let noun = if problems.len() == 1 {
        "problem"
    } else {
        "problems"
    };
    Reported(format!(
        "{file}: {} {noun}; nothing was changed",
        problems.len()
    ))
    .into()
}

pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<()> {
    let name = shown(file);
    let bytes = std::fs::read(file).with_context(|| format!("{name}: cannot read"))?;
    let text =
        String::from_utf8(bytes).map_err(|e| report(&name, &[(1, format!("not UTF-8 ({e})"))]))?;
    let lines = parse(&text).map_err(|problems| report(&name, &problems))?;
    let reviewer = ctx.reviewer()?;
    let mut output = ctx.output()?;
    let mut store = ctx.open_store(Create::No)?;
    let cases: HashSet<&str> = lines.iter().map(|l| l.case_id.as_str()).collect();
    if cases.len() > MAX_REVIEWER_BULK {
        store.require_lead(&reviewer, LeadOnly::LargeBulk(cases.len()))?;
    }
    store.check_enrolled(&reviewer)?;
    let batch = new_batch_id("from");
    let (mut changed, mut unchanged, mut refused) = (0usize, 0usize, 0usize);
    let mut stderr = std::io::stderr().lock();
    for line in &lines {
        let request = ChangeRequest {
            case_id: &line.case_id,
            expected_version: line.version,
            reviewer: &reviewer,
            action: AuditAction::Label,
            batch: Some(&batch),
            changes: &line.changes,
        };
        match store.apply_change(&request) {
            Ok(applied) if applied.changed() => changed += 1,
            Ok(_) => unchanged += 1,
            Err(
                e @ (StoreError::Conflict { .. }
                | StoreError::NeverAtVersion { .. }
                | StoreError::NoSuchCase(_)),
            ) => {
                refused += 1;
                let _ = writeln!(stderr, "{name}:{}: {e}", line.number);
            }
            Err(other) => {
                return Err(anyhow::Error::new(other)
                    .context(format!("{name}:{}: stopped here", line.number)))
            }
        }
    }
    let batch_note = if changed > 0 {
        format!(" (batch {batch})")
    } else {
        String::new()
    };
    writeln!(
        output,
        "{name}: {} applied{batch_note}, {} already had those values, {} refused",
        crate::text::count(changed, "change", "changes"),
        format_amount(unchanged as i64),
        format_amount(refused as i64)
    )?;
    output.finish()?;
    if refused > 0 {
        anyhow::bail!(
            "{name}: {refused} of {} lines refused (listed above)",
            lines.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    #[test]
    fn lines_versions_quotes_and_comments() {
        let lines = parse(
            "# a comment\n\nC-1 kind=paid\nC-2@3 note=\"called back, twice\" amount=50,000\n",
        )
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].number, 3);
        assert_eq!(lines[0].changes, [Change::Label(Dimension::Kind, Some(0))]);
        assert_eq!(lines[1].version, Some(3));
        assert_eq!(
            lines[1].changes,
            [
                Change::Note(Some("called back, twice".into())),
                Change::Amount(Some(50_000))
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let problems = parse("C-1 kind=pai\nC-2\nC-3@x kind=paid\nC-4 note=\"open\n").unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        assert!(problems[0].1.starts_with("kind=pai: unknown kind \"pai\""));
        assert_eq!(problems[1].1, "C-2: nothing to set; give FIELD=VALUE");
        assert_eq!(problems[3].1, "a double quote is never closed");
    }
}
