//! The two bottom lines: the status bar (reviewer, database, position, reviewed / total, pace)
//! and below it the message, or key hints when there is none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keys::first_key;
use super::theme;
use crate::domain::{format_amount, format_share, Status};
use crate::text::{one_line, pad_right, truncate};
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};

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

pub fn render_hint(app: &App, area: Rect, buf: &mut Buffer) {
    let cells = usize::from(area.width);
    let line = match &app.message {
        Some(message) => {
            let style = match message.tone {
                Tone::Info => ratatui::style::Style::new(),
                Tone::Notice => theme::notice(),
                Tone::Error => theme::error(),
            };
            let dismiss = match (message.sticky(), first_key(app, Action::DismissMessage)) {
                (true, Some(key)) => format!("  [{key}: dismiss]"),
                _ => String::new(),
            };
            let text = format!(" {}{dismiss}", one_line(&message.text));
            Line::styled(truncate(&text, cells).into_owned(), style)
        }
        None => hints(app, cells),
    };
    Paragraph::new(line).render(area, buf);
}

/// `? help  enter confirm  n next unreviewed  u undo  q quit`, from the keymap.
fn hints(app: &App, cells: usize) -> Line<'static> {
    let wanted = [
        (Action::Help, "help"),
        (Action::Confirm, "confirm"),
        (Action::NextUnreviewed, "next unreviewed"),
        (Action::PickService, "service"),
        (Action::Undo, "undo"),
        (Action::TogglePanel, "counts"),
        (Action::Quit, "quit"),
    ];
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, label) in wanted {
        let Some(key) = first_key(app, action) else {
            continue;
        };
        let piece = crate::text::width(&key) + 1 + label.len() + 2;
        if used + piece > cells {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::styled(format!(" {label}  "), theme::dim()));
    }
    Line::from(spans)
}
