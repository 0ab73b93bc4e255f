//! Paging through a long case text in the detail: a page is the rows the detail shows it in.

use super::App;

impl App {
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
