//! Key chords and their names: `j`, `G`, `$`, `ctrl-d`, `alt-<`, `shift-tab`, `space`, `f1`,
//! and sequences of chords separated by spaces (`g g`, `ctrl-x ctrl-c`).
//!
//! A chord is a key plus the ctrl, alt and shift modifiers. Shift is folded into characters:
//! `G` and `shift-g` are the same chord (an uppercase `G`), and a terminal's report of `G`
//! with or without SHIFT matches it. Characters without case (`$`, `1`, `!`) carry no shift at
//! all: the character already says which key was pressed with which shift state, and terminals
//! differ in whether they report SHIFT for them. Named keys (`tab`, `up`, ...) keep shift.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::nearest::nearest;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A character key: never a control or invisible character, never whitespace other than
    /// the space bar (`' '`, named `space`).
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, `f1` to `f12`.
    F(u8),
}

/// The named keys, each with its one name.
const NAMED: &[(&str, Key)] = &[
    ("space", Key::Char(' ')),
    ("enter", Key::Enter),
    ("esc", Key::Esc),
    ("tab", Key::Tab),
    ("backspace", Key::Backspace),
    ("delete", Key::Delete),
    ("insert", Key::Insert),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("f1", Key::F(1)),
    ("f2", Key::F(2)),
    ("f3", Key::F(3)),
    ("f4", Key::F(4)),
    ("f5", Key::F(5)),
    ("f6", Key::F(6)),
    ("f7", Key::F(7)),
    ("f8", Key::F(8)),
    ("f9", Key::F(9)),
    ("f10", Key::F(10)),
    ("f11", Key::F(11)),
    ("f12", Key::F(12)),
];

/// Modifier prefixes, in the order a chord's name writes them.
const MODIFIERS: [&str; 3] = ["ctrl", "alt", "shift"];

/// Names people write for keys and modifiers elsewhere (emacs, other programs), with ours.
/// Only used to suggest; never accepted.
const ALIASES: &[(&str, &str)] = &[
    ("c", "ctrl"),
    ("control", "ctrl"),
    ("ctl", "ctrl"),
    ("m", "alt"),
    ("meta", "alt"),
    ("option", "alt"),
    ("opt", "alt"),
    ("s", "shift"),
    ("escape", "esc"),
    ("return", "enter"),
    ("ret", "enter"),
    ("cr", "enter"),
    ("spc", "space"),
    ("bs", "backspace"),
    ("del", "delete"),
    ("ins", "insert"),
    ("pgup", "pageup"),
    ("pgdn", "pagedown"),
    ("pgdown", "pagedown"),
    ("page-up", "pageup"),
    ("page-down", "pagedown"),
    ("backtab", "shift-tab"),
];

/// The names of all named keys (`space`, `enter`, ..., `f12`), for documentation.
pub fn key_names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|(name, _)| *name)
}

/// A key with its modifiers, normalized so that equal chords compare equal (see the module
/// documentation). Build one with [`KeyChord::new`], [`KeyChord::parse`] or
/// [`KeyChord::from_event`]; its `Display` is its canonical name, which parses back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    key: Key,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

impl KeyChord {
    /// The chord, normalized: shift with a letter makes it uppercase, shift with another
    /// character is dropped. `None` for keys no keymap can name: control or invisible
    /// characters, whitespace other than the space bar, function keys past `f12`.
    pub fn new(key: Key, ctrl: bool, alt: bool, shift: bool) -> Option<KeyChord> {
        let (key, shift) = match key {
            Key::Char(c) => {
                if !valid_char(c) {
                    return None;
                }
                match (shift, uppercase(c)) {
                    (true, Some(upper)) => (Key::Char(upper), false),
                    _ => (Key::Char(c), false),
                }
            }
            Key::F(n) if !(1..=12).contains(&n) => return None,
            other => (other, shift),
        };
        Some(KeyChord {
            key,
            ctrl,
            alt,
            shift,
        })
    }

