//! The preview of a bulk change, for people.

use crate::domain::format_amount;
use crate::domain::preview::Preview;
use crate::text::{pad_left, pad_right};

/// `1,234 of 2,000 cases would change`, then one aligned line per count that moves.
pub fn render_preview(preview: &Preview) -> String {
    let mut out = format!(
        "{} of {} matching cases would change\n",
        format_amount(preview.changing as i64),
        format_amount(preview.cases as i64)
    );
    let name_w = preview
        .moves
        .iter()
        .map(|m| m.field.len() + 1 + m.code.len())
        .max()
        .unwrap_or(0);
    for m in &preview.moves {
        let delta = m.after as i64 - m.before as i64;
        out.push_str(&format!(
            "  {}  {} → {}  ({}{})\n",
            pad_right(&format!("{}={}", m.field, m.code), name_w),
            pad_left(&format_amount(m.before as i64), 8),
            pad_left(&format_amount(m.after as i64), 8),
            if delta > 0 { "+" } else { "" },
            format_amount(delta)
        ));
    }
    out
}
