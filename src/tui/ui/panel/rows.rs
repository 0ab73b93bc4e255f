//! The lines of the counts panel: a code's count, share and bar (and in the compared sections
//! its share among kakao cases beside the published one), section headings, the outcome rows
//! with their short codes, and the one line of a folded section.

use ratatui::text::{Line, Span};

use super::super::outcome::OutcomeNames;
use super::super::theme;
use crate::domain::published::{self, NON_MONETARY_KINDS, NON_MONETARY_SHARE};
use crate::domain::{format_amount, format_share, share, Counts, Dimension};
use crate::text::{pad_left, pad_right, truncate, width};
use crate::tui::app::{App, PanelItem, PanelRow};

/// The code column: the longest code (`small_business`, `(non-monetary)`) and a space.
const CODE_W: usize = 15;
/// The share column: ` 100.0%`, ` >99.9%`.
const SHARE_W: usize = 7;
/// The compared columns: the share among the view's kakao cases, and the published share.
pub const COMPARE_W: usize = 14;
/// Above the compared columns.
const COMPARE_HEADING: &str = "of kakao · published";
/// The compared columns' heading while the suggestions' counts are shown.
const SUGGESTED_HEADING: &str = "suggested · change";
/// The outcome code column of the outcome rows (`decline_substitute`).
const OUTCOME_W: usize = 19;
/// Bars are at least this many cells, or the column is too narrow for them.
pub const BAR_MIN: usize = 6;

/// The widths of one column of the panel; every column of a panel has the same, so that the
/// bars of all its rows share one scale.
#[derive(Clone, Copy, Debug)]
pub struct Widths {
    pub cells: usize,
    count: usize,
    pub bar: usize,
}

impl Widths {
    /// For a column `cells` wide over a view of `total` cases: the bar takes what a compared
    /// row leaves.
    pub fn new(cells: usize, total: usize) -> Widths {
        let count = format_amount(total as i64).len() + 1;
        let bar = cells.saturating_sub(CODE_W + count + SHARE_W + 1 + COMPARE_W);
        Widths { cells, count, bar }
    }

    /// The narrowest column that still draws bars of [`BAR_MIN`] over `total` cases.
    pub fn min_cells(total: usize) -> usize {
        CODE_W + format_amount(total as i64).len() + 1 + SHARE_W + 1 + BAR_MIN + COMPARE_W
    }
}

/// One line of the panel for `row`.
pub fn line(app: &App, names: &OutcomeNames, row: PanelRow, w: Widths) -> Line<'static> {
    let counts = &app.view.counts;
    match row {
        PanelRow::Heading(Some(dim), _) if app.panel_suggested => {
            heading(dim.name(), dim.korean(), Some(SUGGESTED_HEADING), w)
        }
        PanelRow::Heading(Some(dim), compared) => heading(
            dim.name(),
            dim.korean(),
            compared.then_some(COMPARE_HEADING),
            w,
        ),
        PanelRow::Heading(None, _) => heading("status", "상태", None, w),
        PanelRow::OutcomesHeading => Line::styled(
            truncate(&outcomes_title(app), w.cells).into_owned(),
            theme::heading(),
        ),
        PanelRow::NonMonetary => non_monetary(&app.view.kakao, w),
        PanelRow::CashTotal => cash_total(app, w),
        PanelRow::OutcomeOnlyB(i) => {
            let code = app
                .judge
                .b()
                .and_then(|b| b.outcome_codes().get(usize::from(i)).cloned())
                .unwrap_or_default();
            outcome(app, names, &code, w)
        }
        PanelRow::Item(PanelItem::Outcome(i)) => {
            let code = app
                .judge
                .a()
                .and_then(|a| a.outcome_codes().get(usize::from(i)).cloned())
                .unwrap_or_default();
            outcome(app, names, &code, w)
        }
        PanelRow::Item(PanelItem::Label(dim, code)) if app.panel_suggested => {
            let n = counts.label(dim, code);
            let suggested = app.view.suggested.label(dim, code);
            let name = code.map_or("unlabelled", |c| dim.code(c));
            let change = suggested as i64 - n as i64;
            let compare = format!(
                "{}{}",
                pad_left(&format_amount(suggested as i64), 7),
                pad_left(
                    &if change == 0 {
                        "·".to_string()
                    } else {
                        signed(change)
                    },
                    7
                )
            );
            count_row(name, n, counts.total(), Some(compare), w)
        }
        PanelRow::Item(PanelItem::Label(dim, code)) => {
            let compare = match code {
                Some(c) if matches!(dim, Dimension::Reporter | Dimension::Kind) => {
                    let kakao = &app.view.kakao;
                    Some(compare_text(
                        (kakao.label(dim, Some(c)), kakao.total()),
                        published::share(dim, c),
                    ))
                }
                _ => None,
            };
            let name = code.map_or("unlabelled", |c| dim.code(c));
            let mut line = count_row(name, counts.label(dim, code), counts.total(), compare, w);
            if code.is_none() {
                line.style = theme::unlabelled();
            }
            line
        }
        PanelRow::Item(PanelItem::Status(status)) => count_row(
            status.code(),
            counts.status(status),
            counts.total(),
            None,
            w,
        ),
    }
}

