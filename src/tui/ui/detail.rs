//! The case in detail: labels with their Korean names and keys, amount, dates, status, note,
//! version and last change, then the whole text wrapped by display width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::{action_keys, dimension_keys};
use super::theme;
use crate::domain::{format_amount, Case, Dimension};
use crate::rules::ConditionCheck;
use crate::text::{local_time, one_line, pad_right, sanitize, truncate, width, wrap};
use crate::tui::action::Action;
use crate::tui::app::App;

/// Width of the field-name column.
const NAME_W: usize = 11;
/// From this inner width on, fields go in two columns.
const TWO_COLUMNS: usize = 72;
/// The left column is at least this wide: `kind` with the longest Korean name and its keys.
const LEFT_MIN: usize = 38;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(case) = app.current() else {
        Block::bordered().title(" detail ").render(area, buf);
        return;
    };
    let title = format!(
        " {} · {} {} · v{} ",
        one_line(&case.id),
        case.status.code(),
        case.status.korean(),
        case.version
    );
    let block = Block::bordered().title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = usize::from(inner.width);
    let mut lines = field_lines(app, case, cells);
    lines.push(Line::styled("─".repeat(cells), theme::dim()));
    let text_rows = usize::from(inner.height).saturating_sub(lines.len());
    let text = wrap(&case.text, cells);
    let scroll = app
        .detail_scroll
        .min(text.len().saturating_sub(text_rows.max(1)));
    let shown = text.iter().skip(scroll).take(text_rows);
    // While searching, the matched characters are marked line by line.
    let query = app.spec.search.as_deref().map(crate::search::Query::parse);
    lines.extend(shown.map(|l| match &query {
        Some(query) => {
            let matched = crate::search::highlights(query, l);
            Line::from(theme::marked_spans(
                l,
                &matched,
                ratatui::style::Style::new(),
            ))
        }
        None => Line::from(l.clone()),
    }));
    let hidden = text.len().saturating_sub(scroll + text_rows);
    if hidden > 0 && text_rows > 0 {
        if let Some(last) = lines.last_mut() {
            let more = format!(
                "… {} ({})",
                crate::text::count(hidden, "more line", "more lines"),
                action_keys(app, &[Action::DetailDown])
            );
            *last = Line::styled(truncate(&more, cells).into_owned(), theme::dim());
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// One field: name, value, and the keys that change it.
fn cell(name: &str, value: Span<'static>, keys: String, cells: usize) -> Line<'static> {
    let keys = if keys.is_empty() {
        keys
    } else {
        format!(" [{keys}]")
    };
    let value_cells = cells.saturating_sub(NAME_W + width(&keys));
    let value_text = truncate(&value.content, value_cells).into_owned();
    let pad = value_cells.saturating_sub(width(&value_text));
    Line::from(vec![
        Span::styled(pad_right(name, NAME_W), theme::dim()),
        Span::styled(value_text, value.style),
        Span::raw(" ".repeat(pad)),
        Span::styled(keys, theme::key()),
    ])
}

/// `✓kind=free_monetary`, or for a condition that failed (or compares the amount) with the
/// case's value: `✗amount_krw>300000 (250,000)`.
fn check_text(check: &ConditionCheck) -> String {
    let mark = if check.held { "✓" } else { "✗" };
    if !check.held || check.field == "amount_krw" {
        format!("{mark}{} ({})", check.text, check.actual)
    } else {
        format!("{mark}{}", check.text)
    }
}

/// The outcome under the active rule set and why: the deciding rule with its conditions, or
/// for the default the rules that came closest; in compare mode, the other set's outcome.
fn outcome_lines(app: &App, case: &Case, cells: usize) -> Vec<Line<'static>> {
    let Some(rules) = app.judge.a() else {
        return Vec::new();
    };
    let explanation = rules.explain(case);
    let rule = &explanation.rule;
    let cash = if rule.cash > 0 {
        format!(" {}원", format_amount(rule.cash))
    } else {
        String::new()
    };
    let in_kind = rule
        .in_kind
        .as_deref()
        .map(|k| format!(" + {k}"))
        .unwrap_or_default();
    let decided = if rule.is_default {
        format!("{}{cash} · no rule applies ({})", rule.outcome, rules.name)
    } else {
        format!(
            "{}{cash} · rule {}: {}{in_kind}",
            rule.outcome, rule.id, rule.title
        )
    };
    let mut lines = vec![cell(
        "outcome",
        Span::styled(decided, theme::title()),
        String::new(),
        cells,
    )];
    let why = if rule.is_default {
        explanation
            .nearest
            .iter()
            .map(|miss| {
                let failed: Vec<String> = miss.failed.iter().map(check_text).collect();
                format!("{}: {}", miss.id, failed.join(" "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        explanation
            .checks
            .iter()
            .map(check_text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !why.is_empty() {
        let name = if rule.is_default {
            "nearest"
        } else {
            "because"
        };
        lines.push(cell(name, Span::raw(why), String::new(), cells));
    }
    if let Some(b) = app.judge.b() {
        let other = b.explain(case).rule;
        let changed = other.outcome != rule.outcome;
        let text = format!(
            "{}{} · rule {} ({})",
            if changed { "≠ " } else { "= " },
            other.outcome,
            other.id,
            b.name
        );
        let style = if changed {
            theme::notice()
        } else {
            theme::dim()
        };
        lines.push(cell(
            "compared",
            Span::styled(text, style),
            String::new(),
            cells,
        ));
    }
    lines
}

fn field_lines(app: &App, case: &Case, cells: usize) -> Vec<Line<'static>> {
    let mut fields: Vec<(String, Span<'static>, String)> = Dimension::ALL
        .iter()
        .map(|&dim| {
            let value = match case.label(dim) {
                Some(code) => Span::raw(dim.info(code).korean.to_string()),
                None => Span::styled("미분류 —", theme::unlabelled()),
            };
            (dim.name().to_string(), value, dimension_keys(app, dim))
        })
        .collect();
    let amount = match case.amount_krw {
        Some(won) => Span::raw(format!("{}원", format_amount(won))),
        None => Span::styled("—", theme::unlabelled()),
    };
    fields.push((
        "amount".into(),
        amount,
        action_keys(app, &[Action::EditAmount]),
    ));
    fields.push((
        "status".into(),
        Span::raw(format!("{} {}", case.status.korean(), case.status.code())),
        action_keys(app, &[Action::Confirm, Action::Escalate]),
    ));
    let two = cells >= TWO_COLUMNS;
    let mut lines = Vec::new();
    if two {
        let left = (cells / 2).max(LEFT_MIN);
        for pair in fields.chunks(2) {
            let mut spans = cell(&pair[0].0, pair[0].1.clone(), pair[0].2.clone(), left - 1).spans;
            spans.push(Span::raw(" "));
            if let Some(second) = pair.get(1) {
                spans.extend(
                    cell(&second.0, second.1.clone(), second.2.clone(), cells - left).spans,
                );
            }
            lines.push(Line::from(spans));
        }
    } else {
        for (name, value, keys) in fields {
            lines.push(cell(&name, value, keys, cells));
        }
    }
    lines.extend(outcome_lines(app, case, cells));
    let note = case.note.as_deref().map(|n| one_line(n).into_owned());
    let note = match note {
        Some(n) => Span::raw(n),
        None => Span::styled("—", theme::unlabelled()),
    };
    lines.push(cell(
        "note",
        note,
        action_keys(app, &[Action::EditNote]),
        cells,
    ));
    let received = case
        .received_at
        .as_deref()
        .map(local_time)
        .unwrap_or_else(|| "—".into());
    let channel = case
        .channel
        .as_deref()
        .map(|c| format!(" via {}", one_line(c)))
        .unwrap_or_default();
    let changed = match (&case.updated_by, &case.updated_at) {
        (Some(by), Some(at)) => {
            format!(
                "v{} by {} at {}",
                case.version,
                sanitize(by),
                local_time(at)
            )
        }
        _ => format!("v{}, not changed since it came in", case.version),
    };
    lines.push(cell(
        "received",
        Span::raw(format!("{received}{channel}")),
        String::new(),
        cells,
    ));
    lines.push(cell("changed", Span::raw(changed), String::new(), cells));
    if let Some(holder) = app.leases.get(&case.id) {
        let text = format!("{} has this case open", sanitize(holder));
        lines.push(cell(
            "open by",
            Span::styled(text, theme::notice()),
            String::new(),
            cells,
        ));
    }
    lines
}
