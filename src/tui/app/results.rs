//! What the store answered: saves, bulk changes and other sessions' changes, put into the
//! case set, the view, the undo history and the message.

use super::effect::{Effect, Intent, Save};
use super::incoming::{BulkSaved, ExternalChange, Retry, SaveFailure};
use super::status_message::Message;
use super::undo::{CaseUndo, UndoEntry};
use super::App;
use crate::domain::{field_text, Case, Status};
use crate::store::Applied;

impl App {
    pub(super) fn on_saved(&mut self, save: Save, applied: Applied) -> Vec<Effect> {
        let entry = CaseUndo::from_events(&save.case_id, &applied.events).map(UndoEntry::single);
        self.note_typed(&save);
        self.take_saved(applied.case, entry.is_some());
        let confirm = save.intent == Intent::Confirm;
        self.follow_up(save.intent, entry);
        if confirm {
            return self.jump_unreviewed(true);
        }
        Vec::new()
    }

    /// Puts a case this session saved into the set, counting it for the session's pace.
    pub(super) fn take_saved(&mut self, case: Case, changed: bool) {
        let became_reviewed = self
            .cases
            .by_id(&case.id)
            .is_some_and(|old| old.status != Status::Reviewed)
            && case.status == Status::Reviewed;
        if changed {
            self.stats.saves += 1;
        }
        if became_reviewed {
            self.stats.confirmed += 1;
        }
        self.store_case(case);
    }

    /// Files a finished save in the undo history and says what happened.
    fn follow_up(&mut self, intent: Intent, entry: Option<UndoEntry>) {
        match intent {
            Intent::Edit | Intent::Confirm => {
                if let Some(entry) = entry {
                    self.message = Some(Message::info(format!("saved {}", entry.describe(false))));
                    self.history.undo.push(entry);
                    self.history.redo.clear();
                }
            }
            Intent::Undo(undone) => {
                self.message = Some(Message::info(format!("undone {}", undone.describe(true))));
                self.history.redo.push(undone);
            }
            Intent::Redo(redone) => {
                self.message = Some(Message::info(format!("redone {}", redone.describe(false))));
                self.history.undo.push(redone);
            }
        }
    }

    pub(super) fn on_bulk_saved(&mut self, saved: BulkSaved) {
        let (batch, outcome) = match saved.outcome {
            Ok(done) => done,
            Err(error) => {
                match saved.bulk.intent {
                    Intent::Undo(entry) => self.history.undo.push(entry),
                    Intent::Redo(entry) => self.history.redo.push(entry),
                    Intent::Edit | Intent::Confirm => {}
                }
                self.message = Some(Message::error(error));
                return;
            }
        };
        let cases: Vec<CaseUndo> = outcome
            .applied
            .iter()
            .filter_map(|a| CaseUndo::from_events(&a.case.id, &a.events))
            .collect();
        for applied in outcome.applied {
            self.take_saved(applied.case, true);
        }
        let is_edit = saved.bulk.intent == Intent::Edit;
        let entry = (!cases.is_empty()).then(|| UndoEntry {
            cases,
            batch: Some(batch.clone()),
        });
        // An undo or redo moves its original entry to the other stack; an edit files the new one.
        self.follow_up(saved.bulk.intent, entry);
        if is_edit {
            self.marks.clear();
        }
        let mut text = match self.message.take() {
            Some(m) => m.text,
            None => format!("{}: nothing to change", saved.bulk.label),
        };
        if is_edit {
            text = format!("{} → {text}", saved.bulk.label);
        }
        if !outcome.skipped.is_empty() {
            let ids: Vec<&str> = outcome
                .skipped
                .iter()
                .take(3)
                .map(|s| s.case_id.as_str())
                .collect();
            let more = outcome.skipped.len().saturating_sub(3);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            text.push_str(&format!(
                "; skipped {} changed by someone else since: {}{more}",
                outcome.skipped.len(),
                ids.join(", ")
            ));
            self.message = Some(Message::error(text));
        } else {
            self.message = Some(Message::info(text));
        }
    }

    pub(super) fn on_save_failed(&mut self, failure: SaveFailure) {
        let mut text = failure.message;
        if failure.retry == Retry::NotSaved {
            text.push_str("; your change was not saved: do it again to try again");
        }
        if let Some(fresh) = failure.fresh {
            if let Some(old) = self.cases.by_id(&fresh.id) {
                let changed: Vec<&str> = crate::domain::Field::ALL
                    .iter()
                    .filter(|f| field_text(old, **f) != field_text(&fresh, **f))
                    .map(|f| f.name())
                    .collect();
                if !changed.is_empty() {
                    text.push_str(&format!(" ({})", changed.join(", ")));
                }
                text.push_str(": reloaded; your change was not saved");
            }
            self.store_case(fresh);
        }
        self.message = Some(Message::error(text));
    }

    pub(super) fn on_external(&mut self, changes: Vec<ExternalChange>) {
        let current = self.current().map(|c| c.id.clone());
        let mut notice = None;
        for change in changes {
            let known = self.cases.by_id(&change.case.id).map(|c| c.version);
            if known.is_some_and(|v| v >= change.case.version) {
                continue; // already have it (our own save, or an older event)
            }
            if current.as_deref() == Some(change.case.id.as_str())
                && change.reviewer != self.reviewer
            {
                notice = Some(format!(
                    "{} was just changed by {} ({})",
                    change.case.id,
                    change.reviewer,
                    change.fields.join(", ")
                ));
            }
            self.store_case(change.case);
        }
        if let Some(text) = notice {
            self.message = Some(Message::notice(text));
        }
    }

    /// Puts a case as the database now holds it into the set and the view.
    pub(super) fn store_case(&mut self, case: Case) {
        let searchable_changed = self
            .cases
            .by_id(&case.id)
            .is_none_or(|old| old.note != case.note || old.text != case.text);
        let (index, old) = self.cases.upsert(case);
        if searchable_changed {
            self.search_updates.push(index);
        }
        if let Some(new) = self.cases.get(index) {
            let (old_a, old_b) = self.judge.redecide(index, new);
            let old = old.as_ref().map(|c| (c, old_a, old_b));
            self.view
                .follow(index, old, new, &self.judge, &self.suggestions);
        }
    }
}
