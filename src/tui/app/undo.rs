//! Undo and redo of this session's own changes. Undo is itself a recorded change (audit
//! action `undo`), so nothing is ever erased from history.

use crate::domain::{field_text, Case, Change, Field};
use crate::store::AuditEvent;

/// One saved change: the fields it changed, with their values before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoEntry {
    pub case_id: String,
    pub fields: Vec<(Field, Option<String>, Option<String>)>,
}

impl UndoEntry {
    /// The entry for a save's audit rows; `None` when the save changed nothing.
    pub fn from_events(case_id: &str, events: &[AuditEvent]) -> Option<UndoEntry> {
        let fields: Vec<_> = events
            .iter()
            .filter_map(|e| {
                let field = Field::parse(&e.field).ok()?;
                Some((field, e.old.clone(), e.new.clone()))
            })
            .collect();
        (!fields.is_empty()).then(|| UndoEntry {
            case_id: case_id.to_string(),
            fields,
        })
    }

    /// The changes that put the old values back.
    pub fn undo_changes(&self) -> Option<Vec<Change>> {
        self.fields
            .iter()
            .map(|(field, old, _)| Change::from_text(*field, old.as_deref()).ok())
            .collect()
    }

    /// The changes that put the new values back.
    pub fn redo_changes(&self) -> Option<Vec<Change>> {
        self.fields
            .iter()
            .map(|(field, _, new)| Change::from_text(*field, new.as_deref()).ok())
            .collect()
    }

    /// The first field whose value in `case` is no longer what this entry left there (someone
    /// changed it since): undoing would overwrite their work.
    pub fn drifted_field(&self, case: &Case, expect_new: bool) -> Option<Field> {
        self.fields
            .iter()
            .find(|(field, old, new)| {
                let expected = if expect_new { new } else { old };
                field_text(case, *field) != *expected
            })
            .map(|(field, _, _)| *field)
    }

    /// `kind, amount_krw`.
    pub fn field_names(&self) -> String {
        self.fields
            .iter()
            .map(|(f, _, _)| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// This session's undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub undo: Vec<UndoEntry>,
    pub redo: Vec<UndoEntry>,
}
