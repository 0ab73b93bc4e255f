//! The preview of a bulk change, for people (the CLI's `--dry-run` and the workbench's preview).

use crate::domain::format_amount;
use crate::domain::preview::Preview;
use crate::text::{pad_left, pad_right};

/// One aligned line per count that moves: `  kind=paid        120 →      95  (-25)`.
pub fn move_lines<'a>(rows: impl IntoIterator<Item = (String, usize, usize)> + 'a) -> Vec<String> {
    let rows: Vec<(String, usize, usize)> = rows.into_iter().collect();
    let name_w = rows
        .iter()
        .map(|(n, _, _)| crate::text::width(n))
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(name, before, after)| {
            let delta = *after as i64 - *before as i64;
            format!(
                "  {}  {} → {}  ({}{})",
                pad_right(name, name_w),
                pad_left(&format_amount(*before as i64), 8),
                pad_left(&format_amount(*after as i64), 8),
                if delta > 0 { "+" } else { "" },
                format_amount(delta)
            )
        })
        .collect()
}

/// The count moves of a preview, named `field=code`.
pub fn count_moves(preview: &Preview) -> Vec<String> {
    move_lines(
        preview
            .moves
            .iter()
            .map(|m| (format!("{}={}", m.field, m.code), m.before, m.after)),
    )
}

/// `1,234 of 2,000 matching cases would change`, then one aligned line per count that moves.
pub fn render_preview(preview: &Preview) -> String {
    let mut out = format!(
        "{} of {} matching cases would change\n",
        format_amount(preview.changing as i64),
        format_amount(preview.cases as i64)
    );
    for line in count_moves(preview) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
