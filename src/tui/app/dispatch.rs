//! Where an action goes: to the screen in force, and only there. Editing keys go to its text
//! input (every typed screen edits the same way); the few actions that mean the same on every
//! screen whose keymap section binds them (help, quit, the message) are handled once; every
//! other action is the screen's own.

use super::effect::Effect;
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::tui::action::Action;

impl App {
    pub(super) fn on_action(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(action, Action::Undo | Action::Redo) {
            self.walk_back_armed = false;
        }
        if let Some(input) = self.screens.top_mut().input_mut() {
            match input.edit(action) {
                Some(true) => return self.text_changed(),
                Some(false) => return Vec::new(),
                None => {}
            }
        }
        match action {
            Action::Help if !matches!(self.screen(), Screen::Help(_)) => {
                self.open_help();
                return Vec::new();
            }
            Action::Quit => {
                self.quitting = true;
                return vec![Effect::Quit];
            }
            Action::DismissMessage => {
                self.message = None;
                return Vec::new();
            }
            Action::ShowMessage => {
                self.open_message();
                return Vec::new();
            }
            Action::Agreement => return vec![Effect::LoadAgreement],
            _ => {}
        }
        match self.screen() {
            Screen::Cases => self.cases_action(action),
            Screen::Panel { .. } => self.panel_action(action),
            Screen::Spot(_) => self.spot_action(action),
            Screen::Picker(_) => self.picker_action(action),
            Screen::Prompt(_) => self.prompt_action(action),
            Screen::Filter(_) => self.filter_action(action),
            Screen::Search(_) => self.search_action(action),
            Screen::Views(_) => self.views_action(action),
            Screen::BulkLabel(_) | Screen::BulkPreview(_) => self.bulk_action(action),
            Screen::RevertPreview(_) => self.revert_preview_action(action),
            Screen::Compare(_) => self.compare_action(action),
            Screen::SpotList(_) => self.spot_list_action(action),
            Screen::Help(_) | Screen::Report(_) => self.reader_action(action),
            Screen::History(_) => self.history_action(action),
        }
    }

    /// A character typed into the text input of the screen in force.
    pub(super) fn on_text(&mut self, ch: char) -> Vec<Effect> {
        let Some(input) = self.screens.top_mut().input_mut() else {
            return Vec::new();
        };
        if !input.insert(ch) {
            return Vec::new();
        }
        self.text_changed()
    }

    /// The text of the screen in force changed: each screen follows its own text.
    fn text_changed(&mut self) -> Vec<Effect> {
        match self.screen() {
            Screen::Picker(_) => self.picker_query_changed(),
            Screen::Prompt(_) => self.prompt_text_changed(),
            Screen::Filter(_) => self.filter_typed(),
            Screen::Search(_) => return self.research(),
            Screen::Views(_) => self.views_query_changed(),
            Screen::BulkLabel(_) => self.bulk_query_changed(),
            _ => {}
        }
        Vec::new()
    }

    /// The case list's keys: moving, labelling, and opening every other screen.
    fn cases_action(&mut self, action: Action) -> Vec<Effect> {
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
            Action::DetailDown => self.detail_step(true),
            Action::DetailUp => self.detail_step(false),
            Action::DetailPageDown => self.detail_page(true),
            Action::DetailPageUp => self.detail_page(false),
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
            Action::SpotCheck => return self.open_spot_checks(),
            Action::SpotDifferences | Action::Keep | Action::Overturn => {
                self.message = Some(Message::info("open a spot-check first (C)"));
            }
            Action::AcceptSuggestions => return self.accept_suggestions(),
            Action::ToggleSuggestedCounts => {
                self.panel_suggested = !self.panel_suggested;
                self.message = Some(Message::info(if self.panel_suggested {
                    "counts panel: beside each count, the count the suggestions would give"
                } else {
                    "counts panel: the labels' counts only"
                }));
            }
            Action::CycleRules => self.cycle_rules(),
            Action::Compare => self.open_compare(),
            Action::Search => self.open_search(),
            _ => {}
        }
        Vec::new()
    }
}
