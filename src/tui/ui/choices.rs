//! Lists to choose from, drawn over the workbench: the views with their counts, the labels a
//! bulk change can set and its preview, the rule set to compare with, the spot-checks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::mode_key;
use super::overlay::{centred, clear};
use super::theme;
use crate::domain::format_amount;
use crate::text::{one_line, pad_left, pad_right, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::{
    App, BulkPicker, BulkPreview, ComparePicker, LineInput, SpotList, ViewsList,
};
use crate::tui::keymap::Mode;

/// A boxed, titled list with a query line on top; the selected row is reversed and marked.
/// `refused` says why nothing can be chosen (shown instead of the rows).
fn render_list(
    title: &str,
    query: Option<&LineInput>,
    refused: Option<&str>,
    rows: &[String],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let query_rows = u16::from(query.is_some());
    let height = (rows.len() as u16 + 2 + query_rows).clamp(5, area.height);
    let box_area = centred(area, 72, height);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(title.to_string(), theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let visible = usize::from(inner.height)
        .saturating_sub(usize::from(query_rows))
        .max(1);
    let first = selected.saturating_sub(visible - 1);
    let mut lines: Vec<Line> = query
        .map(|q| super::lines::input_line("› ", q, cells))
        .into_iter()
        .collect();
    if let Some(refused) = refused {
        for part in crate::text::wrap(refused, cells) {
            lines.push(Line::styled(part, theme::error()));
        }
        Paragraph::new(lines).render(inner, buf);
        return;
    }
    if rows.is_empty() {
        lines.push(Line::styled("nothing matches", theme::dim()));
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let marker = if i == selected { "›" } else { " " };
        let text = pad_right(&truncate(&format!("{marker}{row}"), cells), cells);
        lines.push(if i == selected {
            Line::styled(text, theme::selected())
        } else {
            Line::raw(text)
        });
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn render_views(list: &ViewsList, area: Rect, buf: &mut Buffer) {
    let shown = list.shown();
    let name_w = shown
        .iter()
        .map(|i| width(&one_line(&i.spec.name)))
        .max()
        .unwrap_or(0)
        .min(32);
    let rows: Vec<String> = shown
        .iter()
        .map(|item| {
            let detail = match (&item.spec.queue, item.spec.filter.is_empty()) {
                (Some(queue), _) => queue.describe().to_string(),
                (None, true) => "every case".to_string(),
                (None, false) => item.spec.filter.clone(),
            };
            let search = item
                .spec
                .search
                .as_deref()
                .map(|s| format!(" /{s}"))
                .unwrap_or_default();
            let saved = if item.saved { "saved" } else { "queue" };
            format!(
                "{} {} {saved}  {}{search}",
                pad_right(&truncate(&one_line(&item.spec.name), name_w), name_w),
                pad_left(&format_amount(item.count as i64), 8),
                one_line(&detail)
            )
        })
        .collect();
    render_list(
        " views (enter: switch, ctrl-d: delete a saved one) ",
        Some(&list.query),
        None,
        &rows,
        list.selected,
        area,
        buf,
    );
}

pub fn render_bulk(app: &App, picker: &BulkPicker, area: Rect, buf: &mut Buffer) {
    let rows: Vec<String> = picker.shown().into_iter().map(|c| c.label).collect();
    let title = format!(
        " set on {} marked cases (type to narrow) ",
        format_amount(app.marks.len() as i64)
    );
    render_list(
        &title,
        Some(&picker.query),
        picker.refused.as_deref(),
        &rows,
        picker.selected,
        area,
        buf,
    );
}

pub fn render_bulk_preview(app: &App, preview: &BulkPreview, area: Rect, buf: &mut Buffer) {
    let p = &preview.preview;
    let mut lines = vec![
        Line::styled(
            one_line(&preview.choice.label).into_owned(),
            theme::heading(),
        ),
        Line::raw(format!(
            "{} of {} marked cases would change",
            format_amount(p.changing as i64),
            format_amount(p.cases as i64)
        )),
    ];
    lines.extend(
        crate::report::bulk::count_moves(p)
            .into_iter()
            .map(Line::raw),
    );
    if let Some(rules) = app.judge.a() {
        lines.push(Line::styled(
            format!("outcomes under {}", rules.name),
            theme::heading(),
        ));
        lines.extend(
            crate::report::bulk::move_lines(preview.outcomes.iter().cloned())
                .into_iter()
                .map(Line::raw),
        );
        let (before, after) = preview.cash;
        lines.push(Line::raw(format!(
            "  cash  {} → {} won",
            format_amount(before),
            format_amount(after)
        )));
    }
    lines.push(Line::styled(
        format!(
            "{} applies it as one batch (undo reverts it all) · {} cancels",
            mode_key(app, Mode::Menu, Action::Accept),
            mode_key(app, Mode::Menu, Action::Cancel),
        ),
        theme::dim(),
    ));
    let height = (lines.len() as u16 + 2).min(area.height);
    let box_area = centred(area, 64, height);
    clear(box_area, buf);
    let block = Block::bordered().title(Span::styled(" bulk change: preview ", theme::title()));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let cells = usize::from(inner.width);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::styled(truncate(&text, cells).into_owned(), l.style)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

pub fn render_compare(app: &App, picker: &ComparePicker, area: Rect, buf: &mut Buffer) {
    let rows: Vec<String> = picker
        .choices
        .iter()
        .map(|choice| match choice.and_then(|i| app.judge.slots.get(i)) {
            Some(slot) => match &slot.set {
                Some(set) => format!("{}  {}", set.name, one_line(&set.description)),
                None => one_line(&slot.file).into_owned(),
            },
            None => "no comparison".to_string(),
        })
        .collect();
    let title = format!(" compare {} with ", app.judge.active_name());
    render_list(&title, None, None, &rows, picker.selected, area, buf);
}

pub fn render_spot_list(list: &SpotList, area: Rect, buf: &mut Buffer) {
    let mut rows: Vec<String> = list
        .checks
        .iter()
        .map(|(check, progress)| {
            format!(
                "#{} {} · {} · since {} · {}/{} labelled · {} differences, {} open",
                check.id,
                check.name.as_deref().map(one_line).unwrap_or_default(),
                one_line(&check.reviewers.join(",")),
                one_line(&check.since.chars().take(10).collect::<String>()),
                progress.labelled,
                progress.cases,
                progress.differences,
                progress.unresolved()
            )
        })
        .collect();
    rows.push("start a new spot-check…".to_string());
    render_list(
        " spot-checks (enter: open or resume) ",
        None,
        None,
        &rows,
        list.selected,
        area,
        buf,
    );
}
