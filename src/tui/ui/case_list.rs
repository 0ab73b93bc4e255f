//! The case list: one row per case of the view; only the visible rows are built. The first
//! column marks a case for a bulk change (`*`), one another reviewer has open (`@`), or one
//! whose label a confident suggestion contradicts (`≠`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::outcome::{outcome_cell, Form, OutcomeNames, OUTCOME_MAX};
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
    let columns = Columns::of(app, &visible, cells);
    let lines: Vec<Line> = visible
        .iter()
        .filter_map(|&position| {
            let case = app.case_at(position)?;
            let amount = case.amount_krw.map(format_amount).unwrap_or_default();
            let index = app.view.indices.get(position).copied();
            let marked = index.is_some_and(|i| app.marks.contains_key(&i));
            let flag = if marked {
                "*"
            } else if app.leases.contains_key(&case.id) {
                "@"
            } else if index.is_some_and(|i| app.disagrees_confidently(i)) {
                "≠"
            } else {
                " "
            };
            let outcome = match (columns.outcome, index) {
                (Some((form, w)), Some(i)) => {
                    format!(
                        "{} ",
                        pad_right(&outcome_cell(app, &columns.names, i, form), w)
                    )
                }
                _ => String::new(),
            };
            let head = format!(
                "{}{} {} {} {} {outcome}",
                flag,
                pad_right(&truncate(&one_line(&case.id), columns.id), columns.id),
                status_mark(case.status),
                label_columns(case),
                pad_left(&amount, columns.amount),
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

/// The list keeps at least this many cells for the case text before it writes outcomes short.
pub const TEXT_MIN: usize = 40;
/// The amount column is at least as wide as `300,000`.
const AMOUNT_MIN: usize = 7;
/// The id column is at most this wide.
const ID_MAX: usize = 16;

/// The widths of the list's columns for the rows on screen.
struct Columns {
    id: usize,
    amount: usize,
    /// With rules: how outcomes are written, and the column's width.
    outcome: Option<(Form, usize)>,
    names: OutcomeNames,
}

impl Columns {
    fn of(app: &App, visible: &[usize], cells: usize) -> Columns {
        let cases = || visible.iter().filter_map(|&p| app.case_at(p));
        let id = cases()
            .map(|c| width(&one_line(&c.id)))
            .max()
            .unwrap_or(0)
            .min(ID_MAX);
        let amount = cases()
            .filter_map(|c| c.amount_krw)
            .map(|won| format_amount(won).len())
            .max()
            .unwrap_or(0)
            .max(AMOUNT_MIN);
        let names = OutcomeNames::of(app);
        let outcome = app.judge.a().map(|_| {
            let widest = |form| {
                visible
                    .iter()
                    .filter_map(|&p| app.view.indices.get(p))
                    .map(|&i| width(&outcome_cell(app, &names, i, form)))
                    .max()
                    .unwrap_or(0)
            };
            // flag, id, status, the five labels, amount: each with the space after it.
            let before = 1 + id + 1 + 2 + 15 + amount + 1;
            let full = widest(Form::Full);
            if full <= OUTCOME_MAX && before + full + 1 + TEXT_MIN <= cells {
                (Form::Full, full)
            } else {
                (Form::Short, widest(Form::Short))
            }
        });
        Columns {
            id,
            amount,
            outcome,
            names,
        }
    }
}