/// The heading of a section that goes on at the top of the next column: `kind · 피해 유형
/// (continued)`.
pub fn continued(app: &App, heading: PanelRow, w: Widths) -> Line<'static> {
    let title = match heading {
        PanelRow::OutcomesHeading => outcomes_title(app),
        PanelRow::Heading(Some(dim), _) => format!("{} · {}", dim.name(), dim.korean()),
        _ => "status · 상태".to_string(),
    };
    let text = format!("{title} (continued)");
    Line::styled(truncate(&text, w.cells).into_owned(), theme::heading())
}

/// `outcomes · final-2022-12-29`, or `outcomes · draft → final` in compare mode.
fn outcomes_title(app: &App) -> String {
    match app.judge.b() {
        Some(b) => format!("outcomes · {} → {}", app.judge.active_name(), b.name),
        None => format!("outcomes · {}", app.judge.active_name()),
    }
}

/// `reporter · 신고인`, in a compared section with `of kakao · published` at the right.
/// A section's heading, with the heading of its compared columns on the right when it has
/// them (and there is room).
fn heading(name: &str, korean: &str, compared: Option<&str>, w: Widths) -> Line<'static> {
    let title = format!("{name} · {korean}");
    let text = if let Some(columns) = compared.filter(|c| w.cells > width(&title) + width(c)) {
        let keep = w.cells - width(columns);
        format!("{}{columns}", pad_right(&title, keep))
    } else {
        truncate(&title, w.cells).into_owned()
    };
    Line::styled(text, theme::heading())
}

/// One code: count, share, bar and, in a compared section, the kakao and published shares.
fn count_row(
    code: &str,
    n: usize,
    total: usize,
    compare: Option<String>,
    w: Widths,
) -> Line<'static> {
    let head = format!(
        "{}{}{}",
        pad_right(&truncate(code, CODE_W - 1), CODE_W),
        pad_left(&format_amount(n as i64), w.count),
        pad_left(&format_share(n, total), SHARE_W),
    );
    let bar = pad_right(&bar_text(share(n, total), w.bar), w.bar);
    let compare = compare.unwrap_or_default();
    Line::from(vec![
        Span::raw(head),
        Span::raw(" "),
        Span::styled(bar, theme::bar()),
        Span::styled(compare, theme::dim()),
    ])
}

/// The share among kakao cases and the published one, [`COMPARE_W`] cells: `  89.6%  89.6%`
/// (`—` where nothing was published).
fn compare_text(of_kakao: (usize, usize), published: Option<f64>) -> String {
    let published = published.map_or_else(|| "—".to_string(), |p| format!("{p:.1}%"));
    let of_kakao = format_share(of_kakao.0, of_kakao.1);
    format!("{}{}", pad_left(&of_kakao, 7), pad_left(&published, 7))
}

/// The four non-monetary kinds together, against their published share.
fn non_monetary(kakao: &Counts, w: Widths) -> Line<'static> {
    let n: usize = NON_MONETARY_KINDS
        .iter()
        .map(|c| kakao.label(Dimension::Kind, Some(*c)))
        .sum();
    let compare = compare_text((n, kakao.total()), Some(NON_MONETARY_SHARE));
    let label_w = w.cells.saturating_sub(width(&compare));
    let label = pad_right(&truncate("(non-monetary)", label_w), label_w);
    Line::styled(format!("{label}{compare}"), theme::dim())
}

/// `+1,234` or `-56`.
fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{}", format_amount(n))
    } else {
        format_amount(n)
    }
}

