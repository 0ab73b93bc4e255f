//! Drawing: every widget renders from `&App` (no I/O, no mutation). Text is measured by
//! display width and sanitized before it reaches the terminal.

mod detail;
mod keys;
pub mod layout;
mod lines;
mod list;
mod lists;
mod outcome;
mod overlay;
mod panel;
mod short;
mod spot;
mod status;
mod theme;

use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};

/// The first keys of `actions` in normal mode, for hints in messages: `space A`.
pub fn keys_hint(app: &App, actions: &[Action]) -> String {
    keys::action_keys(app, actions)
}

/// Draws the whole workbench.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let Some(areas) = layout::areas((area.width, area.height), app.panel_toggled) else {
        overlay::render_too_small((area.width, area.height), area, buf);
        return;
    };
    match &app.spot {
        // A spot-check replaces the list, the detail and the counts (they show labels).
        Some(spot) => {
            let right = areas.detail.or(areas.panel).unwrap_or(areas.list);
            let right = match (areas.detail, areas.panel) {
                (Some(d), Some(p)) => {
                    ratatui::layout::Rect::new(d.x, d.y, d.width + p.width, d.height)
                }
                _ => right,
            };
            spot::render(app, spot, areas.list, right, buf);
        }
        None => {
            list::render(app, areas.list, buf);
            if let Some(detail) = areas.detail {
                detail::render(app, detail, buf);
            }
            if let Some(panel) = areas.panel {
                panel::render(app, panel, buf);
            }
        }
    }
    status::render_status(app, areas.status, buf);
    status::render_hint(app, areas.hint, buf);
    let body = ratatui::layout::Rect::new(0, 0, area.width, areas.status.y);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::render_help(app, *scroll, body, buf),
        Overlay::Picker(picker) => overlay::render_picker(picker, body, buf),
        Overlay::Prompt(prompt) => overlay::render_prompt(prompt, body, buf),
        Overlay::Filter(line) => lines::render_filter(line, body, buf),
        Overlay::Views(list) => lists::render_views(list, body, buf),
        Overlay::Bulk(picker) => lists::render_bulk(app, picker, body, buf),
        Overlay::BulkPreview(preview) => lists::render_bulk_preview(app, preview, body, buf),
        Overlay::Panel { .. } => {}
        Overlay::Compare(picker) => lists::render_compare(app, picker, body, buf),
        Overlay::Search(line) => lines::render_search(app, line, body, buf),
        Overlay::SpotList(list) => lists::render_spot_list(list, body, buf),
        Overlay::Report {
            title,
            lines,
            scroll,
        } => overlay::render_report(title, lines, *scroll, body, buf),
        Overlay::History {
            case_id,
            events,
            scroll,
        } => overlay::render_history(case_id, events, *scroll, body, buf),
    }
}
