//! `App::update`: every message, handled in one place.

use super::message::Message;
use super::msg::{Effect, ExternalChange, Intent, Msg, Save, SaveFailure};
use super::undo::UndoEntry;
use super::{App, Overlay};
use crate::domain::{field_text, Case, Status};
use crate::store::Applied;
use crate::tui::action::Action;

impl App {
    /// Applies one message; returns what the event loop must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Action(action) => {
                if self.message.as_ref().is_some_and(|m| !m.sticky()) {
                    self.message = None;
                }
                self.on_action(action)
            }
            Msg::Input(ch) => {
                self.on_input(ch);
                Vec::new()
            }
            Msg::Resize(cols, rows) => {
                self.size = (cols, rows);
                self.keep_cursor_visible();
                Vec::new()
            }
            Msg::Saved(saved) => match saved.outcome {
                Ok(applied) => self.on_saved(saved.save, applied),
                Err(failure) => {
                    // An undo or redo that could not be written stays available.
                    match saved.save.intent {
                        Intent::Undo(entry) => self.history.undo.push(entry),
                        Intent::Redo(entry) => self.history.redo.push(entry),
                        Intent::Edit | Intent::Confirm => {}
                    }
                    self.on_save_failed(failure);
                    Vec::new()
                }
            },
            Msg::External(changes) => {
                self.on_external(changes);
                Vec::new()
            }
            Msg::StartupErrors(errors) => {
                if !errors.is_empty() {
                    let more = if errors.len() > 1 {
                        format!(" (+{} more; see `casebench keys`)", errors.len() - 1)
                    } else {
                        String::new()
                    };
                    self.message = Some(Message::error(format!(
                        "keymap: {}{more}; using the default for those keys",
                        errors[0]
                    )));
                }
                Vec::new()
            }
        }
    }

    fn on_action(&mut self, action: Action) -> Vec<Effect> {
        match &self.overlay {
            Overlay::Picker(_) => return self.picker_action(action),
            Overlay::Prompt(_) => return self.prompt_action(action),
            Overlay::Help { .. } => {
                self.help_action(action);
                return Vec::new();
            }
            Overlay::None => {}
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_by(self.list_rows().max(1) as isize),
            Action::PageUp => self.move_by(-(self.list_rows().max(1) as isize)),
            Action::First => self.move_to(0),
            Action::Last => self.move_to(self.view.len().saturating_sub(1)),
            Action::NextUnreviewed => self.jump_unreviewed(true),
            Action::PrevUnreviewed => self.jump_unreviewed(false),
            Action::TogglePanel => self.panel_toggled = !self.panel_toggled,
            Action::DetailDown => self.detail_scroll += 3,
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::DismissMessage => self.message = None,
            Action::Quit => {
                self.quitting = true;
                return vec![Effect::Quit];
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::SetLabel(..)
            | Action::ClearLabel(_)
            | Action::ToggleScope
            | Action::PickService
            | Action::EditAmount
            | Action::EditNote
            | Action::Escalate
            | Action::Confirm => return self.edit_action(action),
            Action::Accept
            | Action::Cancel
            | Action::SelectNext
            | Action::SelectPrev
            | Action::DeleteBack
            | Action::ClearInput => {}
        }
        Vec::new()
    }

    fn help_action(&mut self, action: Action) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            match action {
                Action::MoveDown | Action::SelectNext | Action::PageDown => *scroll += 1,
                Action::MoveUp | Action::SelectPrev | Action::PageUp => {
                    *scroll = scroll.saturating_sub(1)
                }
                Action::Cancel | Action::Help | Action::Quit | Action::Accept => {
                    self.overlay = Overlay::None
                }
                _ => {}
            }
        }
    }

    fn on_saved(&mut self, save: Save, applied: Applied) -> Vec<Effect> {
        let became_reviewed = self
            .cases
            .by_id(&applied.case.id)
            .is_some_and(|old| old.status != Status::Reviewed)
            && applied.case.status == Status::Reviewed;
        let entry = UndoEntry::from_events(&save.case_id, &applied.events);
        self.store_case(applied.case);
        if entry.is_some() {
            self.stats.saves += 1;
        }
        if became_reviewed {
            self.stats.confirmed += 1;
        }
        match save.intent {
            Intent::Edit | Intent::Confirm => {
                if let Some(entry) = entry {
                    self.message = Some(Message::info(describe(&entry, "saved")));
                    self.history.undo.push(entry);
                    self.history.redo.clear();
                }
                if save.intent == Intent::Confirm {
                    self.jump_unreviewed(true);
                }
            }
            Intent::Undo(undone) => {
                self.message = Some(Message::info(describe(&undone, "undone")));
                self.history.redo.push(undone);
            }
            Intent::Redo(redone) => {
                self.message = Some(Message::info(describe(&redone, "redone")));
                self.history.undo.push(redone);
            }
        }
        Vec::new()
    }

    /// A refused save: the case reloads as the database holds it, and the message says what
    /// the other reviewer changed.
    fn on_save_failed(&mut self, failure: SaveFailure) {
        let mut text = failure.message;
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

    fn on_external(&mut self, changes: Vec<ExternalChange>) {
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
        let (index, old) = self.cases.upsert(case);
        if let Some(new) = self.cases.get(index) {
            self.view.follow(index, old.as_ref(), new);
        }
    }
}

/// `R-000123: saved kind → free_monetary, amount_krw → 50000` (the old values for an undo).
fn describe(entry: &UndoEntry, verb: &str) -> String {
    let undone = verb == "undone";
    let values: Vec<String> = entry
        .fields
        .iter()
        .map(|(field, old, new)| {
            let shown = if undone { old } else { new };
            format!("{} → {}", field.name(), shown.as_deref().unwrap_or("∅"))
        })
        .collect();
    format!("{}: {verb} {}", entry.case_id, values.join(", "))
}
