//! `App::update`: every message, handled in one place.

use super::message::Message;
use super::msg::{BulkSaved, Effect, ExternalChange, Intent, Msg, Save, SaveFailure};
use super::undo::{CaseUndo, UndoEntry};
use super::{App, Overlay};
use crate::domain::{field_text, Case, Status};
use crate::store::Applied;
use crate::tui::action::Action;

impl App {
    /// Applies one message; returns what the event loop must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.update_inner(msg);
        // A view with a search was applied: ask for its results.
        effects.extend(self.pending_search.take());
        effects
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Action(action) => {
                if self.message.as_ref().is_some_and(|m| !m.sticky()) {
                    self.message = None;
                }
                self.on_action(action)
            }
            Msg::Input(ch) => match self.overlay {
                Overlay::Filter(_) => {
                    self.filter_input(ch);
                    Vec::new()
                }
                Overlay::Search(_) => self.search_input(ch),
                _ => {
                    self.on_input(ch);
                    Vec::new()
                }
            },
            Msg::SearchResults {
                generation,
                query,
                hits,
            } => {
                self.on_search_results(generation, &query, &hits);
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
            Msg::BulkSaved(saved) => {
                self.on_bulk_saved(*saved);
                Vec::new()
            }
            Msg::External(changes) => {
                self.on_external(changes);
                Vec::new()
            }
            Msg::ViewsLoaded(views) => {
                self.saved_views = views;
                Vec::new()
            }
            Msg::ViewFailed(error) => {
                self.message = Some(Message::error(error));
                Vec::new()
            }
            Msg::SpotChecks(checks) => {
                self.overlay = Overlay::SpotList(crate::tui::app::SpotList {
                    checks,
                    selected: 0,
                });
                Vec::new()
            }
            Msg::SpotLoaded(check) => {
                self.on_spot_loaded(check);
                Vec::new()
            }
            Msg::SpotDifferences { differences, case } => {
                self.on_spot_differences(differences, case);
                Vec::new()
            }
            Msg::SpotFailed(error) => {
                self.message = Some(Message::error(error));
                Vec::new()
            }
            Msg::AgreementText(text) => {
                self.overlay = Overlay::Report {
                    title: "agreement (reviewers vs leads' spot-checks)".into(),
                    lines: text.lines().map(str::to_string).collect(),
                    scroll: 0,
                };
                Vec::new()
            }
            Msg::RulesLoaded(loaded) => {
                self.on_rules_loaded(loaded);
                Vec::new()
            }
            Msg::Leases(leases) => {
                self.leases = leases;
                Vec::new()
            }
            Msg::Claimed { case_id, held_by } => match held_by {
                Some(reviewer) => {
                    self.leases.insert(case_id.clone(), reviewer.clone());
                    let on_it = self.current().is_some_and(|c| c.id == case_id);
                    if on_it {
                        let effects = self.jump_unreviewed(true);
                        self.message = Some(Message::notice(format!(
                            "{case_id} is open by {reviewer}; skipped to the next"
                        )));
                        effects
                    } else {
                        Vec::new()
                    }
                }
                None => Vec::new(),
            },
            Msg::HistoryLoaded { case_id, events } => {
                match events {
                    Ok(events) => {
                        // Start at the end: the latest changes are what one looks for.
                        let scroll = events.len();
                        self.overlay = Overlay::History {
                            case_id,
                            events,
                            scroll,
                        }
                    }
                    Err(error) => self.message = Some(Message::error(error)),
                }
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
            Overlay::Help { .. } | Overlay::History { .. } | Overlay::Report { .. } => {
                self.help_action(action);
                return Vec::new();
            }
            Overlay::SpotList(_) => return self.spot_list_action(action),
            Overlay::Filter(_) => return self.filter_action(action),
            Overlay::Views(_) => return self.views_action(action),
            Overlay::Bulk(_) | Overlay::BulkPreview(_) => return self.bulk_action(action),
            Overlay::Panel { .. } => return self.panel_action(action),
            Overlay::Compare(_) => return self.compare_action(action),
            Overlay::Search(_) => return self.search_action(action),
            Overlay::None => {}
        }
        if self.spot.is_some() && !matches!(action, Action::Help | Action::Quit | Action::Agreement)
        {
            return self.spot_action(action);
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_by(self.list_rows().max(1) as isize),
            Action::PageUp => self.move_by(-(self.list_rows().max(1) as isize)),
            Action::First => self.move_to(0),
            Action::Last => self.move_to(self.view.len().saturating_sub(1)),
            Action::NextUnreviewed => return self.jump_unreviewed(true),
            Action::PrevUnreviewed => return self.jump_unreviewed(false),
            Action::TogglePanel => self.panel_toggled = !self.panel_toggled,
            Action::DetailDown => self.detail_scroll += 3,
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::DetailPageDown => self.detail_page(true),
            Action::DetailPageUp => self.detail_page(false),
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
            Action::Filter => self.open_filter(),
            Action::ClearFilter => self.clear_filter(),
            Action::Views => self.open_views(),
            Action::SaveView => self.open_save_view(),
            Action::Mark => self.toggle_mark(),
            Action::MarkAll => self.mark_all(),
            Action::Bulk => self.open_bulk(),
            Action::FocusPanel => self.focus_panel(),
            Action::History => {
                if let Some(case) = self.current() {
                    return vec![Effect::LoadHistory(case.id.clone())];
                }
            }
            Action::SpotCheck => return self.spot_check_key(),
            Action::Agreement => return vec![Effect::LoadAgreement],
            Action::SpotDifferences | Action::Keep | Action::Overturn => {
                self.message = Some(Message::info("open a spot-check first (C)"));
            }
            Action::CycleRules => self.cycle_rules(),
            Action::Compare => self.open_compare(),
            Action::Search => self.open_search(),
            Action::Accept
            | Action::Cancel
            | Action::SelectNext
            | Action::SelectPrev
            | Action::DeleteBack
            | Action::ClearInput
            | Action::Complete
            | Action::DeleteView => {}
        }
        Vec::new()
    }

    fn help_action(&mut self, action: Action) {
        let scroll = match &mut self.overlay {
            Overlay::Help { scroll }
            | Overlay::History { scroll, .. }
            | Overlay::Report { scroll, .. } => Some(scroll),
            _ => None,
        };
        if let Some(scroll) = scroll {
            match action {
                Action::MoveDown | Action::SelectNext | Action::PageDown => *scroll += 1,
                Action::MoveUp | Action::SelectPrev | Action::PageUp => {
                    *scroll = scroll.saturating_sub(1)
                }
                Action::Cancel | Action::Help | Action::Quit | Action::Accept | Action::History => {
                    self.overlay = Overlay::None
                }
                _ => {}
            }
        }
    }

    fn on_saved(&mut self, save: Save, applied: Applied) -> Vec<Effect> {
        let entry = CaseUndo::from_events(&save.case_id, &applied.events).map(UndoEntry::single);
        self.take_saved(applied.case, entry.is_some());
        let confirm = save.intent == Intent::Confirm;
        self.follow_up(save.intent, entry);
        if confirm {
            return self.jump_unreviewed(true);
        }
        Vec::new()
    }

    /// Puts a case this session saved into the set, counting it for the session's pace.
    fn take_saved(&mut self, case: Case, changed: bool) {
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

    fn on_bulk_saved(&mut self, saved: BulkSaved) {
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
            self.view.follow(index, old, new, &self.judge);
        }
    }
}
