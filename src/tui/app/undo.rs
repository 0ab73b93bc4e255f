//! Undo and redo of this session's own changes. Undo is itself a recorded change (audit
//! action `undo`), so nothing is ever erased from history. One entry is one save: a single
//! case, or every case of a bulk change (undone together, as one batch).

use crate::domain::{field_text, Case, Change, Field};
use crate::store::AuditEvent;

/// What one save did to one case: the fields, with their values before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseUndo {
    pub case_id: String,
    pub fields: Vec<(Field, Option<String>, Option<String>)>,
}

impl CaseUndo {
    /// From a save's audit rows; `None` when the save changed nothing.
    pub fn from_events(case_id: &str, events: &[AuditEvent]) -> Option<CaseUndo> {
        let fields: Vec<_> = events
            .iter()
            .filter_map(|e| {
                let field = Field::parse(&e.field).ok()?;
                Some((field, e.old.clone(), e.new.clone()))
            })
            .collect();
        (!fields.is_empty()).then(|| CaseUndo {
            case_id: case_id.to_string(),
            fields,
        })
    }

    /// The changes that put back the old values (`undo`) or the new ones (redo).
    pub fn changes(&self, undo: bool) -> Option<Vec<Change>> {
        self.fields
            .iter()
            .map(|(field, old, new)| {
                let value = if undo { old } else { new };
                Change::from_text(*field, value.as_deref()).ok()
            })
            .collect()
    }

    /// The first field whose value in `case` is no longer what this save left there (for an
    /// undo) or what it found (for a redo): someone changed it since, and going back would
    /// overwrite their work.
    pub fn drifted_field(&self, case: &Case, undo: bool) -> Option<Field> {
        self.fields
            .iter()
            .find(|(field, old, new)| {
                let expected = if undo { new } else { old };
                field_text(case, *field) != *expected
            })
            .map(|(field, _, _)| *field)
    }
}

/// One undoable save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoEntry {
    pub cases: Vec<CaseUndo>,
    /// The batch id of a bulk change.
    pub batch: Option<String>,
}

impl UndoEntry {
    pub fn single(case: CaseUndo) -> UndoEntry {
        UndoEntry {
            cases: vec![case],
            batch: None,
        }
    }

    /// `R-000123: kind → paid` for one case, `1,234 cases (batch …)` for a bulk change.
    pub fn describe(&self, undo: bool) -> String {
        match self.cases.as_slice() {
            [one] => {
                let values: Vec<String> = one
                    .fields
                    .iter()
                    .map(|(field, old, new)| {
                        let shown = if undo { old } else { new };
                        format!("{} → {}", field.name(), shown.as_deref().unwrap_or("∅"))
                    })
                    .collect();
                format!("{}: {}", one.case_id, values.join(", "))
            }
            many => format!(
                "{} cases{}",
                crate::domain::format_amount(many.len() as i64),
                self.batch
                    .as_deref()
                    .map(|b| format!(" (batch {b})"))
                    .unwrap_or_default()
            ),
        }
    }
}

/// This session's undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub undo: Vec<UndoEntry>,
    pub redo: Vec<UndoEntry>,
}
