//! [`CompactBackend`]: a ratatui backend that sends as few bytes as it can.
//!
//! ratatui's `CrosstermBackend` moves the cursor before every cell that does not directly follow
//! the previous one it wrote, and it assumes every cell is one column wide: after a Hangul
//! syllable (two columns) the next cell is at x + 2, so it sends `ESC[y;xH` (7–9 bytes) before
//! *every* syllable. A scrolled row of Korean text costs three times what it should, and
//! reviewers hold `j` over slow SSH links.
//!
//! This backend instead tracks where the terminal's cursor really is after each symbol (it
//! advances by the symbol's display width, measured with ratatui's own `CellWidth`, so by the
//! count that laid the buffer out) and moves the cursor only when the next cell is somewhere
//! else, with the shortest move (see the `moves` module: carriage return and line feeds, cursor
//! forward/back/down/up, column absolute, cursor position, or a vertical and a horizontal step).
//! It sends SGR only when the style changes, with the shortest sequence (see the `sgr` module),
//! and resets the style at the end of every draw.
//!
//! It also keeps a shadow of the screen (see the `shadow` module): every cell it sent, with its
//! pen, and every erase, as a terminal applies them (overwriting half of a wide character
//! blanks the other half). With it, the cells ratatui's diff leaves out between two changed
//! cells of a row are handled better than by a move over them (see the `gaps` module):
//!
//! - a short gap of cells the shadow knows is printed again as the terminal shows it, when that
//!   is shorter than the move (a space is one byte, `ESC[C` three);
//! - a run of cells that are to be blanks in the default pen — the changed ones, unchanged
//!   blanks between them, and the second halves of wide characters the run erases — is erased
//!   with ECH (`ESC[nX`, or EL when it reaches the right edge) when that is shorter than printing
//!   it. When a shorter Korean text replaces a longer one, ratatui's diff sends the blanks
//!   fragmented (it leaves out each syllable's second half, blank in both frames), which cost a
//!   space and a cursor move per syllable before.
//!
//! An erase never touches an unchanged cell that is not a default blank (a border after the
//! text stays), never begins or ends inside a wide character, and is preceded by a reset of the
//! pen (erasing paints with the current background). The shadow is forgotten — every cell
//! unknown, so nothing is printed again or erased from it — on a resize, after
//! [`CompactBackend::invalidate`], after `append_lines`, on a write or flush error, and for the
//! rest of a row after a symbol of uncertain width (below); `clear` makes the erased cells
//! known blanks.
//!
//! # What it relies on
//!
//! Only sequences that xterm, xterm-256color, screen-256color, tmux-256color and the Linux
//! console all implement: CUP, CHA, CUF, CUB, CUD, CUU, CR, LF, SGR (see `sgr`), ED (`ESC[2J`,
//! `ESC[J`, `ESC[1J`), EL (`ESC[2K`, `ESC[K`), ECH (`ESC[nX`; console_codes(4) lists it for the
//! Linux console) and DECTCEM (`ESC[?25l`/`ESC[?25h`). A line feed is always sent after a
//! carriage return (so a terminal or tty that turns LF into CR LF ends up in the same place)
//! and only to a row above the bottom one, so it never scrolls. No scroll regions, no terminfo
//! lookup.
//!
//! Tracking the cursor trusts the terminal to agree on widths. Where terminals are known to
//! disagree, the position is treated as unknown after the symbol and the next cell gets an
//! absolute move, so a disagreement cannot shift the rest of the row (and the shadow forgets
//! the rest of the row, so nothing there is printed again or erased on its word):
//!
//! - a wide symbol other than a single CJK/Hangul/fullwidth character (a single emoji code
//!   point is two columns since Unicode 9, one in older terminals),
//! - a symbol of more than one code point (combining marks, conjoining Hangul jamo) or of width
//!   zero,
//! - the last column of a row: terminals differ on the "pending wrap" state there, so the
//!   backend never prints past the right edge and never relies on automatic wrapping.
//!
//! Placing the cursor again cannot repair a cluster that a terminal draws over *other* cells:
//! ratatui gives a grapheme cluster one cell and covers the next ones, and its diff sends a
//! covered (blank) cell only when that cell itself changes, so a flag (🇰🇷) that a `wcwidth` terminal draws as 🇰 and 🇷 in two cells
//! would leave 🇷 behind on the next case. Emoji sequences therefore never reach the buffer:
//! the sanitizer rewrites them into a form every terminal draws alike (`⟨KR⟩`, ❤ without
//! VS16, 👍 without its skin tone, 👨👩👧 without joiners; see [`crate::text`]), and the
//! emulator tests check it. That costs nothing for Hangul or plain text, which stay on the
//! trusted, byte-frugal path.
//!
//! # Untrusted text
//!
//! Case texts come from the public and are sanitized before they reach a widget; as a last line
//! of defence a cell whose symbol holds a control character (C0, DEL, C1, so also ESC) or a
//! bidirectional control is sent as U+FFFD instead, so no cell can inject an escape sequence.
//! A wide symbol placed in the last column (it cannot fit) is sent as a space: printing it would
//! wrap it onto the next row.

