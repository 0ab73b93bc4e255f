//! The shortest cursor move between two positions: carriage return, line feed, cursor
//! forward/back/down/up (`ESC[nC`, `ESC[nD`, `ESC[nB`, `ESC[nA`), column absolute (`ESC[nG`)
//! and cursor position (`ESC[y;xH`, `ESC[yH`, `ESC[H`), alone or a vertical step followed by a
//! horizontal one.

use ratatui::layout::Position;

use super::sgr::push_decimal;

/// One control sequence (or control character) that moves the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// `ESC[y;xH`, with the defaults left out.
    Position(Position),
    /// Carriage return: column 0 of the same row.
    Return,
    /// Carriage return and this many line feeds: column 0, that many rows down.
    ReturnAndFeed(u16),
    Right(u16),
    Left(u16),
    Down(u16),
    Up(u16),
    /// `ESC[nG`, the column given from 0.
    Column(u16),
}

impl Step {
    fn len(self) -> usize {
        // `ESC[n?` leaves out an n of 1.
        let relative = |n: u16| if n == 1 { 3 } else { 3 + digits(n) };
        match self {
            Self::Position(Position { x: 0, y: 0 }) => 3,
            Self::Position(Position { x: 0, y }) => 3 + digits(y + 1),
            Self::Position(Position { x, y }) => 4 + digits(y + 1) + digits(x + 1),
            Self::Return => 1,
            Self::ReturnAndFeed(n) => 1 + usize::from(n),
            Self::Right(n) | Self::Left(n) | Self::Down(n) | Self::Up(n) => relative(n),
            Self::Column(x) => 3 + digits(x + 1),
        }
    }

    fn write(self, out: &mut Vec<u8>) {
        let sequence = |out: &mut Vec<u8>, n: u16, final_byte: u8| {
            out.extend_from_slice(b"\x1b[");
            if n != 1 {
                push_decimal(out, n);
            }
            out.push(final_byte);
        };
        match self {
            Self::Position(to) => {
                out.extend_from_slice(b"\x1b[");
                if to.y != 0 || to.x != 0 {
                    push_decimal(out, to.y + 1);
                }
                if to.x != 0 {
                    out.push(b';');
                    push_decimal(out, to.x + 1);
                }
                out.push(b'H');
            }
            Self::Return => out.push(b'\r'),
            Self::ReturnAndFeed(n) => {
                out.push(b'\r');
                out.extend(std::iter::repeat_n(b'\n', usize::from(n)));
            }
            Self::Right(n) => sequence(out, n, b'C'),
            Self::Left(n) => sequence(out, n, b'D'),
            Self::Down(n) => sequence(out, n, b'B'),
            Self::Up(n) => sequence(out, n, b'A'),
            Self::Column(x) => {
                out.extend_from_slice(b"\x1b[");
                push_decimal(out, x + 1);
                out.push(b'G');
            }
        }
    }
}

/// A move: one or two steps.
#[derive(Clone, Copy, Debug)]
struct Move(Option<Step>, Option<Step>);

impl Move {
    fn len(self) -> usize {
        self.0.map_or(0, Step::len) + self.1.map_or(0, Step::len)
    }
}

/// The shortest step from column `from` to column `to` on the same row (none if they are
/// equal); relative steps win ties.
fn horizontal(from: u16, to: u16) -> Option<Step> {
    if from == to {
        return None;
    }
    if to == 0 {
        return Some(Step::Return);
    }
    let relative = if to > from {
        Step::Right(to - from)
    } else {
        Step::Left(from - to)
    };
    let absolute = Step::Column(to);
    Some(if relative.len() <= absolute.len() {
        relative
    } else {
        absolute
    })
}

/// Line feeds worth sending at most (one byte a row; beyond this `ESC[nB` is as short).
const MAX_LINE_FEEDS: u16 = 4;

