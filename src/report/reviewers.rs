//! `casebench reviewers list`: a table, or JSON Lines.

use super::table::{render, Align};
use crate::store::ReviewerInfo;
use crate::text::one_line;

pub fn render_text(reviewers: &[ReviewerInfo]) -> String {
    let rows: Vec<Vec<String>> = reviewers
        .iter()
        .map(|r| {
            vec![
                one_line(&r.name).into_owned(),
                r.role.to_string(),
                r.added_at.clone(),
                r.changes.to_string(),
                r.last_change.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    render(
        &["name", "role", "added", "changes", "last change"],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
        ],
        &rows,
    )
}

/// One object a line: `name`, `role`, `added_at`, `changes`, `last_change`.
pub fn render_jsonl(reviewers: &[ReviewerInfo]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for r in reviewers {
        out.push_str(&serde_json::to_string(r)?);
        out.push('\n');
    }
    Ok(out)
}
