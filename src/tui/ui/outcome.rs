//! How rule outcomes are written in the list and the detail.

use crate::domain::format_amount;
use crate::text::{pad_right, truncate};
use crate::tui::app::App;

/// Width of the list's outcome column.
pub const OUTCOME_CELLS: usize = 22;

/// `support_cash 50,000`, or in compare mode for a case whose outcome differs
/// `≠support_cash→individual_review` (each side cut to fit). Empty without rules.
pub fn outcome_cell(app: &App, index: usize) -> String {
    let (Some(a), Some(&da)) = (app.judge.a(), app.judge.da.get(index)) else {
        return String::new();
    };
    let code_a = a.outcome_code(da);
    let text = match (
        app.judge.b(),
        app.judge.db.get(index),
        app.judge.changed(index),
    ) {
        (Some(b), Some(&db), Some(true)) => {
            let half = (OUTCOME_CELLS - 2) / 2;
            format!(
                "≠{}→{}",
                truncate(code_a, half),
                truncate(b.outcome_code(db), OUTCOME_CELLS - 2 - half)
            )
        }
        _ if da.cash > 0 => format!("{code_a} {}", format_amount(da.cash)),
        _ => code_a.to_string(),
    };
    pad_right(&truncate(&text, OUTCOME_CELLS), OUTCOME_CELLS)
}