/// An outcome, its short code first (the list's legend): its cases and cash in the view; in
/// compare mode, under the compared set, with the change.
fn outcome(app: &App, names: &OutcomeNames, code: &str, w: Widths) -> Line<'static> {
    let (n, cash) = app
        .view
        .outcomes
        .as_ref()
        .and_then(|t| t.get(code))
        .unwrap_or((0, 0));
    let short = pad_right(names.short(code), names.short_width() + 1);
    let head = format!(
        "{short}{}",
        pad_right(&truncate(code, OUTCOME_W - 1), OUTCOME_W)
    );
    let rest = w.cells.saturating_sub(width(&head));
    let figures = match app.view.outcomes_b.as_ref() {
        Some(b) => {
            let (nb, cash_b) = b.get(code).unwrap_or((0, 0));
            let delta = cash_b - cash;
            format!(
                "{}{} {}",
                pad_left(&format_amount(nb as i64), w.count),
                pad_left(&format!("({})", signed(nb as i64 - n as i64)), 9),
                if delta == 0 {
                    "—".to_string()
                } else {
                    signed(delta)
                }
            )
        }
        None => {
            let money = if cash == 0 {
                "—".to_string()
            } else {
                format_amount(cash)
            };
            format!(
                "{}{}",
                pad_left(&format_amount(n as i64), w.count),
                pad_left(&money, rest.saturating_sub(w.count))
            )
        }
    };
    Line::raw(truncate(&format!("{head}{figures}"), w.cells).into_owned())
}

/// The total cash under the active set (and the compared one).
fn cash_total(app: &App, w: Widths) -> Line<'static> {
    let a = app.view.outcomes.as_ref().map_or(0, |t| t.cash());
    let text = match app.view.outcomes_b.as_ref() {
        Some(b) => format!(
            "cash (won)  {} → {} ({})",
            format_amount(a),
            format_amount(b.cash()),
            signed(b.cash() - a)
        ),
        None => {
            let label = "cash (won)";
            format!(
                "{label}{}",
                pad_left(&format_amount(a), w.cells.saturating_sub(label.len()))
            )
        }
    };
    Line::styled(truncate(&text, w.cells).into_owned(), theme::title())
}

/// A folded section in one line: `▸ service · 서비스  kakaotalk 33.0% · emoticon 11.3% · …`,
/// its largest codes; for the outcomes, the total cash.
pub fn folded(app: &App, rows: &[PanelRow], w: Widths) -> Line<'static> {
    let counts = &app.view.counts;
    let (title, summary) = match rows.first() {
        Some(PanelRow::OutcomesHeading) => {
            let a = app.view.outcomes.as_ref().map_or(0, |t| t.cash());
            let cash = match app.view.outcomes_b.as_ref() {
                Some(b) => format!("cash {} → {}", format_amount(a), format_amount(b.cash())),
                None => format!("cash {}", format_amount(a)),
            };
            (outcomes_title(app), cash)
        }
        Some(PanelRow::Heading(dim, _)) => {
            let title = match dim {
                Some(d) => format!("{} · {}", d.name(), d.korean()),
                None => "status · 상태".to_string(),
            };
            let mut shares: Vec<(&str, usize)> = rows
                .iter()
                .filter_map(|row| match row {
                    PanelRow::Item(PanelItem::Label(d, code)) => Some((
                        code.map_or("unlabelled", |c| d.code(c)),
                        counts.label(*d, *code),
                    )),
                    PanelRow::Item(PanelItem::Status(s)) => Some((s.code(), counts.status(*s))),
                    _ => None,
                })
                .filter(|(_, n)| *n > 0)
                .collect();
            shares.sort_by_key(|s| std::cmp::Reverse(s.1));
            let parts: Vec<String> = shares
                .iter()
                .map(|(code, n)| format!("{code} {}", format_share(*n, counts.total())))
                .collect();
            (title, parts.join(" · "))
        }
        _ => (String::new(), String::new()),
    };
    let title = format!("▸ {title}  ");
    let room = w.cells.saturating_sub(width(&title));
    Line::from(vec![
        Span::styled(truncate(&title, w.cells).into_owned(), theme::heading()),
        Span::styled(truncate(&summary, room).into_owned(), theme::dim()),
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
    use super::*;

    #[test]
    fn bars_fill_by_eighths() {
        assert_eq!(bar_text(100.0, 4), "████");
        assert_eq!(bar_text(50.0, 4), "██");
        assert_eq!(bar_text(3.125, 4), "▏");
        assert_eq!(bar_text(0.0, 4), "");
    }

    #[test]
    fn compared_columns_are_as_wide_as_said() {
        assert_eq!(
            width(&compare_text((95_150, 105_116), Some(89.6))),
            COMPARE_W
        );
        assert_eq!(width(&compare_text((1, 3), None)), COMPARE_W);
        assert_eq!(compare_text((0, 0), Some(0.2)), "   0.0%   0.2%");
    }

    #[test]
    fn the_bar_takes_what_a_compared_row_leaves() {
        let w = Widths::new(54, 105_116);
        assert_eq!(w.bar, 54 - 15 - 8 - 7 - 1 - 14);
        assert_eq!(
            Widths::new(Widths::min_cells(105_116), 105_116).bar,
            BAR_MIN
        );
    }
}
