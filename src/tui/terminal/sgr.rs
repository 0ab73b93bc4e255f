//! SGR (Select Graphic Rendition): the "pen" a terminal draws with, how a ratatui cell's style
//! maps onto it under a [`ColorMode`], and the shortest `ESC[…m` sequence that changes it.
//!
//! Only parameters every terminal we support understands are emitted (xterm, xterm-256color,
//! screen-256color, tmux-256color, the Linux console):
//!
//! | parameters | meaning |
//! |---|---|
//! | `0` (or none: `ESC[m`) | reset everything |
//! | `1` `2` `3` `4` `5` `6` `7` `8` `9` | bold, dim, italic, underlined, slow/rapid blink, reversed, hidden, crossed out |
//! | `22` `23` `24` `25` `27` `28` `29` | their "off" forms (`22` ends bold *and* dim, `25` both blinks) |
//! | `30`–`37`, `90`–`97`, `39` | the 16 ANSI foreground colours, default foreground |
//! | `40`–`47`, `100`–`107`, `49` | the 16 ANSI background colours, default background |
//! | `38;5;N`, `48;5;N` | the 256-colour palette (indices 16–255; 0–15 use the short forms) |
//! | `38;2;R;G;B`, `48;2;R;G;B` | truecolor, only in [`ColorMode::TrueColor`] |
//!
//! A terminal that does not know an "off" form (the Linux console ignores `23`, `28`, `29`)
//! would keep the attribute; such attributes are rare in casebench and a full reset is chosen
//! whenever it is not longer, which covers most transitions. The underline colour (`58`) is
//! never emitted: on terminals that do not know it, `58;5;N` would be read as "blink, N".

use std::ffi::OsStr;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Which colours the backend may send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColorMode {
    /// All colours; RGB colours are sent as 24-bit (`38;2;r;g;b`). Chosen when `COLORTERM` is
    /// `truecolor` or `24bit`, the de-facto way terminals announce it.
    TrueColor,
    /// The 16 ANSI colours and the 256-colour palette; RGB colours are mapped to the nearest
    /// palette entry (the 6×6×6 cube or the grey ramp, as tmux does). Every terminal casebench
    /// supports understands this, including screen, tmux without `Tc` and the Linux console
    /// (which approximates the palette).
    #[default]
    Palette256,
    /// No colours at all (the user set `NO_COLOR`, see <https://no-color.org>). Modifiers —
    /// bold, reversed, underlined — are still sent, so a selection drawn REVERSED stays visible.
    /// A style that marks something with a colour *alone* is invisible in this mode: widgets
    /// should pair a highlight colour with a modifier.
    NoColor,
}

impl ColorMode {
    /// The colour mode the environment asks for: `NO_COLOR` set to anything non-empty wins,
    /// then `COLORTERM=truecolor|24bit`, else the 256-colour palette.
    pub fn detect() -> Self {
        Self::from_env_values(
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("COLORTERM").as_deref(),
        )
    }

    /// [`ColorMode::detect`] on given values of `NO_COLOR` and `COLORTERM` (for tests, and for a
    /// front end that reads its environment elsewhere).
    pub fn from_env_values(no_color: Option<&OsStr>, colorterm: Option<&OsStr>) -> Self {
        if no_color.is_some_and(|value| !value.is_empty()) {
            return Self::NoColor;
        }
        match colorterm.and_then(OsStr::to_str) {
            Some(value)
                if value.eq_ignore_ascii_case("truecolor")
                    || value.eq_ignore_ascii_case("24bit") =>
            {
                Self::TrueColor
            }
            _ => Self::Palette256,
        }
    }

    /// The colour actually sent for `color` in this mode.
    pub fn map(self, color: Color) -> Color {
        match (self, color) {
            (Self::NoColor, _) => Color::Reset,
            (Self::Palette256, Color::Rgb(r, g, b)) => Color::Indexed(rgb_to_palette(r, g, b)),
            (_, color) => color,
        }
    }
}

/// The graphic state of the terminal: what the next printed character will look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Pen {
    /// The state after `ESC[m`.
    pub const DEFAULT: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The pen that draws `cell` under `mode`.
    pub fn for_cell(cell: &Cell, mode: ColorMode) -> Self {
        Self {
            fg: mode.map(cell.fg),
            bg: mode.map(cell.bg),
            modifier: cell.modifier,
        }
    }
}

