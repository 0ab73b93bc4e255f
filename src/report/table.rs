//! Aligned text tables, measured by display width (Hangul takes two cells). Cells are shown as
//! given: callers sanitize what comes from people.

use crate::text::{pad_left, pad_right, width};

/// How a column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The alignment of a table whose first column names its rows and the others are numbers.
pub fn names_then_numbers(columns: usize) -> Vec<Align> {
    let mut align = vec![Align::Right; columns];
    if let Some(first) = align.first_mut() {
        *first = Align::Left;
    }
    align
}

/// A table: a header and rows, columns two spaces apart, trailing spaces trimmed.
pub fn render(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate().take(columns) {
            if i > 0 {
                text.push_str("  ");
            }
            match align.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => text.push_str(&pad_right(cell, widths[i])),
                Align::Right => text.push_str(&pad_left(cell, widths[i])),
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let text = render(
            &["name", "n"],
            &[Align::Left, Align::Right],
            &[
                vec!["김민지".into(), "3".into()],
                vec!["kim".into(), "120".into()],
            ],
        );
        assert_eq!(text, "name      n\n김민지    3\nkim     120\n");
    }
}
