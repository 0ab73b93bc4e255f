//! Text lines drawn over the list: the input line every typed screen shares (with its
//! cursor), the filter line with its error column and completions, the search line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::overlay::clear;
use super::theme;
use crate::text::{truncate, width};
use crate::tui::app::{App, FilterLine, LineInput, SearchLine};

/// `› text` with the cursor shown as a reversed cell (so it shows without colour, and on a
/// terminal whose own cursor is hidden), scrolled so that the cursor is in view. Typed text
/// holds no control or bidi characters (the input refuses them), so it is drawn as typed.
pub(super) fn input_line(prompt: &'static str, input: &LineInput, cells: usize) -> Line<'static> {
    let room = cells.saturating_sub(width(prompt) + 1);
    let window = input.window(room);
    let mut before = String::new();
    let mut at = None;
    let mut after = String::new();
    let mut used = 0;
    for ch in window.text.chars() {
        if at.is_some() {
            after.push(ch);
        } else if used >= window.cursor {
            at = Some(ch);
        } else {
            before.push(ch);
            used += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        }
    }
    Line::from(vec![
        Span::styled(prompt, theme::key()),
        Span::raw(before),
        Span::styled(at.unwrap_or(' ').to_string(), theme::cursor()),
        Span::raw(after),
    ])
}

pub fn render_filter(app: &App, line: &FilterLine, area: Rect, buf: &mut Buffer) {
    let extra = u16::from(line.error.is_some()) + u16::from(!line.candidates.is_empty());
    let rows = (4 + extra).min(area.height);
    let box_area = Rect::new(area.x, area.y + area.height - rows, area.width, rows);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        " filter: kind=paid,free_monetary amount_krw>300000 reporter!=none … ",
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let mut lines = vec![input_line("› ", &line.input, cells)];
    if let Some(error) = &line.error {
        // The caret sits under the error's column (columns count characters from 1).
        let window = line.input.window(cells.saturating_sub(3));
        let column = line
            .input
            .cells_before(error.column.saturating_sub(1))
            .saturating_sub(window.skipped);
        let text = format!("{}^ {error}", " ".repeat(2 + column));
        lines.push(Line::styled(
            truncate(&text, cells).into_owned(),
            theme::error(),
        ));
    }
    if !line.candidates.is_empty() {
        let text = line.candidates.join("  ");
        lines.push(Line::styled(
            truncate(&text, cells).into_owned(),
            theme::dim(),
        ));
    }
    let n = app.view.len();
    lines.push(Line::styled(
        crate::text::count(n, "case", "cases"),
        theme::dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// The search line: the query as typed, and whether results are still coming.
pub fn render_search(app: &App, line: &SearchLine, area: Rect, buf: &mut Buffer) {
    let rows = 4.min(area.height);
    let box_area = Rect::new(area.x, area.y + area.height - rows, area.width, rows);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        " search id, text and note · ㅋㅋㅇㅁ finds 카카오맵 ",
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let first = input_line("/ ", &line.input, usize::from(inner.width));
    let n = app.view.len();
    let state = if line.input.value().trim().is_empty() {
        "type to search".to_string()
    } else if app.search_pending {
        "searching…".to_string()
    } else {
        format!("{}, best first", crate::text::count(n, "match", "matches"))
    };
    let lines = vec![first, Line::styled(state, theme::dim())];
    Paragraph::new(lines).render(inner, buf);
}