    /// A character key without modifiers (`None` for a control or invisible character).
    pub fn char(c: char) -> Option<KeyChord> {
        KeyChord::new(Key::Char(c), false, false, false)
    }

    pub fn key(&self) -> Key {
        self.key
    }

    pub fn ctrl(&self) -> bool {
        self.ctrl
    }

    pub fn alt(&self) -> bool {
        self.alt
    }

    /// Shift on a named key (`shift-tab`); always false for characters, whose case says it.
    pub fn shift(&self) -> bool {
        self.shift
    }

    /// The character this chord types into a text input: a character key without ctrl or
    /// alt. The event loop types it when no binding of the picker or prompt claims the key.
    pub fn typed_char(&self) -> Option<char> {
        match self.key {
            Key::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// The chord of a key press (or repeat) reported by the terminal; `None` for a release,
    /// for keys no keymap can name (modifier keys alone, media keys, caps lock, ...) and for
    /// presses with super or hyper held. BackTab is `shift-tab`; META counts as alt.
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let mods = event.modifiers;
        if mods.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER) {
            return None;
        }
        let ctrl = mods.contains(KeyModifiers::CONTROL);
        let alt = mods.intersects(KeyModifiers::ALT | KeyModifiers::META);
        let mut shift = mods.contains(KeyModifiers::SHIFT);
        let key = match event.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::BackTab => {
                shift = true;
                Key::Tab
            }
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Insert => Key::Insert,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) => Key::F(n),
            _ => return None,
        };
        KeyChord::new(key, ctrl, alt, shift)
    }

    /// Parses one chord: `j`, `G`, `shift-g`, `$`, `ctrl-d`, `alt-<`, `ctrl--` (ctrl and
    /// minus), `shift-tab`, `space`, `f1`. Modifiers are lowercase, in any order, each once;
    /// key names are lowercase; a single character is that character (case matters).
    pub fn parse(token: &str) -> Result<KeyChord, KeyParseError> {
        let fail = |problem| KeyParseError {
            token: token.to_string(),
            problem,
        };
        if token.is_empty() {
            return Err(fail(Problem::Empty));
        }
        let mut mods = [false; 3];
        let mut rest = token;
        'prefixes: while rest.chars().nth(1).is_some() {
            for (i, name) in MODIFIERS.iter().enumerate() {
                let Some(after) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('-')) else {
                    continue;
                };
                if mods[i] {
                    return Err(fail(Problem::ModifierTwice(name)));
                }
                mods[i] = true;
                if after.is_empty() {
                    return Err(fail(Problem::NothingAfter(name)));
                }
                rest = after;
                continue 'prefixes;
            }
            break;
        }
        let [ctrl, alt, shift] = mods;
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if !valid_char(c) || c == ' ' {
                    return Err(fail(Problem::BadChar));
                }
                Key::Char(c)
            }
            _ => match NAMED.iter().find(|(name, _)| *name == rest) {
                Some((_, key)) => *key,
                None => {
                    return Err(fail(Problem::Unknown {
                        suggestion: suggest(token),
                    }))
                }
            },
        };
        if let Key::Char(c) = key {
            if shift && uppercase(c).is_none() && !c.is_uppercase() {
                return Err(fail(Problem::ShiftWithChar));
            }
        }
        KeyChord::new(key, ctrl, alt, shift).ok_or_else(|| fail(Problem::BadChar))
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, name) in [
            (self.ctrl, "ctrl-"),
            (self.alt, "alt-"),
            (self.shift, "shift-"),
        ] {
            if on {
                f.write_str(name)?;
            }
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            key => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == key)
                    .map_or("?", |(name, _)| *name);
                f.write_str(name)
            }
        }
    }
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<KeyChord, KeyParseError> {
        KeyChord::parse(s)
    }
}

