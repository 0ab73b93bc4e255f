//! The counts panel's rows, and drilling into a count: Enter on a count shows those cases
//! (as VisiData's frequency table does), by adding its clause to the view's filter.

use super::effect::Effect;
use super::saved_views::ViewSpec;
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::domain::{Dimension, Status};
use crate::tui::action::Action;

/// A count in the panel that can be drilled into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelItem {
    /// A code of a dimension, or its unlabelled cases (`None`).
    Label(Dimension, Option<u8>),
    Status(Status),
    /// An outcome of the active rule set (its index there).
    Outcome(u16),
}

impl PanelItem {
    /// The filter clause that selects these cases: `kind=paid`, `substitute=none`.
    pub fn clause(self, app: &App) -> String {
        match self {
            PanelItem::Outcome(i) => format!(
                "outcome={}",
                app.judge
                    .a()
                    .and_then(|a| a.outcome_codes().get(usize::from(i)))
                    .map_or("none", String::as_str)
            ),
            PanelItem::Label(dim, Some(code)) => format!("{}={}", dim.name(), dim.code(code)),
            PanelItem::Label(dim, None) => format!("{}=none", dim.name()),
            PanelItem::Status(status) => format!("status={}", status.code()),
        }
    }
}

/// A row of the panel, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelRow {
    /// A section heading: dimension (or status), and whether it is compared with the
    /// published shares.
    Heading(Option<Dimension>, bool),
    Item(PanelItem),
    /// The four non-monetary kinds together, against their published share.
    NonMonetary,
    /// The heading of the outcomes section (the active rule set's name).
    OutcomesHeading,
    /// An outcome only the compared rule set has (its index there).
    OutcomeOnlyB(u16),
    /// The total cash under the active rule set (and the compared one).
    CashTotal,
}

/// The panel's rows for the current view, top to bottom: the outcomes under the rules, then
/// scope, reporter, kind, substitute, status and the long service section.
pub fn panel_rows(app: &App) -> Vec<PanelRow> {
    let counts = &app.view.counts;
    let mut rows = Vec::new();
    if let Some(rules) = app.judge.a() {
        rows.push(PanelRow::OutcomesHeading);
        for i in 0..rules.outcome_codes().len() as u16 {
            rows.push(PanelRow::Item(PanelItem::Outcome(i)));
        }
        if let Some(b) = app.judge.b() {
            for (i, code) in b.outcome_codes().iter().enumerate() {
                if rules.outcome_index(code).is_none() {
                    rows.push(PanelRow::OutcomeOnlyB(i as u16));
                }
            }
        }
        rows.push(PanelRow::CashTotal);
    }
    let section = |rows: &mut Vec<PanelRow>, dim: Dimension| {
        let compared = matches!(dim, Dimension::Reporter | Dimension::Kind);
        rows.push(PanelRow::Heading(Some(dim), compared));
        for code in 0..dim.codes().len() as u8 {
            rows.push(PanelRow::Item(PanelItem::Label(dim, Some(code))));
        }
        if dim == Dimension::Kind {
            rows.push(PanelRow::NonMonetary);
        }
        if counts.unlabelled(dim) > 0 {
            rows.push(PanelRow::Item(PanelItem::Label(dim, None)));
        }
    };
    for dim in [
        Dimension::Scope,
        Dimension::Reporter,
        Dimension::Kind,
        Dimension::Substitute,
    ] {
        section(&mut rows, dim);
    }
    rows.push(PanelRow::Heading(None, false));
    rows.extend(Status::ALL.map(|s| PanelRow::Item(PanelItem::Status(s))));
    section(&mut rows, Dimension::Service);
    rows
}

/// The drillable counts, in panel order.
pub fn panel_items(app: &App) -> Vec<PanelItem> {
    panel_rows(app)
        .into_iter()
        .filter_map(|row| match row {
            PanelRow::Item(item) => Some(item),
            _ => None,
        })
        .collect()
}

impl App {
    pub(super) fn focus_panel(&mut self) {
        self.screens.open(Screen::Panel { selected: 0 });
        if self.panel_toggled == (self.size.0 >= crate::tui::ui::layout::WIDE_COLS) {
            // The panel is hidden (toggled off on a wide terminal, or not toggled in on a
            // narrow one): show it while it has the focus.
            self.panel_toggled = !self.panel_toggled;
        }
    }

    pub(super) fn panel_action(&mut self, action: Action) -> Vec<Effect> {
        let items = panel_items(self);
        let Screen::Panel { selected } = self.screens.top_mut() else {
            return Vec::new();
        };
        match action {
            Action::SelectNext | Action::MoveDown => {
                *selected = (*selected + 1).min(items.len().saturating_sub(1))
            }
            Action::SelectPrev | Action::MoveUp => *selected = selected.saturating_sub(1),
            Action::First => *selected = 0,
            Action::Last => *selected = items.len().saturating_sub(1),
            Action::Cancel | Action::FocusPanel => {
                self.screens.close();
            }
            Action::Accept => {
                let Some(item) = items.get(*selected).copied() else {
                    return Vec::new();
                };
                self.screens.close();
                let clause = item.clause(self);
                let filter = format!("{} {clause}", self.spec.filter).trim().to_string();
                let spec = ViewSpec {
                    name: format!("{} › {clause}", self.spec.name),
                    filter,
                    search: self.spec.search.clone(),
                    queue: self.spec.queue,
                };
                if self.apply_view(spec) {
                    let n = self.view.len();
                    self.message = Some(Message::info(format!(
                        "{} with {clause}",
                        crate::text::count(n, "case", "cases")
                    )));
                }
            }
            _ => {}
        }
        Vec::new()
    }
}