use std::cell::Cell as StdCell;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::crossterm::terminal;
use ratatui::layout::{Position, Size};

use super::gaps::{plan_erasures, reprint, still_erasable, Erasure};
use super::moves::{digits, move_len, write_move};
use super::sgr::{pen_change_len, push_decimal, write_pen_change, ColorMode, Pen};
use super::shadow::{Shadow, Shown};

/// A ratatui backend that writes the fewest bytes it can; see the module documentation.
///
/// The backend assumes it is the only thing writing to the terminal between calls. Bytes
/// written through the backend's own `Write` impl make it forget the cursor position and the
/// style it believed the terminal had (the next draw starts with an absolute move and a style
/// reset); after writing through [`CompactBackend::writer_mut`], call
/// [`CompactBackend::invalidate`].
///
/// ratatui's optional `scrolling-regions` feature (off in casebench) is not supported.
#[derive(Debug)]
pub struct CompactBackend<W: Write> {
    writer: W,
    color_mode: ColorMode,
    /// `Some` for a backend of a fixed size (tests, benchmarks); `None` asks the terminal.
    fixed_size: Option<Size>,
    /// The size last reported by [`Backend::size`], used to keep output inside the screen.
    known_size: StdCell<Option<Size>>,
    /// Set when that size changed: the terminal may have moved the cursor (reflow, clamping).
    resized: StdCell<bool>,
    /// Where the terminal's cursor is, when the backend knows.
    cursor: Option<Position>,
    /// The last position the cursor was known to be at, for [`Backend::get_cursor_position`].
    last_cursor: Position,
    /// The terminal's current SGR state, when known.
    pen: Option<Pen>,
    /// Whether the terminal shows the cursor, when known.
    cursor_visible: Option<bool>,
    /// What the terminal shows, cell by cell, when known.
    shadow: Shadow,
    /// The bytes of the operation being built; written to `writer` in one call.
    out: Vec<u8>,
    /// Room to try out a sequence before choosing it.
    scratch: Vec<u8>,
}

impl<W: Write> CompactBackend<W> {
    /// A backend for the real terminal on `writer`: its size comes from the terminal
    /// (`crossterm::terminal::size`). Use `ColorMode::detect()` to honour `NO_COLOR` and
    /// `COLORTERM`.
    pub fn new(writer: W, color_mode: ColorMode) -> Self {
        Self::build(writer, None, color_mode)
    }

    /// A backend that reports a fixed size of `cols` × `rows` and never asks a terminal: for
    /// tests and benchmarks that run headless.
    pub fn with_size(writer: W, cols: u16, rows: u16, color_mode: ColorMode) -> Self {
        Self::build(
            writer,
            Some(Size {
                width: cols,
                height: rows,
            }),
            color_mode,
        )
    }

    fn build(writer: W, fixed_size: Option<Size>, color_mode: ColorMode) -> Self {
        Self {
            writer,
            color_mode,
            fixed_size,
            known_size: StdCell::new(fixed_size),
            resized: StdCell::new(false),
            cursor: None,
            last_cursor: Position::ORIGIN,
            pen: None,
            cursor_visible: None,
            shadow: Shadow::default(),
            out: Vec::with_capacity(16 * 1024),
            scratch: Vec::with_capacity(64),
        }
    }

