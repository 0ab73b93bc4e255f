//! Moving through the view.

use super::effect::Effect;
use super::status_message::Message;
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

    /// Goes to the next (or previous) case with status `new` that no other reviewer has open,
    /// wrapping around the view once, and asks for its lease (another reviewer may have opened
    /// it since the last look: then the answer moves on again).
    pub(super) fn jump_unreviewed(&mut self, forward: bool) -> Vec<Effect> {
        let n = self.view.len();
        if n == 0 {
            return Vec::new();
        }
        let found = (1..=n).find_map(|step| {
            let position = if forward {
                (self.cursor + step) % n
            } else {
                (self.cursor + n - step % n) % n
            };
            self.case_at(position)
                .filter(|c| c.status == Status::New && !self.leases.contains_key(&c.id))
                .map(|_| position)
        });
        match found {
            Some(position) if position == self.cursor => {
                self.message = Some(Message::info("no other unreviewed case in this view"));
                Vec::new()
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
                self.current()
                    .map(|c| Effect::Claim(c.id.clone()))
                    .into_iter()
                    .collect()
            }
            None => {
                self.message = Some(Message::info(
                    "no unreviewed cases left in this view (or others have them open)",
                ));
                Vec::new()
            }
        }
    }
}
