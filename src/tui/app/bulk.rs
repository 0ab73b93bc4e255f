//! Marking cases and changing them together: `space` marks, `A` marks the whole view, `B`
//! picks a label, shows what would change, and applies it as one batch (undone as one).

use super::choice::move_selection;
use super::effect::{BulkSave, Effect, Intent};
use super::line_input::LineInput;
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::domain::preview::{preview, Preview};
use crate::domain::{format_amount, Change, Dimension, Status};
use crate::store::{Action as StoreAction, BulkItem};
use crate::tui::action::Action;

/// One label a bulk change can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkChoice {
    pub change: Change,
    /// `kind = paid  유료서비스 피해`.
    pub label: String,
}

/// Every label a bulk change can set: each code of each dimension, clearing each dimension,
/// and each status.
pub fn bulk_choices() -> Vec<BulkChoice> {
    let mut choices = Vec::new();
    for dim in Dimension::ALL {
        for (code, info) in dim.codes().iter().enumerate() {
            choices.push(BulkChoice {
                change: Change::Label(dim, Some(code as u8)),
                label: format!("{} = {}  {}", dim.name(), info.code, info.korean),
            });
        }
        choices.push(BulkChoice {
            change: Change::Label(dim, None),
            label: format!("{} = none  미분류", dim.name()),
        });
    }
    for status in Status::ALL {
        choices.push(BulkChoice {
            change: Change::Status(status),
            label: format!("status = {}  {}", status.code(), status.korean()),
        });
    }
    choices
}

/// Choosing the label for the marked cases: type to narrow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkPicker {
    pub query: LineInput,
    pub selected: usize,
    /// Why no bulk change can be made now (nothing is marked, or a reviewer marked more than
    /// a reviewer may change): shown inside the picker, which still takes the typing.
    pub refused: Option<String>,
}

impl BulkPicker {
    /// The choices whose description contains every word of the query.
    pub fn shown(&self) -> Vec<BulkChoice> {
        let words: Vec<String> = self
            .query
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        bulk_choices()
            .into_iter()
            .filter(|c| {
                let label = c.label.to_lowercase();
                words.iter().all(|w| label.contains(w.as_str()))
            })
            .collect()
    }
}

/// Outcome codes whose count moves: (code, before, after).
pub type OutcomeMoves = Vec<(String, usize, usize)>;

/// What a bulk change would do, shown before it is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkPreview {
    pub choice: BulkChoice,
    pub preview: Preview,
    /// Under the active rule set: each outcome whose count moves (code, before, after).
    pub outcomes: OutcomeMoves,
    /// The marked cases' cash before and after.
    pub cash: (i64, i64),
}

impl App {
    /// How the marked cases' outcomes would move under the active rule set.
    fn outcome_moves(&self, change: &Change) -> (OutcomeMoves, (i64, i64)) {
        let Some(rules) = self.judge.a() else {
            return (Vec::new(), (0, 0));
        };
        let mut before = crate::rules::Totals::new(rules);
        let mut after = crate::rules::Totals::new(rules);
        for &index in self.marks.keys() {
            let Some(case) = self.cases.get(index) else {
                continue;
            };
            before.add(rules.decide(case));
            let mut changed = case.clone();
            change.apply_to(&mut changed);
            after.add(rules.decide(&changed));
        }
        let moves = before
            .by_outcome()
            .zip(after.by_outcome())
            .filter(|((_, b, _), (_, a, _))| b != a)
            .map(|((code, b, _), (_, a, _))| (code.to_string(), b, a))
            .collect();
        (moves, (before.cash(), after.cash()))
    }
}

impl App {
    /// `space`: marks or unmarks the selected case, and moves on.
    pub(super) fn toggle_mark(&mut self) {
        let Some(&index) = self.view.indices.get(self.cursor) else {
            return;
        };
        if self.marks.remove(&index).is_none() {
            if let Some(case) = self.cases.get(index) {
                self.marks.insert(index, case.version);
            }
        }
        self.move_by(1);
        self.message = Some(Message::info(format!(
            "{} marked",
            format_amount(self.marks.len() as i64)
        )));
    }

