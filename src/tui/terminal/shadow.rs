//! [`Shadow`]: what the terminal shows, cell by cell, as far as the backend knows.
//!
//! The backend records every cell it sends and every erase, exactly as a terminal would apply
//! them, so that it can send an unchanged cell again (a space is shorter than a cursor move over
//! it) or erase a run of cells that are blank already or about to be. A cell it cannot vouch
//! for is [`Shown::Unknown`], and an unknown cell is never re-sent or erased: what was drawn
//! there stays as ratatui's diff left it.
//!
//! Wide characters follow the rule terminals share: printing over either column of a wide
//! character blanks the other column. The attributes of that orphaned blank differ between
//! terminals (the pen of the character, the pen of what overwrote it, or none), so it is known
//! only when all of them are the default pen.

use ratatui::layout::Size;

use super::sgr::Pen;

/// One cell of the terminal's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    /// Not known: never drawn since the screen was last forgotten, or drawn by a symbol that
    /// terminals may give another width.
    Unknown,
    /// A one-column character, drawn with a pen.
    Narrow(char, Pen),
    /// The first column of a two-column character; the next cell is [`Shown::Covered`].
    Wide(char, Pen),
    /// The second column of the wide character on its left, which was drawn with this pen.
    Covered(Pen),
}

impl Shown {
    /// A space in the default pen: what ED, EL and ECH leave after `ESC[m`.
    pub const BLANK: Self = Self::Narrow(' ', Pen::DEFAULT);
}

/// The screen as the backend believes the terminal shows it; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct Shadow {
    width: u16,
    height: u16,
    cells: Vec<Shown>,
}

impl Shadow {
    /// Forgets every cell; the screen is now `size` (`None`: unknown, nothing is tracked).
    pub fn forget(&mut self, size: Option<Size>) {
        let size = size.unwrap_or(Size::ZERO);
        self.width = size.width;
        self.height = size.height;
        self.cells.clear();
        self.cells.resize(
            usize::from(size.width) * usize::from(size.height),
            Shown::Unknown,
        );
    }