    /// The colour mode the backend draws with.
    pub fn color_mode(&self) -> ColorMode {
        self.color_mode
    }

    /// Changes the fixed size (a simulated resize); does nothing to a backend of the real
    /// terminal.
    pub fn set_fixed_size(&mut self, cols: u16, rows: u16) {
        if self.fixed_size.is_some() {
            let size = Size {
                width: cols,
                height: rows,
            };
            self.fixed_size = Some(size);
            self.note_size(size);
        }
    }

    /// The writer.
    pub fn writer(&self) -> &W {
        &self.writer
    }

    /// The writer, mutably (to read or reset a counting writer, say). Bytes written to the
    /// terminal through it are unknown to the backend: call [`CompactBackend::invalidate`]
    /// after writing any.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// The writer, giving up the backend.
    pub fn into_inner(self) -> W {
        self.writer
    }

    /// Forgets what the backend believes about the terminal (cursor position, style, cursor
    /// visibility, what the screen shows): call it after something else wrote to the terminal.
    /// The next draw then starts with an absolute cursor move and a style reset, and sends every
    /// cell the diff gives it as it is.
    pub fn invalidate(&mut self) {
        self.cursor = None;
        self.pen = None;
        self.cursor_visible = None;
        self.shadow.forget(self.known_size.get());
    }

    /// Records a size reported by the terminal. On a change the terminal may have moved the
    /// cursor (reflow, clamping): the next operation forgets its position.
    fn note_size(&self, size: Size) {
        let previous = self.known_size.replace(Some(size));
        if previous.is_some_and(|previous| previous != size) {
            self.resized.set(true);
        }
    }

    /// The screen size as last known (asking the terminal if it never was); forgets the cursor
    /// position if the size changed.
    fn current_size(&mut self) -> Option<Size> {
        if self.known_size.get().is_none() {
            if let Ok(size) = self.query_size() {
                self.note_size(size);
            }
        }
        let size = self.known_size.get();
        if self.resized.replace(false) {
            self.cursor = None;
        }
        if !self.shadow.is_of_size(size) {
            // Resized (the terminal may have reflowed the screen) or never known.
            self.shadow.forget(size);
        }
        size
    }

    fn query_size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(size) => Ok(size),
            None => {
                let (width, height) = terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    /// Writes `self.out` to the writer as one call. The cursor and style state must already
    /// describe the terminal *after* these bytes; on an error they are forgotten.
    fn emit(&mut self) -> io::Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        let result = self.writer.write_all(&self.out);
        self.out.clear();
        if result.is_err() {
            self.invalidate();
        }
        result
    }

    /// Appends the shortest move from the tracked cursor position to `to`, and tracks it.
    fn move_to(&mut self, to: Position) {
        let height = self.screen_height();
        write_move(&mut self.out, self.cursor, to, height);
        self.cursor = Some(to);
        self.last_cursor = to;
    }

    /// The number of rows of the screen, 0 when not known (line feeds are used only above it).
    fn screen_height(&self) -> u16 {
        self.known_size.get().map_or(0, |size| size.height)
    }

    /// Appends what changes the terminal's pen to `to`, and tracks it.
    fn set_pen(&mut self, to: Pen) {
        write_pen_change(&mut self.out, self.pen, to);
        self.pen = Some(to);
    }

    /// Brings the cursor to `to`, where a cell in `next_pen` is printed next: by a move, or, on
    /// the same row, by printing the cells in between again as the terminal shows them, when
    /// that is shorter.
    fn reach(&mut self, to: Position, next_pen: Pen) {
        if let Some(from) = self.cursor.filter(|from| from.y == to.y && from.x < to.x) {
            let by_moving =
                move_len(Some(from), to, self.screen_height()) + pen_change_len(self.pen, next_pen);
            self.scratch.clear();
            let reprinted = reprint(
                &mut self.scratch,
                &self.shadow,
                from,
                to.x,
                self.pen,
                by_moving,
            );
            if let Some(pen) = reprinted {
                if self.scratch.len() + pen_change_len(Some(pen), next_pen) < by_moving {
                    self.out.extend_from_slice(&self.scratch);
                    self.pen = Some(pen);
                    self.cursor = Some(to);
                    self.last_cursor = to;
                    return;
                }
            }
        }
        self.move_to(to);
    }