    /// `A`: marks every case of the view, or unmarks all when all are marked.
    pub(super) fn mark_all(&mut self) {
        let all = self.view.indices.iter().all(|i| self.marks.contains_key(i));
        if all {
            self.marks.clear();
        } else {
            for &index in &self.view.indices {
                if let Some(case) = self.cases.get(index) {
                    self.marks.entry(index).or_insert(case.version);
                }
            }
        }
        self.message = Some(Message::info(format!(
            "{} marked",
            format_amount(self.marks.len() as i64)
        )));
    }

    /// `B`: the label for the marked cases. The picker always opens, so that what is typed
    /// next narrows it; when no change can be made, why is shown inside it.
    pub(super) fn open_bulk(&mut self) {
        let refused = self.bulk_refusal();
        self.screens.open(Screen::BulkLabel(BulkPicker {
            query: LineInput::default(),
            selected: 0,
            refused,
        }));
    }

    /// Why the marked cases cannot be changed together now.
    fn bulk_refusal(&self) -> Option<String> {
        if self.marks.is_empty() {
            let keys = crate::tui::ui::keys_hint(self, &[Action::Mark, Action::MarkAll]);
            return Some(format!("no case is marked: esc, then mark cases ({keys})"));
        }
        if self.marks.len() > crate::store::MAX_REVIEWER_BULK {
            return self
                .lead_only(crate::store::LeadOnly::LargeBulk(self.marks.len()))
                .err();
        }
        None
    }

    /// Typing in the bulk label picker: the selection starts over.
    pub(super) fn bulk_query_changed(&mut self) {
        if let Screen::BulkLabel(picker) = self.screens.top_mut() {
            picker.selected = 0;
        }
    }

    pub(super) fn bulk_action(&mut self, action: Action) -> Vec<Effect> {
        match self.screens.top_mut() {
            Screen::BulkLabel(picker) => {
                let shown = picker.shown();
                if move_selection(action, &mut picker.selected, shown.len()) {
                    return Vec::new();
                }
                match action {
                    Action::Cancel => {
                        self.screens.close();
                    }
                    Action::Accept if picker.refused.is_none() => {
                        if let Some(choice) = shown.get(picker.selected).cloned() {
                            let marked = self.marks.keys().filter_map(|&i| self.cases.get(i));
                            let preview = preview(marked, std::slice::from_ref(&choice.change));
                            let (outcomes, cash) = self.outcome_moves(&choice.change);
                            self.screens.replace(Screen::BulkPreview(BulkPreview {
                                choice,
                                preview,
                                outcomes,
                                cash,
                            }));
                        }
                    }
                    _ => {}
                }
                Vec::new()
            }
            Screen::BulkPreview(preview) => match action {
                Action::Accept => {
                    let choice = preview.choice.clone();
                    self.screens.close();
                    self.bulk_save(choice)
                }
                Action::Cancel => {
                    self.screens.close();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The marked cases, at the versions they had when marked, with the chosen change.
    fn bulk_save(&mut self, choice: BulkChoice) -> Vec<Effect> {
        let mut marked: Vec<(&usize, &i64)> = self.marks.iter().collect();
        marked.sort();
        let items = marked
            .into_iter()
            .filter_map(|(&index, &version)| {
                let case = self.cases.get(index)?;
                Some(BulkItem {
                    case_id: case.id.clone(),
                    expected_version: Some(version),
                    changes: vec![choice.change.clone()],
                })
            })
            .collect();
        vec![Effect::Bulk(BulkSave {
            items,
            action: StoreAction::Bulk,
            intent: Intent::Edit,
            label: choice.label,
        })]
    }
}
