//! Moving through the view.

use super::message::Message;
use super::App;
use crate::domain::Status;

impl App {
    /// Moves the cursor by `delta` rows, stopping at the ends.
    pub(super) fn move_by(&mut self, delta: isize) {
        let last = self.view.len().saturating_sub(1) as isize;
        let target = (self.cursor as isize + delta).clamp(0, last.max(0));
        self.move_to(target as usize);
    }

    pub(super) fn move_to(&mut self, position: usize) {
        let position = position.min(self.view.len().saturating_sub(1));
        if position != self.cursor {
            self.detail_scroll = 0;
        }
        self.cursor = position;
        self.keep_cursor_visible();
    }

    /// Scrolls the list just enough to show the cursor.
    pub(super) fn keep_cursor_visible(&mut self) {
        let rows = self.list_rows().max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + rows {
            self.offset = self.cursor + 1 - rows;
        }
        let max_offset = self.view.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }

    /// Goes to the next (or previous) case with status `new`, wrapping around the view once.
    pub(super) fn jump_unreviewed(&mut self, forward: bool) {
        let n = self.view.len();
        if n == 0 {
            return;
        }
        let found = (1..=n).find_map(|step| {
            let position = if forward {
                (self.cursor + step) % n
            } else {
                (self.cursor + n - step % n) % n
            };
            self.case_at(position)
                .filter(|c| c.status == Status::New)
                .map(|_| position)
        });
        match found {
            Some(position) if position == self.cursor => {
                self.message = Some(Message::info("no other unreviewed case in this view"));
            }
            Some(position) => {
                let wrapped = if forward {
                    position < self.cursor
                } else {
                    position > self.cursor
                };
                self.move_to(position);
                if wrapped {
                    self.message = Some(Message::info("wrapped around the view"));
                }
            }
            None => self.message = Some(Message::info("no unreviewed cases left in this view")),
        }
    }
}
