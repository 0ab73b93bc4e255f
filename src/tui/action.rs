//! What a reviewer can ask the workbench to do. Keys become actions only through the keymap;
//! every action has a kebab-case name used in keymap files and the help overlay.

use std::fmt;

use crate::domain::Dimension;

/// An action a key can be bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    MoveDown,
    MoveUp,
    First,
    Last,
    PageDown,
    PageUp,
    NextUnreviewed,
    PrevUnreviewed,
    /// Set a label to one code (`set-kind-paid`, `set-service-kakaomap`, ...).
    SetLabel(Dimension, u8),
    /// Clear a label (`clear-kind`, ...).
    ClearLabel(Dimension),
    ToggleScope,
    PickService,
    EditAmount,
    EditNote,
    Escalate,
    /// Mark the case reviewed and jump to the next unreviewed case.
    Confirm,
    Undo,
    Redo,
    /// Scroll the case text in the detail pane.
    DetailDown,
    DetailUp,
    /// Scroll the case text by the rows the detail shows.
    DetailPageDown,
    DetailPageUp,
    TogglePanel,
    Help,
    DismissMessage,
    Quit,
    /// In a picker or prompt: accept.
    Accept,
    /// In a picker, prompt or overlay: leave without a change.
    Cancel,
    /// In a picker: move the selection.
    SelectNext,
    SelectPrev,
    /// In a prompt: delete the character before the cursor.
    DeleteBack,
    /// In a prompt: clear the whole input.
    ClearInput,
    /// In a text input: move the cursor one character left / right.
    CursorLeft,
    CursorRight,
    /// In a text input: move the cursor one word left / right.
    WordLeft,
    WordRight,
    /// In a text input: move the cursor to the start / end of the line.
    LineStart,
    LineEnd,
    /// In a text input: delete the character under the cursor.
    DeleteForward,
    /// In a text input: delete the word before the cursor.
    DeleteWordBack,
    /// In a text input: delete from the start of the line to the cursor.
    DeleteToStart,
    /// In a text input: delete from the cursor to the end of the line.
    DeleteToEnd,
    /// Show the whole message of the message line (a long error, every rule-file problem).
    ShowMessage,
    /// In a case's history: revert the batch of the selected change (leads above 100 cases).
    RevertBatch,
    /// Accept every suggestion of the case and confirm it (on to the next unreviewed case).
    AcceptSuggestions,
    /// In the counts panel: show beside each code the count the suggestions would give.
    ToggleSuggestedCounts,
    /// In the filter line: complete the field name or code being typed.
    Complete,
    /// Open the search line (fuzzy search over id, text and note).
    Search,
    /// Open the filter line (the `--where` language).
    Filter,
    /// Back to every case: no filter, no search.
    ClearFilter,
    /// List the queues and saved views with their counts.
    Views,
    /// Save the current filter and search as a named view for the team.
    SaveView,
    /// In the views list: delete the selected saved view.
    DeleteView,
    /// Mark or unmark the selected case for a bulk change.
    Mark,
    /// Mark every case in the view (or unmark all when all are marked).
    MarkAll,
    /// Apply a label to the marked cases, after a preview.
    Bulk,
    /// Move the focus to the counts panel, to drill into a count.
    FocusPanel,
    /// Switch to the next rule set of the rules folder.
    CycleRules,
    /// Compare the active rule set with another one.
    Compare,
    /// Show the selected case's history (the audit trail).
    History,
    /// Open a spot-check (or a new one); again: leave it.
    SpotCheck,
    /// In a spot-check: switch between blind labelling and the differences.
    SpotDifferences,
    /// In a spot-check's differences: keep the reviewer's label.
    Keep,
    /// In a spot-check's differences: overturn it with the lead's label.
    Overturn,
    /// Agreement between reviewers and leads: percent, kappa, overturn rates.
    Agreement,
}

