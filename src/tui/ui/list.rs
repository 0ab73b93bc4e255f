//! The case list: one row per case of the view; only the visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::outcome::outcome_cell;
use super::short::{label_columns, status_mark};
use super::theme;
use super::theme::marked_spans;
use crate::domain::format_amount;
use crate::search::{excerpt, highlights, Query};
use crate::text::{one_line, pad_left, pad_right, truncate, width};
use crate::tui::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let marked = if app.marks.is_empty() {
        String::new()
    } else {
        format!(" · {} marked", format_amount(app.marks.len() as i64))
    };
    let view = if app.spec.filter.is_empty() && app.spec.queue.is_none() {
        String::new()
    } else {
        format!(" · {}", one_line(&app.spec.name))
    };
    let title = format!(
        " cases {}/{}{view}{marked} ",
        format_amount(app.cursor as i64 + i64::from(!app.view.is_empty())),
        format_amount(app.view.len() as i64)
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = usize::from(inner.height);
    let cells = usize::from(inner.width);
    let visible: Vec<usize> = (app.offset..app.view.len()).take(rows).collect();
    let query = app.spec.search.as_deref().map(Query::parse);
    let id_w = visible
        .iter()
        .filter_map(|&p| app.case_at(p))
        .map(|c| width(&one_line(&c.id)))
        .max()
        .unwrap_or(0)
        .min(16);
    let lines: Vec<Line> = visible
        .iter()
        .filter_map(|&position| {
            let case = app.case_at(position)?;
            let amount = case.amount_krw.map(format_amount).unwrap_or_default();
            let marked = app
                .view
                .indices
                .get(position)
                .is_some_and(|i| app.marks.contains_key(i));
            let flag = if marked {
                "*"
            } else if app.leases.contains_key(&case.id) {
                "@"
            } else {
                " "
            };
            let outcome = app
                .view
                .indices
                .get(position)
                .map(|&i| outcome_cell(app, i))
                .filter(|o| !o.is_empty())
                .map(|o| format!("{o} "))
                .unwrap_or_default();
            let head = format!(
                "{}{} {} {} {} {outcome}",
                flag,
                pad_right(&truncate(&one_line(&case.id), id_w), id_w),
                status_mark(case.status),
                label_columns(case),
                pad_left(&amount, 11),
            );
            let text_cells = cells.saturating_sub(width(&head));
            let base = if position == app.cursor {
                theme::selected()
            } else {
                Style::new()
            };
            let (text, matched) = match &query {
                // Searching: the part of the text around the match, matched characters marked.
                Some(query) => {
                    let excerpt = excerpt(&case.text, query, text_cells);
                    let matched = highlights(query, &excerpt);
                    (excerpt, matched)
                }
                None => (
                    truncate(&one_line(&case.text), text_cells).into_owned(),
                    Vec::new(),
                ),
            };
            let mut spans = vec![Span::styled(truncate(&head, cells).into_owned(), base)];
            spans.extend(marked_spans(&text, &matched, base));
            let used = width(&head).min(cells) + width(&text);
            spans.push(Span::styled(" ".repeat(cells.saturating_sub(used)), base));
            Some(Line::from(spans))
        })
        .collect();
    if lines.is_empty() {
        Paragraph::new(Line::styled("no cases in this view", theme::dim())).render(inner, buf);
    } else {
        Paragraph::new(lines).render(inner, buf);
    }
}
