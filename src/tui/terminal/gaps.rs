//! The cells between the changed cells of a row, which ratatui's diff leaves out: printed
//! again when that is shorter than moving the cursor over them, and runs of cells that are or
//! will be blank, erased in one sequence (ECH, `ESC[nX`) instead of printed.
//!
//! Both work from the [`Shadow`], never from guesses: a cell is printed again only as the
//! terminal shows it (so nothing on screen changes), and a run erases only cells the diff
//! turns into blanks in the default pen and unchanged cells that already are such blanks — or
//! the second column of a wide character whose first column the run erases. A run never
//! begins or ends inside a wide character, so no terminal has to decide what happens to the
//! other half.

use std::ops::Range;

use ratatui::layout::Position;

use super::backend::Item;
use super::sgr::{write_pen_change, Pen};
use super::shadow::{Shadow, Shown};

/// A run of columns of one row to erase with the default pen, and the cells of the draw it
/// stands for (all blanks in the default pen).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Erasure {
    pub row: u16,
    pub columns: Range<u16>,
    pub items: Range<usize>,
}

/// Runs shorter than this are never worth an erase: `ESC[nX` alone is 4 bytes for n < 10.
const MIN_RUN: u16 = 5;

/// The runs of columns the draw of `items` (in row-major order, as ratatui's diff gives them)
/// could erase instead of print, as the screen is before the draw.
pub(crate) fn plan_erasures(items: &[Item<'_>], shadow: &Shadow) -> Vec<Erasure> {
    let mut erasures = Vec::new();
    let mut start = 0;
    while let Some(first) = items.get(start) {
        let y = first.at.y;
        let len = items[start..]
            .iter()
            .take_while(|item| item.at.y == y)
            .count();
        plan_row(&items[start..start + len], start, shadow, &mut erasures);
        start += len;
    }
    erasures
}

/// One column of a row between its first and last changed cell.
#[derive(Clone, Copy)]
struct Column {
    /// The changed cell there (its index in the row), `None` for a column the diff leaves out.
    item: Option<usize>,
    /// Whether erasing the column leaves what the draw wants there.
    erasable: bool,
    /// What the terminal shows there before the draw.
    shown: Shown,
}

fn plan_row(row: &[Item<'_>], offset: usize, shadow: &Shadow, erasures: &mut Vec<Erasure>) {
    let Some(first) = row.first() else {
        return;
    };
    if row.windows(2).any(|pair| pair[1].at.x < pair[0].end()) {
        // Not in order (no diff of ratatui's does that): leave the row to plain printing.
        return;
    }
    let y = first.at.y;
    let base = first.at.x;
    let mut columns = Vec::new();
    for (index, item) in row.iter().enumerate() {
        let gap_start = base + columns.len() as u16;
        for x in gap_start..item.at.x {
            let shown = shadow.get(x, y);
            columns.push(Column {
                item: None,
                erasable: matches!(shown, Shown::BLANK | Shown::Covered(Pen::DEFAULT)),
                shown,
            });
        }
        for x in item.at.x..item.end() {
            columns.push(Column {
                item: Some(index),
                erasable: item.is_blank(),
                shown: shadow.get(x, y),
            });
        }
    }
    // The second column of a wide character the last cell overwrites: erased with it.
    let after = base + columns.len() as u16;
    if shadow.get(after, y) == Shown::Covered(Pen::DEFAULT) {
        columns.push(Column {
            item: None,
            erasable: true,
            shown: Shown::Covered(Pen::DEFAULT),
        });
    }
    let mut start = 0;
    while start < columns.len() {
        if !columns[start].erasable {
            start += 1;
            continue;
        }
        let end = start
            + columns[start..]
                .iter()
                .take_while(|column| column.erasable)
                .count();
        if let Some(run) = trim(&columns, start..end) {
            if run.len() >= usize::from(MIN_RUN) {
                let items_in = |column: &Column| column.item;
                let first_item = columns[run.clone()].iter().find_map(items_in);
                let last_item = columns[run.clone()].iter().rev().find_map(items_in);
                if let (Some(first_item), Some(last_item)) = (first_item, last_item) {
                    erasures.push(Erasure {
                        row: y,
                        columns: base + run.start as u16..base + run.end as u16,
                        items: offset + first_item..offset + last_item + 1,
                    });
                }
            }
        }
        start = end;
    }
}

/// Narrows a run of erasable columns so that it begins and ends with a changed cell and
/// splits no wide character: it may not begin on the second column of one, nor end on the
/// first, except that it ends on the second column of a wide character whose first column is
/// a changed cell of the run.
fn trim(columns: &[Column], run: Range<usize>) -> Option<Range<usize>> {
    let (mut start, mut end) = (run.start, run.end);
    while start < end
        && (columns[start].item.is_none() || matches!(columns[start].shown, Shown::Covered(_)))
    {
        start += 1;
    }
    while start < end {
        let last = columns[end - 1];
        let keep = match last.item {
            None => {
                matches!(last.shown, Shown::Covered(_))
                    && end - 1 > start
                    && columns[end - 2].item.is_some()
            }
            Some(_) => !matches!(last.shown, Shown::Wide(..)),
        };
        if keep {
            break;
        }
        end -= 1;
    }
    (start < end).then_some(start..end)
}

/// Whether `erasure` still holds on the screen as it is now (the cells drawn before it in the
/// same draw may have changed the shadow): checked again just before it is used.
pub(crate) fn still_erasable(erasure: &Erasure, items: &[Item<'_>], shadow: &Shadow) -> bool {
    let y = erasure.row;
    let Range { start, end } = erasure.columns;
    if matches!(shadow.get(start, y), Shown::Covered(_))
        || matches!(shadow.get(end - 1, y), Shown::Wide(..))
    {
        return false;
    }
    let mut changed = items[erasure.items.clone()].iter().map(|item| item.at.x);
    let mut next_changed = changed.next();
    (start..end).all(|x| {
        if next_changed == Some(x) {
            next_changed = changed.next();
            return true;
        }
        match shadow.get(x, y) {
            Shown::BLANK => true,
            Shown::Covered(Pen::DEFAULT) => x > start,
            _ => false,
        }
    })
}

/// Appends the cells of row `from.y` from column `from.x` up to `to_x` (excluded) as `shadow`
/// says the terminal shows them, starting with the terminal's pen `pen`; returns the pen in use
/// after them. `None` (with `out` in any state) when a cell is unknown, a wide character does
/// not lie wholly in the range, or it would take `budget` bytes or more.
pub(crate) fn reprint(
    out: &mut Vec<u8>,
    shadow: &Shadow,
    from: Position,
    to_x: u16,
    mut pen: Option<Pen>,
    budget: usize,
) -> Option<Pen> {
    let mut x = from.x;
    while x < to_x {
        let (c, cell_pen, width) = match shadow.get(x, from.y) {
            Shown::Narrow(c, cell_pen) => (c, cell_pen, 1),
            Shown::Wide(c, cell_pen) if x + 1 < to_x => (c, cell_pen, 2),
            _ => return None,
        };
        write_pen_change(out, pen, cell_pen);
        pen = Some(cell_pen);
        let mut utf8 = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        if out.len() >= budget {
            return None;
        }
        x += width;
    }
    pen
}