/// Fixed-name actions with the help text shown beside their keys.
const FIXED: &[(Action, &str, &str)] = &[
    (Action::MoveDown, "move-down", "next case"),
    (Action::MoveUp, "move-up", "previous case"),
    (Action::First, "first", "first case"),
    (Action::Last, "last", "last case"),
    (Action::PageDown, "page-down", "a page down"),
    (Action::PageUp, "page-up", "a page up"),
    (
        Action::NextUnreviewed,
        "next-unreviewed",
        "next unreviewed case",
    ),
    (
        Action::PrevUnreviewed,
        "prev-unreviewed",
        "previous unreviewed case",
    ),
    (
        Action::ToggleScope,
        "toggle-scope",
        "scope kakao ↔ affiliate",
    ),
    (Action::PickService, "pick-service", "pick the service"),
    (Action::EditAmount, "edit-amount", "edit the amount"),
    (Action::EditNote, "edit-note", "edit the note"),
    (Action::Escalate, "escalate", "escalate the case"),
    (
        Action::Confirm,
        "confirm",
        "mark reviewed, go to the next unreviewed",
    ),
    (Action::Undo, "undo", "undo my last change"),
    (Action::Redo, "redo", "redo what I undid"),
    (
        Action::DetailDown,
        "detail-down",
        "scroll the case text down",
    ),
    (Action::DetailUp, "detail-up", "scroll the case text up"),
    (
        Action::DetailPageDown,
        "detail-page-down",
        "scroll the case text a page down",
    ),
    (
        Action::DetailPageUp,
        "detail-page-up",
        "scroll the case text a page up",
    ),
    (
        Action::TogglePanel,
        "toggle-panel",
        "show or hide the counts panel",
    ),
    (Action::Help, "help", "this help"),
    (
        Action::DismissMessage,
        "dismiss-message",
        "dismiss the message",
    ),
    (Action::Quit, "quit", "quit"),
    (Action::Accept, "accept", "accept"),
    (Action::Cancel, "cancel", "cancel"),
    (Action::SelectNext, "select-next", "next choice"),
    (Action::SelectPrev, "select-prev", "previous choice"),
    (
        Action::DeleteBack,
        "delete-back",
        "delete the character before the cursor",
    ),
    (Action::ClearInput, "clear-input", "clear the input"),
    (
        Action::CursorLeft,
        "cursor-left",
        "cursor one character left",
    ),
    (
        Action::CursorRight,
        "cursor-right",
        "cursor one character right",
    ),
    (Action::WordLeft, "word-left", "cursor one word left"),
    (Action::WordRight, "word-right", "cursor one word right"),
    (
        Action::LineStart,
        "line-start",
        "cursor to the start of the line",
    ),
    (Action::LineEnd, "line-end", "cursor to the end of the line"),
    (
        Action::DeleteForward,
        "delete-forward",
        "delete the character under the cursor",
    ),
    (
        Action::DeleteWordBack,
        "delete-word-back",
        "delete the word before the cursor",
    ),
    (
        Action::DeleteToStart,
        "delete-to-start",
        "delete from the start of the line to the cursor",
    ),
    (
        Action::DeleteToEnd,
        "delete-to-end",
        "delete from the cursor to the end of the line",
    ),
    (
        Action::ShowMessage,
        "show-message",
        "read the whole message (every problem of a rule file)",
    ),
    (
        Action::AcceptSuggestions,
        "accept-suggestions",
        "accept the suggestions (what you set on the case stays), confirm, go to the next unreviewed",
    ),
    (
        Action::ToggleSuggestedCounts,
        "toggle-suggested-counts",
        "counts panel: show the counts the suggestions would give",
    ),
    (
        Action::RevertBatch,
        "revert-batch",
        "revert the selected change's batch (a bulk change, a label file)",
    ),
    (Action::Complete, "complete", "complete the field or code"),
    (
        Action::Search,
        "search",
        "search id, text and note (ㅋㅋㅇㅁ finds 카카오맵)",
    ),
    (
        Action::Filter,
        "filter",
        "filter the view (kind=paid amount_krw>300000 …)",
    ),
    (Action::ClearFilter, "clear-filter", "back to every case"),
    (Action::Views, "views", "queues and saved views"),
    (
        Action::SaveView,
        "save-view",
        "save this filter and search as a view",
    ),
    (
        Action::DeleteView,
        "delete-view",
        "delete the selected saved view",
    ),
    (Action::Mark, "mark", "mark or unmark the case"),
    (
        Action::MarkAll,
        "mark-all",
        "mark every case in the view (again: unmark all)",
    ),
    (
        Action::Bulk,
        "bulk",
        "label the marked cases (with a preview)",
    ),
    (
        Action::FocusPanel,
        "focus-panel",
        "focus the counts panel to drill into a count",
    ),
    (Action::CycleRules, "cycle-rules", "next rule set"),
    (Action::Compare, "compare", "compare with another rule set"),
    (
        Action::History,
        "history",
        "the case's history: who changed what, when",
    ),
    (
        Action::SpotCheck,
        "spot-check",
        "spot-checks (leads): open or resume one; again: leave it",
    ),
    (
        Action::SpotDifferences,
        "spot-differences",
        "in a spot-check: blind labelling ↔ the differences",
    ),
    (
        Action::Keep,
        "keep",
        "in the differences: keep the reviewer's label",
    ),
    (
        Action::Overturn,
        "overturn",
        "in the differences: overturn it with the lead's label",
    ),
    (
        Action::Agreement,
        "agreement",
        "agreement: percent, kappa, overturn rate per reviewer",
    ),
];

impl Action {
    /// Every action, in help order: fixed ones, then every set-/clear- of every dimension.
    pub fn all() -> Vec<Action> {
        let mut all: Vec<Action> = FIXED.iter().map(|(a, _, _)| *a).collect();
        for dim in Dimension::ALL {
            for code in 0..dim.codes().len() {
                all.push(Action::SetLabel(dim, code as u8));
            }
            all.push(Action::ClearLabel(dim));
        }
        all
    }

