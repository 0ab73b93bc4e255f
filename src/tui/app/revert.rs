//! Reverting a batch from the workbench, as `casebench revert BATCH` does, through the same
//! store functions: `R` on a change in a case's history shows what reverting its batch would
//! restore and skip (the command's own report), `enter` reverts it as one new batch, `esc`
//! leaves it alone.

use super::effect::Effect;
use super::screen::Screen;
use super::status_message::Message;
use super::undo::{CaseUndo, UndoEntry};
use super::App;
use crate::store::{RevertOutcome, RevertPlan};
use crate::tui::action::Action;

/// What reverting a batch would do, shown before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevertPreview {
    pub plan: RevertPlan,
    /// The report, as `casebench revert --dry-run` prints it.
    pub lines: Vec<String>,
    /// The first line shown.
    pub scroll: usize,
    /// Why it cannot be applied (a reviewer and more than 100 cases, nothing to restore, or
    /// the store's refusal): shown inside, `enter` does nothing.
    pub refused: Option<String>,
}

impl App {
    /// `R` in a case's history: the plan of the selected change's batch.
    pub(super) fn revert_selected_batch(&mut self) -> Vec<Effect> {
        let Screen::History(history) = self.screen() else {
            return Vec::new();
        };
        let Some(event) = history.events.get(history.selected) else {
            return Vec::new();
        };
        match event.batch.clone() {
            Some(batch) => vec![Effect::PlanRevert(batch)],
            None => {
                self.message = Some(Message::info(
                    "this change is not part of a batch: only bulk changes, label --from runs \
                     and reverts are reverted as one (undo or relabel this one)",
                ));
                Vec::new()
            }
        }
    }

    /// The store's plan (or why there is none): shown as a preview over the history.
    pub(super) fn on_revert_planned(&mut self, plan: Result<RevertPlan, String>) {
        let plan = match plan {
            Ok(plan) => plan,
            Err(error) => {
                self.message = Some(Message::error(error));
                return;
            }
        };
        let dry = RevertOutcome {
            reverted: plan.batch.clone(),
            cases: plan.cases,
            batch: None,
            restored: plan.restore.clone(),
            skipped: plan.skipped.clone(),
            applied: Vec::new(),
        };
        let mut lines: Vec<String> = crate::report::revert::render(&dry, true)
            .lines()
            .map(str::to_string)
            .collect();
        // The report's last line says nothing was changed; here the keys say what will be.
        lines.pop();
        let refused = if plan.restore.is_empty() {
            Some("nothing to restore: every case of the batch was changed since".to_string())
        } else if plan.restore.len() > crate::store::MAX_REVIEWER_BULK {
            self.lead_only(crate::store::LeadOnly::LargeBulk(plan.restore.len()))
                .err()
        } else {
            None
        };
        self.screens.open(Screen::RevertPreview(RevertPreview {
            plan,
            lines,
            scroll: 0,
            refused,
        }));
    }

    pub(super) fn revert_preview_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.reader_rows().max(1);
        let Screen::RevertPreview(preview) = self.screens.top_mut() else {
            return Vec::new();
        };
        let last = preview.lines.len().saturating_sub(rows);
        match action {
            Action::SelectNext | Action::MoveDown => {
                preview.scroll = (preview.scroll + 1).min(last)
            }
            Action::SelectPrev | Action::MoveUp => {
                preview.scroll = preview.scroll.saturating_sub(1)
            }
            Action::First => preview.scroll = 0,
            Action::Last => preview.scroll = last,
            Action::Cancel => {
                self.screens.close();
            }
            Action::Accept if preview.refused.is_none() => {
                return vec![Effect::Revert(preview.plan.clone())];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The revert was written (or refused): the cases take their restored values, the preview
    /// and the history close, and the revert can be undone like a bulk change.
    pub(super) fn on_reverted(&mut self, outcome: Result<RevertOutcome, String>) {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                if let Screen::RevertPreview(preview) = self.screens.top_mut() {
                    preview.refused = Some(error);
                } else {
                    self.message = Some(Message::error(error));
                }
                return;
            }
        };
        while matches!(self.screen(), Screen::RevertPreview(_) | Screen::History(_)) {
            self.screens.close();
        }
        let cases: Vec<CaseUndo> = outcome
            .applied
            .iter()
            .filter_map(|a| CaseUndo::from_events(&a.case.id, &a.events))
            .collect();
        for applied in outcome.applied {
            self.take_saved(applied.case, true);
        }
        if !cases.is_empty() {
            self.history.undo.push(UndoEntry {
                cases,
                batch: outcome.batch.clone(),
            });
            self.history.redo.clear();
        }
        let skipped = match outcome.skipped.len() {
            0 => String::new(),
            n => format!(
                ", {} left alone (changed since)",
                crate::text::count(n, "case", "cases")
            ),
        };
        let text = match &outcome.batch {
            Some(batch) => format!(
                "reverted batch {}: {} restored{skipped} (as batch {batch})",
                outcome.reverted,
                crate::text::count(outcome.restored.len(), "case", "cases"),
            ),
            None => format!(
                "nothing was reverted of batch {}{skipped}",
                outcome.reverted
            ),
        };
        self.message = Some(if outcome.skipped.is_empty() {
            Message::info(text)
        } else {
            Message::notice(text)
        });
    }
}