    /// Sends one cell of a draw, on a screen `width` columns wide.
    fn send(&mut self, item: &Item<'_>, width: u16) {
        self.reach(item.at, item.pen);
        self.set_pen(item.pen);
        self.out.extend_from_slice(item.glyph.text.as_bytes());
        let Position { x, y } = item.at;
        match item.glyph.trusted_char() {
            Some(c) => self.shadow.print(x, y, c, item.glyph.width, item.pen),
            None => self.shadow.print_untrusted(x, y),
        }
        let end = item.end();
        self.cursor = (item.glyph.trusted && end < width).then_some(Position { x: end, y });
        self.last_cursor = Position {
            x: end.min(width - 1),
            y,
        };
    }

    /// Erases the run of `erasure` instead of printing its cells, if that is shorter; returns
    /// whether it did. `items` are the cells of the draw, on a screen `width` columns wide.
    fn erase_if_shorter(&mut self, erasure: &Erasure, items: &[Item<'_>], width: u16) -> bool {
        if !still_erasable(erasure, items, &self.shadow) {
            return false;
        }
        let y = erasure.row;
        let at = |x| Position { x, y };
        let height = self.screen_height();
        let (from, to) = (erasure.columns.start, erasure.columns.end);
        // Begin at the cursor when the cells up to the run are default blanks: no move then.
        let start = match self.cursor {
            Some(cursor)
                if cursor.y == y
                    && cursor.x <= from
                    && (cursor.x..from).all(|x| self.shadow.get(x, y) == Shown::BLANK) =>
            {
                cursor.x
            }
            _ => from,
        };
        // The next cell, if it is on this row, is reached from where each way leaves the cursor.
        let next = items
            .get(erasure.items.end)
            .map(|item| item.at)
            .filter(|next| next.y == y);
        // Up to the right edge (EL is shorter than ECH) when nothing but blanks follows.
        let to_end_of_row = to == width
            || (next.is_none() && (to..width).all(|x| self.shadow.get(x, y) == Shown::BLANK));
        let count = to - start;
        let erase_len = match (to_end_of_row, count) {
            (true, _) | (false, 1) => 3,
            (false, _) => 3 + digits(count),
        };
        let then_from = |x| next.map_or(0, |next| move_len(Some(at(x)), next, height));
        let reach_from = move_len(self.cursor, at(from), height);
        let by_printing = reach_from + usize::from(to - from) + then_from(to);
        let by_erasing = if start == from { reach_from } else { 0 } + erase_len + then_from(start);
        if by_erasing >= by_printing {
            return false;
        }
        if start == from {
            self.reach(at(from), Pen::DEFAULT);
        }
        // Erasing fills with the current background colour.
        self.set_pen(Pen::DEFAULT);
        if to_end_of_row {
            self.out.extend_from_slice(b"\x1b[K");
        } else {
            self.out.extend_from_slice(b"\x1b[");
            if count != 1 {
                push_decimal(&mut self.out, count);
            }
            self.out.push(b'X');
        }
        self.shadow
            .erase(y, start, if to_end_of_row { width } else { to });
        // ECH and EL leave the cursor where it is.
        self.cursor = Some(at(start));
        self.last_cursor = at(start);
        true
    }
}

/// One cell of a draw, as it is sent.
pub(crate) struct Item<'a> {
    pub at: Position,
    pub glyph: Glyph<'a>,
    /// The pen it is drawn with (its style under the colour mode).
    pub pen: Pen,
}

