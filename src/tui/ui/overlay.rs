//! What is drawn over the panes: pages to read (the help, reports, the whole message), a
//! case's history, the service picker, the one-line prompts, and the too-small message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::keys::mode_key;
use super::theme;
use crate::domain::Dimension;
use crate::text::{one_line, pad_right, truncate, width, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, HistoryScreen, Picker, Prompt, Reader, RevertPreview};
use crate::tui::keymap::Mode;

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

/// A page to read (the help, a report, the whole message), scrolled to `reader.scroll`, with
/// where it is and how to close it at the bottom.
pub fn render_reader(app: &App, reader: &Reader, area: Rect, buf: &mut Buffer) {
    let box_area = reader_area(area);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", one_line(&reader.title)),
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height).saturating_sub(1);
    // Long lines wrap: what a page holds is read whole.
    let wrapped: Vec<String> = reader.lines.iter().flat_map(|l| wrap(l, cells)).collect();
    let scroll = reader.scroll.min(wrapped.len().saturating_sub(rows));
    let mut lines: Vec<Line> = wrapped
        .iter()
        .skip(scroll)
        .take(rows)
        .map(|l| {
            if l.starts_with('[') {
                Line::styled(l.clone(), theme::heading())
            } else {
                Line::raw(l.clone())
            }
        })
        .collect();
    lines.resize(rows, Line::raw(""));
    lines.push(Line::styled(
        truncate(&position_line(app, scroll, rows, wrapped.len()), cells).into_owned(),
        theme::dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// `lines 21–40 of 140 · pagedown/pageup a page · esc closes`, from the keymap.
fn position_line(app: &App, scroll: usize, rows: usize, total: usize) -> String {
    let last = (scroll + rows).min(total);
    let page = format!(
        "{}/{} a page",
        mode_key(app, Mode::Help, Action::PageDown),
        mode_key(app, Mode::Help, Action::PageUp)
    );
    format!(
        "lines {}–{last} of {total} · {page} · {} closes",
        (scroll + 1).min(total),
        mode_key(app, Mode::Help, Action::Cancel)
    )
}

/// Where pages to read go: nearly the whole body.
fn reader_area(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(2).min(100),
        area.height.saturating_sub(1),
    )
}

/// A case's history: one line per change, `time  reviewer  action  field  old → new
/// [batch]`, the selected change reversed (its batch can be reverted).
pub fn render_history(app: &App, history: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let box_area = reader_area(area);
    clear(box_area, buf);
    let events = &history.events;
    let title = format!(
        " history of {} ({}) ",
        one_line(&history.case_id),
        crate::text::count(events.len(), "change", "changes")
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height).saturating_sub(1).max(1);
    let who_w = events
        .iter()
        .map(|e| width(&one_line(&e.reviewer)))
        .max()
        .unwrap_or(0)
        .min(16);
    let first = history.selected.saturating_sub(rows - 1);
    let mut lines: Vec<Line> = events
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, e)| {
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
                crate::text::time_in(&e.at, &app.zone),
                pad_right(&truncate(&one_line(&e.reviewer), who_w), who_w),
                e.action,
                e.field,
                show(&e.old),
                show(&e.new),
            );
            let text = pad_right(&truncate(&text, cells), cells);
            if i == history.selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    lines.resize(rows, Line::raw(""));
    let hint = format!(
        "{} reverts the selected change's batch · {} closes",
        mode_key(app, Mode::History, Action::RevertBatch),
        mode_key(app, Mode::History, Action::Cancel)
    );
    lines.push(Line::styled(
        truncate(&hint, cells).into_owned(),
        theme::dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// What reverting a batch would do: the command's own report, then what `enter` does (or
/// why it cannot).
pub fn render_revert_preview(app: &App, preview: &RevertPreview, area: Rect, buf: &mut Buffer) {
    let box_area = reader_area(area);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        format!(" revert batch {}: preview ", one_line(&preview.plan.batch)),
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height).saturating_sub(1);
    let mut lines: Vec<Line> = preview
        .lines
        .iter()
        .skip(preview.scroll)
        .take(rows)
        .map(|l| Line::raw(truncate(l, cells).into_owned()))
        .collect();
    lines.resize(rows, Line::raw(""));
    lines.push(match &preview.refused {
        Some(why) => Line::styled(truncate(&one_line(why), cells).into_owned(), theme::error()),
        None => Line::styled(
            truncate(
                &format!(
                    "{} reverts it as one new batch (audit action revert) · {} leaves it",
                    mode_key(app, Mode::Menu, Action::Accept),
                    mode_key(app, Mode::Menu, Action::Cancel)
                ),
                cells,
            )
            .into_owned(),
            theme::dim(),
        ),
    });
    Paragraph::new(lines).render(inner, buf);
}

pub fn render_picker(picker: &Picker, area: Rect, buf: &mut Buffer) {
    let items = picker.items();
    let rows = (items.len() as u16 + 3).max(5);
    let box_area = centred(area, 44, rows);
    clear(box_area, buf);
    let title = if picker.case_id.is_empty() {
        " service ".to_string()
    } else {
        format!(" service for {} ", one_line(&picker.case_id))
    };
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let mut lines = vec![super::lines::input_line("› ", &picker.query, cells)];
    if let Some(refused) = &picker.refused {
        lines.extend(
            wrap(refused, cells)
                .into_iter()
                .map(|l| Line::styled(l, theme::error())),
        );
        Paragraph::new(lines).render(inner, buf);
        return;
    }
    if items.is_empty() {
        lines.push(Line::styled("no service matches", theme::dim()));
    }
    let visible = usize::from(inner.height).saturating_sub(1).max(1);
    let first = picker.selected.saturating_sub(visible - 1);
    for (i, code) in items.iter().enumerate().skip(first).take(visible) {
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

/// A one-line input at the bottom of the body, its title saying what it asks for, every
/// problem of the last `enter` under the line (wrapped, so each can be read whole).
pub fn render_prompt(prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let cells = usize::from(area.width.saturating_sub(2));
    let errors: Vec<String> = prompt.errors.iter().flat_map(|e| wrap(e, cells)).collect();
    let rows = (3 + errors.len() as u16).min(area.height);
    let box_area = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(rows),
        area.width,
        rows,
    );
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", one_line(&prompt.title())),
        theme::title(),
    ));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let mut lines = vec![super::lines::input_line(
        "› ",
        &prompt.input,
        usize::from(inner.width),
    )];
    lines.extend(errors.into_iter().map(|e| Line::styled(e, theme::error())));
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
