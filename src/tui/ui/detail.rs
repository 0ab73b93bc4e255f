//! The case in detail: labels with their Korean names and keys, amount, status, note, the rule
//! outcome and why, dates, version and last change, every field wrapped rather than cut; then
//! the case text wrapped by display width, scrolled by line or by page, with where it is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::keys::{action_keys, dimension_keys};
use super::outcome::OutcomeNames;
use super::theme;
use crate::domain::{format_amount, Case, Dimension};
use crate::rules::ConditionCheck;
use crate::text::{one_line, pad_right, sanitize, time_in, truncate, width, wrap};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

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
    let window = TextWindow::new(app, case, lines.len(), inner);
    lines.push(Line::styled(window.rule(app, cells), theme::dim()));
    // While searching, the matched characters are marked line by line; else the words the
    // suggested amount was read from (where they fall within one line).
    let query = app.spec.search.as_deref().map(crate::search::Query::parse);
    let amount_words = app
        .current_suggestion()
        .and_then(|s| s.amount.as_ref())
        .and_then(|a| case.text.get(a.start..a.end))
        .map(|w| sanitize(w).into_owned())
        .filter(|w| !w.trim().is_empty());
    let shown = window.text.iter().skip(window.scroll).take(window.rows);
    lines.extend(shown.map(|l| {
        let marked = match (&query, &amount_words) {
            (Some(query), _) => crate::search::highlights(query, l),
            (None, Some(words)) => positions_of(l, words),
            (None, None) => Vec::new(),
        };
        Line::from(theme::marked_spans(
            l,
            &marked,
            ratatui::style::Style::new(),
        ))
    }));
    Paragraph::new(lines).render(inner, buf);
}

/// The character positions of the first occurrence of `words` in `line`.
fn positions_of(line: &str, words: &str) -> Vec<usize> {
    match line.find(words) {
        Some(byte) => {
            let first = line[..byte].chars().count();
            (first..first + words.chars().count()).collect()
        }
        None => Vec::new(),
    }
}

/// The case text as the detail shows it: wrapped to the pane, the rows left for it under the
/// fields, and how far it is scrolled.
struct TextWindow {
    text: Vec<String>,
    rows: usize,
    scroll: usize,
}

impl TextWindow {
    fn new(app: &App, case: &Case, field_rows: usize, inner: Rect) -> TextWindow {
        let text = wrap(&case.text, usize::from(inner.width));
        // The fields and the rule above the text.
        let rows = usize::from(inner.height).saturating_sub(field_rows + 1);
        let scroll = app
            .detail_scroll
            .min(text.len().saturating_sub(rows.max(1)));
        TextWindow { text, rows, scroll }
    }

    /// The rule between the fields and the text; when the text does not fit, with where it
    /// is: `── lines 1–8 of 12 · 4 more lines: J ctrl-f ──`.
    fn rule(&self, app: &App, cells: usize) -> String {
        let total = self.text.len();
        if total <= self.rows || self.rows == 0 {
            return "─".repeat(cells);
        }
        let last = (self.scroll + self.rows).min(total);
        let hidden = total - last;
        let mut label = format!("── lines {}–{last} of {total}", self.scroll + 1);
        if hidden > 0 {
            let keys = action_keys(app, &[Action::DetailDown, Action::DetailPageDown]);
            label.push_str(&format!(
                " · {}: {keys}",
                crate::text::count(hidden, "more line", "more lines")
            ));
        } else {
            let keys = action_keys(app, &[Action::DetailUp, Action::DetailPageUp]);
            label.push_str(&format!(" · back: {keys}"));
        }
        let label = truncate(&format!("{label} "), cells).into_owned();
        let fill = cells.saturating_sub(width(&label));
        format!("{label}{}", "─".repeat(fill))
    }
}

/// The detail's case text for a pane `area`: rows on screen, and lines in all (for paging).
pub fn text_window(app: &App, area: Rect) -> (usize, usize) {
    let Some(case) = app.current() else {
        return (0, 0);
    };
    let inner = Block::bordered().inner(area);
    let fields = field_lines(app, case, usize::from(inner.width)).len();
    let window = TextWindow::new(app, case, fields, inner);
    (window.rows, window.text.len())
}

/// One field: name, value and the keys that change it, the value wrapped under itself.
fn cell(name: &str, value: Span<'static>, keys: String, cells: usize) -> Vec<Line<'static>> {
    let keys = if keys.is_empty() {
        keys
    } else {
        format!(" [{keys}]")
    };
    let value_cells = cells.saturating_sub(NAME_W + width(&keys)).max(1);
    let wrapped = wrap(&value.content, value_cells);
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let pad = value_cells.saturating_sub(width(&text));
            let (name, keys) = if i == 0 {
                (pad_right(name, NAME_W), keys.clone())
            } else {
                (" ".repeat(NAME_W), String::new())
            };
            Line::from(vec![
                Span::styled(name, theme::dim()),
                Span::styled(text, value.style),
                Span::raw(" ".repeat(pad)),
                Span::styled(keys, theme::key()),
            ])
        })
        .collect()
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
    // The short code the list may show, so the detail explains it.
    let names = OutcomeNames::of(app);
    let named = |code: &str| format!("{code} ({})", names.short(code));
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
        format!(
            "{}{cash} · no rule applies ({})",
            named(&rule.outcome),
            rules.name
        )
    } else {
        format!(
            "{}{cash} · rule {}: {}{in_kind}",
            named(&rule.outcome),
            rule.id,
            rule.title
        )
    };
    let mut lines = cell(
        "outcome",
        Span::styled(decided, theme::title()),
        String::new(),
        cells,
    );
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
        lines.extend(cell(name, Span::raw(why), String::new(), cells));
    }
    if let Some(b) = app.judge.b() {
        let other = b.explain(case).rule;
        let changed = other.outcome != rule.outcome;
        let text = format!(
            "{}{} · rule {} ({})",
            if changed { "≠ " } else { "= " },
            named(&other.outcome),
            other.id,
            b.name
        );
        let style = if changed {
            theme::notice()
        } else {
            theme::dim()
        };
        lines.extend(cell(
            "compared",
            Span::styled(text, style),
            String::new(),
            cells,
        ));
    }
    lines
}