/// "On" parameter of each modifier, in the order they are emitted.
const ON_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// "Off" parameter of each group of modifiers; turning one member of a group off turns off the
/// whole group, so members still wanted are turned back on.
const OFF_CODES: [(Modifier, u8); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), 22),
    (Modifier::ITALIC, 23),
    (Modifier::UNDERLINED, 24),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), 25),
    (Modifier::REVERSED, 27),
    (Modifier::HIDDEN, 28),
    (Modifier::CROSSED_OUT, 29),
];

/// Appends to `out` the shortest SGR sequence that turns pen `from` into pen `to` (nothing when
/// they are equal).
pub(crate) fn write_transition(out: &mut Vec<u8>, from: Pen, to: Pen) {
    if from == to {
        return;
    }
    if to == Pen::DEFAULT {
        out.extend_from_slice(b"\x1b[m");
        return;
    }
    let mut incremental = Params::default();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    for (group, code) in OFF_CODES {
        if removed.intersects(group) {
            incremental.push(code);
            added |= to.modifier & group;
        }
    }
    push_modifiers(&mut incremental, added);
    if from.fg != to.fg {
        push_color(&mut incremental, to.fg, Layer::Foreground);
    }
    if from.bg != to.bg {
        push_color(&mut incremental, to.bg, Layer::Background);
    }

    let mut reset = Params::default();
    reset.push(0);
    push_modifiers(&mut reset, to.modifier);
    if to.fg != Color::Reset {
        push_color(&mut reset, to.fg, Layer::Foreground);
    }
    if to.bg != Color::Reset {
        push_color(&mut reset, to.bg, Layer::Background);
    }

    let shortest = if reset.0.len() < incremental.0.len() {
        reset
    } else {
        incremental
    };
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(&shortest.0);
    out.push(b'm');
}

/// Appends the shortest SGR sequence that turns pen `from` into `to`, where `None` is a pen
/// not known (then it is reset first).
pub(crate) fn write_pen_change(out: &mut Vec<u8>, from: Option<Pen>, to: Pen) {
    match from {
        Some(from) => write_transition(out, from, to),
        None => {
            out.extend_from_slice(b"\x1b[m");
            write_transition(out, Pen::DEFAULT, to);
        }
    }
}

/// The length of what [`write_pen_change`] appends.
pub(crate) fn pen_change_len(from: Option<Pen>, to: Pen) -> usize {
    if from == Some(to) {
        return 0;
    }
    let mut out = Vec::new();
    write_pen_change(&mut out, from, to);
    out.len()
}

/// SGR parameters joined by `;`.
#[derive(Default)]
struct Params(Vec<u8>);

impl Params {
    fn push(&mut self, value: u8) {
        if !self.0.is_empty() {
            self.0.push(b';');
        }
        push_decimal(&mut self.0, u16::from(value));
    }
}

