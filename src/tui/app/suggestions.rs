//! Suggestions in the workbench: what the model read from each case's text, kept beside the
//! case (never in its labels). One key accepts every suggestion of the case and confirms it;
//! three queues point reviewers at what the machine is unsure of, at likely mislabels, and at
//! the labels that decide money.

use super::effect::{Effect, Intent, Save};
use super::status_message::Message;
use super::App;
use crate::domain::{CaseSuggestion, Change, Status};
use crate::store::AuditAction;

pub use crate::domain::CONFIDENT;

/// How the background's notice that it is training begins.
pub(super) const LEARNING: &str = "learning suggestions from";

/// What the reviewer typed on one case: `y` leaves those fields as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedHere {
    pub case_id: String,
    pub labels: [bool; 5],
    pub amount: bool,
}

impl TypedHere {
    fn with(mut self, change: &Change) -> TypedHere {
        match change {
            Change::Label(dim, _) => self.labels[dim.index()] = true,
            Change::Amount(_) => self.amount = true,
            Change::Status(_) | Change::Note(_) => {}
        }
        self
    }

    /// Whether `change` would overwrite something typed here.
    fn holds(&self, change: &Change) -> bool {
        match change {
            Change::Label(dim, _) => self.labels[dim.index()],
            Change::Amount(_) => self.amount,
            Change::Status(_) | Change::Note(_) => false,
        }
    }
}

impl App {
    /// The suggestions of the case at position `index`, if it has any.
    pub fn suggestion(&self, index: usize) -> Option<&CaseSuggestion> {
        self.suggestions.get(index).and_then(Option::as_ref)
    }

    /// The suggestions of the selected case.
    pub fn current_suggestion(&self) -> Option<&CaseSuggestion> {
        self.view
            .indices
            .get(self.cursor)
            .and_then(|&i| self.suggestion(i))
    }

    /// Whether the case at `index` holds a label that a confident suggestion contradicts.
    pub fn disagrees_confidently(&self, index: usize) -> bool {
        match (self.cases.get(index), self.suggestion(index)) {
            (Some(case), Some(s)) => s.disagrees_confidently(case, CONFIDENT),
            _ => false,
        }
    }

    /// The store's suggestions arrived (at start, or after the model was trained in the
    /// background): put them beside their cases.
    pub(super) fn on_suggestions(&mut self, list: Vec<(String, CaseSuggestion)>, fresh: bool) {
        let mut suggestions = vec![None; self.cases.len()];
        let mut model = None;
        let n = list.len();
        for (id, s) in list {
            if let Some(i) = self.cases.index_of(&id) {
                model = Some(s.model);
                suggestions[i] = Some(s);
            }
        }
        self.suggestions = suggestions;
        self.view.count_suggested(&self.cases, &self.suggestions);
        if self.view.filter.uses_suggestions() {
            // The view's filter reads them: select its cases again (the selected case stays).
            self.apply_view(self.spec.clone());
        }
        if fresh {
            self.notice_unless_error(format!(
                "suggestions ready: {} (model #{})",
                crate::text::count(n, "case", "cases"),
                model.unwrap_or_default()
            ));
        }
    }

    /// News from the background: shown on a free message line, or over the background's own
    /// earlier news; never over what answers the reviewer's last key or an error (a save's
    /// `saved …`, a bad keymap at start-up stay readable).
    pub(super) fn notice_unless_error(&mut self, text: String) {
        let free = self
            .message
            .as_ref()
            .is_none_or(|m| m.text.starts_with(LEARNING));
        if free {
            self.message = Some(Message::notice(text));
        }
    }

    /// A save went through: a label or amount the reviewer typed is remembered for `y` (a new
    /// case typed on starts afresh); an undo or an accept of that case forgets it.
    pub(super) fn note_typed(&mut self, save: &Save) {
        match (save.action, &save.intent) {
            (AuditAction::Label, Intent::Edit) => self.remember_typed(&save.case_id, &save.changes),
            (_, Intent::Undo(_)) | (AuditAction::Suggestion, _)
                if self
                    .typed
                    .as_ref()
                    .is_some_and(|t| t.case_id == save.case_id) =>
            {
                self.typed = None;
            }
            _ => {}
        }
    }

