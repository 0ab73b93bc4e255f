//! Changing cases: label keys, opening the service picker and the amount and note prompts,
//! undo and redo. Nothing here writes: each change becomes an [`Effect::Save`] with the
//! version on screen.

use super::effect::{BulkSave, Effect, Intent, Save};
use super::line_input::LineInput;
use super::picker::Picker;
use super::prompt::PromptKind;
use super::screen::Screen;
use super::status_message::Message;
use super::undo::UndoEntry;
use super::App;
use crate::domain::{format_amount, Change, Dimension, Status};
use crate::store::{AuditAction, BulkItem};
use crate::tui::action::Action;

const KAKAO: u8 = 0;
const AFFILIATE: u8 = 1;

impl App {
    pub(super) fn edit_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(case) = self.current() else {
            return self.nothing_to_edit(action);
        };
        let case_id = case.id.clone();
        let change = match action {
            Action::SetLabel(dim, code) => Change::Label(dim, Some(code)),
            Action::ClearLabel(dim) => Change::Label(dim, None),
            Action::ToggleScope => {
                let next = match case.label(Dimension::Scope) {
                    Some(KAKAO) => AFFILIATE,
                    _ => KAKAO,
                };
                Change::Label(Dimension::Scope, Some(next))
            }
            Action::Escalate => Change::Status(Status::Escalated),
            Action::Confirm => {
                if case.status == Status::Reviewed {
                    return self.jump_unreviewed(true);
                }
                return self.save(vec![Change::Status(Status::Reviewed)], Intent::Confirm);
            }
            Action::PickService => {
                let current = case.label(Dimension::Service).unwrap_or(0);
                let picker = Picker::new(case_id, usize::from(current), None);
                self.screens.open(Screen::Picker(picker));
                return Vec::new();
            }
            Action::EditAmount => {
                let input = case.amount_krw.map(format_amount).unwrap_or_default();
                self.open_prompt(PromptKind::Amount, case_id, LineInput::new(input));
                return Vec::new();
            }
            Action::EditNote => {
                let input = case.note.clone().unwrap_or_default();
                self.open_prompt(PromptKind::Note, case_id, LineInput::new(input));
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        if change.current_text(case) == change.value_text() {
            self.remember_typed(&case_id, std::slice::from_ref(&change));
            let value = change.value_text().unwrap_or_else(|| "not set".into());
            self.message = Some(Message::info(format!(
                "{} is already {value}",
                change.field()
            )));
            return Vec::new();
        }
        self.save(vec![change], Intent::Edit)
    }

    /// A label key with no case in the view. Keys that open a typed screen still open it,
    /// with why it cannot set anything, so that what the reviewer types next stays text.
    fn nothing_to_edit(&mut self, action: Action) -> Vec<Effect> {
        let why = "no case is selected (the view is empty): esc, then F shows every case";
        match action {
            Action::PickService => {
                let mut picker = Picker::new(String::new(), 0, None);
                picker.refused = Some(why.to_string());
                self.screens.open(Screen::Picker(picker));
            }
            Action::EditAmount => self.open_refused_prompt(PromptKind::Amount, why.to_string()),
            Action::EditNote => self.open_refused_prompt(PromptKind::Note, why.to_string()),
            _ => self.message = Some(Message::info("no case selected")),
        }
        Vec::new()
    }

    /// A save of the selected case at the version on screen.
    fn save(&self, changes: Vec<Change>, intent: Intent) -> Vec<Effect> {
        let Some(case) = self.current() else {
            return Vec::new();
        };
        self.save_case(
            &case.id.clone(),
            case.version,
            changes,
            AuditAction::Label,
            intent,
        )
    }

    fn save_case(
        &self,
        case_id: &str,
        expected_version: i64,
        changes: Vec<Change>,
        action: AuditAction,
        intent: Intent,
    ) -> Vec<Effect> {
        vec![Effect::Save(Save {
            case_id: case_id.to_string(),
            expected_version,
            changes,
            action,
            intent,
        })]
    }

    /// Saves one change to the case a picker or prompt was opened on.
    pub(super) fn save_label_of(&mut self, case_id: &str, change: Change) -> Vec<Effect> {
        let Some(case) = self.cases.by_id(case_id) else {
            return Vec::new();
        };
        if change.current_text(case) == change.value_text() {
            self.remember_typed(case_id, std::slice::from_ref(&change));
            self.message = Some(Message::info(format!("{} unchanged", change.field())));
            return Vec::new();
        }
        self.save_case(
            case_id,
            case.version,
            vec![change],
            AuditAction::Label,
            Intent::Edit,
        )
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(entry) = self.history.undo.last().cloned() else {
            self.message = Some(Message::info("nothing to undo in this session"));
            return Vec::new();
        };
        if !self.ready_to_walk_back(&entry, true) {
            return Vec::new();
        }
        self.history.undo.pop();
        self.walk_back(entry, true)
    }

    pub(super) fn redo(&mut self) -> Vec<Effect> {
        let Some(entry) = self.history.redo.last().cloned() else {
            self.message = Some(Message::info("nothing to redo"));
            return Vec::new();
        };
        if !self.ready_to_walk_back(&entry, false) {
            return Vec::new();
        }
        self.history.redo.pop();
        self.walk_back(entry, false)
    }

    /// An undo (or redo) never changes a case the reviewer cannot see. A change to the case
    /// on screen goes back at once. A change to another case first brings that case into
    /// view (every case is shown if the view does not hold it) and says what the key will
    /// undo; a bulk change (many cases) is named and needs the key a second time.
    fn ready_to_walk_back(&mut self, entry: &UndoEntry, undo: bool) -> bool {
        let verb = if undo { "undoes" } else { "redoes" };
        let key =
            crate::tui::ui::keys_hint(self, &[if undo { Action::Undo } else { Action::Redo }]);
        if let [one] = entry.cases.as_slice() {
            if self.current().is_some_and(|c| c.id == one.case_id) {
                return true;
            }
            let Some(index) = self.cases.index_of(&one.case_id) else {
                return true; // not in this workbench's set: the store decides
            };
            let shown_all = if self.view.contains(index) {
                ""
            } else {
                self.apply_view(super::saved_views::ViewSpec::all());
                " (showing every case: it was not in this view)"
            };
            if let Some(position) = self.view.indices.iter().position(|&i| i == index) {
                self.move_to(position);
            }
            self.message = Some(Message::notice(format!(
                "{key} again {verb} {}{shown_all}",
                entry.describe(undo)
            )));
            return false;
        }
        if self.walk_back_armed {
            self.walk_back_armed = false;
            return true;
        }
        self.walk_back_armed = true;
        self.message = Some(Message::notice(format!(
            "{key} again {verb} the bulk change of {}",
            entry.describe(undo)
        )));
        false
    }

    /// Undoes (`undo`) or redoes an entry. One case: refused when someone changed one of its
    /// fields since. Many cases (a batch): those still as the batch left them are reverted in
    /// one batch; the others are left alone and reported.
    fn walk_back(&mut self, entry: UndoEntry, undo: bool) -> Vec<Effect> {
        let verb = if undo { "undo" } else { "redo" };
        let (action, intent) = if undo {
            (AuditAction::Undo, Intent::Undo(entry.clone()))
        } else {
            (AuditAction::Redo, Intent::Redo(entry.clone()))
        };
        let mut items = Vec::with_capacity(entry.cases.len());
        let mut drifted = Vec::new();
        for case_undo in &entry.cases {
            let Some(case) = self.cases.by_id(&case_undo.case_id) else {
                continue;
            };
            if let Some(field) = case_undo.drifted_field(case, undo) {
                let by = case.updated_by.clone().unwrap_or_else(|| "someone".into());
                drifted.push((case_undo.case_id.clone(), field, by));
                continue;
            }
            if let Some(changes) = case_undo.changes(undo) {
                items.push(BulkItem {
                    case_id: case_undo.case_id.clone(),
                    expected_version: Some(case.version),
                    changes,
                });
            }
        }
        if entry.cases.len() == 1 {
            if let Some((id, field, by)) = drifted.first() {
                self.message = Some(Message::error(format!(
                    "cannot {verb} on {id}: {field} was changed since by {by}; dropped from {verb}"
                )));
                return Vec::new();
            }
            let Some(item) = items.pop() else {
                return Vec::new();
            };
            return self.save_case(
                &item.case_id,
                item.expected_version.unwrap_or_default(),
                item.changes,
                action,
                intent,
            );
        }
        if items.is_empty() {
            self.message = Some(Message::error(format!(
                "cannot {verb}: every case of {} was changed since",
                entry.describe(undo)
            )));
            return Vec::new();
        }
        if !drifted.is_empty() {
            self.message = Some(Message::notice(format!(
                "{verb}: leaving {} cases changed since by others",
                drifted.len()
            )));
        }
        vec![Effect::Bulk(BulkSave {
            items,
            action,
            intent,
            label: format!("{verb} of {}", entry.describe(undo)),
        })]
    }
}
