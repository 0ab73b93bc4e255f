//! The spot-check screen. Blind: it shows the case's text and the lead's own labels, never the
//! labels the case holds (those are the reviewer's) — until the differences are asked for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::{action_keys, dimension_keys};
use super::theme;
use crate::domain::Dimension;
use crate::text::{one_line, pad_right, truncate, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, SpotScreen};

pub fn render(app: &App, spot: &SpotScreen, list: Rect, detail: Rect, buf: &mut Buffer) {
    render_sample(spot, list, buf);
    match &spot.differences {
        Some(_) => render_differences(app, spot, detail, buf),
        None => render_blind(app, spot, detail, buf),
    }
}

/// The sample: case ids, whose work, and how many dimensions the lead has labelled.
fn render_sample(spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let title = format!(
        " spot-check #{}{} · {} cases ",
        spot.check.id,
        spot.check
            .name
            .as_deref()
            .map(|n| format!(" {}", one_line(n)))
            .unwrap_or_default(),
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

/// The case's words and the lead's own labels, with the keys that set them.
fn render_blind(app: &App, spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(Span::styled(
        " blind review: your labels (the reviewer's stay hidden) ",
        theme::title(),
    ));
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = usize::from(inner.width);
    let Some(sampled) = spot.check.cases.get(spot.position) else {
        return;
    };
    let mut lines = Vec::new();
    for dim in Dimension::ALL {
        let value = match sampled.lead_labels[dim.index()] {
            None => Span::styled("— (not yet)", theme::unlabelled()),
            Some(None) => Span::raw("none (not set)"),
            Some(Some(code)) => Span::raw(format!("{} {}", dim.info(code).korean, dim.code(code))),
        };
        let keys = dimension_keys(app, dim);
        lines.push(Line::from(vec![
            Span::styled(pad_right(dim.name(), 11), theme::dim()),
            value,
            Span::styled(format!("  [{keys}]"), theme::key()),
        ]));
    }
    let hint = format!(
        "{} next case · {} the differences · {} leave",
        action_keys(app, &[Action::MoveDown]),
        action_keys(app, &[Action::SpotDifferences]),
        action_keys(app, &[Action::SpotCheck]),
    );
    lines.push(Line::styled(
        truncate(&hint, cells).into_owned(),
        theme::dim(),
    ));
    lines.push(Line::styled("─".repeat(cells), theme::dim()));
    let text = app
        .cases
        .by_id(&sampled.case_id)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    let room = usize::from(inner.height).saturating_sub(lines.len());
    lines.extend(wrap(&text, cells).into_iter().take(room).map(Line::from));
    Paragraph::new(lines).render(inner, buf);
}

/// Each difference side by side: case, field, the reviewer's value, the lead's, and what was
/// decided.
fn render_differences(app: &App, spot: &SpotScreen, area: Rect, buf: &mut Buffer) {
    let Some((differences, selected)) = &spot.differences else {
        return;
    };
    let title = format!(
        " differences: {} · {} keep · {} overturn ",
        differences.len(),
        action_keys(app, &[Action::Keep]),
        action_keys(app, &[Action::Overturn]),
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
