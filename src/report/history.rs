//! A case's audit trail as a table for people, or JSON Lines for scripts.

use crate::store::AuditEvent;
use crate::text::{pad_right, sanitize, width};

/// One line per event, oldest first: seq, time, reviewer, action, field, `old → new`, batch.
/// Values come from people, so they are sanitized.
pub fn render_text(events: &[AuditEvent]) -> String {
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or("∅".to_string(), |s| sanitize(s).into_owned())
    };
    let rows: Vec<[String; 6]> = events
        .iter()
        .map(|e| {
            [
                e.seq.to_string(),
                e.at.clone(),
                sanitize(&e.reviewer).into_owned(),
                e.action.clone(),
                e.field.clone(),
                format!("{} → {}", show(&e.old), show(&e.new)),
            ]
        })
        .collect();
    let header = ["seq", "at", "reviewer", "action", "field", "change"];
    let mut widths = header.map(width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &[&str], batch: &str| {
        let mut line = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                line.push_str(cell);
            } else {
                line.push_str(&pad_right(cell, widths[i]));
                line.push_str("  ");
            }
        }
        if !batch.is_empty() {
            line.push_str("  [");
            line.push_str(batch);
            line.push(']');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_row(&header, "");
    for (row, event) in rows.iter().zip(events) {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        push_row(&cells, &sanitize(event.batch.as_deref().unwrap_or("")));
    }
    out
}

/// One JSON object per event and line: `seq`, `at`, `reviewer`, `case_id`, `field`, `old`,
/// `new`, `action`, `batch`.
pub fn render_jsonl(events: &[AuditEvent]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for event in events {
        out.push_str(&serde_json::to_string(event)?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, field: &str, old: Option<&str>, new: Option<&str>) -> AuditEvent {
        AuditEvent {
            seq,
            at: "2026-11-28T09:00:00.000Z".into(),
            reviewer: "김민지".into(),
            case_id: "R-1".into(),
            field: field.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
            action: "label".into(),
            batch: None,
        }
    }

    #[test]
    fn text_shows_each_change_sanitized() {
        let text = render_text(&[
            event(1, "kind", None, Some("paid")),
            event(2, "note", Some("x"), Some("\u{1b}[31m빨강")),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].ends_with("kind   ∅ → paid"), "{text}");
        assert!(lines[2].ends_with("x → ␛[31m빨강"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn jsonl_has_one_object_per_event() {
        let text = render_jsonl(&[event(1, "kind", None, Some("paid"))]).unwrap();
        let value: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(value["seq"], 1);
        assert_eq!(value["old"], serde_json::Value::Null);
        assert_eq!(value["new"], "paid");
        assert_eq!(value["case_id"], "R-1");
    }
}
