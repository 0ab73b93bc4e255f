//! Styles. Colour is decoration only: every distinction also shows without colour (reverse
//! video, bold, marks), so the workbench reads the same with NO_COLOR or on `TERM=linux`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn key() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn unlabelled() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn notice() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// The cursor of a text input: a reversed cell, visible without colour.
pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn status_bar() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn bar() -> Style {
    Style::new().fg(Color::Green)
}

/// Characters a search matched: bold and underlined (and coloured where there is colour).
pub fn matched(base: Style) -> Style {
    base.fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// `text` as spans, the characters at `positions` (char indices, increasing) in [`matched`]
/// style over `base`.
pub fn marked_spans(text: &str, positions: &[usize], base: Style) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut wanted = positions.iter().peekable();
    for (i, ch) in text.chars().enumerate() {
        let is_match = wanted.peek() == Some(&&i);
        if is_match {
            wanted.next();
        }
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched { matched(base) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(ch);
    }
    if !run.is_empty() {
        let style = if run_matched { matched(base) } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}
