//! The one-line text input every typed screen uses (the amount and note prompts, the filter
//! and search lines, the type-to-narrow pickers, the spot-check form). It edits like a shell
//! line — left/right, home/end, ctrl-a/ctrl-e, ctrl-w, ctrl-u, delete — by grapheme and by
//! display width (Hangul is two cells), through tui-input rather than a hand-written editor.

use tui_input::{Input, InputRequest};

use crate::tui::action::Action;

/// A line of text with a cursor.
#[derive(Clone, Debug, Default)]
pub struct LineInput {
    input: Input,
}

impl PartialEq for LineInput {
    fn eq(&self, other: &LineInput) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for LineInput {}

impl LineInput {
    /// `text` with the cursor at its end.
    pub fn new(text: impl Into<String>) -> LineInput {
        LineInput {
            input: Input::new(text.into()),
        }
    }

    /// `text` with the cursor before the character at `chars` (counted in characters).
    pub fn with_cursor(text: impl Into<String>, chars: usize) -> LineInput {
        LineInput {
            input: Input::new(text.into()).with_cursor(chars),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// The cursor, in display cells from the start.
    pub fn cursor_cells(&self) -> usize {
        self.input.visual_cursor()
    }

    /// Puts the cursor before the character at `chars`.
    pub fn set_cursor(&mut self, chars: usize) {
        self.input.handle(InputRequest::SetCursor(chars));
    }

    /// Types a character at the cursor. Control characters, bidirectional overrides and
    /// zero-width characters are not text one types (a paste may carry them) and are dropped,
    /// so what is drawn is exactly what was typed.
    pub fn insert(&mut self, ch: char) -> bool {
        if ch.is_control() || crate::text::is_unsafe(ch) {
            return false;
        }
        self.input.handle(InputRequest::InsertChar(ch));
        true
    }

    /// Replaces the whole text (the cursor goes to its end).
    pub fn set(&mut self, text: impl Into<String>) {
        self.input = Input::new(text.into());
    }

    /// Applies an editing action. Returns `None` when `action` is not one, else whether the
    /// text changed (a cursor move changes nothing).
    pub fn edit(&mut self, action: Action) -> Option<bool> {
        let request = match action {
            Action::CursorLeft => InputRequest::GoToPrevChar,
            Action::CursorRight => InputRequest::GoToNextChar,
            Action::WordLeft => InputRequest::GoToPrevWord,
            Action::WordRight => InputRequest::GoToNextWord,
            Action::LineStart => InputRequest::GoToStart,
            Action::LineEnd => InputRequest::GoToEnd,
            Action::DeleteBack => InputRequest::DeletePrevChar,
            Action::DeleteForward => InputRequest::DeleteNextChar,
            Action::DeleteWordBack => return Some(self.delete_word_back()),
            Action::DeleteToStart => InputRequest::DeleteFromStart,
            Action::DeleteToEnd => InputRequest::DeleteTillEnd,
            Action::ClearInput => InputRequest::DeleteLine,
            _ => return None,
        };
        let before = self.value().to_string();
        self.input.handle(request);
        Some(self.value() != before)
    }

    /// ctrl-w as shells do it: deletes back to the previous blank (`kind=paid amount>3`
    /// loses `amount>3`), not to the previous punctuation.
    fn delete_word_back(&mut self) -> bool {
        let chars: Vec<char> = self.value().chars().collect();
        let end = self.cursor().min(chars.len());
        let mut start = end;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == end {
            return false;
        }
        let text: String = chars[..start].iter().chain(&chars[end..]).collect();
        self.input = Input::new(text).with_cursor(start);
        true
    }

    /// What to draw in `cells` cells: the visible part of the text, scrolled so that the
    /// cursor is always in view.
    pub fn window(&self, cells: usize) -> Window {
        let cells = cells.max(1);
        let cursor = self.cursor_cells();
        let mut to_skip = (cursor + 1).saturating_sub(cells);
        let mut skipped = 0;
        let mut text = String::new();
        let mut used = 0;
        for ch in self.value().chars() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if to_skip > 0 {
                skipped += w;
                to_skip = to_skip.saturating_sub(w);
                continue;
            }
            if used + w > cells {
                break;
            }
            text.push(ch);
            used += w;
        }
        Window {
            text,
            cursor: cursor.saturating_sub(skipped),
            skipped,
        }
    }

    /// The cell where the character at `chars` (counted from 0) starts.
    pub fn cells_before(&self, chars: usize) -> usize {
        crate::text::width(&self.value().chars().take(chars).collect::<String>())
    }
}

/// The part of a [`LineInput`] that fits on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// The visible text.
    pub text: String,
    /// The cursor's cell within `text` (`text`'s width when it is at the end).
    pub cursor: usize,
    /// How many cells of the text are scrolled off to the left.
    pub skipped: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut line = LineInput::default();
        for ch in text.chars() {
            line.insert(ch);
        }
        line
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut line = typed("kind=paid amount>3");
        assert_eq!(line.edit(Action::DeleteWordBack), Some(true));
        assert_eq!(line.value(), "kind=paid ");
        line.edit(Action::LineStart);
        assert_eq!(line.cursor(), 0);
        assert_eq!(
            line.edit(Action::DeleteBack),
            Some(false),
            "nothing before the cursor"
        );
        line.insert('x');
        assert_eq!(line.value(), "xkind=paid ");
        line.edit(Action::CursorLeft);
        assert_eq!(line.edit(Action::DeleteForward), Some(true));
        assert_eq!(line.value(), "kind=paid ");
        line.edit(Action::LineEnd);
        line.edit(Action::CursorLeft);
        line.edit(Action::DeleteToStart);
        assert_eq!(line.value(), " ");
        assert_eq!(line.edit(Action::ClearInput), Some(true));
        assert_eq!(line.value(), "");
        assert_eq!(line.edit(Action::MoveDown), None, "not an editing action");
        assert!(!line.insert('\u{1b}'), "control characters are not typed");
        assert!(!line.insert('\u{202e}'), "nor bidi overrides");
    }

    #[test]
    fn moves_over_hangul_by_character_and_measures_by_cell() {
        let mut line = typed("약 30만 원");
        assert_eq!(line.cursor(), 7);
        assert_eq!(line.cursor_cells(), 10, "약, 만, 원 are two cells each");
        line.edit(Action::CursorLeft);
        line.edit(Action::CursorLeft);
        assert_eq!(line.cursor_cells(), 7);
        line.insert('천');
        assert_eq!(line.value(), "약 30만천 원");
        line.edit(Action::WordLeft);
        assert_eq!(line.cursor(), 2);
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        let line = typed("가나다라마바사");
        // 14 cells of text and one for the cursor after it, in 8 cells: the end is shown.
        let window = line.window(8);
        assert_eq!(window.text, "마바사");
        assert_eq!((window.cursor, window.skipped), (6, 8));
        let mut line = line;
        line.edit(Action::LineStart);
        let window = line.window(8);
        assert_eq!(window.text, "가나다라");
        assert_eq!((window.cursor, window.skipped), (0, 0));
        assert_eq!(line.cells_before(2), 4);
    }
}