impl Item<'_> {
    /// The column after the cell.
    pub fn end(&self) -> u16 {
        self.at.x + self.glyph.width
    }

    /// Whether the cell is a space in the default pen, as erasing leaves it.
    pub fn is_blank(&self) -> bool {
        self.glyph.trusted && self.glyph.text == " " && self.pen == Pen::DEFAULT
    }
}

/// How a cell's symbol is sent.
pub(crate) struct Glyph<'a> {
    text: &'a str,
    /// Columns the symbol takes on screen.
    width: u16,
    /// Whether every terminal we support advances the cursor by exactly `width`.
    trusted: bool,
}

impl Glyph<'_> {
    /// The character of a trusted glyph (it is always a single one).
    fn trusted_char(&self) -> Option<char> {
        let mut chars = self.text.chars();
        match (self.trusted, chars.next(), chars.next()) {
            (true, Some(c), None) => Some(c),
            _ => None,
        }
    }
}

const REPLACEMENT: &str = "\u{FFFD}";

fn glyph(symbol: &str) -> Glyph<'_> {
    if let [byte] = symbol.as_bytes() {
        return if (0x20..0x7f).contains(byte) {
            Glyph {
                text: symbol,
                width: 1,
                trusted: true,
            }
        } else {
            Glyph {
                text: REPLACEMENT,
                width: 1,
                trusted: false,
            }
        };
    }
    if symbol.is_empty() {
        // A cell with no symbol still covers its column: print a blank over what was there.
        return Glyph {
            text: " ",
            width: 1,
            trusted: true,
        };
    }
    if symbol.chars().any(is_unsafe_char) {
        return Glyph {
            text: REPLACEMENT,
            width: 1,
            trusted: false,
        };
    }
    // The width ratatui laid the cell out with (it counts a halfwidth dakuten as a column).
    let width = symbol.cell_width();
    let mut chars = symbol.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    let trusted = single
        && match (width, first) {
            (1, _) => true,
            (2, Some(c)) => is_reliably_wide(c),
            _ => false,
        };
    Glyph {
        text: symbol,
        width: width.max(1),
        trusted,
    }
}

/// Characters that must never reach the terminal: controls (they could start an escape
/// sequence or move the cursor) and bidirectional controls (they can reorder what is shown).
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Wide characters every terminal agrees take two columns: the East Asian Wide ranges of
/// Markus Kuhn's reference `wcwidth` (Hangul, CJK, kana, fullwidth forms), which predate emoji.
fn is_reliably_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{2FFFD}'
        | '\u{30000}'..='\u{3FFFD}')
}

