//! The counts panel: for the current view, every code's count, share and a bar; beside the
//! reporter and kind shares of kakao-scope cases, the published share.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::domain::published::{self, NON_MONETARY_KINDS, NON_MONETARY_SHARE};
use crate::domain::{format_amount, format_share, Counts, Dimension};
use crate::text::{pad_left, pad_right, truncate, width};

use crate::tui::app::{panel_rows, App, Overlay, PanelItem, PanelRow};

/// Columns: code, count, share, bar; for compared dimensions also kakao share and published.
const CODE_W: usize = 15;
const COUNT_W: usize = 8;
const SHARE_W: usize = 7;
/// ` kakao  pub`: the share among the view's kakao-scope cases, and the published share.
const COMPARE_W: usize = 11;
const COMPARE_HEADING: &str = "  kakao pub";
/// The code column of the outcome rows (`individual_review`).
const OUTCOME_W: usize = 18;

/// From this inner width on, a panel too long for its height flows into two columns.
const TWO_COLUMNS: usize = 76;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(Span::styled(" counts (this view) ", theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let cells = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines = all_lines(app, cells);
    if lines.len() > rows && cells >= TWO_COLUMNS {
        let half = cells / 2;
        lines = all_lines(app, half - 1);
        let right: Vec<Line> = lines.split_off(rows.min(lines.len()));
        let left_area = Rect::new(inner.x, inner.y, half as u16 - 1, inner.height);
        let right_area = Rect::new(
            inner.x + half as u16,
            inner.y,
            inner.width - half as u16,
            inner.height,
        );
        Paragraph::new(lines).render(left_area, buf);
        Paragraph::new(right).render(right_area, buf);
    } else {
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Every line of the panel for a column `cells` wide; with the focus on the panel, the
/// selected count is reversed.
fn all_lines(app: &App, cells: usize) -> Vec<Line<'static>> {
    let counts = &app.view.counts;
    let selected = match app.overlay {
        Overlay::Panel { selected } => Some(selected),
        _ => None,
    };
    let mut item = 0;
    // One code column and one bar scale for the whole column of the panel: the bar takes what
    // a compared row leaves, so a larger share always draws a longer bar, in every section.
    let code_w = code_width(cells, COMPARE_W);
    let bar_cells = bar_width(cells, code_w);
    let mut compared = false;
    let mut lines = Vec::new();
    for panel_row in panel_rows(app) {
        let line = match panel_row {
            PanelRow::Total => Line::from(vec![
                Span::styled(pad_right("total", CODE_W), theme::heading()),
                Span::raw(pad_left(&format_amount(counts.total() as i64), COUNT_W)),
            ]),
            PanelRow::Heading(dim, is_compared) => {
                compared = is_compared;
                match dim {
                    Some(dim) => heading(dim.name(), dim.korean(), compared, cells),
                    None => heading("status", "상태", false, cells),
                }
            }
            PanelRow::NonMonetary => non_monetary_row(&app.view.kakao, cells),
            PanelRow::OutcomesHeading => {
                let title = match app.judge.b() {
                    Some(b) => format!("outcomes · {} → {}", app.judge.active_name(), b.name),
                    None => format!("outcomes · {}", app.judge.active_name()),
                };
                Line::styled(truncate(&title, cells).into_owned(), theme::heading())
            }
            PanelRow::OutcomeOnlyB(i) => {
                let code = app
                    .judge
                    .b()
                    .and_then(|b| b.outcome_codes().get(usize::from(i)).cloned())
                    .unwrap_or_default();
                outcome_text(app, &code, cells)
            }
            PanelRow::CashTotal => {
                let a = app.view.outcomes.as_ref().map_or(0, |t| t.cash());
                let text = match app.view.outcomes_b.as_ref() {
                    Some(b) => format!(
                        "{}{} → {} ({})",
                        pad_right("cash", OUTCOME_W),
                        format_amount(a),
                        format_amount(b.cash()),
                        signed(b.cash() - a)
                    ),
                    None => format!(
                        "{}{}",
                        pad_right("cash (won)", OUTCOME_W),
                        pad_left(&format_amount(a), cells.saturating_sub(OUTCOME_W))
                    ),
                };
                Line::styled(truncate(&text, cells).into_owned(), theme::title())
            }
            PanelRow::Item(PanelItem::Outcome(i)) => {
                let mut line = outcome_row(app, i, cells);
                if selected == Some(item) {
                    line.style = theme::selected();
                }
                item += 1;
                line
            }
            PanelRow::Item(entry) => {
                let (code, n) = match entry {
                    PanelItem::Outcome(_) => ("", 0),
                    PanelItem::Label(dim, code) => (
                        code.map_or("unlabelled", |c| dim.code(c)),
                        counts.label(dim, code),
                    ),
                    PanelItem::Status(status) => (status.code(), counts.status(status)),
                };
                let compare = match entry {
                    PanelItem::Label(dim, Some(code)) if compared => {
                        let kakao = &app.view.kakao;
                        let of_kakao = (kakao.label(dim, Some(code)), kakao.total());
                        Some((of_kakao, published::share(dim, code)))
                    }
                    _ => None,
                };
                let mut line = row(code, n, counts.total(), compare, code_w, bar_cells);
                if matches!(entry, PanelItem::Label(_, None)) {
                    line.style = theme::unlabelled();
                }
                if selected == Some(item) {
                    line.style = theme::selected();
                }
                item += 1;
                line
            }
        };
        lines.push(line);
    }
    lines
}

fn heading(name: &str, korean: &str, compared: bool, cells: usize) -> Line<'static> {
    let title = format!("{name} · {korean}");
    let text = if compared && cells >= COUNT_W + SHARE_W + COMPARE_W + 6 {
        let keep = cells - COMPARE_W;
        format!(
            "{}{COMPARE_HEADING}",
            pad_right(&truncate(&title, keep), keep)
        )
    } else {
        truncate(&title, cells).into_owned()
    };
    Line::styled(text, theme::heading())
}

/// `+1,234` or `-56`.
fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{}", format_amount(n))
    } else {
        format_amount(n)
    }
}

