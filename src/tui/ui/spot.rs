//! The spot-check screen. Blind: it shows the case's id, its words and the lead's own labels,
//! never the labels the case holds (those are the reviewer's) — until the differences are
//! asked for; then each difference side by side, with the selected case's words below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::{dimension_keys, mode_key};
use super::theme;
use crate::domain::Dimension;
use crate::text::{one_line, pad_right, truncate, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, SpotScreen};
use crate::tui::keymap::Mode;

pub fn render(app: &App, spot: &SpotScreen, list: Rect, detail: Rect, buf: &mut Buffer) {
    match &spot.differences {
        Some(_) => {
            render_differences(app, spot, list, buf);
            render_case_text(app, spot, detail, buf);
        }
        None => {
            render_sample(spot, list, buf);
            render_blind(app, spot, detail, buf);
        }
    }
}

/// The sample: case ids, whose work, and how many dimensions the lead has labelled.
fn render_sample(spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let title = format!(
        " spot-check #{}{} · {} labelled of {} ",
        spot.check.id,
        spot.check
            .name
            .as_deref()
            .map(|n| format!(" {}", one_line(n)))
            .unwrap_or_default(),
        spot.labelled(),
        spot.check.cases.len()
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = usize::from(inner.height).max(1);
    let cells = usize::from(inner.width);
    let first = spot.position.saturating_sub(rows - 1);
    let lines: Vec<Line> = spot
        .check
        .cases
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, case)| {
            let done = case.lead_labels.iter().filter(|l| l.is_some()).count();
            let text = format!(
                " {:>4}  {}  of {}  · your labels {done}/5",
                i + 1,
                one_line(&case.case_id),
                one_line(&case.reviewer)
            );
            let text = pad_right(&truncate(&text, cells), cells);
            if i == spot.position {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The case's id and words and the lead's own labels, with the keys that set them.
fn render_blind(app: &App, spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let Some(sampled) = spot.check.cases.get(spot.position) else {
        return;
    };
    let title = format!(
        " {} · blind: your labels (the reviewer's stay hidden) ",
        one_line(&sampled.case_id)
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = usize::from(inner.width);
    let mut lines = Vec::new();
    for dim in Dimension::ALL {
        let value = match sampled.lead_labels[dim.index()] {
            None => Span::styled("— (not yet)", theme::unlabelled()),
            Some(None) => Span::raw("none (not set)"),
            Some(Some(code)) => Span::raw(format!("{} {}", dim.info(code).korean, dim.code(code))),
        };
        let keys = dimension_keys(app, Mode::Spot, dim);
        lines.push(Line::from(vec![
            Span::styled(pad_right(dim.name(), 11), theme::dim()),
            value,
            Span::styled(format!("  [{keys}]"), theme::key()),
        ]));
    }
    lines.push(Line::styled("─".repeat(cells), theme::dim()));
    let text = app
        .cases
        .by_id(&sampled.case_id)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    let room = usize::from(inner.height).saturating_sub(lines.len());
    lines.extend(text_lines(&text, cells, spot.text_scroll, room));
    Paragraph::new(lines).render(inner, buf);
}

/// The case text, wrapped, from line `scroll`, in `room` lines (the last says how many more).
fn text_lines(text: &str, cells: usize, scroll: usize, room: usize) -> Vec<Line<'static>> {
    let wrapped = wrap(text, cells);
    let scroll = scroll.min(wrapped.len().saturating_sub(1));
    let rest = wrapped.len().saturating_sub(scroll);
    let mut lines: Vec<Line> = wrapped
        .into_iter()
        .skip(scroll)
        .take(room)
        .map(Line::from)
        .collect();
    if rest > room && room > 0 {
        let more = rest - room + 1;
        lines.pop();
        lines.push(Line::styled(
            format!("… {}", crate::text::count(more, "more line", "more lines")),
            theme::dim(),
        ));
    }
    lines
}

/// Each difference side by side: case, field, the reviewer's value, the lead's, and what was
/// decided.
fn render_differences(app: &App, spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let Some((differences, selected)) = &spot.differences else {
        return;
    };
    let open = differences
        .iter()
        .filter(|d| d.resolution.is_none())
        .count();
    let title = format!(
        " spot-check #{} · {}, {open} open · {} keep · {} overturn ",
        spot.check.id,
        crate::text::count(differences.len(), "difference", "differences"),
        mode_key(app, Mode::Differences, Action::Keep),
        mode_key(app, Mode::Differences, Action::Overturn),
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height).max(1);
    let first = selected.saturating_sub(rows - 1);
    let value =
        |dim: Dimension, v: Option<u8>| v.map_or("none".to_string(), |c| dim.code(c).to_string());
    let lines: Vec<Line> = differences
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, d)| {
            let state = match &d.resolution {
                Some(r) => r.resolution.as_str().to_string(),
                None => "open".to_string(),
            };
            let text = format!(
                " {}  {:<10} {} ({}) → lead {}   [{state}]",
                one_line(&d.case_id),
                d.field.name(),
                value(d.field, d.reviewer_value),
                one_line(&d.reviewer),
                value(d.field, d.lead_value),
            );
            let text = pad_right(&truncate(&text, cells), cells);
            if i == *selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The words of the selected difference's case.
fn render_case_text(app: &App, spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let case_id = spot.case_id().unwrap_or_default();
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", one_line(case_id)),
        theme::title(),
    ));
    let inner = block.inner(area);
    block.render(area, buf);
    let text = app
        .cases
        .by_id(case_id)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    let lines = text_lines(
        &text,
        usize::from(inner.width),
        spot.text_scroll,
        usize::from(inner.height),
    );
    Paragraph::new(lines).render(inner, buf);
}
