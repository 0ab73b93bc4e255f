//! The counts panel: for the current view, each outcome's cases and cash under the rules, and
//! every code's count, share and bar, all bars on one scale; beside the reporter and kind codes,
//! their share among the view's kakao cases and the published share. A panel too short for
//! everything folds sections to one line each (see `fold`), so every section stays on screen.

mod fold;
mod rows;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::first_key;
use super::outcome::OutcomeNames;
use super::theme;
use crate::text::count;
use crate::tui::action::Action;
use crate::tui::app::{panel_rows, App, PanelRow};
use crate::tui::keymap::Mode;
use rows::Widths;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let total = app.view.counts.total();
    let title = format!(" counts · {} in this view ", count(total, "case", "cases"));
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    let cells = usize::from(inner.width);
    let height = usize::from(inner.height);
    let rows = panel_rows(app);
    let selected = app.screens.panel_selection();
    let selected_row = selected.and_then(|n| {
        (0..rows.len())
            .filter(|&i| matches!(rows[i], PanelRow::Item(_)))
            .nth(n)
    });
    // Two columns when one is too short and two are wide enough for bars.
    let columns = if rows.len() > height && cells > 2 * Widths::min_cells(total) {
        2
    } else {
        1
    };
    let w = Widths::new((cells + 1) / columns - 1, total);
    let capacity = height * columns;
    let sections = fold::sections(&rows);
    let open = fold::open_sections(&sections, capacity, selected_row);
    let names = OutcomeNames::of(app);
    let mut lines: Vec<Line> = Vec::new();
    // Where each section starts on screen, and its heading row.
    let mut starts: Vec<(usize, PanelRow)> = Vec::new();
    let mut selected_line = None;
    for (section, open) in sections.iter().zip(&open) {
        let part = &rows[section.start..section.end];
        starts.push((lines.len(), part[0]));
        if !open {
            lines.push(rows::folded(app, part, w));
            continue;
        }
        for (i, row) in part.iter().enumerate() {
            let mut line = rows::line(app, &names, *row, w);
            if Some(section.start + i) == selected_row {
                line.style = theme::selected();
                selected_line = Some(lines.len());
            }
            lines.push(line);
        }
    }
    if columns == 2 && height > 1 && lines.len() < capacity {
        // A heading at the foot of the left column moves to the top of the right one; a section
        // that goes on in the right column says so there.
        let insert = if starts.iter().any(|(at, _)| *at == height - 1) {
            Some((height - 1, Line::raw("")))
        } else if lines.len() > height && starts.iter().all(|(at, _)| *at != height) {
            starts
                .iter()
                .rev()
                .find(|(at, _)| *at < height)
                .map(|(_, heading)| (height, rows::continued(app, *heading, w)))
        } else {
            None
        };
        if let Some((at, line)) = insert {
            lines.insert(at, line);
            selected_line = selected_line.map(|l| if l >= at { l + 1 } else { l });
        }
    }
    // Too many lines even folded (a tiny terminal, or a long selected section): the part
    // around the selection.
    if lines.len() > capacity {
        let start = selected_line.map_or(0, |l| (l + 1).saturating_sub(capacity));
        lines = lines.into_iter().skip(start).take(capacity).collect();
    }
    let block = match folded_hint(app) {
        Some(hint) if selected.is_none() && open.contains(&false) => {
            block.title_bottom(Span::styled(hint, theme::dim()))
        }
        _ => block,
    };
    block.render(area, buf);
    if columns == 2 {
        let right: Vec<Line> = lines.split_off(height.min(lines.len()));
        let col = w.cells as u16;
        let left_area = Rect::new(inner.x, inner.y, col, inner.height);
        let right_area = Rect::new(
            inner.x + col + 1,
            inner.y,
            inner.width - col - 1,
            inner.height,
        );
        Paragraph::new(lines).render(left_area, buf);
        Paragraph::new(right).render(right_area, buf);
    } else {
        Paragraph::new(lines).render(inner, buf);
    }
}

/// ` ▸ folded: p, then j/k opens `, from the keymap.
fn folded_hint(app: &App) -> Option<String> {
    let focus = first_key(app, Action::FocusPanel)?;
    let panel_key = |action| app.keymap.keys_for(Mode::Panel, action).into_iter().next();
    Some(
        match (panel_key(Action::SelectNext), panel_key(Action::SelectPrev)) {
            (Some(next), Some(prev)) => format!(" ▸ folded: {focus}, then {next}/{prev} opens "),
            _ => format!(" ▸ folded: {focus} opens "),
        },
    )
}