/// An outcome: its cases and cash in the view; in compare mode, under the compared set, with
/// the change.
fn outcome_row(app: &App, index: u16, cells: usize) -> Line<'static> {
    let code = app
        .judge
        .a()
        .and_then(|a| a.outcome_codes().get(usize::from(index)).cloned())
        .unwrap_or_default();
    outcome_text(app, &code, cells)
}

fn outcome_text(app: &App, code: &str, cells: usize) -> Line<'static> {
    let (n, cash) = app
        .view
        .outcomes
        .as_ref()
        .and_then(|t| t.get(code))
        .unwrap_or((0, 0));
    let head = pad_right(&truncate(code, OUTCOME_W - 1), OUTCOME_W);
    let money = |won: i64| {
        if won == 0 {
            "—".to_string()
        } else {
            format_amount(won)
        }
    };
    let text = match app.view.outcomes_b.as_ref() {
        Some(b) => {
            let (nb, cash_b) = b.get(code).unwrap_or((0, 0));
            let delta = cash_b - cash;
            format!(
                "{head}{}{} {}",
                pad_left(&format_amount(nb as i64), COUNT_W),
                pad_left(&format!("({})", signed(nb as i64 - n as i64)), 9),
                if delta == 0 {
                    "—".to_string()
                } else {
                    signed(delta)
                }
            )
        }
        None => format!(
            "{head}{} {}",
            pad_left(&format_amount(n as i64), COUNT_W),
            pad_left(&money(cash), cells.saturating_sub(OUTCOME_W + COUNT_W + 1))
        ),
    };
    Line::raw(truncate(&text, cells).into_owned())
}

/// The four non-monetary kinds together, against their published share.
fn non_monetary_row(kakao: &Counts, cells: usize) -> Line<'static> {
    let n: usize = NON_MONETARY_KINDS
        .iter()
        .map(|c| kakao.label(Dimension::Kind, Some(*c)))
        .sum();
    let compare = compare_text((n, kakao.total()), Some(NON_MONETARY_SHARE));
    let label_w = cells.saturating_sub(width(&compare));
    let label = pad_right(&truncate("(non-monetary)", label_w), label_w);
    Line::styled(format!("{label}{compare}"), theme::dim())
}

/// `  89.6 89.6`, [`COMPARE_W`] cells (`—` where nothing was published).
fn compare_text(of_kakao: (usize, usize), published: Option<f64>) -> String {
    let published = published.map_or_else(|| "—".to_string(), |p| format!("{p:.1}"));
    let of_kakao = format_share(of_kakao.0, of_kakao.1);
    format!(
        " {} {}",
        pad_left(of_kakao.trim_end_matches('%'), 5),
        pad_left(&published, 4)
    )
}

/// The code column: [`CODE_W`], narrower when the column is too narrow for everything else.
fn code_width(cells: usize, compare_w: usize) -> usize {
    CODE_W
        .min(cells.saturating_sub(COUNT_W + SHARE_W + compare_w + 2))
        .max(4)
}

/// The bar's cells in a column `cells` wide: what is left beside the code, count, share and
/// compare columns.
fn bar_width(cells: usize, code_w: usize) -> usize {
    cells
        .saturating_sub(code_w + COUNT_W + SHARE_W + COMPARE_W)
        .saturating_sub(1)
}

/// One code: count, share, bar of `bar_cells` (the same for every row of the panel) and, in
/// a compared section, the kakao and published shares.
fn row(
    code: &str,
    n: usize,
    total: usize,
    compare: Option<((usize, usize), Option<f64>)>,
    code_w: usize,
    bar_cells: usize,
) -> Line<'static> {
    let compare = compare.map(|(k, p)| compare_text(k, p)).unwrap_or_default();
    let head = format!(
        "{}{}{}",
        pad_right(&truncate(code, code_w - 1), code_w),
        pad_left(&format_amount(n as i64), COUNT_W),
        pad_left(&format_share(n, total), SHARE_W),
    );
    let bar = pad_right(
        &bar_text(crate::domain::share(n, total), bar_cells),
        bar_cells,
    );
    Line::from(vec![
        Span::raw(head),
        Span::raw(" "),
        Span::styled(bar, theme::bar()),
        Span::styled(compare, theme::dim()),
    ])
}

/// A bar of eighth-blocks: `pct` of `cells` cells.
fn bar_text(pct: f64, cells: usize) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = ((pct / 100.0) * cells as f64 * 8.0).round().max(0.0) as usize;
    let eighths = eighths.min(cells * 8);
    let mut bar = "█".repeat(eighths / 8);
    bar.push_str(EIGHTHS[eighths % 8]);
    bar
}

#[cfg(test)]
mod tests {
    use super::bar_text;

    #[test]
    fn bars_fill_by_eighths() {
        assert_eq!(bar_text(100.0, 4), "████");
        assert_eq!(bar_text(50.0, 4), "██");
        assert_eq!(bar_text(3.125, 4), "▏");
        assert_eq!(bar_text(0.0, 4), "");
    }
}
