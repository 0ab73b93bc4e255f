//! Drawing: every widget renders from `&App` (no I/O, no mutation). Text is measured by
//! display width and sanitized before it reaches the terminal.

mod case_list;
mod choices;
mod detail;
mod keys;
pub mod layout;
mod lines;
mod message;
mod outcome;
mod overlay;
mod panel;
mod short;
mod spot;
mod status;
mod theme;

use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};

/// The first keys of `actions` in normal mode, for hints in messages: `space A`.
pub fn keys_hint(app: &App, actions: &[Action]) -> String {
    keys::action_keys(app, actions)
}

/// Draws the whole workbench: the page of the screen stack (the cases, or a spot-check) in
/// the panes' place, then every screen over it in turn, then the status and message lines.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let Some(areas) = layout::areas((area.width, area.height), app.panel_toggled) else {
        overlay::render_too_small((area.width, area.height), area, buf);
        return;
    };
    match app.screens.page() {
        // A spot-check replaces the list, the detail and the counts (they show labels).
        Screen::Spot(spot) => {
            let right = match (areas.detail, areas.panel) {
                (Some(d), Some(p)) => {
                    ratatui::layout::Rect::new(d.x, d.y, d.width + p.width, d.height)
                }
                (d, p) => d.or(p).unwrap_or(areas.list),
            };
            spot::render(app, spot, areas.list, right, buf);
        }
        _ => {
            case_list::render(app, areas.list, buf);
            if let Some(detail) = areas.detail {
                detail::render(app, detail, buf);
            }
            if let Some(panel) = areas.panel {
                panel::render(app, panel, buf);
            }
        }
    }
    status::render_status(app, areas.status, buf);
    let body = ratatui::layout::Rect::new(0, 0, area.width, areas.status.y);
    for screen in app.screens.iter() {
        match screen {
            Screen::Cases | Screen::Spot(_) | Screen::Panel { .. } => {}
            Screen::Help(reader) | Screen::Report(reader) => {
                overlay::render_reader(app, reader, body, buf)
            }
            Screen::Picker(picker) => overlay::render_picker(picker, body, buf),
            Screen::Prompt(prompt) => overlay::render_prompt(prompt, body, buf),
            Screen::Filter(line) => lines::render_filter(app, line, body, buf),
            Screen::Views(list) => choices::render_views(list, body, buf),
            Screen::BulkLabel(picker) => choices::render_bulk(app, picker, body, buf),
            Screen::BulkPreview(preview) => choices::render_bulk_preview(app, preview, body, buf),
            Screen::RevertPreview(preview) => {
                overlay::render_revert_preview(app, preview, body, buf)
            }
            Screen::Compare(picker) => choices::render_compare(app, picker, body, buf),
            Screen::Search(line) => lines::render_search(app, line, body, buf),
            Screen::SpotList(list) => choices::render_spot_list(list, body, buf),
            Screen::History(history) => overlay::render_history(app, history, body, buf),
        }
    }
    message::render(app, areas.hint, body, buf);
}