/// The shortest move from `from` (if known) to `to`. Line feeds are used only when `to` is a
/// row above `screen_height`, so that none of them can scroll the screen.
fn shortest(from: Option<Position>, to: Position, screen_height: u16) -> Move {
    let absolute = Move(Some(Step::Position(to)), None);
    let Some(from) = from else {
        return absolute;
    };
    if from == to {
        return Move(None, None);
    }
    let mut candidates = [None; 4];
    if from.y == to.y {
        candidates[0] = Some(Move(horizontal(from.x, to.x), None));
    } else if to.y > from.y {
        let rows = to.y - from.y;
        candidates[1] = Some(Move(Some(Step::Down(rows)), horizontal(from.x, to.x)));
        if rows <= MAX_LINE_FEEDS && to.y < screen_height {
            candidates[2] = Some(Move(Some(Step::ReturnAndFeed(rows)), horizontal(0, to.x)));
        }
    } else {
        let rows = from.y - to.y;
        candidates[3] = Some(Move(Some(Step::Up(rows)), horizontal(from.x, to.x)));
    }
    // The first of the shortest, in the order: same row, position, down, line feeds, up.
    let mut best = candidates[0].unwrap_or(absolute);
    for candidate in [Some(absolute)]
        .into_iter()
        .chain(candidates[1..].iter().copied())
        .flatten()
    {
        if candidate.len() < best.len() {
            best = candidate;
        }
    }
    best
}

/// Appends the shortest sequence that moves the cursor from `from` (if known) to `to`; see
/// [`shortest`] for `screen_height`.
pub(crate) fn write_move(
    out: &mut Vec<u8>,
    from: Option<Position>,
    to: Position,
    screen_height: u16,
) {
    let Move(first, second) = shortest(from, to, screen_height);
    for step in [first, second].into_iter().flatten() {
        step.write(out);
    }
}

/// The length of what [`write_move`] would append.
pub(crate) fn move_len(from: Option<Position>, to: Position, screen_height: u16) -> usize {
    shortest(from, to, screen_height).len()
}

/// Decimal digits of `value`.
pub(crate) fn digits(value: u16) -> usize {
    match value {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
        let mut out = Vec::new();
        let from = from.map(|(x, y)| Position { x, y });
        let to = Position { x: to.0, y: to.1 };
        write_move(&mut out, from, to, 40);
        assert_eq!(out.len(), move_len(from, to, 40), "length of {out:?}");
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn moves_are_the_shortest_available() {
        assert_eq!(moved(Some((3, 4)), (3, 4)), "");
        assert_eq!(moved(None, (0, 0)), "\x1b[H");
        assert_eq!(moved(None, (0, 9)), "\x1b[10H");
        assert_eq!(moved(None, (4, 9)), "\x1b[10;5H");
        assert_eq!(moved(Some((50, 9)), (0, 9)), "\r");
        assert_eq!(moved(Some((3, 9)), (4, 9)), "\x1b[C");
        assert_eq!(moved(Some((3, 9)), (10, 9)), "\x1b[7C");
        assert_eq!(moved(Some((10, 9)), (9, 9)), "\x1b[D");
        assert_eq!(moved(Some((100, 9)), (5, 9)), "\x1b[6G");
        assert_eq!(moved(Some((0, 0)), (1, 0)), "\x1b[C");
        assert_eq!(moved(Some((1, 0)), (110, 0)), "\x1b[109C");
    }

    #[test]
    fn moves_down_use_line_feeds_or_cursor_down() {
        assert_eq!(moved(Some((3, 8)), (4, 9)), "\x1b[B\x1b[C");
        assert_eq!(moved(Some((80, 17)), (1, 18)), "\r\n\x1b[C");
        assert_eq!(moved(Some((80, 17)), (0, 19)), "\r\n\n");
        assert_eq!(moved(Some((12, 17)), (12, 18)), "\x1b[B");
        assert_eq!(moved(Some((12, 7)), (12, 27)), "\x1b[20B");
        assert_eq!(moved(Some((90, 17)), (12, 18)), "\r\n\x1b[12C");
        assert_eq!(moved(Some((12, 30)), (12, 18)), "\x1b[12A");
        // Far down and across: the absolute position is shorter.
        assert_eq!(moved(Some((100, 2)), (50, 30)), "\x1b[31;51H");
    }

    #[test]
    fn line_feeds_never_go_below_the_screen() {
        let mut out = Vec::new();
        write_move(
            &mut out,
            Some(Position { x: 0, y: 38 }),
            Position { x: 0, y: 39 },
            39,
        );
        assert_eq!(out, b"\x1b[B", "row 39 is outside a screen of 39 rows");
    }
}
