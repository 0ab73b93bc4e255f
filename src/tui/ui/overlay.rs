//! What is drawn over the panes: the help (generated from the keymap), the service picker,
//! the amount and note prompts, and the too-small message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme;
use crate::domain::Dimension;
use crate::text::{one_line, pad_right, truncate, width};
use crate::tui::app::{App, Picker, Prompt, PromptKind};
use crate::tui::keymap::{help_lines, Mode};

/// Clears `area` for an overlay. A wide character (Hangul) just left of it would otherwise
/// spill its second half over the overlay's border, so it is blanked too.
pub(super) fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.y..area.y + area.height {
        if let Some(cell) = buf.cell_mut((area.x - 1, y)) {
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// A rectangle of at most `cols`×`rows`, centred in `area`.
pub(super) fn centred(area: Rect, cols: u16, rows: u16) -> Rect {
    let cols = cols.min(area.width);
    let rows = rows.min(area.height);
    Rect::new(
        area.x + (area.width - cols) / 2,
        area.y + (area.height - rows) / 2,
        cols,
        rows,
    )
}

pub fn render_help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let box_area = centred(area, 76, area.height.saturating_sub(2));
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        " keys (from the active keymap) ",
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let mut lines = Vec::new();
    for mode in [Mode::Normal, Mode::Picker, Mode::Prompt] {
        lines.push(Line::styled(
            format!("{} mode", mode.name()),
            theme::heading(),
        ));
        let entries = help_lines(&app.keymap, mode);
        let key_w = entries
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(20);
        for (keys, description) in entries {
            let text = format!(
                "  {}  {description}",
                pad_right(&truncate(&keys, key_w), key_w)
            );
            lines.push(Line::raw(truncate(&text, cells).into_owned()));
        }
    }
    let rows = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    Paragraph::new(shown).render(inner, buf);
}

/// A case's history: one line per change, `time  reviewer  action  field  old → new`.
pub fn render_history(
    case_id: &str,
    events: &[crate::store::AuditEvent],
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let box_area = centred(area, 100, area.height.saturating_sub(2));
    clear(box_area, buf);
    let title = format!(
        " history of {} ({} changes) ",
        one_line(case_id),
        events.len()
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let who_w = events
        .iter()
        .map(|e| width(&one_line(&e.reviewer)))
        .max()
        .unwrap_or(0)
        .min(16);
    let lines: Vec<Line> = events
        .iter()
        .map(|e| {
            let show = |v: &Option<String>| {
                v.as_deref()
                    .map_or("∅".to_string(), |s| one_line(s).into_owned())
            };
            let batch = e
                .batch
                .as_deref()
                .map(|b| format!("  [{}]", one_line(b)))
                .unwrap_or_default();
            let text = format!(
                "{}  {}  {:<8} {:<10} {} → {}{batch}",
                crate::text::short_time(&e.at),
                pad_right(&truncate(&one_line(&e.reviewer), who_w), who_w),
                e.action,
                e.field,
                show(&e.old),
                show(&e.new),
            );
            Line::raw(truncate(&text, cells).into_owned())
        })
        .collect();
    let rows = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    Paragraph::new(shown).render(inner, buf);
}

/// A text report, scrollable (the agreement).
pub fn render_report(title: &str, lines: &[String], scroll: usize, area: Rect, buf: &mut Buffer) {
    let box_area = centred(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|l| Line::raw(truncate(&one_line(l), cells).into_owned()))
        .collect();
    Paragraph::new(shown).render(inner, buf);
}

pub fn render_picker(picker: &Picker, area: Rect, buf: &mut Buffer) {
    let items = picker.items();
    let rows = (items.len() as u16 + 3).max(5);
    let box_area = centred(area, 44, rows);
    clear(box_area, buf);
    let title = format!(" service for {} ", one_line(&picker.case_id));
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme::key()),
        Span::raw(one_line(&picker.query).into_owned()),
        Span::styled("▏", theme::key()),
    ])];
    if items.is_empty() {
        lines.push(Line::styled("no service matches", theme::dim()));
    }
    for (i, code) in items.iter().enumerate() {
        let info = Dimension::Service.info(*code);
        let marker = if i == picker.selected { "›" } else { " " };
        let text = format!("{marker}{:<13} {}", info.code, info.korean);
        let text = pad_right(&truncate(&text, cells), cells);
        lines.push(if i == picker.selected {
            Line::styled(text, theme::selected())
        } else {
            Line::raw(text)
        });
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn render_prompt(prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let rows = if prompt.error.is_some() { 4 } else { 3 };
    let box_area = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(rows),
        area.width,
        rows.min(area.height),
    );
    clear(box_area, buf);
    let what = match prompt.kind {
        PromptKind::Amount => "amount in won (empty clears)",
        PromptKind::Note => "note (empty clears)",
        PromptKind::ViewName => "save this view for the team as",
        PromptKind::NewSpotCheck => {
            "new spot-check: reviewers=kim,lee since=DATE [until=DATE] size=N | confidence=0.95 margin=0.05"
        }
    };
    let title = if prompt.case_id.is_empty() {
        format!(" {what} ")
    } else {
        format!(" {what} for {} ", one_line(&prompt.case_id))
    };
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let (first, _) =
        super::lines::input_line("› ", &one_line(&prompt.input), usize::from(inner.width));
    let mut lines = vec![first];
    if let Some(error) = &prompt.error {
        lines.push(Line::styled(one_line(error).into_owned(), theme::error()));
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn render_too_small(size: (u16, u16), area: Rect, buf: &mut Buffer) {
    let (min_cols, min_rows) = (super::layout::MIN_COLS, super::layout::MIN_ROWS);
    let text = [
        "enlarge the terminal".to_string(),
        format!("casebench needs at least {min_cols}×{min_rows}"),
        format!("(now {}×{})", size.0, size.1),
    ];
    let lines: Vec<Line> = text
        .iter()
        .map(|t| Line::raw(truncate(t, usize::from(area.width)).into_owned()))
        .collect();
    let rows = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(rows) / 2;
    Paragraph::new(lines)
        .alignment(ratatui::layout::Alignment::Center)
        .render(Rect::new(area.x, y, area.width, rows), buf);
}
