//! The message line, below the status bar: the last message, or the keys of the screen in
//! force when there is none. A message longer than the line is wrapped over the bottom of the
//! body (up to three lines); what still does not fit, and any detail it carries (every
//! problem of a rule file), is read whole with `show-message`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::overlay::clear;
use super::theme;
use crate::text::{one_line, truncate, width, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, Message, Tone};

/// At most this many lines of a message are shown.
const MAX_LINES: usize = 3;

pub fn render(app: &App, hint: Rect, body: Rect, buf: &mut Buffer) {
    let cells = usize::from(hint.width);
    let Some(message) = &app.message else {
        Paragraph::new(hints(app, cells)).render(hint, buf);
        return;
    };
    let style = match message.tone {
        Tone::Info => Style::new(),
        Tone::Notice => theme::notice(),
        Tone::Error => theme::error(),
    };
    let text = one_line(&message.text);
    let wrapped = wrap(&text, cells.saturating_sub(1));
    let keys = message_keys(app, message, wrapped.len() > MAX_LINES);
    if wrapped.len() <= 1 && width(&format!(" {text}{keys}")) <= cells {
        let line = format!(" {text}{keys}");
        Paragraph::new(Line::styled(line, style)).render(hint, buf);
        return;
    }
    // Several lines: the message over the bottom of the body, the keys on the message line.
    let shown: Vec<Line> = wrapped
        .iter()
        .take(MAX_LINES)
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    let rows = (shown.len() as u16).min(body.height);
    let area = Rect::new(body.x, body.y + body.height - rows, body.width, rows);
    clear(area, buf);
    Paragraph::new(shown).render(area, buf);
    let keys = keys.trim_start();
    Paragraph::new(Line::styled(
        truncate(&format!(" {keys}"), cells).into_owned(),
        theme::dim(),
    ))
    .render(hint, buf);
}

/// `  [esc: dismiss · M: the whole message]` for a message that stays or has more to read.
fn message_keys(app: &App, message: &Message, cut: bool) -> String {
    let key = |action| {
        app.keymap
            .keys_for(app.key_mode(), action)
            .into_iter()
            .next()
    };
    let mut parts = Vec::new();
    if message.sticky() {
        if let Some(k) = key(Action::DismissMessage) {
            parts.push(format!("{k}: dismiss"));
        }
    }
    if cut || !message.detail.is_empty() {
        if let Some(k) = key(Action::ShowMessage) {
            parts.push(format!("{k}: the whole message"));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  [{}]", parts.join(" · "))
    }
}

/// The keys of the screen in force, from its keymap section: `? help  enter confirm …`.
fn hints(app: &App, cells: usize) -> Line<'static> {
    let mode = app.key_mode();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, label) in app.screen().hints() {
        let Some(key) = app.keymap.keys_for(mode, *action).into_iter().next() else {
            continue;
        };
        let piece = width(&key) + 1 + width(label) + 2;
        if used + piece > cells {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::styled(format!(" {label}  "), theme::dim()));
    }
    Line::from(spans)
}
