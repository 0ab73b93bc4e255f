//! Pages to read: the help (built from the keymap, for the screen it was opened on), reports,
//! the whole message, and a case's history. They scroll by line and by page.

use super::effect::Effect;
use super::screen::{HistoryScreen, Reader, Screen};
use super::status_message::Message;
use super::App;
use crate::text::{pad_right, width};
use crate::tui::action::Action;
use crate::tui::keymap::{help_lines, Mode};

impl Reader {
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> Reader {
        Reader {
            title: title.into(),
            lines,
            scroll: 0,
        }
    }

    /// How many lines it takes wrapped to `cells` cells (as it is drawn).
    pub fn wrapped_len(&self, cells: usize) -> usize {
        self.lines
            .iter()
            .map(|l| crate::text::wrap(l, cells).len())
            .sum()
    }

    /// Scrolls by `action` with `rows` of its `total` (wrapped) lines on screen; returns
    /// whether it was a move.
    fn scroll(&mut self, action: Action, rows: usize, total: usize) -> bool {
        let last = total.saturating_sub(rows);
        let rows = rows.max(1);
        self.scroll = match action {
            Action::MoveDown | Action::SelectNext | Action::DetailDown => self.scroll + 1,
            Action::MoveUp | Action::SelectPrev | Action::DetailUp => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + rows,
            Action::PageUp => self.scroll.saturating_sub(rows),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        }
        .min(last);
        true
    }
}

/// The help for `mode`: its keys first, then every other section's, each line
/// `  keys  what they do`, generated from the keymap so it never disagrees with it.
pub fn help_text(keymap: &crate::tui::keymap::Keymap, mode: Mode) -> Vec<String> {
    let mut modes = vec![mode];
    modes.extend(Mode::ALL.into_iter().filter(|m| *m != mode));
    let mut lines = Vec::new();
    for (i, m) in modes.into_iter().enumerate() {
        let entries = help_lines(keymap, m);
        if entries.is_empty() {
            continue;
        }
        if i > 0 {
            lines.push(String::new());
        }
        let here = if i == 0 { " (here)" } else { "" };
        lines.push(format!("[{}] {}{here}", m.name(), m.title()));
        let key_w = entries
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(20);
        for (keys, description) in entries {
            lines.push(format!("  {}  {description}", pad_right(&keys, key_w)));
        }
    }
    lines
}

impl App {
    /// How many lines of a page are on screen at the current size.
    pub fn reader_rows(&self) -> usize {
        crate::tui::ui::layout::reader_rows(self.size)
    }

    /// `?`: the keys of the screen in force.
    pub(super) fn open_help(&mut self) {
        let mode = self.screen().mode();
        let lines = help_text(&self.keymap, mode);
        self.screens.open(Screen::Help(Reader::new(
            format!("keys of {} (from the active keymap)", mode.title()),
            lines,
        )));
    }

    /// The whole message, with every detail it carries.
    pub(super) fn open_message(&mut self) {
        let Some(message) = &self.message else {
            self.message = Some(Message::info("no message to read"));
            return;
        };
        let mut lines = vec![message.text.clone()];
        if !message.detail.is_empty() {
            lines.push(String::new());
            lines.extend(message.detail.iter().cloned());
        }
        self.screens
            .open(Screen::Report(Reader::new("message", lines)));
    }

    pub(super) fn reader_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.reader_rows();
        let cells = crate::tui::ui::layout::reader_cols(self.size);
        let (Screen::Help(reader) | Screen::Report(reader)) = self.screens.top_mut() else {
            return Vec::new();
        };
        let total = reader.wrapped_len(cells);
        if !reader.scroll(action, rows, total) && matches!(action, Action::Cancel | Action::Help) {
            self.screens.close();
        }
        Vec::new()
    }

    pub(super) fn history_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.reader_rows().max(1);
        let Screen::History(history) = self.screens.top_mut() else {
            return Vec::new();
        };
        let n = history.events.len();
        let last = n.saturating_sub(1);
        match action {
            Action::MoveDown | Action::SelectNext => {
                history.selected = (history.selected + 1).min(last)
            }
            Action::MoveUp | Action::SelectPrev => {
                history.selected = history.selected.saturating_sub(1)
            }
            Action::PageDown => history.selected = (history.selected + rows).min(last),
            Action::PageUp => history.selected = history.selected.saturating_sub(rows),
            Action::First => history.selected = 0,
            Action::Last => history.selected = last,
            Action::RevertBatch => return self.revert_selected_batch(),
            Action::Cancel | Action::History => {
                self.screens.close();
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_history(&mut self, case_id: String, events: Vec<crate::store::AuditEvent>) {
        // Start at the end: the latest changes are what one looks for.
        let selected = events.len().saturating_sub(1);
        let history = Screen::History(HistoryScreen {
            case_id,
            events,
            selected,
        });
        match self.screen() {
            Screen::History(_) => self.screens.replace(history),
            _ => self.screens.open(history),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_by_line_and_by_page_within_the_page() {
        let mut reader = Reader::new("t", (0..50).map(|i| i.to_string()).collect());
        assert_eq!(reader.wrapped_len(80), 50);
        assert!(reader.scroll(Action::PageDown, 20, 50));
        assert_eq!(reader.scroll, 20);
        reader.scroll(Action::PageDown, 20, 50);
        assert_eq!(reader.scroll, 30, "the last page ends at the last line");
        reader.scroll(Action::MoveDown, 20, 50);
        assert_eq!(reader.scroll, 30);
        reader.scroll(Action::PageUp, 20, 50);
        assert_eq!(reader.scroll, 10);
        reader.scroll(Action::First, 20, 50);
        assert_eq!(reader.scroll, 0);
        assert!(!reader.scroll(Action::Accept, 20, 50));
    }

    #[test]
    fn help_starts_with_the_keys_of_the_screen_it_was_opened_on() {
        let keymap = crate::tui::keymap::Keymap::builtin();
        let lines = help_text(&keymap, Mode::Differences);
        assert_eq!(lines[0], "[differences] a spot-check's differences (here)");
        assert!(lines.iter().any(|l| l == "[normal] the case list"));
        let normal = help_text(&keymap, Mode::Normal);
        assert_eq!(normal[0], "[normal] the case list (here)");
        assert!(normal[1].starts_with("  j, down"), "{}", normal[1]);
    }
}
