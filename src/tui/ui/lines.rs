//! The filter line: the expression as typed, the error column under it, completions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::overlay::clear;
use super::theme;
use crate::text::{one_line, truncate, width};
use crate::tui::app::{App, FilterLine, SearchLine};

/// The end of `input` that fits in `cells` (where typing happens), and how many characters
/// were cut from its start.
pub(super) fn input_tail(input: &str, cells: usize) -> (&str, usize) {
    let mut shown = input;
    let mut cut = 0;
    while width(shown) > cells {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
        cut += 1;
    }
    (shown, cut)
}

/// `› input▏`: an input line, its end in view.
pub(super) fn input_line(
    prompt: &'static str,
    input: &str,
    cells: usize,
) -> (Line<'static>, usize) {
    let (shown, cut) = input_tail(input, cells.saturating_sub(3));
    let line = Line::from(vec![
        Span::styled(prompt, theme::key()),
        Span::raw(shown.to_string()),
        Span::styled("▏", theme::key()),
    ]);
    (line, cut)
}

pub fn render_filter(line: &FilterLine, area: Rect, buf: &mut Buffer) {
    let extra = u16::from(line.error.is_some()) + u16::from(!line.candidates.is_empty());
    let rows = (3 + extra).min(area.height);
    let box_area = Rect::new(area.x, area.y + area.height - rows, area.width, rows);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        " filter: kind=paid,free_monetary amount_krw>300000 reporter!=none … (tab completes) ",
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let input = one_line(&line.input);
    let (first, cut) = input_line("› ", &input, usize::from(inner.width));
    let mut lines = vec![first];
    if let Some(error) = &line.error {
        // The caret sits under the error's column (columns count characters).
        let before: String = input
            .chars()
            .skip(cut)
            .take(error.column.saturating_sub(1 + cut))
            .collect();
        let pad = 2 + width(&before);
        let text = format!("{}^ {error}", " ".repeat(pad));
        lines.push(Line::styled(
            truncate(&text, usize::from(inner.width)).into_owned(),
            theme::error(),
        ));
    }
    if !line.candidates.is_empty() {
        let text = line.candidates.join("  ");
        lines.push(Line::styled(
            truncate(&text, usize::from(inner.width)).into_owned(),
            theme::dim(),
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The search line: the query as typed, and whether results are still coming.
pub fn render_search(app: &App, line: &SearchLine, area: Rect, buf: &mut Buffer) {
    let rows = 4.min(area.height);
    let box_area = Rect::new(area.x, area.y + area.height - rows, area.width, rows);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        " search id, text and note · ㅋㅋㅇㅁ finds 카카오맵 · enter keeps, esc leaves ",
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let (first, _) = input_line("/ ", &one_line(&line.input), usize::from(inner.width));
    let state = if line.input.trim().is_empty() {
        "type to search".to_string()
    } else if app.search_pending {
        "searching…".to_string()
    } else {
        format!(
            "{} matches, best first",
            crate::domain::format_amount(app.view.len() as i64)
        )
    };
    let lines = vec![first, Line::styled(state, theme::dim())];
    Paragraph::new(lines).render(inner, buf);
}