    /// The kebab-case name used in keymap files: `move-down`, `set-kind-free-monetary`.
    pub fn name(self) -> String {
        match self {
            Action::SetLabel(dim, code) => {
                format!("set-{}-{}", dim.name(), dim.code(code).replace('_', "-"))
            }
            Action::ClearLabel(dim) => format!("clear-{}", dim.name()),
            other => FIXED
                .iter()
                .find(|(a, _, _)| *a == other)
                .map(|(_, name, _)| name.to_string())
                .unwrap_or_default(),
        }
    }

    /// What the action does, for the help overlay.
    pub fn description(self) -> String {
        match self {
            Action::SetLabel(dim, code) => {
                let info = dim.info(code);
                format!("{} = {} ({})", dim.name(), info.code, info.korean)
            }
            Action::ClearLabel(dim) => format!("clear {}", dim.name()),
            other => FIXED
                .iter()
                .find(|(a, _, _)| *a == other)
                .map(|(_, _, help)| help.to_string())
                .unwrap_or_default(),
        }
    }

    /// What the action does on the screens of `mode`, where that differs from
    /// [`Action::description`] (moving on a page to read is by line, not by case).
    pub fn description_in(self, mode: crate::tui::keymap::Mode) -> String {
        use crate::tui::keymap::Mode;
        let special = match (mode, self) {
            (Mode::Help, Action::MoveDown) => Some("a line down"),
            (Mode::Help, Action::MoveUp) => Some("a line up"),
            (Mode::Help, Action::First) => Some("to the top"),
            (Mode::Help, Action::Last) => Some("to the end"),
            (Mode::Help | Mode::History, Action::Cancel) => Some("close"),
            (Mode::History, Action::SelectNext) => Some("next change"),
            (Mode::History, Action::SelectPrev) => Some("previous change"),
            (Mode::History | Mode::Menu | Mode::Panel, Action::First) => Some("first choice"),
            (Mode::History | Mode::Menu | Mode::Panel, Action::Last) => Some("last choice"),
            (Mode::Panel, Action::SelectNext) => Some("next count"),
            (Mode::Panel, Action::SelectPrev) => Some("previous count"),
            (Mode::Panel, Action::Accept) => Some("show the cases of this count"),
            (Mode::Panel, Action::Cancel) => Some("back to the list"),
            (Mode::Spot, Action::MoveDown) => Some("next sampled case"),
            (Mode::Spot, Action::MoveUp) => Some("previous sampled case"),
            (Mode::Spot, Action::First) => Some("first sampled case"),
            (Mode::Spot, Action::Last) => Some("last sampled case"),
            (Mode::Spot | Mode::Differences, Action::SpotCheck) => Some("leave the spot-check"),
            (Mode::Spot, Action::SpotDifferences) => Some("show the differences"),
            (Mode::Differences, Action::SpotDifferences) => Some("back to the blind labels"),
            (Mode::Differences, Action::SelectNext) => Some("next difference"),
            (Mode::Differences, Action::SelectPrev) => Some("previous difference"),
            (Mode::Differences, Action::First) => Some("first difference"),
            (Mode::Differences, Action::Last) => Some("last difference"),
            (Mode::Spot | Mode::Differences, Action::DetailDown) => {
                Some("scroll the case text down")
            }
            _ => None,
        };
        special.map_or_else(|| self.description(), str::to_string)
    }

    /// Looks an action up by its name.
    pub fn from_name(name: &str) -> Option<Action> {
        if let Some((action, _, _)) = FIXED.iter().find(|(_, n, _)| *n == name) {
            return Some(*action);
        }
        if let Some(dim_name) = name.strip_prefix("clear-") {
            return Dimension::from_name(dim_name).map(Action::ClearLabel);
        }
        let rest = name.strip_prefix("set-")?;
        Dimension::ALL.into_iter().find_map(|dim| {
            let code = rest.strip_prefix(dim.name())?.strip_prefix('-')?;
            let index = dim.parse_code(&code.replace('-', "_")).ok()?;
            Some(Action::SetLabel(dim, index))
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_name() {
        let all = Action::all();
        assert_eq!(all.len(), FIXED.len() + 2 + 3 + 6 + 13 + 3 + 5);
        for action in all {
            let name = action.name();
            assert!(!name.is_empty());
            assert_eq!(Action::from_name(&name), Some(action), "{name}");
            assert!(!action.description().is_empty());
        }
    }

    #[test]
    fn label_actions_use_kebab_case_codes() {
        let free = Action::SetLabel(Dimension::Kind, 1);
        assert_eq!(free.name(), "set-kind-free-monetary");
        assert_eq!(
            free.description(),
            "kind = free_monetary (무료서비스 금전 피해)"
        );
        assert_eq!(
            Action::from_name("set-service-kakao-t"),
            Some(Action::SetLabel(Dimension::Service, 8))
        );
        assert_eq!(Action::from_name("set-kind-pai"), None);
        assert_eq!(
            Action::from_name("clear-substitute"),
            Some(Action::ClearLabel(Dimension::Substitute))
        );
    }
}
