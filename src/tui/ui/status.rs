//! The status bar: reviewer, database, position, reviewed / total, pace; in a spot-check, its
//! progress.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::theme;
use crate::domain::{format_amount, format_share, Status};
use crate::text::{one_line, pad_right, truncate};
use crate::tui::app::App;

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let counts = &app.view.counts;
    let reviewed = counts.status(Status::Reviewed);
    let position = if app.view.is_empty() {
        0
    } else {
        app.cursor + 1
    };
    let pace = match app.pace() {
        Some(per_hour) => format!("{per_hour:.0} cases/h"),
        None => format!("{} this session", app.stats.confirmed),
    };
    if let Some(spot) = app.spot() {
        let differences = match &spot.differences {
            Some((differences, _)) => format!(
                " · {}, {} open",
                crate::text::count(differences.len(), "difference", "differences"),
                differences
                    .iter()
                    .filter(|d| d.resolution.is_none())
                    .count()
            ),
            None => String::new(),
        };
        let text = format!(
            " {} │ spot-check #{} │ case {}/{} │ labelled {}/{}{differences} ",
            one_line(&app.reviewer),
            spot.check.id,
            (spot.position + 1).min(spot.check.cases.len()),
            spot.check.cases.len(),
            spot.labelled(),
            spot.check.cases.len(),
        );
        let cells = usize::from(area.width);
        let line = pad_right(&truncate(&text, cells), cells);
        Paragraph::new(Line::styled(line, theme::status_bar())).render(area, buf);
        return;
    }
    let text = format!(
        " {} │ {} │ {}/{} │ reviewed {}/{} ({}) │ {} ",
        one_line(&app.reviewer),
        one_line(&app.db_label),
        format_amount(position as i64),
        format_amount(app.view.len() as i64),
        format_amount(reviewed as i64),
        format_amount(counts.total() as i64),
        format_share(reviewed, counts.total()),
        pace,
    );
    let cells = usize::from(area.width);
    let line = pad_right(&truncate(&text, cells), cells);
    Paragraph::new(Line::styled(line, theme::status_bar())).render(area, buf);
}
