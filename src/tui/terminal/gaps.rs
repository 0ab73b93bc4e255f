//! The cells between the changed cells of a row, which ratatui's diff leaves out: printed
//! again when that is shorter than moving the cursor over them.
//!
//! This works from the [`Shadow`], never from guesses: a cell is printed again only as the
//! terminal shows it, so nothing on screen changes.

use ratatui::layout::Position;

use super::sgr::{write_pen_change, Pen};
use super::shadow::{Shadow, Shown};

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