    /// Whether the shadow is of a screen of `size`.
    pub fn is_of_size(&self, size: Option<Size>) -> bool {
        size.unwrap_or(Size::ZERO)
            == Size {
                width: self.width,
                height: self.height,
            }
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.width && y < self.height)
            .then(|| usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// The cell at (`x`, `y`); [`Shown::Unknown`] outside the screen.
    pub fn get(&self, x: u16, y: u16) -> Shown {
        self.index(x, y).map_or(Shown::Unknown, |i| self.cells[i])
    }

    fn set(&mut self, x: u16, y: u16, shown: Shown) {
        if let Some(i) = self.index(x, y) {
            self.cells[i] = shown;
        }
    }

    /// Sets the cell left of (`x`, `y`), the wide character a `Covered` cell belongs to.
    fn set_left_of(&mut self, x: u16, y: u16, shown: Shown) {
        if let Some(left) = x.checked_sub(1) {
            self.set(left, y, shown);
        }
    }

    /// Records the character `c`, `width` columns wide (1 or 2), printed at (`x`, `y`) with
    /// `pen` by a terminal that agrees on its width.
    pub fn print(&mut self, x: u16, y: u16, c: char, width: u16, pen: Pen) {
        let last = x + width.clamp(1, 2) - 1;
        self.split_left(x, y, pen);
        self.split_right(last, y, pen);
        if last == x {
            self.set(x, y, Shown::Narrow(c, pen));
        } else {
            self.set(x, y, Shown::Wide(c, pen));
            self.set(last, y, Shown::Covered(pen));
        }
    }

    /// Records a symbol printed at (`x`, `y`) that terminals may draw at another width than
    /// ratatui's: the rest of the row is unknown.
    pub fn print_untrusted(&mut self, x: u16, y: u16) {
        if let Shown::Covered(_) = self.get(x, y) {
            self.set_left_of(x, y, Shown::Unknown);
        }
        for column in x..self.width {
            self.set(column, y, Shown::Unknown);
        }
    }

    /// Records that the columns `from..to` of row `y` were erased with the default pen. The
    /// part of a wide character left outside the range becomes unknown (terminals differ on
    /// whether they erase it too).
    pub fn erase(&mut self, y: u16, from: u16, to: u16) {
        let to = to.min(self.width);
        if from >= to {
            return;
        }
        if let Shown::Covered(_) = self.get(from, y) {
            self.set_left_of(from, y, Shown::Unknown);
        }
        if let Shown::Wide(..) = self.get(to - 1, y) {
            self.set(to, y, Shown::Unknown);
        }
        for column in from..to {
            self.set(column, y, Shown::BLANK);
        }
    }

    /// Records that every row from `from` to `to` (excluded) was erased with the default pen.
    pub fn erase_rows(&mut self, from: u16, to: u16) {
        for y in from..to.min(self.height) {
            self.erase(y, 0, self.width);
        }
    }

    /// Printing at `x` with `pen` over the second column of a wide character blanks its first.
    fn split_left(&mut self, x: u16, y: u16, pen: Pen) {
        if let Shown::Covered(old) = self.get(x, y) {
            self.set_left_of(x, y, orphan(old, pen));
        }
    }

    /// Printing at `last` with `pen` over the first column of a wide character blanks its
    /// second.
    fn split_right(&mut self, last: u16, y: u16, pen: Pen) {
        if let Shown::Wide(_, old) = self.get(last, y) {
            self.set(last + 1, y, orphan(old, pen));
        }
    }
}

/// The other column of a wide character drawn with `old` that was partly overwritten with
/// `new`: a blank, of attributes that depend on the terminal unless both pens are the default.
fn orphan(old: Pen, new: Pen) -> Shown {
    if old == Pen::DEFAULT && new == Pen::DEFAULT {
        Shown::BLANK
    } else {
        Shown::Unknown
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    const RED: Pen = Pen {
        fg: Color::Red,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn shadow(width: u16) -> Shadow {
        let mut shadow = Shadow::default();
        shadow.forget(Some(Size { width, height: 2 }));
        shadow.erase_rows(0, 2);
        shadow
    }

    fn row(shadow: &Shadow) -> Vec<Shown> {
        (0..shadow.width).map(|x| shadow.get(x, 0)).collect()
    }

    #[test]
    fn a_wide_character_covers_the_next_column() {
        let mut s = shadow(4);
        s.print(1, 0, '한', 2, RED);
        assert_eq!(
            row(&s),
            [
                Shown::BLANK,
                Shown::Wide('한', RED),
                Shown::Covered(RED),
                Shown::BLANK
            ]
        );
    }

    #[test]
    fn overwriting_half_of_a_wide_character_blanks_the_other_half() {
        let mut s = shadow(6);
        s.print(0, 0, '한', 2, Pen::DEFAULT);
        s.print(2, 0, '글', 2, Pen::DEFAULT);
        s.print(1, 0, 'a', 1, Pen::DEFAULT);
        s.print(2, 0, 'b', 1, Pen::DEFAULT);
        assert_eq!(
            row(&s)[..4],
            [
                Shown::BLANK,
                Shown::Narrow('a', Pen::DEFAULT),
                Shown::Narrow('b', Pen::DEFAULT),
                Shown::BLANK
            ]
        );
        // In another pen the orphaned half's attributes depend on the terminal.
        s.print(4, 0, '말', 2, RED);
        s.print(4, 0, 'c', 1, RED);
        assert_eq!(s.get(5, 0), Shown::Unknown);
        // A wide character printed one column off splits two.
        s.print(0, 0, '가', 2, Pen::DEFAULT);
        s.print(2, 0, '나', 2, Pen::DEFAULT);
        s.print(1, 0, '다', 2, Pen::DEFAULT);
        assert_eq!(
            row(&s)[..4],
            [
                Shown::BLANK,
                Shown::Wide('다', Pen::DEFAULT),
                Shown::Covered(Pen::DEFAULT),
                Shown::BLANK
            ]
        );
    }

    #[test]
    fn an_untrusted_symbol_makes_the_rest_of_the_row_unknown() {
        let mut s = shadow(5);
        s.print(0, 0, '한', 2, Pen::DEFAULT);
        s.print_untrusted(1, 0);
        assert_eq!(row(&s), [Shown::Unknown; 5]);
        assert_eq!(s.get(0, 1), Shown::BLANK, "the next row is untouched");
    }

    #[test]
    fn erasing_part_of_a_wide_character_makes_the_rest_unknown() {
        let mut s = shadow(6);
        s.print(0, 0, '한', 2, Pen::DEFAULT);
        s.print(3, 0, '글', 2, Pen::DEFAULT);
        s.erase(0, 1, 4);
        assert_eq!(
            row(&s),
            [
                Shown::Unknown,
                Shown::BLANK,
                Shown::BLANK,
                Shown::BLANK,
                Shown::Unknown,
                Shown::BLANK
            ]
        );
    }

    #[test]
    fn outside_the_screen_is_unknown_and_ignored() {
        let mut s = shadow(3);
        s.print(2, 0, '한', 2, Pen::DEFAULT);
        assert_eq!(s.get(3, 0), Shown::Unknown);
        assert_eq!(
            s.get(0, 1),
            Shown::BLANK,
            "nothing spilled onto the next row"
        );
        s.forget(None);
        assert_eq!(s.get(0, 0), Shown::Unknown);
        assert!(s.is_of_size(None));
    }
}