/// A label's value with its suggestion beside it: `소상공인 · ✓ 0.97` when the suggestion
/// agrees, `미분류 — · suggests small_business 0.82` when it does not (shown as a notice).
fn with_suggestion(value: Span<'static>, suggested: Option<(String, f32, bool)>) -> Span<'static> {
    match suggested {
        None => value,
        Some((_, confidence, true)) => Span::styled(
            format!("{} · ✓ {confidence:.2}", value.content),
            value.style,
        ),
        Some((what, confidence, false)) => Span::styled(
            format!("{} · suggests {what} {confidence:.2}", value.content),
            theme::notice(),
        ),
    }
}

fn field_lines(app: &App, case: &Case, cells: usize) -> Vec<Line<'static>> {
    let suggestion = app.current_suggestion();
    let mut fields: Vec<(String, Span<'static>, String)> = Dimension::ALL
        .iter()
        .map(|&dim| {
            let value = match case.label(dim) {
                Some(code) => Span::raw(dim.info(code).korean.to_string()),
                None => Span::styled("미분류 —", theme::unlabelled()),
            };
            let suggested = suggestion.and_then(|s| s.label(dim)).map(|s| {
                let what = dim.code(s.code).to_string();
                (what, s.confidence, case.label(dim) == Some(s.code))
            });
            (
                dim.name().to_string(),
                with_suggestion(value, suggested),
                dimension_keys(app, Mode::Normal, dim),
            )
        })
        .collect();
    let amount = match case.amount_krw {
        Some(won) => Span::raw(format!("{}원", format_amount(won))),
        None => Span::styled("—", theme::unlabelled()),
    };
    let suggested_amount = suggestion.and_then(|s| s.amount.as_ref()).map(|a| {
        let what = format!("{}원", format_amount(a.won));
        (what, a.confidence, case.amount_krw == Some(a.won))
    });
    let amount = with_suggestion(amount, suggested_amount);
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
    let note = case.note.as_deref().map(|n| one_line(n).into_owned());
    let note = match note {
        Some(n) => Span::raw(n),
        None => Span::styled("—", theme::unlabelled()),
    };
    fields.push(("note".into(), note, action_keys(app, &[Action::EditNote])));
    let mut lines = Vec::new();
    if cells >= TWO_COLUMNS {
        let left = (cells / 2).max(LEFT_MIN);
        for pair in fields.chunks(2) {
            let first = cell(&pair[0].0, pair[0].1.clone(), pair[0].2.clone(), left - 1);
            let second = match pair.get(1) {
                Some(f) => cell(&f.0, f.1.clone(), f.2.clone(), cells - left),
                None => Vec::new(),
            };
            // Side by side, the shorter one padded, each wrapped in its own column.
            for row in 0..first.len().max(second.len()) {
                let mut spans = match first.get(row) {
                    Some(line) => line.spans.clone(),
                    None => vec![Span::raw(" ".repeat(left - 1))],
                };
                spans.push(Span::raw(" "));
                if let Some(line) = second.get(row) {
                    spans.extend(line.spans.clone());
                }
                lines.push(Line::from(spans));
            }
        }
    } else {
        for (name, value, keys) in fields {
            lines.extend(cell(&name, value, keys, cells));
        }
    }
    if let Some(amount) = suggestion.and_then(|s| s.amount.as_ref()) {
        let read = case.text.get(amount.start..amount.end).unwrap_or_default();
        let text = format!("「{}」: {}", one_line(read), one_line(&amount.why));
        lines.extend(cell(
            "amount as",
            Span::styled(text, theme::dim()),
            String::new(),
            cells,
        ));
    }
    lines.extend(outcome_lines(app, case, cells));
    let received = case
        .received_at
        .as_deref()
        .map(|at| time_in(at, &app.zone))
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
                time_in(at, &app.zone)
            )
        }
        _ => format!("v{}, not changed since it came in", case.version),
    };
    lines.extend(cell(
        "received",
        Span::raw(format!("{received}{channel}")),
        String::new(),
        cells,
    ));
    lines.extend(cell("changed", Span::raw(changed), String::new(), cells));
    if let Some(holder) = app.leases.get(&case.id) {
        let text = format!("{} has this case open", sanitize(holder));
        lines.extend(cell(
            "open by",
            Span::styled(text, theme::notice()),
            String::new(),
            cells,
        ));
    }
    lines
}