fn push_modifiers(params: &mut Params, modifiers: Modifier) {
    for (modifier, code) in ON_CODES {
        if modifiers.contains(modifier) {
            params.push(code);
        }
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

fn push_color(params: &mut Params, color: Color, layer: Layer) {
    let (base, bright_base, extended, default) = match layer {
        Layer::Foreground => (30, 90, 38, 39),
        Layer::Background => (40, 100, 48, 49),
    };
    let index = match color {
        Color::Reset => return params.push(default),
        Color::Rgb(r, g, b) => {
            for value in [extended, 2, r, g, b] {
                params.push(value);
            }
            return;
        }
        Color::Indexed(index) => index,
        named => named_index(named),
    };
    match index {
        0..=7 => params.push(base + index),
        8..=15 => params.push(bright_base + index - 8),
        _ => {
            for value in [extended, 5, index] {
                params.push(value);
            }
        }
    }
}

/// The ANSI index of a named colour (as ratatui documents them: `Gray` is 7, `DarkGray` 8,
/// `White` 15).
fn named_index(color: Color) -> u8 {
    match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Reset | Color::Rgb(..) => 0,
        Color::Indexed(index) => index,
    }
}

/// Appends the decimal digits of `value`.
pub(crate) fn push_decimal(out: &mut Vec<u8>, value: u16) {
    let mut digits = [0u8; 5];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// The palette entry (16–255) nearest to an RGB colour: the closest of the 6×6×6 colour cube and
/// of the 24-step grey ramp (the method tmux uses for terminals without truecolor).
pub fn rgb_to_palette(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
    fn level(value: u8) -> usize {
        match value {
            0..=47 => 0,
            48..=114 => 1,
            _ => usize::from((value - 35) / 40),
        }
    }
    fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs();
        d(a.0, b.0).pow(2) + d(a.1, b.1).pow(2) + d(a.2, b.2).pow(2)
    }
    let (qr, qg, qb) = (level(r), level(g), level(b));
    let cube = (LEVELS[qr], LEVELS[qg], LEVELS[qb]);
    // qr, qg, qb are at most 5, so the index is at most 231.
    let cube_index = (16 + 36 * qr + 6 * qg + qb) as u8;
    if cube == (r, g, b) {
        return cube_index;
    }
    let average = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_step = if average > 238 {
        23
    } else {
        average.saturating_sub(3) / 10
    };
    let grey_value = (8 + 10 * grey_step) as u8;
    let grey = (grey_value, grey_value, grey_value);
    if distance(grey, (r, g, b)) < distance(cube, (r, g, b)) {
        232 + grey_step as u8
    } else {
        cube_index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model of a terminal's SGR interpreter, for every parameter this module emits.
    fn apply(mut pen: Pen, sequence: &[u8]) -> Pen {
        let body = sequence
            .strip_prefix(b"\x1b[")
            .and_then(|rest| rest.strip_suffix(b"m"))
            .expect("an SGR sequence");
        let text = std::str::from_utf8(body).expect("ascii");
        let params: Vec<u16> = if text.is_empty() {
            vec![0]
        } else {
            text.split(';')
                .map(|p| p.parse().expect("number"))
                .collect()
        };
        let mut iter = params.into_iter();
        let color = |iter: &mut std::vec::IntoIter<u16>| match iter.next() {
            Some(5) => Color::Indexed(iter.next().expect("index") as u8),
            Some(2) => Color::Rgb(
                iter.next().expect("r") as u8,
                iter.next().expect("g") as u8,
                iter.next().expect("b") as u8,
            ),
            other => panic!("bad extended colour {other:?}"),
        };
        while let Some(p) = iter.next() {
            match p {
                0 => pen = Pen::DEFAULT,
                1..=9 => pen.modifier |= ON_CODES[usize::from(p - 1)].0,
                22 | 23 | 24 | 25 | 27 | 28 | 29 => {
                    let group = OFF_CODES.iter().find(|(_, c)| u16::from(*c) == p).unwrap();
                    pen.modifier -= group.0;
                }
                30..=37 => pen.fg = Color::Indexed((p - 30) as u8),
                90..=97 => pen.fg = Color::Indexed((p - 90 + 8) as u8),
                40..=47 => pen.bg = Color::Indexed((p - 40) as u8),
                100..=107 => pen.bg = Color::Indexed((p - 100 + 8) as u8),
                38 => pen.fg = color(&mut iter),
                48 => pen.bg = color(&mut iter),
                39 => pen.fg = Color::Reset,
                49 => pen.bg = Color::Reset,
                other => panic!("unexpected SGR parameter {other}"),
            }
        }
        pen
    }

    fn normalize(color: Color) -> Color {
        match color {
            Color::Reset | Color::Rgb(..) => color,
            other => Color::Indexed(named_index(other)),
        }
    }

    fn normalized(pen: Pen) -> Pen {
        Pen {
            fg: normalize(pen.fg),
            bg: normalize(pen.bg),
            modifier: pen.modifier,
        }
    }

    fn sample_pens() -> Vec<Pen> {
        let modifiers = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::BOLD | Modifier::DIM,
            Modifier::REVERSED,
            Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::ITALIC | Modifier::SLOW_BLINK,
            Modifier::RAPID_BLINK | Modifier::HIDDEN | Modifier::CROSSED_OUT,
            Modifier::all(),
        ];
        let colors = [
            Color::Reset,
            Color::Red,
            Color::White,
            Color::DarkGray,
            Color::Indexed(4),
            Color::Indexed(200),
            Color::Rgb(1, 2, 3),
        ];
        let mut pens = Vec::new();
        for modifier in modifiers {
            for fg in colors {
                for bg in [Color::Reset, Color::Blue, Color::Indexed(236)] {
                    pens.push(Pen { fg, bg, modifier });
                }
            }
            pens.push(Pen {
                fg: Color::Reset,
                bg: Color::Rgb(250, 0, 9),
                modifier,
            });
        }
        pens
    }

    #[test]
    fn every_transition_reaches_its_target() {
        let pens = sample_pens();
        for &from in &pens {
            for &to in &pens {
                let mut out = Vec::new();
                write_transition(&mut out, from, to);
                if from == to {
                    assert!(out.is_empty());
                    continue;
                }
                let reached = apply(normalized(from), &out);
                assert_eq!(
                    reached,
                    normalized(to),
                    "{from:?} -> {to:?} via {:?}",
                    String::from_utf8_lossy(&out)
                );
            }
        }
    }

    #[test]
    fn sequences_are_short() {
        let plain = Pen::DEFAULT;
        let reversed = Pen {
            modifier: Modifier::REVERSED,
            ..plain
        };
        let bold_red = Pen {
            fg: Color::Red,
            modifier: Modifier::BOLD,
            ..plain
        };
        let cases = [
            (plain, reversed, "\x1b[7m"),
            (reversed, plain, "\x1b[m"),
            (plain, bold_red, "\x1b[1;31m"),
            (bold_red, reversed, "\x1b[0;7m"),
            (
                reversed,
                Pen {
                    fg: Color::Indexed(250),
                    ..reversed
                },
                "\x1b[38;5;250m",
            ),
            (
                plain,
                Pen {
                    bg: Color::LightBlue,
                    ..plain
                },
                "\x1b[104m",
            ),
        ];
        for (from, to, expected) in cases {
            let mut out = Vec::new();
            write_transition(&mut out, from, to);
            assert_eq!(
                String::from_utf8_lossy(&out),
                expected,
                "{from:?} -> {to:?}"
            );
        }
    }

    #[test]
    fn color_mode_from_environment() {
        let some = |s: &'static str| Some(OsStr::new(s));
        assert_eq!(
            ColorMode::from_env_values(None, None),
            ColorMode::Palette256
        );
        assert_eq!(
            ColorMode::from_env_values(some(""), some("truecolor")),
            ColorMode::TrueColor,
            "an empty NO_COLOR does not count"
        );
        assert_eq!(
            ColorMode::from_env_values(some("1"), some("truecolor")),
            ColorMode::NoColor
        );
        assert_eq!(
            ColorMode::from_env_values(None, some("24bit")),
            ColorMode::TrueColor
        );
        assert_eq!(
            ColorMode::from_env_values(None, some("yes")),
            ColorMode::Palette256
        );
    }

    #[test]
    fn color_mode_maps_colors() {
        assert_eq!(ColorMode::NoColor.map(Color::Red), Color::Reset);
        assert_eq!(ColorMode::NoColor.map(Color::Rgb(1, 2, 3)), Color::Reset);
        assert_eq!(
            ColorMode::TrueColor.map(Color::Rgb(1, 2, 3)),
            Color::Rgb(1, 2, 3)
        );
        assert_eq!(ColorMode::Palette256.map(Color::Red), Color::Red);
        assert_eq!(
            ColorMode::Palette256.map(Color::Rgb(255, 0, 0)),
            Color::Indexed(196)
        );
    }

    #[test]
    fn rgb_maps_to_the_nearest_palette_entry() {
        assert_eq!(rgb_to_palette(0, 0, 0), 16);
        assert_eq!(rgb_to_palette(255, 255, 255), 231);
        assert_eq!(rgb_to_palette(0x5f, 0x87, 0xaf), 16 + 36 + 12 + 3);
        assert_eq!(rgb_to_palette(128, 128, 128), 244, "mid grey uses the ramp");
        assert_eq!(rgb_to_palette(30, 30, 30), 234);
        assert_eq!(rgb_to_palette(250, 10, 10), 196);
        for r in (0..=255).step_by(17) {
            for g in (0..=255).step_by(51) {
                let index = rgb_to_palette(r, g, 200);
                assert!(index >= 16, "{r},{g}");
            }
        }
    }

    #[test]
    fn decimal_digits() {
        for value in [0u16, 7, 10, 99, 100, 1234, 65535] {
            let mut out = Vec::new();
            push_decimal(&mut out, value);
            assert_eq!(out, value.to_string().into_bytes());
        }
    }
}