    /// The reviewer set `changes` on a case (or found them already so, `kind is already
    /// paid`): `y` on that case keeps those fields.
    pub(super) fn remember_typed(&mut self, case_id: &str, changes: &[Change]) {
        let typed = match self.typed.take() {
            Some(t) if t.case_id == case_id => t,
            _ => TypedHere {
                case_id: case_id.to_string(),
                labels: [false; 5],
                amount: false,
            },
        };
        self.typed = Some(changes.iter().fold(typed, TypedHere::with));
    }

    /// `y`: every suggestion of the selected case, and the case confirmed (on to the next
    /// unreviewed case), as one change with audit action `suggestion`. Labels and the amount
    /// the reviewer typed on this case themselves are kept: fixing the one wrong suggestion
    /// and pressing `y` accepts the rest.
    pub(super) fn accept_suggestions(&mut self) -> Vec<Effect> {
        let Some(case) = self.current() else {
            self.message = Some(Message::info("no case selected"));
            return Vec::new();
        };
        let Some(suggestion) = self.current_suggestion() else {
            self.message = Some(Message::info(
                "no suggestions for this case yet (casebench suggest train, then suggest run)",
            ));
            return Vec::new();
        };
        let typed = self.typed.as_ref().filter(|t| t.case_id == case.id);
        let mut changes: Vec<Change> = suggestion
            .changes_for(case)
            .into_iter()
            .filter(|change| !typed.is_some_and(|t| t.holds(change)))
            .collect();
        if case.status != Status::Reviewed {
            changes.push(Change::Status(Status::Reviewed));
        }
        if changes.is_empty() {
            return self.jump_unreviewed(true);
        }
        vec![Effect::Save(Save {
            case_id: case.id.clone(),
            expected_version: case.version,
            changes,
            action: AuditAction::Suggestion,
            intent: Intent::Confirm,
        })]
    }

    /// The cases with suggestions, least confident first (ties in case order).
    pub(super) fn least_confident_order(&self) -> Vec<usize> {
        let mut order: Vec<(f32, usize)> = (0..self.cases.len())
            .filter_map(|i| self.suggestion(i).map(|s| (s.least_confidence(), i)))
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        order.into_iter().map(|(_, i)| i).collect()
    }

    /// The cases whose labels a confident suggestion contradicts, the most confident
    /// contradiction first.
    pub(super) fn disagrees_order(&self) -> Vec<usize> {
        let mut order: Vec<(f32, usize)> = (0..self.cases.len())
            .filter_map(|i| {
                let (case, s) = (self.cases.get(i)?, self.suggestion(i)?);
                let strongest = s.strongest_contradiction(case);
                (strongest >= CONFIDENT).then_some((strongest, i))
            })
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        order.into_iter().map(|(_, i)| i).collect()
    }

    /// Money at risk: for each case whose suggestions differ from its labels, how much payout
    /// the active rule set would move if the differing labels were as suggested, weighted by
    /// the chance that they all are (the product of their confidences); a change of outcome
    /// without a change of cash counts one won, so it still ranks. Highest first.
    pub fn money_at_risk_order(&self) -> Vec<(usize, f64)> {
        let Some(rules) = self.judge.a() else {
            return Vec::new();
        };
        let mut order: Vec<(usize, f64)> = (0..self.cases.len())
            .filter_map(|i| {
                let (case, s) = (self.cases.get(i)?, self.suggestion(i)?);
                let changes = s.changes_for(case);
                if changes.is_empty() {
                    return None;
                }
                let chance: f64 = changes
                    .iter()
                    .map(|change| match change {
                        Change::Label(dim, _) => s.label(*dim).map_or(1.0, |l| l.confidence),
                        Change::Amount(_) => s.amount.as_ref().map_or(1.0, |a| a.confidence),
                        _ => 1.0,
                    })
                    .map(f64::from)
                    .product();
                let mut as_suggested = case.clone();
                for change in &changes {
                    change.apply_to(&mut as_suggested);
                }
                let (before, after) = (rules.decide(case), rules.decide(&as_suggested));
                let moved = (after.cash - before.cash).unsigned_abs() as f64;
                let moved = if moved == 0.0 && before.outcome != after.outcome {
                    1.0
                } else {
                    moved
                };
                (moved > 0.0).then_some((i, chance * moved))
            })
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        order
    }
}