impl<W: Write> Write for CompactBackend<W> {
    /// Writes straight to the writer; the backend forgets cursor and style (see
    /// [`CompactBackend::invalidate`]).
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.invalidate();
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl<W: Write> Backend for CompactBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.current_size();
        let (width, height) = size.map_or((u16::MAX, u16::MAX), |s| (s.width, s.height));
        self.out.clear();
        let mode = self.color_mode;
        let items: Vec<Item<'a>> = content
            // Outside the screen (the terminal shrank since the frame was laid out): the
            // resize that follows redraws everything.
            .filter(|&(x, y, _)| x < width && y < height)
            .map(|(x, y, cell)| {
                let mut glyph = glyph(cell.symbol());
                if glyph.width > width - x {
                    glyph = Glyph {
                        text: " ",
                        width: 1,
                        trusted: true,
                    };
                }
                Item {
                    at: Position { x, y },
                    glyph,
                    pen: Pen::for_cell(cell, mode),
                }
            })
            .collect();
        let mut erasures = plan_erasures(&items, &self.shadow).into_iter().peekable();
        let mut next = 0;
        while let Some(item) = items.get(next) {
            if let Some(erasure) = erasures.next_if(|erasure| erasure.items.start == next) {
                if self.erase_if_shorter(&erasure, &items, width) {
                    next = erasure.items.end;
                    continue;
                }
            }
            self.send(item, width);
            next += 1;
        }
        if self.pen.is_some() {
            self.set_pen(Pen::DEFAULT);
        }
        self.emit()
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.out.clear();
        for _ in 0..n {
            self.out.push(b'\n');
        }
        self.cursor = None;
        // The screen may have scrolled.
        self.shadow.forget(self.known_size.get());
        self.emit()?;
        self.writer.flush()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.clear();
            self.out.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
            self.emit()?;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.clear();
            self.out.extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = Some(true);
            self.emit()?;
        }
        Ok(())
    }

    /// The position the backend last moved the cursor to (or drew up to). It never asks the
    /// terminal: that round trip (`ESC[6n`) reads standard input, which over a slow link
    /// stalls, and may swallow keys the reviewer typed.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or(self.last_cursor))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let size = self.current_size();
        let position = position.into();
        self.out.clear();
        self.move_to(position);
        if size.is_none_or(|size| position.x >= size.width || position.y >= size.height) {
            // The terminal clamps a position outside the screen: where it ends up is unknown.
            self.cursor = None;
        }
        self.emit()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let size = self.current_size();
        self.out.clear();
        // Erasing paints with the current background colour.
        self.set_pen(Pen::DEFAULT);
        self.out.extend_from_slice(match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        });
        let height = size.map_or(0, |size| size.height);
        match (clear_type, self.cursor) {
            (ClearType::All, _) => self.shadow.erase_rows(0, height),
            (ClearType::AfterCursor, Some(Position { x, y })) => {
                self.shadow.erase(y, x, u16::MAX);
                self.shadow.erase_rows(y + 1, height);
            }
            (ClearType::BeforeCursor, Some(Position { x, y })) => {
                self.shadow.erase_rows(0, y);
                self.shadow.erase(y, 0, x + 1);
            }
            (ClearType::CurrentLine, Some(Position { y, .. })) => {
                self.shadow.erase(y, 0, u16::MAX);
            }
            (ClearType::UntilNewLine, Some(Position { x, y })) => {
                self.shadow.erase(y, x, u16::MAX);
            }
            // Erased around a cursor whose position is not known: which cells is not known.
            (_, None) => self.shadow.forget(size),
        }
        self.emit()
    }

    fn size(&self) -> io::Result<Size> {
        let size = self.query_size()?;
        self.note_size(size);
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(size) = self.fixed_size {
            return Ok(WindowSize {
                columns_rows: size,
                pixels: Size::ZERO,
            });
        }
        let window = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: window.columns,
                height: window.rows,
            },
            pixels: Size {
                width: window.width,
                height: window.height,
            },
        })
    }

    /// On an error the bytes may have reached the terminal in part: the backend forgets what
    /// it believed about it (see [`CompactBackend::invalidate`]).
    fn flush(&mut self) -> io::Result<()> {
        let result = self.writer.flush();
        if result.is_err() {
            self.invalidate();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs() {
        let g = glyph("a");
        assert_eq!((g.text, g.width, g.trusted), ("a", 1, true));
        let g = glyph("한");
        assert_eq!((g.text, g.width, g.trusted), ("한", 2, true));
        let g = glyph("─");
        assert_eq!((g.text, g.width, g.trusted), ("─", 1, true));
        let g = glyph("😀");
        assert_eq!((g.width, g.trusted), (2, false), "emoji widths vary");
        let g = glyph("e\u{301}");
        assert_eq!((g.width, g.trusted), (1, false));
        // However ratatui counts ｶﾞ (its own +1 for the dakuten, over unicode-width's count,
        // which gave the mark no width before 0.2.2 and one since), the cell is sent as wide
        // as the buffer laid it out.
        let g = glyph("\u{FF76}\u{FF9E}");
        let laid_out = ratatui::buffer::CellWidth::cell_width("\u{FF76}\u{FF9E}");
        assert_eq!(
            (g.width, g.trusted),
            (laid_out, false),
            "as ratatui lays ｶﾞ out"
        );
        for unsafe_symbol in ["\x1b", "\x07", "\u{9b}", "a\u{202E}", "\u{2066}", "\x7f"] {
            let g = glyph(unsafe_symbol);
            assert_eq!((g.text, g.width), (REPLACEMENT, 1), "{unsafe_symbol:?}");
        }
        let g = glyph("");
        assert_eq!((g.text, g.width), (" ", 1));
    }
}
