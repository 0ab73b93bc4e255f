//! Changing cases: label keys, the service picker, the amount and note prompts, undo and redo.
//! Nothing here writes: each change becomes an [`Effect::Save`] with the version on screen.

use super::list_input::edit_list;
use super::message::Message;
use super::msg::{BulkSave, Effect, Intent, Save};
use super::undo::UndoEntry;
use super::{App, Overlay, Picker, Prompt, PromptKind};
use crate::domain::{format_amount, parse_amount, Change, Dimension, Status};
use crate::store::{Action as StoreAction, BulkItem};
use crate::tui::action::Action;

const KAKAO: u8 = 0;
const AFFILIATE: u8 = 1;

impl App {
    pub(super) fn edit_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(case) = self.current() else {
            self.message = Some(Message::info("no case selected"));
            return Vec::new();
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
                self.overlay = Overlay::Picker(Picker {
                    case_id,
                    query: String::new(),
                    selected: usize::from(current),
                    spot: None,
                });
                return Vec::new();
            }
            Action::EditAmount => {
                let input = case.amount_krw.map(format_amount).unwrap_or_default();
                self.open_prompt(PromptKind::Amount, case_id, input);
                return Vec::new();
            }
            Action::EditNote => {
                let input = case.note.clone().unwrap_or_default();
                self.open_prompt(PromptKind::Note, case_id, input);
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        if change.current_text(case) == change.value_text() {
            let value = change.value_text().unwrap_or_else(|| "not set".into());
            self.message = Some(Message::info(format!(
                "{} is already {value}",
                change.field()
            )));
            return Vec::new();
        }
        self.save(vec![change], Intent::Edit)
    }

    fn open_prompt(&mut self, kind: PromptKind, case_id: String, input: String) {
        self.overlay = Overlay::Prompt(Prompt {
            kind,
            case_id,
            input,
            error: None,
        });
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
            StoreAction::Label,
            intent,
        )
    }

    fn save_case(
        &self,
        case_id: &str,
        expected_version: i64,
        changes: Vec<Change>,
        action: StoreAction,
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

    pub(super) fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return Vec::new();
        };
        let items = picker.items();
        if edit_list(action, &mut picker.query, &mut picker.selected, items.len()) {
            return Vec::new();
        }
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Accept => {
                let Some(&code) = items.get(picker.selected) else {
                    self.message = Some(Message::info("no service matches; backspace to widen"));
                    return Vec::new();
                };
                let case_id = picker.case_id.clone();
                let spot = picker.spot;
                self.overlay = Overlay::None;
                if let Some(check) = spot {
                    return vec![Effect::SpotLabel {
                        check,
                        case_id,
                        dim: Dimension::Service,
                        value: Some(code),
                    }];
                }
                return self.save_label_of(&case_id, Change::Label(Dimension::Service, Some(code)));
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Prompt(prompt) = &mut self.overlay else {
            return Vec::new();
        };
        match action {
            Action::DeleteBack => {
                prompt.input.pop();
                prompt.error = None;
            }
            Action::ClearInput => {
                prompt.input.clear();
                prompt.error = None;
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Accept => {
                let text = prompt.input.trim();
                let change = match prompt.kind {
                    PromptKind::Amount if text.is_empty() => Change::Amount(None),
                    PromptKind::Amount => match parse_amount(text) {
                        Ok(won) => Change::Amount(Some(won)),
                        Err(e) => {
                            prompt.error = Some(e.to_string());
                            return Vec::new();
                        }
                    },
                    PromptKind::Note if text.is_empty() => Change::Note(None),
                    PromptKind::Note => Change::Note(Some(prompt.input.trim_end().to_string())),
                    PromptKind::ViewName if text.is_empty() => {
                        prompt.error = Some("give the view a name".into());
                        return Vec::new();
                    }
                    PromptKind::ViewName => {
                        let name = text.to_string();
                        self.overlay = Overlay::None;
                        return self.save_view_named(&name);
                    }
                    PromptKind::NewSpotCheck => {
                        let form = text.to_string();
                        self.overlay = Overlay::None;
                        return vec![Effect::NewSpot(form)];
                    }
                };
                let case_id = prompt.case_id.clone();
                self.overlay = Overlay::None;
                return self.save_label_of(&case_id, change);
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn on_input(&mut self, ch: char) {
        if ch.is_control() {
            return;
        }
        match &mut self.overlay {
            Overlay::Picker(picker) => {
                picker.query.push(ch);
                picker.selected = 0;
            }
            Overlay::Prompt(prompt) => {
                prompt.input.push(ch);
                prompt.error = None;
            }
            Overlay::Views(list) => {
                list.query.push(ch);
                list.selected = 0;
            }
            Overlay::Bulk(picker) => {
                picker.query.push(ch);
                picker.selected = 0;
            }
            _ => {}
        }
    }

    /// Saves one change to the case the overlay was opened on.
    fn save_label_of(&mut self, case_id: &str, change: Change) -> Vec<Effect> {
        let Some(case) = self.cases.by_id(case_id) else {
            return Vec::new();
        };
        if change.current_text(case) == change.value_text() {
            self.message = Some(Message::info(format!("{} unchanged", change.field())));
            return Vec::new();
        }
        self.save_case(
            case_id,
            case.version,
            vec![change],
            StoreAction::Label,
            Intent::Edit,
        )
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        match self.history.undo.pop() {
            Some(entry) => self.walk_back(entry, true),
            None => {
                self.message = Some(Message::info("nothing to undo in this session"));
                Vec::new()
            }
        }
    }

    pub(super) fn redo(&mut self) -> Vec<Effect> {
        match self.history.redo.pop() {
            Some(entry) => self.walk_back(entry, false),
            None => {
                self.message = Some(Message::info("nothing to redo"));
                Vec::new()
            }
        }
    }

    /// Undoes (`undo`) or redoes an entry. One case: refused when someone changed one of its
    /// fields since. Many cases (a batch): those still as the batch left them are reverted in
    /// one batch; the others are left alone and reported.
    fn walk_back(&mut self, entry: UndoEntry, undo: bool) -> Vec<Effect> {
        let verb = if undo { "undo" } else { "redo" };
        let (action, intent) = if undo {
            (StoreAction::Undo, Intent::Undo(entry.clone()))
        } else {
            (StoreAction::Redo, Intent::Redo(entry.clone()))
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
