//! The modes of the workbench, each with its own section of a keymap file.

use std::fmt;
use std::str::FromStr;

/// Where the keyboard focus is; each mode has its own bindings (`[normal]`, `[picker]`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Browsing and labelling cases.
    Normal,
    /// A list to pick from (the service picker): typing narrows it.
    Picker,
    /// A one-line text input (amount, note).
    Prompt,
    /// The help overlay.
    Help,
    /// The counts panel has the focus: pick a count to drill into its cases.
    Panel,
}

impl Mode {
    /// Every mode, in the order of keymap files and of `casebench keys`.
    pub const ALL: [Mode; 5] = [
        Mode::Normal,
        Mode::Picker,
        Mode::Prompt,
        Mode::Help,
        Mode::Panel,
    ];

    /// The section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Picker => "picker",
            Mode::Prompt => "prompt",
            Mode::Help => "help",
            Mode::Panel => "panel",
        }
    }

    /// Looks a mode up by its section name (exact, lowercase).
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Position in [`Mode::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether printable characters that no binding claims are typed into an input in this
    /// mode (picker and prompt), rather than ignored.
    pub fn types_text(self) -> bool {
        matches!(self, Mode::Picker | Mode::Prompt)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown mode name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown mode {0:?}")]
pub struct UnknownMode(pub String);

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(s: &str) -> Result<Mode, UnknownMode> {
        Mode::from_name(s).ok_or_else(|| UnknownMode(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, mode) in Mode::ALL.into_iter().enumerate() {
            assert_eq!(mode.index(), i);
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
            assert_eq!(mode.to_string().parse::<Mode>(), Ok(mode));
        }
        assert_eq!(Mode::from_name("Normal"), None);
        assert_eq!(
            "nromal".parse::<Mode>(),
            Err(UnknownMode("nromal".to_string()))
        );
        assert!(Mode::Prompt.types_text() && !Mode::Help.types_text());
    }
}
