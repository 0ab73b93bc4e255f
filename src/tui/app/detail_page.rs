//! Scrolling a long case text in the detail: by three lines (or fewer, when fewer rows show
//! it) or by a page, the rows the detail shows it in; never past its last page.

use super::App;

/// Lines `J`/`K` scroll at most.
const STEP: usize = 3;

impl App {
    /// Scrolls the case text a few lines down (or up), never past its last page and never by
    /// more than the rows it is shown in (so no line is skipped).
    pub(super) fn detail_step(&mut self, down: bool) {
        let (rows, lines) = crate::tui::ui::layout::detail_text(self);
        let last = lines.saturating_sub(rows.max(1));
        let shown = self.detail_scroll.min(last);
        let step = STEP.min(rows.max(1));
        self.detail_scroll = if down {
            (shown + step).min(last)
        } else {
            shown.saturating_sub(step)
        };
    }

    /// Scrolls the case text a page down (or up), never past its last page.
    pub(super) fn detail_page(&mut self, down: bool) {
        let (rows, lines) = crate::tui::ui::layout::detail_text(self);
        let last = lines.saturating_sub(rows.max(1));
        // `J` may have scrolled past the end (the detail stops at the last line); page from
        // where the text is shown.
        let shown = self.detail_scroll.min(last);
        let page = rows.max(1);
        self.detail_scroll = if down {
            (shown + page).min(last)
        } else {
            shown.saturating_sub(page)
        };
    }
}
