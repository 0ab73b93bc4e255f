//! Where each pane goes, for every terminal size. Shared by drawing and by `update` (which
//! needs the page height), so the two always agree.

use ratatui::layout::Rect;

/// Below this the workbench asks for a larger terminal instead of drawing.
pub const MIN_COLS: u16 = 60;
pub const MIN_ROWS: u16 = 16;
/// Width of the counts panel beside the list: room for a code, its count and share, a bar, and
/// in the compared sections the shares among kakao cases and published.
const PANEL_COLS: u16 = 56;
/// The list keeps this many columns beside the panel: its columns and 40 cells of case text.
const LIST_MIN_COLS: u16 = 100;
/// From this width on, the counts panel stands beside the list and detail; below it, it comes
/// on demand (the toggle) in the detail's place, so the list keeps its width for the text.
pub const WIDE_COLS: u16 = PANEL_COLS + LIST_MIN_COLS;
/// Status line and hint/message line.
const BOTTOM_ROWS: u16 = 2;

/// The panes of one frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    pub detail: Option<Rect>,
    pub panel: Option<Rect>,
    pub status: Rect,
    pub hint: Rect,
}

/// The panes for a terminal of `size` (columns, rows), or `None` when it is too small.
///
/// Wide (≥ [`WIDE_COLS`]): the list above the detail on the left, the counts panel on the
/// right (the toggle hides it). Narrower: the list above the detail; the toggle shows the panel
/// in the detail's place, and the list keeps a quarter of the height (at least 3 cases).
pub fn areas(size: (u16, u16), panel_toggled: bool) -> Option<Areas> {
    let (cols, rows) = size;
    if cols < MIN_COLS || rows < MIN_ROWS {
        return None;
    }
    let body_rows = rows - BOTTOM_ROWS;
    let status = Rect::new(0, body_rows, cols, 1);
    let hint = Rect::new(0, body_rows + 1, cols, 1);
    let wide = cols >= WIDE_COLS;
    let panel_beside = wide && !panel_toggled;
    let left_cols = if panel_beside {
        cols - PANEL_COLS
    } else {
        cols
    };
    // The list takes two fifths of the height; when the panel is toggled in on a narrower
    // terminal, the list shrinks to give the counts the room.
    let list_rows = if !wide && panel_toggled {
        (body_rows / 4).max(5)
    } else {
        (body_rows * 2 / 5).max(5)
    };
    let list = Rect::new(0, 0, left_cols, list_rows);
    let below = Rect::new(0, list_rows, left_cols, body_rows - list_rows);
    let (detail, panel) = if panel_beside {
        (
            Some(below),
            Some(Rect::new(left_cols, 0, PANEL_COLS, body_rows)),
        )
    } else if !wide && panel_toggled {
        (None, Some(below))
    } else {
        (Some(below), None)
    };
    Some(Areas {
        list,
        detail,
        panel,
        status,
        hint,
    })
}

/// The detail's case text: the rows it has on screen, and its lines in all (for paging).
pub fn detail_text(app: &crate::tui::app::App) -> (usize, usize) {
    match areas(app.size, app.panel_toggled).and_then(|a| a.detail) {
        Some(detail) => super::detail::text_window(app, detail),
        None => (0, 0),
    }
}

/// How many cases the list shows at once (inside its border).
pub fn list_rows(size: (u16, u16), panel_toggled: bool) -> usize {
    areas(size, panel_toggled).map_or(1, |a| usize::from(a.list.height.saturating_sub(2)))
}

/// The lines of text a page to read (the help, a report, a history) shows at `size`: the body
/// less a row of margin, the box's borders and its bottom line (where it is, how to close).
pub fn reader_rows(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(BOTTOM_ROWS + 4))
}

/// The cells of a line of a page to read at `size`.
pub fn reader_cols(size: (u16, u16)) -> usize {
    usize::from(size.0.saturating_sub(2).min(100).saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_stack_list_and_detail_and_toggle_the_panel_in() {
        let a = areas((80, 24), false).unwrap();
        assert_eq!(a.list, Rect::new(0, 0, 80, 8));
        assert_eq!(a.detail, Some(Rect::new(0, 8, 80, 14)));
        assert_eq!(a.panel, None);
        assert_eq!(a.status.y, 22);
        let t = areas((80, 24), true).unwrap();
        assert_eq!((t.detail, t.panel), (None, Some(Rect::new(0, 5, 80, 17))));
        assert_eq!(list_rows((80, 24), false), 6);
    }

    #[test]
    fn at_120_columns_the_list_keeps_the_width_and_the_panel_comes_on_demand() {
        let a = areas((120, 40), false).unwrap();
        assert_eq!((a.list, a.panel), (Rect::new(0, 0, 120, 15), None));
        assert_eq!(a.detail, Some(Rect::new(0, 15, 120, 23)));
        let t = areas((120, 40), true).unwrap();
        assert_eq!(t.list, Rect::new(0, 0, 120, 9));
        assert_eq!((t.detail, t.panel), (None, Some(Rect::new(0, 9, 120, 29))));
    }

    #[test]
    fn wide_terminals_show_all_three() {
        let a = areas((200, 50), false).unwrap();
        assert_eq!(a.panel, Some(Rect::new(144, 0, 56, 48)));
        assert_eq!(a.list.width, 144);
        let edge = areas((WIDE_COLS, 40), false).unwrap();
        assert_eq!(edge.list.width, LIST_MIN_COLS);
        assert_eq!(areas((WIDE_COLS - 1, 40), false).unwrap().panel, None);
        let hidden = areas((200, 50), true).unwrap();
        assert_eq!((hidden.panel, hidden.list.width), (None, 200));
    }

    #[test]
    fn too_small_is_none_and_never_panics() {
        assert_eq!(areas((59, 30), false), None);
        assert_eq!(areas((100, 15), false), None);
        for cols in 0..200 {
            for rows in 0..60 {
                if let Some(a) = areas((cols, rows), cols % 2 == 0) {
                    assert!(a.list.height >= 5 && a.hint.y < rows);
                }
            }
        }
    }
}