/// Parses a key sequence: chords separated by spaces (`g g`, `ctrl-x ctrl-c`). Surrounding
/// and repeated spaces are ignored; the first chord that cannot be read is the error.
pub fn parse_sequence(text: &str) -> Result<Vec<KeyChord>, KeyParseError> {
    let keys = text
        .split_whitespace()
        .map(KeyChord::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(KeyParseError {
            token: text.to_string(),
            problem: Problem::Empty,
        });
    }
    Ok(keys)
}

/// The canonical name of a key sequence: its chords' names joined by one space.
pub fn sequence_name(keys: &[KeyChord]) -> String {
    keys.iter()
        .map(KeyChord::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key name that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyParseError {
    /// The chord as written (one part of a sequence).
    pub token: String,
    problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    Empty,
    Unknown { suggestion: Option<String> },
    ModifierTwice(&'static str),
    NothingAfter(&'static str),
    ShiftWithChar,
    BadChar,
}

impl KeyParseError {
    /// The nearest valid name, when the key looks like a typo of one.
    pub fn suggestion(&self) -> Option<&str> {
        match &self.problem {
            Problem::Unknown { suggestion } => suggestion.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = &self.token;
        match &self.problem {
            Problem::Empty => f.write_str("empty key"),
            Problem::Unknown {
                suggestion: Some(s),
            } => write!(f, "cannot read key {token:?} (did you mean {s:?}?)"),
            Problem::Unknown { suggestion: None } => write!(
                f,
                "cannot read key {token:?}: not one character nor a key name such as \"enter\" \
                 or \"f1\""
            ),
            Problem::ModifierTwice(m) => {
                write!(f, "cannot read key {token:?}: \"{m}-\" appears twice")
            }
            Problem::NothingAfter(m) => write!(
                f,
                "cannot read key {token:?}: no key after \"{m}-\" (the minus key is \"-\", as in \
                 \"ctrl--\")"
            ),
            Problem::ShiftWithChar => write!(
                f,
                "cannot read key {token:?}: \"shift-\" goes with letters and named keys; for a \
                 shifted character write the character itself (\"!\", not \"shift-1\")"
            ),
            Problem::BadChar => write!(
                f,
                "cannot read key {token:?}: a control, invisible or space character (the space \
                 bar is \"space\")"
            ),
        }
    }
}

impl std::error::Error for KeyParseError {}

/// Whether a keymap can name this character.
fn valid_char(c: char) -> bool {
    c == ' ' || !(c.is_whitespace() || crate::text::is_unsafe(c))
}

/// The uppercase form of a lowercase letter, when it is one character.
fn uppercase(c: char) -> Option<char> {
    if !c.is_lowercase() {
        return None;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

/// The nearest readable name to a chord that cannot be read: modifiers and key names
/// corrected one by one (`ctlr-d` → `ctrl-d`, `Enter` → `enter`, `C-x` → `ctrl-x`,
/// `ctrl+d` → `ctrl-d`).
fn suggest(token: &str) -> Option<String> {
    let plus = token.contains('+') && token.chars().nth(1).is_some();
    let mut tries = vec![token.to_string()];
    if plus {
        tries.push(match token.strip_suffix("++") {
            Some(head) => format!("{}-+", head.replace('+', "-")),
            None => token.replace('+', "-"),
        });
    }
    tries.into_iter().find_map(|t| {
        let fixed = fix_token(&t)?;
        (fixed != token && KeyChord::parse(&fixed).is_ok()).then_some(fixed)
    })
}

fn fix_token(token: &str) -> Option<String> {
    if let Some(whole) = fix_key(token) {
        return Some(whole);
    }
    let (head, key) = match token.strip_suffix("--") {
        Some(head) => (head, "-"),
        None => {
            let cut = token.rfind('-')?;
            (&token[..cut], &token[cut + 1..])
        }
    };
    let mut parts = Vec::new();
    for part in head.split('-').filter(|p| !p.is_empty()) {
        parts.push(fix_modifier(part)?);
    }
    let key = if key.chars().count() == 1 {
        key.to_string()
    } else {
        fix_key(key)?
    };
    parts.push(key);
    Some(parts.join("-"))
}

fn fix_modifier(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if MODIFIERS.contains(&lower.as_str()) {
        return Some(lower);
    }
    if let Some((_, ours)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
        if MODIFIERS.contains(ours) {
            return Some(ours.to_string());
        }
    }
    nearest(&lower, MODIFIERS).map(str::to_string)
}

fn fix_key(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if NAMED.iter().any(|(name, _)| *name == lower) {
        return Some(lower);
    }
    if let Some((_, ours)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
        if !MODIFIERS.contains(ours) {
            return Some(ours.to_string());
        }
    }
    let function_key = lower.starts_with('f') && lower[1..].chars().all(|c| c.is_ascii_digit());
    if lower.chars().count() < 3 || function_key {
        return None;
    }
    let aliases = ALIASES
        .iter()
        .filter(|(_, ours)| !MODIFIERS.contains(ours))
        .map(|(alias, _)| *alias);
    let near = nearest(&lower, key_names().chain(aliases))?;
    let ours = ALIASES
        .iter()
        .find(|(alias, _)| *alias == near)
        .map_or(near, |(_, ours)| *ours);
    Some(ours.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chord(text: &str) -> KeyChord {
        KeyChord::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn event(code: KeyCode, mods: KeyModifiers) -> Option<KeyChord> {
        KeyChord::from_event(&KeyEvent::new(code, mods))
    }

    #[test]
    fn names_round_trip() {
        for name in [
            "j",
            "G",
            "$",
            "!",
            "?",
            "1",
            "-",
            "ctrl--",
            "ctrl-d",
            "ctrl-r",
            "alt-x",
            "alt-<",
            "shift-tab",
            "space",
            "ctrl-space",
            "enter",
            "esc",
            "tab",
            "backspace",
            "delete",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pageup",
            "pagedown",
            "insert",
            "f1",
            "f12",
            "ctrl-alt-shift-up",
            "ctrl-G",
            "ㅓ",
            "é",
            "É",
            "\"",
            "\\",
        ] {
            let parsed = chord(name);
            assert_eq!(parsed.to_string(), name);
            assert_eq!(chord(&parsed.to_string()), parsed);
        }
    }

    #[test]
    fn shift_folds_into_letters() {
        assert_eq!(chord("shift-g"), chord("G"));
        assert_eq!(chord("shift-G"), chord("G"));
        assert_eq!(chord("shift-g").to_string(), "G");
        assert_eq!(chord("ctrl-shift-d"), chord("ctrl-D"));
        assert_eq!(chord("shift-ctrl-d").to_string(), "ctrl-D");
        assert_ne!(chord("g"), chord("G"));
        assert_eq!(chord("alt-ctrl-x").to_string(), "ctrl-alt-x");
        assert_eq!(chord("shift-é").to_string(), "É");
        assert!(chord("shift-tab").shift());
        assert!(!chord("G").shift());
    }

    #[test]
    fn sequences() {
        let keys = parse_sequence("g g").unwrap();
        assert_eq!(keys, vec![chord("g"), chord("g")]);
        assert_eq!(sequence_name(&keys), "g g");
        let keys = parse_sequence("  ctrl-x   ctrl-c ").unwrap();
        assert_eq!(sequence_name(&keys), "ctrl-x ctrl-c");
        assert_eq!(parse_sequence("").unwrap_err().to_string(), "empty key");
        assert_eq!(parse_sequence("  ").unwrap_err().to_string(), "empty key");
        let err = parse_sequence("ctrl-x ctlr-c").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read key \"ctlr-c\" (did you mean \"ctrl-c\"?)"
        );
    }

    #[test]
    fn bad_names_with_suggestions() {
        let cases = [
            ("ctlr-d", "ctrl-d"),
            ("Ctrl-d", "ctrl-d"),
            ("CTRL-D", "ctrl-D"),
            ("C-x", "ctrl-x"),
            ("M-<", "alt-<"),
            ("ctrl+d", "ctrl-d"),
            ("ctrl++", "ctrl-+"),
            ("Enter", "enter"),
            ("escape", "esc"),
            ("ecs", "esc"),
            ("pgdn", "pagedown"),
            ("PageDown", "pagedown"),
            ("page-down", "pagedown"),
            ("backtab", "shift-tab"),
            ("shfit-tab", "shift-tab"),
            ("alt-retrun", "alt-return"),
            ("F1", "f1"),
            ("spce", "space"),
        ];
        for (bad, good) in cases {
            let err = KeyChord::parse(bad).unwrap_err();
            let want = if good == "alt-return" {
                "alt-enter"
            } else {
                good
            };
            assert_eq!(err.suggestion(), Some(want), "{bad}");
            assert_eq!(
                err.to_string(),
                format!("cannot read key {bad:?} (did you mean {want:?}?)")
            );
        }
    }

    #[test]
    fn bad_names_without_suggestions() {
        let cases = [
            (
                "hello",
                "cannot read key \"hello\": not one character nor a key name such as \"enter\" \
                 or \"f1\"",
            ),
            ("f13", "cannot read key \"f13\": not one character nor a key name such as \"enter\" or \"f1\""),
            ("ctrl-ctrl-d", "cannot read key \"ctrl-ctrl-d\": \"ctrl-\" appears twice"),
            (
                "ctrl-",
                "cannot read key \"ctrl-\": no key after \"ctrl-\" (the minus key is \"-\", as in \
                 \"ctrl--\")",
            ),
            (
                "shift-1",
                "cannot read key \"shift-1\": \"shift-\" goes with letters and named keys; for a \
                 shifted character write the character itself (\"!\", not \"shift-1\")",
            ),
            (
                "\u{7}",
                "cannot read key \"\\u{7}\": a control, invisible or space character (the space \
                 bar is \"space\")",
            ),
            (
                "\u{202e}",
                "cannot read key \"\\u{202e}\": a control, invisible or space character (the \
                 space bar is \"space\")",
            ),
        ];
        for (bad, message) in cases {
            let err = KeyChord::parse(bad).unwrap_err();
            assert_eq!(err.to_string(), message, "{bad:?}");
        }
        assert!(KeyChord::parse("shift-space").is_err());
        assert!(KeyChord::parse(" ").is_err());
    }

    #[test]
    fn events_match_chords() {
        let none = KeyModifiers::NONE;
        let shift = KeyModifiers::SHIFT;
        let ctrl = KeyModifiers::CONTROL;
        // Uppercase letters: with or without SHIFT reported.
        assert_eq!(event(KeyCode::Char('G'), shift), Some(chord("G")));
        assert_eq!(event(KeyCode::Char('G'), none), Some(chord("G")));
        assert_eq!(event(KeyCode::Char('g'), shift), Some(chord("G")));
        assert_eq!(event(KeyCode::Char('g'), none), Some(chord("g")));
        // Shifted symbols: SHIFT reported or not, the character decides.
        assert_eq!(event(KeyCode::Char('$'), shift), Some(chord("$")));
        assert_eq!(event(KeyCode::Char('?'), none), Some(chord("?")));
        // Ctrl letters, as legacy terminals and the kitty protocol report them.
        assert_eq!(event(KeyCode::Char('d'), ctrl), Some(chord("ctrl-d")));
        assert_eq!(event(KeyCode::Char('r'), ctrl), Some(chord("ctrl-r")));
        assert_eq!(
            event(KeyCode::Char('D'), ctrl | shift),
            Some(chord("ctrl-D"))
        );
        assert_eq!(
            event(KeyCode::Char('d'), ctrl | shift),
            Some(chord("ctrl-D"))
        );
        assert_eq!(event(KeyCode::Char(' '), ctrl), Some(chord("ctrl-space")));
        assert_eq!(event(KeyCode::Char(' '), none), Some(chord("space")));
        assert_eq!(
            event(KeyCode::Char('x'), KeyModifiers::ALT),
            Some(chord("alt-x"))
        );
        assert_eq!(
            event(KeyCode::Char('x'), KeyModifiers::META),
            Some(chord("alt-x"))
        );
        // Named keys.
        assert_eq!(event(KeyCode::Enter, none), Some(chord("enter")));
        assert_eq!(event(KeyCode::Esc, none), Some(chord("esc")));
        assert_eq!(event(KeyCode::Tab, none), Some(chord("tab")));
        assert_eq!(event(KeyCode::BackTab, shift), Some(chord("shift-tab")));
        assert_eq!(event(KeyCode::BackTab, none), Some(chord("shift-tab")));
        assert_eq!(event(KeyCode::Tab, shift), Some(chord("shift-tab")));
        assert_eq!(event(KeyCode::PageDown, none), Some(chord("pagedown")));
        assert_eq!(event(KeyCode::F(12), none), Some(chord("f12")));
        assert_eq!(event(KeyCode::Up, ctrl), Some(chord("ctrl-up")));
        // Nothing a keymap can name.
        assert_eq!(event(KeyCode::F(13), none), None);
        assert_eq!(event(KeyCode::Null, none), None);
        assert_eq!(event(KeyCode::CapsLock, none), None);
        assert_eq!(event(KeyCode::Char('\u{1b}'), none), None);
        assert_eq!(event(KeyCode::Char('j'), KeyModifiers::SUPER), None);
        let mut release = KeyEvent::new(KeyCode::Char('j'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(KeyChord::from_event(&release), None);
        let mut repeat = KeyEvent::new(KeyCode::Char('j'), none);
        repeat.kind = KeyEventKind::Repeat;
        assert_eq!(KeyChord::from_event(&repeat), Some(chord("j")));
    }

    #[test]
    fn typed_characters() {
        assert_eq!(chord("G").typed_char(), Some('G'));
        assert_eq!(chord("space").typed_char(), Some(' '));
        assert_eq!(chord("ctrl-u").typed_char(), None);
        assert_eq!(chord("enter").typed_char(), None);
    }

    fn any_key() -> impl Strategy<Value = Key> {
        prop_oneof![
            any::<char>().prop_map(Key::Char),
            prop::sample::select(NAMED.iter().map(|(_, k)| *k).collect::<Vec<_>>()),
            (0u8..=20).prop_map(Key::F),
        ]
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,12}", raw in ".{0,12}") {
            let _ = KeyChord::parse(&text);
            let _ = KeyChord::parse(&raw);
            let _ = parse_sequence(&raw);
        }

        #[test]
        fn modifier_soup_never_panics(
            parts in prop::collection::vec(
                prop::sample::select(vec!["ctrl", "alt", "shift", "-", "--", "g", "G", "+", "f1",
                    "Ctrl", "c", "space", "", "é", "ß"]),
                0..6,
            ),
        ) {
            let text = parts.join("-");
            if let Ok(chord) = KeyChord::parse(&text) {
                prop_assert_eq!(KeyChord::parse(&chord.to_string()), Ok(chord));
            }
        }

        #[test]
        fn every_chord_display_parses_back(
            key in any_key(), ctrl: bool, alt: bool, shift: bool,
        ) {
            if let Some(chord) = KeyChord::new(key, ctrl, alt, shift) {
                let name = chord.to_string();
                prop_assert_eq!(KeyChord::parse(&name), Ok(chord), "{}", name);
                prop_assert_eq!(parse_sequence(&format!("{name} {name}")), Ok(vec![chord, chord]));
            }
        }
    }
}
