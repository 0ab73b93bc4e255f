//! The audit log as a table for people (`casebench audit`); JSON Lines come from
//! [`super::history::render_jsonl`] (the same shape).

use super::table::{render, Align};
use crate::store::AuditEvent;
use crate::text::{one_line, truncate};

/// The widest a value is shown in the table (notes can be long); JSON keeps them whole.
const VALUE_CELLS: usize = 40;

/// One line per event: seq, time, reviewer, case, action, field, `old → new`, batch. Values
/// come from people, so they are sanitized and shortened.
pub fn render_text(events: &[AuditEvent]) -> String {
    let show = |v: &Option<String>| match v.as_deref() {
        None => "∅".to_string(),
        Some(text) => truncate(&one_line(text), VALUE_CELLS).into_owned(),
    };
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.at.clone(),
                one_line(&e.reviewer).into_owned(),
                one_line(&e.case_id).into_owned(),
                e.action.clone(),
                e.field.clone(),
                format!("{} → {}", show(&e.old), show(&e.new)),
                one_line(e.batch.as_deref().unwrap_or("")).into_owned(),
            ]
        })
        .collect();
    let header = [
        "seq", "at", "reviewer", "case", "action", "field", "change", "batch",
    ];
    let mut align = [Align::Left; 8];
    align[0] = Align::Right;
    render(&header, &align, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sanitized_line_per_event() {
        let event = AuditEvent {
            seq: 7,
            at: "2026-11-28T09:00:00.000Z".into(),
            reviewer: "김민지".into(),
            case_id: "R-1".into(),
            field: "note".into(),
            old: None,
            new: Some("전화\n드림 \u{1b}[2J".into()),
            action: "label".into(),
            batch: None,
        };
        let text = render_text(&[event]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].ends_with("김민지    R-1   label   note   ∅ → 전화 드림 ␛[2J"),
            "{text}"
        );
    }
}
